#!/usr/bin/env bash
# Builds a firmware image and prints its flash and static RAM; fails when it does not
# fit the STM32F446RE (512 KiB flash, 128 KiB SRAM less the 2 KiB stack reserve).
set -euo pipefail
build=$1 name=$2
cmake --build "$build" --target "$name" >/dev/null
read -r text data bss _ < <(arm-none-eabi-size "$build/$name.elf" | tail -1)
flash=$((text + data)) ram=$((data + bss))
echo "$name.elf: flash $flash bytes (text $text + data $data), static RAM $ram bytes (data $data + bss $bss)"
(( flash <= 512 * 1024 )) || { echo "flash image too large for the chip" >&2; exit 1; }
(( ram + 2048 <= 128 * 1024 )) || { echo "static RAM leaves no room for the stack" >&2; exit 1; }
