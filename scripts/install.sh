#!/usr/bin/env bash
# Installs the engines and this project into ./.venv.
#
# Order matters: TensorFlow depends on Keras 3 (distribution name `keras`), so
# the engines go first and this project last, with --no-deps, replacing
# Keras 3. pip then reports a dependency conflict ("tensorflow ... requires
# keras>=3..., but you have keras 2.3.1.x"): that is expected.
# Extra arguments name more requirement files (e.g. requirements-test.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh || true
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv 2>/dev/null || {
        # Debian's system Python keeps venv in a separate package.
        apt-get install -y -qq python3-venv >/dev/null 2>&1 || true
        rm -rf .venv && python3 -m venv .venv
    }
fi
pip=".venv/bin/pip"
"$pip" install -q --upgrade pip
reqs=(-r requirements.txt)
for extra in "$@"; do reqs+=(-r "$extra"); done
# The exact versions CI tested (constraints.txt), unless told otherwise.
if [ "${KERAS_NO_CONSTRAINTS:-0}" != "1" ]; then reqs+=(-c constraints.txt); fi
"$pip" install -q "${reqs[@]}"
"$pip" install -q --no-deps --force-reinstall . 2>&1 | grep -v "dependency conflicts\|requires keras\|^$" || true
.venv/bin/python -c "import keras, sys; print('keras', keras.__version__, 'from', keras.__file__); sys.exit(0 if keras.__version__.startswith('2.') else 1)"
