#!/usr/bin/env bash
# Static analysis (clang-tidy and cppcheck) of the given source trees, compiled for the
# host: every .cpp, and every .hpp that no .cpp of the tree includes as a translation unit
# of its own, so a header is checked even when no source includes it (an included one is
# checked with its includer: HeaderFilterRegex). A tree's checks are in its .clang-tidy.
# Usage: tools/static-analysis.sh PATH...   (default: firmware). Exit 1 on any finding.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
paths=("$@")
[[ ${#paths[@]} -gt 0 ]] || paths=(firmware)
# Clang 14 rejects a consteval call made from a template with a template argument
# (fixed in later versions; GCC accepts it): the analysis reads consteval as constexpr.
flags=(-std=c++20 -I"$root" -I"$root/firmware" -Wall -Wextra -Dconsteval=constexpr)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
jobs=$(nproc)

for path in "${paths[@]}"; do
  config=$path/.clang-tidy
  [[ -f $config ]] || config=$root/firmware/.clang-tidy
  # The virtual board's libraries: the include paths of those that sim/core and sim/front
  # find with pkg-config (libpng's is a folder of its own), as system headers like CMake
  # gives them, so that their macros' insides are not findings of ours; yaml-cpp, CLI11,
  # nlohmann-json and giflib, found by CMake config files, keep theirs in /usr/include.
  tree_flags=()
  if [[ $path == sim || $path == sim/* ]]; then
    cflags=$(pkg-config --cflags unicorn libelf libpng)
    for flag in $cflags; do
      if [[ $flag == -I* ]]; then tree_flags+=(-isystem "${flag#-I}"); else tree_flags+=("$flag"); fi
    done
  fi
  units=()
  while IFS= read -r file; do
    if [[ $file == *.hpp ]]; then
      # Included as "sim/core/machine.hpp" or, in the firmware, as "app/screen.hpp".
      if grep -rqsF -e "#include \"$file\"" -e "#include \"${file#firmware/}\"" --include='*.cpp' "$path"; then
        continue
      fi
      unit=$scratch/$(echo "$file" | tr '/' '_').cpp
      echo "#include \"$root/$file\"" >"$unit"
      units+=("$unit")
    else
      units+=("$root/$file")
    fi
  done < <(find "$path" -name '*.cpp' -o -name '*.hpp' | sort)
  echo "clang-tidy: ${#units[@]} units under $path, $jobs at a time"
  # One clang-tidy per unit, $jobs at once; each prints its findings whole when it ends.
  # xargs appends the unit after the flags.
  printf '%s\0' "${units[@]}" | CONFIG=$config xargs -0 -P "$jobs" -n 1 bash -c '
    unit=${!#}
    out=$(clang-tidy --quiet --config-file="$CONFIG" "$unit" -- "${@:1:$#-1}" 2>&1) || {
      echo "$out" | grep -v "warnings generated" >&2
      exit 1
    }' _ "${flags[@]}" "${tree_flags[@]}" || status=1
  echo "cppcheck: $path"
  cppcheck --enable=warning,performance,portability --std=c++20 --inline-suppr --error-exitcode=1 \
    -I "$root" -I "$root/firmware" --suppress=missingIncludeSystem --quiet \
    --template='{file}:{line}: {severity} {id}: {message}' "$path" || status=1
done
exit $status
