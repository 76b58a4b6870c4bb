#!/usr/bin/env bash
# `make bench`: the product against the baseline, side by side on the virtual board.
set -euo pipefail
cd "$(dirname "$0")/.."
exec /usr/bin/python3 bench/bench.py "$@"
