#!/usr/bin/env bash
# On the lent machine, from the repository root: the packed benchmark (.dev, tools/device/pack.sh
# given two build folders) run alternately with the other build's library (A, .dev/libA) and its
# own (B), on one core; prints each row's best time of each and A/B (above 1: B is faster).
#   [CORE=2] bash .dev/ab.sh "<benchmark filter>" [repetitions]        (default 3)
set -euo pipefail
export OMP_NUM_THREADS=1  # else the bench re-executes itself, as the loader, without our paths
tmp=$(mktemp -d)
for rep in $(seq "${2:-3}"); do
  for v in A B; do
    libs=.dev/lib
    [ $v = A ] && libs=.dev/libA:.dev/lib
    taskset -c "${CORE:-2}" .dev/lib/ld-linux-x86-64.so.2 --library-path $libs .dev/bin/simdact_bench \
      --benchmark_filter="$1" --benchmark_min_time=0.2 --benchmark_format=json \
      --benchmark_out="$tmp/${v}_$rep.json" >/dev/null
  done
done
python3 - "$tmp" <<'PY'
import glob, json, sys
best = {}
for f in glob.glob(sys.argv[1] + "/*.json"):
    v = f.rsplit("/", 1)[1][0]
    for b in json.load(open(f))["benchmarks"]:
        best[b["name"], v] = min(best.get((b["name"], v), float("inf")), b["real_time"])
print("| row | A | B | A/B |\n|---|---|---|---|")
for name in sorted({k[0] for k in best}):
    a, b = best[name, "A"], best[name, "B"]
    print(f"| {name} | {a:.0f} | {b:.0f} | {a / b:.3f} |")
PY
rm -rf "$tmp"
