#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ISA audit of built simdact libraries (x86-64): no function may hold instructions beyond its ISA.

Each function's ISA is read from its (demangled) name: code compiled for AVX-512 lives in
namespace simdact::avx512 (or is an xsimd template instantiated for xsimd::avx512f), AVX2 code in
simdact::avx2 (xsimd::fma3<xsimd::avx2>); everything else is baseline x86-64. The rules:
  - baseline functions: no VEX and no EVEX instruction (they run on any x86-64 CPU);
  - AVX2 functions: no EVEX instruction, no zmm and no mask register;
  - AVX-512 functions: anything.
A function compiled with one ISA's flags under a name that another ISA's caller can bind to
(a template or inline function outside the ISA's namespace, defined weakly in several objects)
breaks these rules in one of its copies: the linker may keep that copy for every caller, and
an AVX2-only CPU then meets an AVX-512 instruction. Disassembling the static library sees every
object's copy, the shared library the ones the linker kept.

usage: isa_audit.py [--objdump PATH] LIBRARY...   (exit 1 when any rule is broken)
"""
import argparse
import re
import subprocess
import sys

FUNCTION = re.compile(r"^[0-9a-f]+ <(.*)>:$")
INSTRUCTION = re.compile(r"^\s+[0-9a-f]+:\t([0-9a-f ]+)\t(.*)$")
# Prefixes that may stand before a VEX or EVEX prefix (address size, segments).
NEUTRAL_PREFIXES = {"67", "2e", "36", "3e", "26", "64", "65"}


def encoding(byte_text):
    """'evex', 'vex' or 'legacy', from the instruction's bytes."""
    code = byte_text.split()
    while code and code[0] in NEUTRAL_PREFIXES:
        code = code[1:]
    if not code:
        return "legacy"
    if code[0] == "62":  # BOUND in 32-bit mode, invalid in 64-bit: EVEX
        return "evex"
    if code[0] in ("c4", "c5"):  # LES/LDS in 32-bit mode: VEX
        return "vex"
    return "legacy"


def isa_of(name):
    if "avx512" in name:
        return "avx512"
    if "avx2" in name:
        return "avx2"
    return "baseline"


def violation(isa, enc, text):
    if isa == "avx512":
        return None
    if isa == "baseline" and enc != "legacy":
        return f"{enc.upper()} instruction in baseline code"
    if enc == "evex":
        return "EVEX instruction in AVX2 code"
    if "%zmm" in text:
        return "zmm register in AVX2 code"
    if re.search(r"%k[0-7]\b", text):
        return "mask register in AVX2 code"
    return None


def audit(path, objdump):
    listing = subprocess.run([objdump, "-d", "-C", "-w", "--insn-width=15", path],
                             check=True, capture_output=True, text=True).stdout
    member, function, isa = path, None, "baseline"
    counts = {"baseline": 0, "avx2": 0, "avx512": 0}
    broken = {}  # (member, function) -> (first reason, instruction, count)
    for line in listing.splitlines():
        if line.endswith(":     file format elf64-x86-64"):
            member = line.split(":")[0]
            continue
        m = FUNCTION.match(line)
        if m:
            function = m.group(1)
            isa = isa_of(function)
            counts[isa] += 1
            continue
        m = INSTRUCTION.match(line)
        if not m or function is None:
            continue
        if m.group(2).strip().startswith("(bad)"):
            continue  # data in the code (e.g. -fsanitize=function's signature before a function)
        reason = violation(isa, encoding(m.group(1)), m.group(2))
        if reason:
            key = (member, function)
            if key in broken:
                r, t, n = broken[key]
                broken[key] = (r, t, n + 1)
            else:
                broken[key] = (reason, m.group(2).strip(), 1)
    print(f"{path}: {counts['baseline']} baseline, {counts['avx2']} AVX2 and "
          f"{counts['avx512']} AVX-512 functions")
    for (obj, fn), (reason, text, n) in sorted(broken.items()):
        print(f"  BROKEN {obj}: {fn}\n    {reason}: {text} ({n} such instructions)")
    return not broken


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objdump", default="objdump")
    parser.add_argument("libraries", nargs="+")
    args = parser.parse_args()
    ok = all([audit(lib, args.objdump) for lib in args.libraries])
    print("ISA audit: " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
