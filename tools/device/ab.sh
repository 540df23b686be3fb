#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# On the lent machine, from the repository root: the packed benchmark (.dev, tools/device/pack.sh
# given other build folders) run alternately with this build's library ("this") and each other
# build's (.dev/lib-<name>), on one core; prints each row's best time per library and, per other
# library, its time over this one's (above 1: this build is faster).
#   [CORE=2] bash .dev/ab.sh "<benchmark filter>" [repetitions]        (default 3)
set -euo pipefail
export OMP_NUM_THREADS=1  # else the bench re-executes itself, as the loader, without our paths
tmp=$(mktemp -d)
names=(this)
for d in .dev/lib-*; do names+=("${d#.dev/lib-}"); done
for rep in $(seq "${2:-3}"); do
  for v in "${names[@]}"; do
    libs=.dev/lib
    [ "$v" != this ] && libs=.dev/lib-$v:.dev/lib
    taskset -c "${CORE:-2}" .dev/lib/ld-linux-x86-64.so.2 --library-path "$libs" \
      .dev/bin/simdact_bench --benchmark_filter="$1" --benchmark_min_time=0.2 \
      --benchmark_format=json --benchmark_out="$tmp/$v.$rep.json" >/dev/null
  done
done
python3 - "$tmp" "${names[@]}" <<'PY'
import glob, json, sys
tmp, names = sys.argv[1], sys.argv[2:]
best = {}
for v in names:
    for f in glob.glob(f"{tmp}/{v}.*.json"):
        for b in json.load(open(f))["benchmarks"]:
            best[b["name"], v] = min(best.get((b["name"], v), float("inf")), b["real_time"])
others = names[1:]
print("| row | " + " | ".join(names) + " | " + " | ".join(f"{o}/this" for o in others) + " |")
print("|---" * (1 + len(names) + len(others)) + "|")
for row in sorted({k[0] for k in best}):
    t = [best[row, v] for v in names]
    print(f"| {row} | " + " | ".join(f"{x:.0f}" for x in t) + " | " +
          " | ".join(f"{best[row, o] / t[0]:.3f}" for o in others) + " |")
PY
rm -rf "$tmp"
