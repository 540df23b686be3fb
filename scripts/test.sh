#!/usr/bin/env bash
# The whole test suite: installs what is missing, then builds and runs ctest four times:
#   build-test     Release, warnings as errors: unit tests (scalar, AVX2, AVX-512 where the CPU
#                  has it), C test, consumer projects, bench smoke, tour;
#   build-asan     AddressSanitizer + UndefinedBehaviorSanitizer build of the unit and C tests;
#   build-clang    the library and unit tests built by clang (warnings as errors there too);
#   build-aarch64  cross-built for AArch64, run under qemu-aarch64: scalar and NEON suites.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
jobs=$(nproc)

run_suite() {  # <build dir> <cmake options...>
  local dir=$1
  shift
  echo "=== simdact: configure and build $dir"
  cmake -S . -B "$dir" -G Ninja -DSIMDACT_WERROR=ON "$@"
  cmake --build "$dir" -j "$jobs"
  echo "=== simdact: ctest in $dir"
  ctest --test-dir "$dir" -j "$jobs" --output-on-failure --label-exclude exhaustive
}

run_suite build-test -DCMAKE_BUILD_TYPE=Release -DSIMDACT_BUILD_STATIC=ON -DSIMDACT_BUILD_TOUR=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_suite build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIMDACT_SANITIZE=ON -DSIMDACT_BUILD_TOUR=OFF \
  -DSIMDACT_BUILD_BENCH=OFF -DSIMDACT_TEST_CONSUMERS=OFF
CC=clang CXX=clang++ run_suite build-clang -DCMAKE_BUILD_TYPE=Release -DSIMDACT_BUILD_TOUR=OFF \
  -DSIMDACT_BUILD_BENCH=OFF -DSIMDACT_TEST_CONSUMERS=OFF
run_suite build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake \
  -DCMAKE_BUILD_TYPE=Release -DSIMDACT_BUILD_BENCH=OFF -DSIMDACT_BUILD_TOUR=ON
echo "=== simdact: all test suites passed"
