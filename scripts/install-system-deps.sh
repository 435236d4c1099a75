#!/usr/bin/env bash
# Optional system libraries: a BLAS for PyTensor's compiled graphs and Graphviz
# for keras.utils.plot_model. Installed with apt-get when we are root on a
# Debian-like system; otherwise prints what to install and carries on.
set -u
packages="libopenblas-dev graphviz"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    missing=""
    for p in $packages; do
        dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing) >/dev/null 2>&1 \
            || echo "note: could not install$missing (PyTensor runs without a BLAS, slower)"
    fi
else
    echo "note: for speed install a BLAS and Graphviz, e.g. apt-get install $packages"
fi
