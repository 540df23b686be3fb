#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Turns simdact_bench JSON output into a markdown table.

Usage: simdact_bench --benchmark_format=json --benchmark_out=run.json ...
       python3 bench/table.py run.json [more.json ...]   (later files add rows, e.g. a run with
                                                          ONEDNN_MAX_CPU_ISA=AVX2 renamed below)
       python3 bench/table.py run.json ... --doc docs/performance.md --machine "AMD EPYC Zen 5"
           --commit <rev> --command "<the bench command>"
         writes the table into the document as its section "## <machine>" (replacing that
         machine's previous one, or appended): the latest table per machine lives in docs/, the
         raw JSON stays out of the repository.

For each function and size: ns per element for every simdact ISA and every peer (the best of the
repetitions where the run had --benchmark_repetitions), then
  vs peer: the fastest peer's ns/element divided by simdact's best accurate ISA (> 1: simdact is
           faster; the naive loop, which is no peer, left out),
  fast vs peer: the same for the AVX-512 fast tier (against every peer), and avx2-fast vs avx2
           peers for the AVX2 fast tier against the peers' AVX2 forms (oneDNN capped, Eigen and
           the -ffast-math loop built without AVX-512),
  vs copy: the copy baseline's ns/element divided by simdact's best (1: as fast as a copy);
  avx512 vs onednn, avx2 vs onednn-avx2: oneDNN's ns/element at that ISA divided by simdact's at
  the same ISA (> 1: simdact is faster), where both were timed.
Benchmarks that were skipped (an ISA the CPU lacks) show "skip".
Where the run has the gated activations' unfused pairs (simdact/<name>/<isa>-unfused), a second
table: per ISA the fused kernel, the unfused pair (the activation's call, then a multiply loop),
the fast tier and oneDNN's pair (eltwise, then binary mul) at that ISA, with fused vs unfused and
fused vs oneDNN (> 1: fused is faster).
"""
import json
import sys
from collections import defaultdict

ISAS = ["scalar", "avx2", "avx512", "neon"]  # the accurate tier
FAST = ["avx2-fast", "avx512-fast", "neon-fast"]  # the fast tier's rows
PEERS = ["onednn", "onednn-avx2", "xnnpack", "eigen", "eigen-avx2", "fastmath", "fastmath-avx2",
         "naive"]
# The peers in their AVX2 forms, for the AVX2 fast tier's comparison (XNNPACK picks its own ISA).
AVX2_PEERS = ["onednn-avx2", "eigen-avx2", "fastmath-avx2"]


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


def table_lines(paths):
    rows, copy, context = load(paths)
    isas = [i for i in ISAS if any(i in r for r in rows.values())]
    fast = [i for i in FAST if any(i in r for r in rows.values())]
    peers = [p for p in PEERS if any(p in r for r in rows.values())]
    lines = [f"Machine: {context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz;"
             f" simdact CPU features: {context.get('simdact_cpu_features', '?')}."
             " Times in ns per element (lower is better).", ""]
    same_isa = [(i, p) for i, p in (("avx512", "onednn"), ("avx2", "onednn-avx2"))
                if i in isas and p in peers]
    header = ["function", "n"] + isas + fast + peers + ["best ISA", "vs fastest peer"]
    fast_ratios = [("avx512-fast", peers, "avx512-fast vs fastest peer"),
                   ("avx2-fast", [p for p in AVX2_PEERS if p in peers], "avx2-fast vs avx2 peers")]
    fast_ratios = [f for f in fast_ratios if f[0] in fast]
    header += [title for _, _, title in fast_ratios] + ["vs copy"]
    header += [f"{i} vs {p}" for i, p in same_isa]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for (fn, size) in sorted(rows, key=lambda k: (k[0], elements(k[1]))):
        r = rows[(fn, size)]
        ours = {i: r[i] for i in isas if isinstance(r.get(i), float)}
        best_isa = min(ours, key=ours.get) if ours else None
        best = ours.get(best_isa)
        timed_peers = [r[p] for p in peers if p != "naive" and isinstance(r.get(p), float)]
        vs_peer = f"{min(timed_peers) / best:.2f}x" if best and timed_peers else "-"
        c = nearest_copy(copy, elements(size))
        vs_copy = f"{c / best:.2f}" if best and c else "-"
        cells = [fn, size] + [fmt(r.get(i, "-")) for i in isas + fast]
        cells += [fmt(r.get(p, "-")) for p in peers] + [best_isa or "-", vs_peer]
        for key, among, _ in fast_ratios:
            theirs = [r[p] for p in among if p != "naive" and isinstance(r.get(p), float)]
            ours_fast = r.get(key)
            cells.append(f"{min(theirs) / ours_fast:.2f}x"
                         if theirs and isinstance(ours_fast, float) else "-")
        cells.append(vs_copy)
        cells += [f"{r[p] / r[i]:.2f}x" if isinstance(r.get(i), float) and isinstance(r.get(p), float)
                  else "-" for i, p in same_isa]
        lines.append("| " + " | ".join(cells) + " |")
    return lines + gated_lines(rows), context


def gated_lines(rows):
    """The gated activations' table (see the top), or [] where the run has none."""
    names = sorted({fn for (fn, _), r in rows.items() if any(k.endswith("-unfused") for k in r)})
    if not names:
        return []
    pairs = [("avx512", "onednn"), ("avx2", "onednn-avx2")]
    header = ["gated", "n"]
    for isa, _ in pairs:
        header += [f"{isa} fused", f"{isa} unfused", f"{isa}-fast", f"oneDNN {isa} pair",
                   f"{isa} fused vs unfused", f"{isa} fused vs oneDNN"]
    lines = ["", "Gated activations, fused (ns per element of the output; the unfused pair is "
             "simdact's activation then a multiply loop, oneDNN's is its eltwise then binary mul):",
             "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for fn in names:
        for (f, size) in sorted((k for k in rows if k[0] == fn), key=lambda k: elements(k[1])):
            r = rows[(f, size)]
            cells = [fn, size]
            for isa, peer in pairs:
                fused, unfused = r.get(isa), r.get(f"{isa}-unfused")
                theirs = r.get(peer)
                ratio = (lambda a, b: f"{a / b:.2f}x"
                         if isinstance(a, float) and isinstance(b, float) else "-")
                cells += [fmt(fused or "-"), fmt(unfused or "-"), fmt(r.get(f"{isa}-fast", "-")),
                          fmt(theirs or "-"), ratio(unfused, fused), ratio(theirs, fused)]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def write_section(doc, machine, commit, command, lines, context):
    """Replaces (or appends) the section "## <machine>" of doc with this run's table."""
    with open(doc, encoding="utf-8") as f:
        text = f.read().split("\n")
    title = f"## {machine}"
    section = [title, "", f"Commit {commit}, run {context.get('date', '?')[:10]}: `{command}`.", ""]
    section += lines + [""]
    if title in text:
        start = text.index(title)
        end = next((i for i in range(start + 1, len(text)) if text[i].startswith("## ")), len(text))
        text[start:end] = section
    else:
        text += [""] + section if text and text[-1] else section
    with open(doc, "w", encoding="utf-8") as f:
        f.write("\n".join(text).rstrip("\n") + "\n")


def main():
    import argparse
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("json", nargs="+")
    parser.add_argument("--doc", help="write the table into this Markdown file")
    parser.add_argument("--machine", help="the section's title: the machine (with --doc)")
    parser.add_argument("--commit", default="?", help="the benchmarked commit (with --doc)")
    parser.add_argument("--command", default="build/bench/simdact_bench", help="(with --doc)")
    args = parser.parse_args()
    lines, context = table_lines(args.json)
    if args.doc:
        if not args.machine:
            sys.exit("--doc needs --machine")
        write_section(args.doc, args.machine, args.commit, args.command, lines, context)
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main()
