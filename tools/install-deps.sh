#!/usr/bin/env bash
# Installs the Debian packages a target needs, only those missing, so that a fresh
# Debian 12 machine can run every Makefile target with nothing done by hand.
# Usage: tools/install-deps.sh GROUP...   (groups: firmware host flash bench mutants)
set -euo pipefail

declare -A groups=(
  [firmware]="cmake make gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib"
  [host]="cmake make g++ pkg-config libgtest-dev libunicorn-dev libelf-dev libcli11-dev libpng-dev libgif-dev libpugixml-dev nlohmann-json3-dev libyaml-cpp-dev clang-tidy cppcheck sigrok-cli gdb-multiarch"
  [flash]="openocd stlink-tools gdb-multiarch"
  [bench]="python3 gnuplot-nox"
  [mutants]="python3 python3-yaml"
)

wanted=()
for group in "$@"; do
  [[ -n "${groups[$group]:-}" ]] || { echo "install-deps: unknown group '$group'" >&2; exit 2; }
  for pkg in ${groups[$group]}; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || wanted+=("$pkg")
  done
done
[[ ${#wanted[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${wanted[*]}"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${wanted[@]}"
