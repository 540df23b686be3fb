#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The whole test suite: installs what is missing, then builds and runs ctest five times:
#   build-test     Release, warnings as errors: unit tests (scalar, AVX2, AVX-512 where the CPU
#                  has it), C test, consumer projects, bench smoke, tour; on x86-64 the ISA audit
#                  and the unit tests on an emulated AVX2-only CPU (qemu-x86_64 -cpu Haswell);
#   build-asan     GCC's AddressSanitizer + UndefinedBehaviorSanitizer build of the unit and C tests;
#   build-clang    clang, warnings as errors, with AddressSanitizer and UndefinedBehaviorSanitizer
#                  (clang's enum and implicit-conversion checks too): the unit tests, and each
#                  libFuzzer target for 45 seconds (SIMDACT_FUZZ_SECONDS);
#   build-tsan     clang with ThreadSanitizer: the race test (tests/race_test.cpp);
#   build-aarch64  cross-built for AArch64, run under qemu-aarch64: scalar and NEON suites.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
jobs=$(nproc)

run_suite() {  # <build dir> <cmake options...>; TARGET: build only it; CTEST_ARGS: more for ctest
  local dir=$1
  shift
  echo "=== simdact: configure and build $dir"
  cmake -S . -B "$dir" -G Ninja -DSIMDACT_WERROR=ON -DSIMDACT_BUILD_TESTS=ON "$@"
  cmake --build "$dir" -j "$jobs" ${TARGET:+--target "$TARGET"}
  echo "=== simdact: ctest in $dir"
  ctest --test-dir "$dir" -j "$jobs" --output-on-failure --label-exclude exhaustive ${CTEST_ARGS:-}
}

run_suite build-test -DCMAKE_BUILD_TYPE=Release -DSIMDACT_BUILD_STATIC=ON -DSIMDACT_BUILD_TOUR=ON \
  -DSIMDACT_BUILD_BENCH=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_suite build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIMDACT_SANITIZE=ON -DSIMDACT_BUILD_TOUR=OFF \
  -DSIMDACT_BUILD_BENCH=OFF -DSIMDACT_TEST_CONSUMERS=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 CC=clang CXX=clang++ \
  run_suite build-clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIMDACT_SANITIZE=ON -DSIMDACT_FUZZ=ON \
  -DSIMDACT_BUILD_TOUR=OFF -DSIMDACT_BUILD_BENCH=OFF -DSIMDACT_TEST_CONSUMERS=OFF
CC=clang CXX=clang++ TARGET=simdact-race CTEST_ARGS="-R ^race$" run_suite build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSIMDACT_SANITIZE=thread -DSIMDACT_BUILD_TOUR=OFF -DSIMDACT_BUILD_BENCH=OFF \
  -DSIMDACT_TEST_CONSUMERS=OFF
run_suite build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake \
  -DCMAKE_BUILD_TYPE=Release -DSIMDACT_BUILD_BENCH=OFF -DSIMDACT_BUILD_TOUR=ON
echo "=== simdact: all test suites passed"
