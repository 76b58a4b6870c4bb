#!/usr/bin/env bash
# `make sim`: the live virtual board in a terminal; without one, a short demo run.
set -euo pipefail
sim=$1 elf=$2
if [[ ! -x $sim ]]; then
  echo "run-sim: $sim was not built" >&2
  exit 1
fi
if [[ -t 0 && -t 1 ]]; then
  exec "$sim" "$elf" --live
fi
exec "$sim" "$elf" --demo
