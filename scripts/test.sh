#!/usr/bin/env bash
# The whole test suite: installs what is missing, then builds and runs ctest twice:
#   build-test  Release, warnings as errors: unit tests, C test, consumer projects, bench smoke;
#   build-asan  AddressSanitizer + UndefinedBehaviorSanitizer build of the unit and C tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
jobs=$(nproc)

run_suite() {  # <build dir> <cmake options...>
  local dir=$1
  shift
  echo "=== simdact: configure and build $dir"
  cmake -S . -B "$dir" -G Ninja -DSIMDACT_WERROR=ON -DSIMDACT_BUILD_TOUR=OFF "$@"
  cmake --build "$dir" -j "$jobs"
  echo "=== simdact: ctest in $dir"
  ctest --test-dir "$dir" -j "$jobs" --output-on-failure --label-exclude exhaustive
}

run_suite build-test -DCMAKE_BUILD_TYPE=Release -DSIMDACT_BUILD_STATIC=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_suite build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIMDACT_SANITIZE=ON \
  -DSIMDACT_BUILD_BENCH=OFF -DSIMDACT_TEST_CONSUMERS=OFF
echo "=== simdact: all test suites passed"
