#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Turns simdact_bench JSON output into a markdown table.

Usage: simdact_bench --benchmark_format=json --benchmark_out=run.json ...
       python3 bench/table.py run.json [more.json ...]   (later files add rows, e.g. a run with
                                                          ONEDNN_MAX_CPU_ISA=AVX2 renamed below)

For each function and size: ns per element for every simdact ISA and every peer (the best of the
repetitions where the run had --benchmark_repetitions), then
  vs peer: the fastest peer's ns/element divided by simdact's best (> 1: simdact is faster),
  vs copy: the copy baseline's ns/element divided by simdact's best (1: as fast as a copy);
  avx512 vs onednn, avx2 vs onednn-avx2: oneDNN's ns/element at that ISA divided by simdact's at
  the same ISA (> 1: simdact is faster), where both were timed.
Benchmarks that were skipped (an ISA the CPU lacks) show "skip".
"""
import json
import sys
from collections import defaultdict

ISAS = ["scalar", "avx2", "avx512", "neon"]
PEERS = ["onednn", "onednn-avx2", "xnnpack", "eigen", "naive"]


def elements(size):
    if "x" in size:
        rows, cols = size.split("x")
        return int(rows) * int(cols)
    return int(size)


def load(paths):
    rows = defaultdict(dict)  # (function, size) -> column -> ns/element or "skip"
    copy = {}  # elements -> best copy ns/element
    context = {}
    for path in paths:
        with open(path) as f:
            run = json.load(f)
        context = context or run.get("context", {})
        suffix = "-avx2" if "onednn_avx2" in path else ""
        for b in run["benchmarks"]:
            if b.get("run_type") == "aggregate":  # mean/median/stddev rows of repetitions
                continue
            parts = b["name"].split("/")
            value = "skip" if b.get("error_occurred") else 1e9 / b["items_per_second"]
            if parts[0] == "copy":
                n = elements(parts[2])
                copy[n] = min(copy.get(n, value), value)
                continue
            who, fn, variant, size = parts[:4]
            column = variant if who == "simdact" else who + suffix
            previous = rows[(fn, size)].get(column)
            if isinstance(previous, float) and isinstance(value, float):
                value = min(previous, value)  # repetitions: the best one
            rows[(fn, size)][column] = value
    return rows, copy, context


def nearest_copy(copy, n):
    return copy[min(copy, key=lambda c: abs(c - n))] if copy else None


def fmt(v):
    return v if isinstance(v, str) else f"{v:.3f}"


def main(paths):
    rows, copy, context = load(paths)
    isas = [i for i in ISAS if any(i in r for r in rows.values())]
    peers = [p for p in PEERS if any(p in r for r in rows.values())]
    print(f"Machine: {context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz;"
          f" simdact CPU features: {context.get('simdact_cpu_features', '?')}."
          " Times in ns per element (lower is better).\n")
    same_isa = [(i, p) for i, p in (("avx512", "onednn"), ("avx2", "onednn-avx2"))
                if i in isas and p in peers]
    header = ["function", "n"] + isas + peers + ["best ISA", "vs fastest peer", "vs copy"]
    header += [f"{i} vs {p}" for i, p in same_isa]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for (fn, size) in sorted(rows, key=lambda k: (k[0], elements(k[1]))):
        r = rows[(fn, size)]
        ours = {i: r[i] for i in isas if isinstance(r.get(i), float)}
        best_isa = min(ours, key=ours.get) if ours else None
        best = ours.get(best_isa)
        timed_peers = [r[p] for p in peers if p != "naive" and isinstance(r.get(p), float)]
        vs_peer = f"{min(timed_peers) / best:.2f}x" if best and timed_peers else "-"
        c = nearest_copy(copy, elements(size))
        vs_copy = f"{c / best:.2f}" if best and c else "-"
        cells = [fn, size] + [fmt(r.get(i, "-")) for i in isas] + [fmt(r.get(p, "-")) for p in peers]
        cells += [best_isa or "-", vs_peer, vs_copy]
        cells += [f"{r[p] / r[i]:.2f}x" if isinstance(r.get(i), float) and isinstance(r.get(p), float)
                  else "-" for i, p in same_isa]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
