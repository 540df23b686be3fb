#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Packs the test, benchmark and exhaustive binaries of a build folder, with every shared library
# they load (glibc's loader included), into .dev/ so that they run on a machine that has none of
# our dependencies installed (the lent Intel AVX-512 machine): see tools/device/run.sh.
#   tools/device/pack.sh [build-folder [name=other-build-folder ...]]     (default: build)
# Each other build's libsimdact goes to .dev/lib-<name>, for ab.sh's comparison with this one.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
rm -rf .dev && mkdir -p .dev/bin .dev/lib
bins=("$build/tests/simdact_tests" "$build/tests/simdact-exhaustive" "$build/tests/simdact_c_api_test"
      "$build/tests/simdact-softmax-accuracy" "$build/bench/simdact_bench" "$build/tour/simdact-tour")
cp "${bins[@]}" .dev/bin/
for b in "${bins[@]}"; do ldd "$b" | awk '/=> \//{print $3} /ld-linux/{print $1}'; done | sort -u |
  while read -r lib; do cp -L "$lib" .dev/lib/; done
for other in "${@:2}"; do
  mkdir -p ".dev/lib-${other%%=*}" && cp -L "${other#*=}"/src/libsimdact.so ".dev/lib-${other%%=*}/"
done
cp bench/table.py tools/device/run.sh tools/device/ab.sh .dev/
grep -qx '/.dev/' .git/info/exclude 2>/dev/null || echo '/.dev/' >>.git/info/exclude
du -sh .dev
