#!/usr/bin/env bash
# Second Quickstart command: installs the engines, the test dependencies and
# this project into ./.venv, then runs the whole test suite on both backends.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh requirements-test.txt
PYTHON="$PWD/.venv/bin/python" bash tests/run_all.sh "$@"
