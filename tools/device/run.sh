#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs on the lent machine, from the repository root, what tools/device/pack.sh packed:
# the AVX-512 (and AVX2) test suites sharded over every core, an exhaustive sweep of the named
# activations (correctness first: a run cut short by the device's time limit still has it), the
# benchmarks on one core (oneDNN at its best ISA and capped to AVX2), then a comparison of this
# build with the other library builds pack.sh was given (ab.sh).
#   bash .dev/run.sh "<benchmark filter>" "<exhaustive args>[; <more args>...]" ["<A/B filter>"]
# (results under $OUT; an empty filter runs no benchmarks: bash .dev/run.sh '' '' for the tests,
# the C test, the softmax accuracy histogram and the tour alone, a few seconds)
set -uo pipefail
out=${OUT:-/tmp/out}; mkdir -p "$out"
run() { .dev/lib/ld-linux-x86-64.so.2 --library-path .dev/lib "$@"; }
grep -m1 'model name' /proc/cpuinfo; nproc
grep -o -w -E 'avx2|fma|avx512f|avx512dq|avx512bw|avx512vl' /proc/cpuinfo | sort | uniq -c
cores=$(nproc)
t0=$(date +%s)
for i in $(seq 0 $((cores - 1))); do
  GTEST_TOTAL_SHARDS=$cores GTEST_SHARD_INDEX=$i run .dev/bin/simdact_tests --gtest_brief=1 \
    >"$out/shard$i.log" 2>&1 &
done
wait
cat "$out"/shard*.log >"$out/tests.log"; rm "$out"/shard*.log
grep -E '^\[  (PASSED|FAILED|SKIPPED) ' "$out/tests.log" | sort | uniq -c | head -20
grep -E 'FAILED|Failure' "$out/tests.log" | head -30
grep -E 'avx512.*max ULP|max ULP.*avx512' "$out/tests.log" | head -40
run .dev/bin/simdact_c_api_test && echo "c api test passed"
run .dev/bin/simdact-softmax-accuracy | tee "$out/softmax-accuracy.md"
run .dev/bin/simdact-tour --no-speed | head -40
echo "tests: $(( $(date +%s) - t0 )) s"
# One sweep per ';'-separated argument list (e.g. "sigmoid tanh avx512; swish avx512 param=1.702").
IFS=';' read -ra sweeps <<<"${2:-}"
t0=$(date +%s) swept=0
for sweep_args in "${sweeps[@]}"; do
  [ -n "${sweep_args// /}" ] || continue  # blank: no sweep
  echo "## simdact-exhaustive $sweep_args" | tee -a "$out/exhaustive.md"
  run .dev/bin/simdact-exhaustive $sweep_args | tee -a "$out/exhaustive.md"
  swept=1
done
[ $swept = 0 ] || echo "exhaustive: $(( $(date +%s) - t0 )) s"
export OMP_NUM_THREADS=1
if [ -n "${1:-}" ]; then  # an empty filter: no benchmarks (tests and sweeps only)
  t0=$(date +%s)
  taskset -c 2 .dev/lib/ld-linux-x86-64.so.2 --library-path .dev/lib .dev/bin/simdact_bench \
    --benchmark_filter="$1" --benchmark_min_time=0.2 --benchmark_format=json \
    --benchmark_out="$out/bench.json" >/dev/null
  ONEDNN_MAX_CPU_ISA=AVX2 taskset -c 2 .dev/lib/ld-linux-x86-64.so.2 --library-path .dev/lib \
    .dev/bin/simdact_bench --benchmark_filter='^onednn/' --benchmark_min_time=0.2 \
    --benchmark_format=json --benchmark_out="$out/bench_onednn_avx2.json" >/dev/null
  python3 .dev/table.py "$out/bench.json" "$out/bench_onednn_avx2.json" | tee "$out/table.md"
  echo "bench: $(( $(date +%s) - t0 )) s"
fi
if [ -n "${3:-}" ] && compgen -G ".dev/lib-*" >/dev/null; then
  t0=$(date +%s)
  bash .dev/ab.sh "$3" 3 | tee "$out/ab.md"
  echo "A/B: $(( $(date +%s) - t0 )) s"
fi
