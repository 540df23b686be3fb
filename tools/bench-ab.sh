#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A/B speed comparison of two build trees on a noisy machine: runs each tree's simdact_bench
# alternately (A, B, A, B, ...) on the benchmarks matching a filter, and prints per benchmark the
# best ns/element of each and A/B (> 1: B is faster). Each tree must be built whole: the bench
# binary loads its own tree's libsimdact.so (RUNPATH), so copying binaries compares one library.
#   tools/bench-ab.sh <tree A> <tree B> <benchmark filter regex> [repetitions, default 4]
# e.g. git worktree add /tmp/base HEAD~1 && cmake -S /tmp/base -B /tmp/base/build ... && \
#      tools/bench-ab.sh /tmp/base . '^simdact/gelu/avx2/(4096|262144)$' 6
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,8p' "$0"; exit 2; }
a=$1 b=$2 filter=$3 reps=${4:-4}
for t in "$a" "$b"; do
  [ -x "$t/build/bench/simdact_bench" ] || { echo "no $t/build/bench/simdact_bench" >&2; exit 2; }
done
for _ in $(seq "$reps"); do
  for side in A B; do
    tree=$a
    [ $side = B ] && tree=$b
    "$tree/build/bench/simdact_bench" --benchmark_filter="$filter" --benchmark_min_time=0.15 \
      2>/dev/null | awk -v side=$side '
        /^(simdact|onednn|xnnpack|eigen|copy|naive)\// {
          split($1, part, "/"); shape = part[length(part)]; n = shape
          if (shape ~ /x/) { split(shape, rc, "x"); n = rc[1] * rc[2] }
          printf "%s %s %.4f\n", side, $1, $2 / n }'
  done
done | awk '
  { if (!(($1, $2) in best) || $3 < best[$1, $2]) best[$1, $2] = $3; names[$2] = 1 }
  END {
    for (k in names) printf "%-44s %9.3f %9.3f %7.2f\n", k, best["A", k], best["B", k], best["A", k] / best["B", k]
  }' | sort | { printf "%-44s %9s %9s %7s\n" "benchmark (best ns/element)" A B A/B; cat; }
