#!/usr/bin/env bash
# First Quickstart command: installs the project with both engines into ./.venv
# and trains the demo model.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/python examples/quickstart_mlp.py
