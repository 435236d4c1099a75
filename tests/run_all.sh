#!/usr/bin/env bash
# Runs the whole test suite on both backends.
#   1. TensorFlow: every test, including tests/backend, which itself runs each
#      backend function on both engines against the NumPy reference.
#   2. PyTensor (backend name `theano`): every test except tests/backend.
# Extra arguments are passed to pytest (e.g. `-x`, `-k name`).
set -u
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export KERAS_HOME="${KERAS_HOME:-$(mktemp -d)}"
python=${PYTHON:-python}

echo "=== tests on the tensorflow backend ==="
KERAS_BACKEND=tensorflow "$python" -m pytest -q "$@" tests
tf_status=$?

echo "=== tests on the theano (PyTensor) backend ==="
KERAS_BACKEND=theano "$python" -m pytest -q --ignore=tests/backend "$@" tests
th_status=$?

echo "tensorflow run exit status: $tf_status, theano run exit status: $th_status"
[ "$tf_status" -eq 0 ] && [ "$th_status" -eq 0 ]
