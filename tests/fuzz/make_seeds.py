#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the fuzzers' seed corpus (tests/fuzz/corpus/): ordinary inputs and every reproducer of
issue 20 that fits the fuzzers' input formats (see elementwise.cpp and softmax.cpp)."""
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))
inf, nan = float("inf"), float("nan")
# Registry order (include/simdact/activations.def).
SIGMOID, TANH, RELU, LEAKY, ELU, SWISH, SILU, GELU, GELU_TANH = range(9)


def floats(values):
    return b"".join(struct.pack("<f", v) for v in values)


def elementwise(act, isa, flags, param, xs):
    return bytes([act, isa, flags]) + floats([param]) + floats(xs)


def gated(act, isa, flags, param, shape, values):
    return bytes([act, isa, flags]) + floats([param]) + bytes([shape]) + floats(values)


def softmax(log, in_place, isa, rows, cols, xs_extra, ys_extra, values):
    flags = (1 if log else 0) | (2 if in_place else 0)
    return bytes([flags, isa, rows - 1, (cols - 1) & 0xFF, (cols - 1) >> 8, xs_extra, ys_extra]) + floats(values)


ordinary = [-30.0, -5.5, -1.0, -0.25, 0.0, 0.5, 1.0, 3.0, 10.0, 100.0]
specials = [inf, -inf, nan, 1e10, -1e10, 3e38, -3e38, 1e-40, -1e-40, -0.0, -1e-10, 88.7, -103.9]
seeds = {"elementwise": {}, "gated": {}, "softmax": {}}
for act in range(9):
    for isa in range(3):
        seeds["elementwise"][f"act{act}_isa{isa}"] = elementwise(act, isa, 0, 1.0, ordinary + specials)
seeds["elementwise"]["unknown_activation"] = elementwise(9, 0, 0, 1.0, ordinary)
seeds["elementwise"]["in_place_offset"] = elementwise(SIGMOID, 1, 1 | (3 << 1), 0.0, ordinary * 5)
# Issue 20: swish with a tiny beta at the infinities; huge |x| raising spurious flags; elu near 0-.
for beta in (1e-38, -1e-38, 2.0 ** -149):
    seeds["elementwise"][f"swish_tiny_beta_{beta:g}"] = elementwise(SWISH, 1, 0, beta, [inf, -inf, 1.0])
# Found by the fuzzer: a subnormal beta made swish's common case cover x = -inf (64 values: one
# whole step of four AVX2 batches).
seeds["elementwise"]["swish_subnormal_beta_step"] = elementwise(
    SWISH, 1, 0, struct.unpack("<f", bytes.fromhex("eee36c00"))[0], [-inf] + [1.0] * 62 + [nan])
for act in (SIGMOID, TANH, ELU, SWISH, SILU, GELU_TANH):
    seeds["elementwise"][f"huge_x_{act}"] = elementwise(act, 1, 0, 1.0, [1e10, -1e10, 3e38, -3e38] * 3)
seeds["elementwise"]["elu_near_zero"] = elementwise(ELU, 1, 0, 1.0, [-1e-10, -1e-20, -1e-40])
seeds["elementwise"]["nonfinite_param"] = elementwise(LEAKY, 1, 0, nan, ordinary)
# The gated activations (gated.cpp's flags: bit 0 fast, bit 2 rows, bits 3-4 aliasing): each gate
# and tier over ordinary and special (gate, up) pairs, flat and in rows, in place, the swish gate at
# a learned beta, the partial overlap that is an error, and an activation that does not gate.
ups = [1.0, -3.7, 2.0 ** 100, 2.0 ** -140, 0.0, -0.0, inf, -inf, nan, 1e-30, 5.0, -0.5]
pairs = ordinary + specials
pairs = pairs + [ups[i % len(ups)] for i in range(len(pairs))]
for act in (SIGMOID, RELU, SWISH, SILU, GELU, GELU_TANH):
    for tier in (0, 1):
        for isa in range(3):
            seeds["gated"][f"act{act}_isa{isa}_tier{tier}"] = gated(act, isa, tier, 1.0, 0, pairs)
        seeds["gated"][f"rows_act{act}_tier{tier}"] = gated(act, 1, tier | 4 | 16, 1.0, 0b00101001, pairs * 3)
seeds["gated"]["rows_in_place"] = gated(SILU, 2, 4 | 8 | (2 << 5), 1.0, 0b10000110, pairs * 2)
seeds["gated"]["y_is_gate"] = gated(GELU, 1, 1 << 3, 1.0, 0, pairs)
seeds["gated"]["y_is_up"] = gated(GELU_TANH, 2, 2 << 3, 1.0, 0, pairs)
seeds["gated"]["partial_overlap"] = gated(SILU, 1, 3 << 3, 1.0, 0, pairs)
seeds["gated"]["swish_beta"] = gated(SWISH, 1, 0, 1.702, 0, pairs)
seeds["gated"]["not_a_gate"] = gated(TANH, 1, 0, 1.0, 0, pairs)
# Found by the fuzzer: glu at a gate whose product lies just below a float midpoint; rounded to
# double first, the oracle and the scalar kernel landed on the midpoint (kernels::times_to_odd).
seeds["gated"]["glu_double_rounding"] = gated(
    SIGMOID, 2, 0, 1.0, 0, [float.fromhex("-0x1.4b4b4ap-52"), float.fromhex("0x1.0003d6p-126")])
seeds["gated"]["long_silu"] = gated(SILU, 2, 0, 1.0, 0, [-30.0 + 0.01 * i for i in range(2000)])
# Issue 20, softmax: a partial batch (FE_INVALID from the -inf padding), one column, a row whose
# max dominates subnormal terms, equal values, a 33-column row, interleaved strides.
seeds["softmax"]["partial_batch"] = softmax(False, False, 1, 1, 3, 0, 0, [1.0, 2.0, 3.0])
seeds["softmax"]["one_column"] = softmax(False, False, 1, 4, 1, 0, 0, [-99.25, 1.0, -3.0, 7.5])
seeds["softmax"]["one_column_log"] = softmax(True, False, 1, 4, 1, 0, 0, [-99.25, 1.0, -3.0, 7.5])
seeds["softmax"]["subnormal_terms"] = softmax(True, False, 1, 1, 1000, 0, 0, [0.0] + [-103.9] * 999)
# A max that dominates: log_softmax of the max is -log1p(rest), rest tiny (issue 20, item 3: the
# lanes' float sums of such terms were 510 ULP off at 40,000 columns, 2 ULP at 33).
for isa in (1, 2):
    seeds["softmax"][f"dominant_max_long_isa{isa}"] = softmax(
        True, False, isa, 1, 4000, 0, 0, [0.0] + [-17.0 - 0.001 * j for j in range(3999)])
    seeds["softmax"][f"dominant_max_short_isa{isa}"] = softmax(
        True, False, isa, 4, 40, 0, 0, [5.0] + [-4.0 - 0.25 * j for j in range(39)])
seeds["softmax"]["deep_terms"] = softmax(True, False, 1, 1, 1000, 0, 0, [0.0] + [-95.0] * 999)
seeds["softmax"]["equal_values"] = softmax(False, False, 0, 2, 4096, 0, 0, [0.5])
seeds["softmax"]["dominant_max"] = softmax(True, False, 1, 1, 33, 0, 0, [0.0] + [-18.0 + i * 0.01 for i in range(32)])
seeds["softmax"]["strides_in_place"] = softmax(False, True, 2, 5, 17, 3, 0, ordinary + specials)
seeds["softmax"]["edge_rows"] = softmax(True, False, 1, 3, 4, 1, 2, [-inf, -inf, -inf, -inf, inf, 1.0, inf, nan, 0.0, 1.0, 2.0, 3.0])
for kind, files in seeds.items():
    os.makedirs(os.path.join(here, "corpus", kind), exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(here, "corpus", kind, name), "wb") as f:
            f.write(data)
