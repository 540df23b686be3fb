#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The README's pictures, from the library itself and a benchmark run (python3-matplotlib):
  gallery.{svg,png}   every activation's curve and derivative on [-6, 6], the gated ones over the
                      gate at a few ups, and a softmax;
  accuracy.{svg,png}  ULP error against x of simdact and of the float formula users write, for
                      gelu, gelu_tanh, sigmoid and elu, where that formula breaks;
  speed-<n>.{svg,png} ns/element of simdact's ISAs in both accuracy tiers and the peers, as speed
                      relative to oneDNN (above 1: faster), one chart per size of the run.
Usage: tools/plot.py --lib build/src/libsimdact.so [--bench run.json ...] [--machine TEXT]
                     [--out docs/img]
The reference for the ULP errors is simdact's scalar table (each formula in double, rounded once).
"""
import argparse
import ctypes
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import table  # noqa: E402  (bench/table.py: reads simdact_bench JSON)

SCALAR = 1
FLOATS = ctypes.POINTER(ctypes.c_float)


class Simdact:
    def __init__(self, path):
        self.lib = ctypes.CDLL(path)
        self.lib.simdact_isa_name.restype = ctypes.c_char_p
        self.lib.simdact_active_isa.restype = ctypes.c_int

    def isa(self):
        return self.lib.simdact_isa_name(self.lib.simdact_active_isa()).decode()

    def __call__(self, name, x, *params, isa=0):
        x = np.ascontiguousarray(x, dtype=np.float32)
        y = np.empty_like(x)
        self.lib.simdact_set_isa(isa)
        fn = getattr(self.lib, f"simdact_{name}_f32")
        args = [x.ctypes.data_as(FLOATS), y.ctypes.data_as(FLOATS), ctypes.c_size_t(x.size)]
        status = fn(*args, *[ctypes.c_float(p) for p in params])
        self.lib.simdact_set_isa(0)
        if status != 0:
            raise RuntimeError(f"simdact_{name}_f32: status {status}")
        return y

    def gated(self, name, gate, up):
        gate = np.ascontiguousarray(gate, dtype=np.float32)
        up = np.ascontiguousarray(np.broadcast_to(up, gate.shape), dtype=np.float32)
        y = np.empty_like(gate)
        status = getattr(self.lib, f"simdact_{name}_f32")(
            gate.ctypes.data_as(FLOATS), up.ctypes.data_as(FLOATS), y.ctypes.data_as(FLOATS),
            ctypes.c_size_t(gate.size))
        if status != 0:
            raise RuntimeError(f"simdact_{name}_f32: status {status}")
        return y

    def softmax(self, x):
        x = np.ascontiguousarray(x, dtype=np.float32)
        y = np.empty_like(x)
        n = ctypes.c_size_t(x.size)
        self.lib.simdact_softmax_f32(x.ctypes.data_as(FLOATS), y.ctypes.data_as(FLOATS),
                                     ctypes.c_size_t(1), n, n, n)
        return y


plt.rcParams["svg.hashsalt"] = "simdact"  # the same drawing gives the same SVG


def save(fig, out, name):
    fig.savefig(os.path.join(out, f"{name}.svg"), bbox_inches="tight", metadata={"Date": None})
    fig.savefig(os.path.join(out, f"{name}.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)


GALLERY = [("sigmoid", "sigmoid", ()), ("tanh", "tanh", ()), ("relu", "relu", ()),
           ("leaky_relu", "leaky relu (α = 0.1)", (0.1,)), ("elu", "elu (α = 1)", (1.0,)),
           ("silu", "silu = swish (β = 1)", ()), ("swish", "swish (β = 1.702)", (1.702,)),
           ("gelu", "gelu", ()), ("gelu_tanh", "gelu (tanh form)", ()), ("relu6", "relu6", ()),
           ("hardtanh", "hardtanh (-1, 1)", (-1.0, 1.0)), ("hardsigmoid", "hardsigmoid", ()),
           ("hardshrink", "hardshrink (λ = 0.5)", (0.5,)),
           ("softshrink", "softshrink (λ = 0.5)", (0.5,)), ("selu", "selu", ()),
           ("celu", "celu (α = 1)", (1.0,)), ("quick_gelu", "quick_gelu", ()),
           ("softsign", "softsign", ()), ("tanhshrink", "tanhshrink", ()),
           ("hardswish", "hardswish", ()), ("softplus", "softplus (β = 1)", (1.0, 20.0)),
           ("mish", "mish", ()), ("logsigmoid", "logsigmoid", ())]


# The gated activations, f(gate) * up fused: drawn over the gate at a few ups.
GATED = [("swiglu", "swiglu: silu(gate) · up"), ("geglu", "geglu: gelu(gate) · up"),
         ("geglu_tanh", "geglu_tanh"), ("reglu", "reglu: relu(gate) · up"),
         ("glu", "glu: sigmoid(gate) · up")]


def gallery(lib, out):
    x = np.linspace(-6, 6, 1201, dtype=np.float32)
    rows = (len(GALLERY) + 1 + len(GATED) + 4) // 5  # and softmax's panel
    fig, axes = plt.subplots(rows, 5, figsize=(16, 3.2 * rows))
    for ax, (fn, title, params) in zip(axes.flat, GALLERY):
        y = lib(fn, x, *params)
        ax.plot(x, y, color="C0", label="f(x)")
        d = np.gradient(y.astype(np.float64), x.astype(np.float64))
        d[np.abs(d) > 5] = np.nan  # a jump (hardshrink at ±λ), not a slope
        ax.plot(x, d, color="C1", ls="--", label="f'(x)")
        ax.axhline(0, color="0.8", lw=0.8)
        ax.axvline(0, color="0.8", lw=0.8)
        ax.set_title(title)
        ax.set_xlim(-6, 6)
    for ax, (fn, title) in zip(axes.flat[len(GALLERY):], GATED):
        for k, up in enumerate((1.0, 2.0, -0.5)):
            ax.plot(x, lib.gated(fn, x, up), color=f"C{k + 2}", label=f"up = {up:g}")
        ax.axhline(0, color="0.8", lw=0.8)
        ax.axvline(0, color="0.8", lw=0.8)
        ax.set_title(title)
        ax.set_xlim(-6, 6)
        ax.set_xlabel("gate")
    axes.flat[len(GALLERY)].legend(loc="upper left")
    logits = np.array([1.0, 2.0, 0.5, 3.0, -1.0, 2.5], dtype=np.float32)
    ax = axes.flat[len(GALLERY) + len(GATED)]
    for unused in axes.flat[len(GALLERY) + len(GATED) + 1:]:
        unused.set_visible(False)
    ax.bar(range(logits.size), lib.softmax(logits), color="C0")
    ax.set_xticks(range(logits.size), [f"{v:g}" for v in logits])
    ax.set_title("softmax of the logits below")
    axes.flat[0].legend(loc="upper left")
    fig.suptitle(f"simdact's activations (computed by the library, {lib.isa()})")
    fig.tight_layout(rect=(0, 0, 1, 0.98))
    save(fig, out, "gallery")


def ordered(v):
    i = np.asarray(v, dtype=np.float32).view(np.int32).astype(np.int64)
    return np.where(i < 0, -(i & 0x7FFFFFFF), i)


def ulp(a, b):
    d = np.abs(ordered(a) - ordered(b)).astype(np.float64)
    return np.where(np.isnan(a) & np.isnan(b), 0.0, d)


def naive(fn, x):
    f = np.float32
    with np.errstate(all="ignore"):
        if fn == "gelu":  # 0.5f * x * (1 + erff(x / sqrt2)), erff itself correctly rounded here
            erf = np.array([math.erf(float(v)) for v in x / f(math.sqrt(2))], dtype=np.float32)
            return f(0.5) * x * (f(1) + erf)
        if fn == "gelu_tanh":
            u = f(0.7978845608) * (x + f(0.044715) * x * x * x)
            return f(0.5) * x * (f(1) + np.tanh(u))
        if fn == "sigmoid":
            return f(1) / (f(1) + np.exp(-x))
        if fn == "elu":
            return np.exp(x) - f(1)
    raise ValueError(fn)


ACCURACY = [("gelu", "gelu, x < -5: 1 + erf cancels", -10.0, -3.0),
            ("gelu_tanh", "gelu_tanh, x < -5: 1 + tanh cancels", -12.0, -3.0),
            ("sigmoid", "sigmoid, x < -87: e^-x overflows", -104.0, -80.0),
            ("elu", "elu near 0-: e^x - 1 cancels (x = -2^-30 to -2^-1)", -0.5, -2.0 ** -30)]


def accuracy(lib, out):
    fig, axes = plt.subplots(1, 4, figsize=(16, 3.8))
    for ax, (fn, title, lo, hi) in zip(axes, ACCURACY):
        if fn == "elu":  # drawn against |x| on a log axis
            x = -np.logspace(math.log10(-hi), math.log10(-lo), 4000).astype(np.float32)
        else:
            x = np.linspace(lo, hi, 4000, dtype=np.float32)
        params = (1.0,) if fn == "elu" else ()  # alpha
        ref = lib(fn, x, *params, isa=SCALAR)
        ours = ulp(lib(fn, x, *params), ref)
        theirs = ulp(naive(fn, x), ref)
        at = -x if fn == "elu" else x
        ax.semilogy(at, np.maximum(theirs, 0.5), ".", ms=1.5, color="C3",
                    label="naive float formula", rasterized=True)
        ax.semilogy(at, np.maximum(ours, 0.5), ".", ms=1.5, color="C0",
                    label=f"simdact ({lib.isa()})", rasterized=True)
        ax.axhline(1, color="0.5", lw=0.8, ls=":")
        if fn == "elu":
            ax.set_xscale("log")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("-x" if fn == "elu" else "x")
    axes[0].set_ylabel("ULP error (0 drawn at 0.5)")
    axes[0].legend(loc="center left", markerscale=6)
    fig.suptitle("Error against the correctly rounded value: simdact stays within 1 ULP")
    fig.tight_layout()
    save(fig, out, "accuracy")


SERIES = [("avx2", "simdact avx2"), ("avx512", "simdact avx512"), ("neon", "simdact neon"),
          ("avx2-fast", "simdact avx2, fast tier"), ("avx512-fast", "simdact avx512, fast tier"),
          ("onednn-avx2", "oneDNN (avx2)"), ("xnnpack", "XNNPACK"), ("eigen", "Eigen"),
          ("fastmath", "std:: loop, -ffast-math")]


def speed(paths, out, machine):
    rows, _, context = table.load(paths)
    sizes = sorted({size for _, size in rows if "x" not in size}, key=int)
    written = []
    for size in sizes:
        fns = sorted(fn for fn, s in rows if s == size and isinstance(rows[(fn, s)].get("onednn"), float))
        if not fns:
            continue
        series = [(k, label) for k, label in SERIES
                  if any(isinstance(rows[(fn, size)].get(k), float) for fn in fns)]
        fig, ax = plt.subplots(figsize=(max(8, 1.1 * len(fns)), 4))
        width = 0.8 / len(series)
        for i, (key, label) in enumerate(series):
            ratio = [rows[(fn, size)]["onednn"] / rows[(fn, size)][key]
                     if isinstance(rows[(fn, size)].get(key), float) else 0 for fn in fns]
            ax.bar(np.arange(len(fns)) + (i - (len(series) - 1) / 2) * width, ratio, width,
                   label=label)
        ax.axhline(1, color="k", lw=0.8)
        ax.set_yscale("log")
        ax.set_xticks(range(len(fns)), fns, rotation=20)
        ax.set_ylabel("speed relative to oneDNN (log)")
        ax.set_title(f"n = {size}, one thread: oneDNN's time over each one's"
                     + (f" ({machine})" if machine else ""))
        ax.legend(fontsize=8, ncol=len(series), loc="upper center", bbox_to_anchor=(0.5, -0.22))
        fig.tight_layout()
        save(fig, out, f"speed-{size}")
        written.append(size)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lib", required=True, help="libsimdact.so to draw from")
    parser.add_argument("--bench", nargs="*", default=[], help="simdact_bench JSON files")
    parser.add_argument("--out", default="docs/img")
    parser.add_argument("--machine", default="", help="the benchmark machine, for the titles")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    lib = Simdact(args.lib)
    gallery(lib, args.out)
    accuracy(lib, args.out)
    sizes = speed(args.bench, args.out, args.machine) if args.bench else []
    print(f"written to {args.out}: gallery, accuracy"
          + "".join(f", speed-{s}" for s in sizes) + " (.svg and .png)")


if __name__ == "__main__":
    main()
