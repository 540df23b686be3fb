#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""How far a kernel's loop is from the port-bound minimum of its instruction mix (AMD Zen 4).

The VMs this project runs on expose no performance counters, so this reads the compiled loop
instead: it disassembles a kernel from the library, takes its main loop (the backward branch
whose body holds the most vector instructions), divides the instructions among the loop's
batches (its vector stores to y), and computes the fewest cycles per batch that the FP pipes,
the divider and the load/store ports allow. Compare with the measured cycles per batch
(tools/lib-ab's tsc per 8 elements times W / 8, times the core clock over the tsc's).

Usage:
  tools/port-bound.py LIB 'elementwise_interleaved<xsimd::avx512f, simdact::avx512::kernels::gelu::fast>'
  tools/port-bound.py LIB SYMBOL --tsc 8.55       # also: measured tsc per 8 elements
  tools/port-bound.py --clock                     # core cycles per tsc tick (a vaddps chain)
SYMBOL is a substring of the demangled name (the first function that has it is taken).

The pipe model (Zen 4, measured with a throughput microbenchmark on an AMD EPYC family 25 model
17; see docs/performance-notes.md): four FP pipes P0-P3, each 256 bits wide; a zmm
instruction holds its pipe two cycles, a ymm one. FMA, multiply, compare into a mask register,
rcp14, vpermt2ps: P0 or P1; vscalefps: one pipe of those; add, subtract, min, max, conversions,
rounding, shifts, AVX2 compares into vectors: P2 or P3; vpermps and other lane permutes: P1 or
P2; logic, integer add, min and max, blends with a mask: any pipe; AVX2's vblendvps: P0 or P1;
register moves: none (renamed). vdivps: the divider, 6 cycles per zmm and 3 per ymm, and it holds
P0 or P1 for 4 (zmm) or 2 (ymm) cycles. Loads: two 256-bit per cycle; stores: one
256-bit per cycle. The bound is the largest, over every set S of pipes, of the cycles of the
instructions that can only run in S divided by |S| (exact for such a fractional assignment), and
of the divider's and the load and store ports' cycles.
"""
import argparse
import itertools
import os
import re
import subprocess
import sys
import tempfile

P01, P23, P12, ANY, P0 = {0, 1}, {2, 3}, {1, 2}, {0, 1, 2, 3}, {0}

# Mnemonic prefix -> allowed pipes (longest prefix wins); None: no FP pipe (moves, loads).
CLASSES = [
    ("vfmadd", P01), ("vfmsub", P01), ("vfnmadd", P01), ("vfnmsub", P01), ("vmul", P01),
    ("vrcp14", P01), ("vrsqrt14", P01), ("vrcp", P01), ("vscalef", P0),
    ("vpermt2", P01), ("vpermi2", P01), ("vblendv", P01),
    ("vadd", P23), ("vsub", P23), ("vmax", P23), ("vmin", P23), ("vcvt", P23),
    ("vrndscale", P23), ("vround", P23), ("vpsrl", P23), ("vpsll", P23), ("vpsra", P23),
    ("vgetexp", P23), ("vgetmant", P23),
    ("vperm", P12), ("vshuf", P12), ("vunpck", P12), ("vinsert", P12), ("vextract", P12),
    ("vbroadcast", P12), ("vpbroadcast", P12), ("vpshufb", P12), ("vmovsh", P12),
    ("vand", ANY), ("vor", ANY), ("vxor", ANY), ("vpand", ANY), ("vpor", ANY), ("vpxor", ANY),
    ("vpternlog", ANY), ("vpadd", ANY), ("vpsub", ANY), ("vblendm", ANY), ("vpblendm", ANY),
    ("vpmin", ANY), ("vpmax", ANY), ("vfixupimm", ANY), ("vpmovm2", ANY), ("vpmovd2m", ANY),
    ("vmovaps", None), ("vmovups", None), ("vmovdqa", None), ("vmovdqu", None),  # renamed away
]
# vdivps and vsqrtps: the divider's cycles, and the pipe cycles they hold of P0 or P1.
DIV_CYCLES = {"zmm": 6, "ymm": 3, "xmm": 3}
DIV_PIPE_CYCLES = {"zmm": 4, "ymm": 2, "xmm": 2}


def pipes_of(mnemonic, operands):
    if mnemonic.startswith(("vdiv", "vsqrt")):
        return "div"
    if mnemonic.startswith(("vcmp", "vpcmp")):
        return P01 if "%k" in operands.split(",")[-1] else P23
    best = None
    for prefix, pipes in CLASSES:
        if mnemonic.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, pipes)
    return best[1] if best else None


def width(operands):
    for w in ("zmm", "ymm", "xmm"):
        if "%" + w in operands:
            return w
    return None


def disassemble(lib, symbol):
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", "-C", lib], check=True,
                         capture_output=True, text=True).stdout
    body, inside = [], False
    for line in out.splitlines():
        header = re.match(r"^[0-9a-f]+ <(.*)>:$", line)
        if header:
            if inside:
                break
            inside = symbol in header.group(1)
            continue
        if inside:
            m = re.match(r"^\s*([0-9a-f]+):\s+(\S+)\s*(.*)$", line)
            if m:
                body.append((int(m.group(1), 16), m.group(2), m.group(3).split("#")[0].strip()))
    if not body:
        sys.exit(f"no function whose demangled name contains {symbol!r} in {lib}")
    return body


def is_store_to_y(ops):
    """A vector store whose address is not on the stack (not a spill)."""
    if not width(ops) or not ops.rstrip().endswith(")"):
        return False
    return not re.search(r"\(%r[sb]p[,)]", ops.split(",", 1)[-1])


def main_loop(body, at=None):
    """The backward branch (or the one starting at address `at`) whose body stores the most
    batches to y, without streaming stores (the driver's loop for large n), the shortest of
    those: the kernel's step loop in cache."""
    best = None
    for i, (addr, mnem, ops) in enumerate(body):
        if not mnem.startswith("j") or mnem == "jmp":
            continue
        target = re.match(r"^([0-9a-f]+)\b", ops)
        if not target or int(target.group(1), 16) > addr:
            continue
        start = int(target.group(1), 16)
        if at is not None and start != at:
            continue
        loop = [b for b in body[: i + 1] if b[0] >= start]
        if at is None and any(m.startswith("vmovnt") for _, m, _ in loop):
            continue
        key = (sum(1 for _, m, o in loop if m.startswith("vmov") and is_store_to_y(o)), -len(loop))
        if best is None or key > best[0]:
            best = (key, loop)
    if best is None:
        sys.exit("no loop found")
    return best[1]


def analyse(loop):
    counts, loads, stores, batches, div = {}, 0.0, 0.0, 0, 0.0
    load_cost = {"zmm": 1.0, "ymm": 0.5, "xmm": 0.5}
    store_cost = {"zmm": 2.0, "ymm": 1.0, "xmm": 1.0}
    for _, mnem, ops in loop:
        w = width(ops)
        if not w or mnem.startswith("kmov") or mnem.startswith("prefetch"):
            continue
        mem = "(" in ops
        dest_mem = mem and ops.rstrip().endswith(")")
        if dest_mem:  # a store: to y, or a spill
            stores += store_cost[w]
            batches += is_store_to_y(ops)
            continue
        if mem:
            loads += load_cost[w] if "{1to" not in ops else 0.5
        pipes = pipes_of(mnem, ops)
        if pipes is None or (mem and mnem.startswith(("vmov", "vbroadcast"))):
            continue  # a pure load
        if pipes == "div":
            div += DIV_CYCLES[w]
            pipes = P01
        key = (mnem, frozenset(pipes), w)
        counts[key] = counts.get(key, 0) + 1
    return counts, loads, stores, div, max(batches, 1)


def bound(counts, loads, stores, div):
    cycles = {}  # allowed pipe set -> cycles
    for (mnem, pipes, w), n in counts.items():
        each = DIV_PIPE_CYCLES[w] if mnem.startswith(("vdiv", "vsqrt")) else 2 if w == "zmm" else 1
        cycles[pipes] = cycles.get(pipes, 0) + n * each
    best, which = 0.0, "-"
    for r in range(1, 5):
        for subset in itertools.combinations(range(4), r):
            s = set(subset)
            load = sum(c for p, c in cycles.items() if p <= s)
            if load / r > best:
                best, which = load / r, "pipes " + "".join(f"P{i}" for i in subset)
    for value, name in ((div, "divider"), (loads / 1.0, "loads"), (stores / 1.0, "stores")):
        if value > best:
            best, which = value, name
    return best, which


def clock():
    src = r"""
#include <stdio.h>
#include <x86intrin.h>
int main(void) {
  __m256 a = _mm256_set1_ps(1.0f), b = _mm256_set1_ps(1e-30f);
  unsigned long long best = ~0ull;
  for (int rep = 0; rep < 5; ++rep) {
    unsigned long long t0 = __rdtsc();
    for (long i = 0; i < 100000000; ++i) __asm__ volatile("vaddps %1, %0, %0" : "+x"(a) : "x"(b));
    unsigned long long t = __rdtsc() - t0;
    if (t < best) best = t;
  }
  printf("%.4f\n", best / 1e8);
  return 0;
}
"""
    with tempfile.TemporaryDirectory() as d:
        c, exe = os.path.join(d, "clk.c"), os.path.join(d, "clk")
        open(c, "w").write(src)
        subprocess.run(["gcc", "-O2", "-mavx", c, "-o", exe], check=True)
        tsc_per_add = float(subprocess.run([exe], capture_output=True, text=True).stdout)
    return tsc_per_add


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("lib", nargs="?")
    ap.add_argument("symbol", nargs="?")
    ap.add_argument("--tsc", type=float, help="measured tsc ticks per 8 elements (tools/lib-ab)")
    ap.add_argument("--cycles-per-tsc", type=float, help="core cycles per tsc tick (--clock)")
    ap.add_argument("--clock", action="store_true",
                    help="core cycles per tsc tick from a chain of vaddps (3 cycles each on Zen 4)")
    ap.add_argument("--loop", help="the loop starting at this address (hex) instead")
    ap.add_argument("--verbose", "-v", action="store_true", help="list the mix per batch")
    a = ap.parse_args()
    if a.clock:
        t = clock()
        print(f"tsc ticks per dependent vaddps: {t:.3f}; core cycles per tsc tick at 3 cycles per "
              f"add: {3 / t:.3f}")
        return
    if not a.lib or not a.symbol:
        ap.error("LIB and SYMBOL, or --clock")
    loop = main_loop(disassemble(a.lib, a.symbol), int(a.loop, 16) if a.loop else None)
    counts, loads, stores, div, batches = analyse(loop)
    w = max((k[2] for k in counts), key=lambda x: {"xmm": 0, "ymm": 1, "zmm": 2}[x], default="ymm")
    lanes = {"zmm": 16, "ymm": 8, "xmm": 4}[w]
    fp = sum(counts.values())
    by_class = {}
    for (_, pipes, _), n in counts.items():
        name = {frozenset(P01): "P01", frozenset(P23): "P23", frozenset(P12): "P12",
                frozenset(ANY): "any", frozenset(P0): "P0"}[pipes]
        by_class[name] = by_class.get(name, 0) + n
    b, which = bound(counts, loads, stores, div)
    per = 1.0 / batches
    mix = ", ".join(f"{k} {v * per:.1f}" for k, v in sorted(by_class.items()))
    print(f"{a.symbol}: {w}, loop {loop[0][0]:x}-{loop[-1][0]:x}, {batches} batches per iteration")
    print(f"  per batch: {fp * per:.1f} FP-pipe instructions ({mix}); divider {div * per:.1f} "
          f"cycles; loads {loads * per:.1f}, stores {stores * per:.1f} cycles (spills included)")
    print(f"  port-bound minimum: {b * per:.2f} cycles per batch ({which})")
    if a.verbose:
        for (mnem, pipes, wd), n in sorted(counts.items(), key=lambda kv: -kv[1]):
            print(f"    {n * per:5.2f} {mnem} {wd} pipes {sorted(pipes)}")
    if a.tsc:
        cpt = a.cycles_per_tsc or 3 / clock()
        measured = a.tsc * lanes / 8 * cpt
        print(f"  measured: {measured:.2f} cycles per batch ({a.tsc} tsc per 8 elements, "
              f"{cpt:.3f} cycles per tsc): {b * per / measured:.0%} of the port bound's speed")


if __name__ == "__main__":
    main()
