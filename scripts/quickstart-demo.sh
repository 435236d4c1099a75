#!/usr/bin/env bash
# First Quickstart command: installs the project with both engines into ./.venv
# and runs the flagship demo: an attentional NMT model trained, beam-decoded
# and scored with BLEU (extra arguments go to the demo, e.g. --backend theano).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh requirements-examples.txt
.venv/bin/python examples/nmt_attention.py "$@"
