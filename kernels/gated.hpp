// SPDX-License-Identifier: Apache-2.0
// Gated activations, fused: y = f(gate) * up in one pass over memory (swiglu: f = silu, geglu:
// gelu, geglu_tanh: gelu_tanh, reglu: relu, glu: sigmoid; include/simdact/gated.def; and any
// activation whose kernel states a `gate`, swish for swiglu with beta).
//
// Accuracy: each result within 1 ULP of the correctly rounded value of f(gate) * up computed
// exactly, not of the product of a rounded f(gate) (which is up to 1.5 ULP off that). The
// activation's kernel states, as its member `gate` (protocol.hpp), the gates it covers and, for
// those, f(gate) unrounded as hi + lo, with a relative error below 2^-24 (its own derivation: the
// error its activation has before the last rounding). Then
//   P = hi up rounded, E = hi up - P by an FMA, y = P + (lo up + E), one rounding:
// E is exact where |P| >= 2^-100 (hi up's 48 bits then lie above 2^-149), hi's own error is f's
// where |hi| >= 2^-100 too (lo, 2^-24 of hi, then normal), and |lo up + E| is below
// 2^-12 |P| (|lo| <= 2^-13 |hi|), so the FMA's rounding adds 2^-36 to f's error: still below
// 2^-24 before the last rounding, which keeps y within 1 ULP of the correctly rounded product (the
// two are less than 2 ULP apart). Where P is 0 and a factor is (up, or the gate 0, whose value is
// then exactly 0), P itself, with the sign of the product, is the result.
// The other lanes (gates the kernel does not cover, hi below 2^-100, products beyond FLT_MAX or
// between 0 and 2^-100, NaN and the infinities anywhere: rare in practice) take the reference path,
// lane by lane: the activation's double reference times up in double, one rounding (products of
// floats stay in double's range), within 1 ULP likewise.
// Those tests come first, all lanes at once: their usual outcome, every product ordinary, returns
// at once. A gate may also state a `common` formula, with the gates and ups it covers: one that
// takes up in before its last rounding (glu: up q + up rcp residual; swiglu, geglu_tanh: x up split
// exactly, times the logistic; logistic.hpp), or the split product itself on inputs that keep it
// ordinary (geglu). The driver's common case (driver.hpp: a step whose lanes all have them, tested
// on the inputs) then needs none of the tests, and elsewhere that formula still gives the lanes it
// covers, so that a lane's result never depends on its neighbours.
// Special values: NaN in either input -> NaN; a gate whose activation is exactly 0, or whose limit
// is (silu, gelu, gelu_tanh at -inf: -0; relu of any gate <= 0; sigmoid at -inf), times any up, the
// infinities included, is a zero with the sign of the product (swiglu(-inf, 5) = -0), and so is any
// gate's value times up = ±0: a zero factor gives a zero product, the limit, not inf * 0.
//
// The fast tier uses the activation's fast kernel where it has one, through that kernel's own
// `gate`: the gates it covers, and times(gate, up), its formula with up taken in before its last
// rounding (a rounded fast f(gate) times up could be 6 ULP off: 3 ULP of f near the bottom of its
// binade, relative 3 * 2^-23, are 6 ULP of a product near the top of its own). Bound 4 ULP where
// the exact product is normal; the lanes whose result is not normal, or whose gate the fast kernel
// does not cover, take the accurate path.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "driver.hpp"
#include "parts.hpp"
#include "protocol.hpp"

namespace simdact::SIMDACT_ISA::kernels {

// f * up rounded to a double by rounding to odd. The exact product of a double and a float has up
// to 77 bits: rounded to the nearest double, then to float, it can land on a float midpoint it
// was not on and round to the wrong side (the gated fuzzer found one: glu); rounded to odd at 53
// bits, it rounds to the nearest float correctly. f is split in halves of 26 bits (Veltkamp), so
// that both partial products are exact, then summed with the sum's error (two-sum).
inline double times_to_odd(double f, float up) {
  const double u = up;
  if (!std::isfinite(f * u)) return f * u;  // an infinite factor: finite ones stay below 2^256
  const double c = f * 134217729.0;         // 2^27 + 1
  const double f_hi = c - (c - f);
  const double a = f_hi * u, b = (f - f_hi) * u;
  const double s = a + b, b_in_s = s - a;
  const double err = (a - (s - b_in_s)) + (b - b_in_s);
  std::uint64_t bits;
  std::memcpy(&bits, &s, sizeof bits);
  if (s == 0.0) return f * u;  // underflowed: the plain product keeps the zero's sign
  if (err == 0.0 || (bits & 1) != 0) return s;
  return std::nextafter(s, err > 0.0 ? HUGE_VAL : -HUGE_VAL);
}

// f(gate) * up from K's double reference, one rounding to float (times_to_odd); the special values
// above. The scalar kernel, the reference path of the vector ones, and the tests' oracle.
template <class K>
float gated_reference(float gate, float up, const params& p) {
  if (std::isnan(gate) || std::isnan(up)) return gate + up;
  const double f = K::reference(gate, p);
  if (f == 0.0 || up == 0.0f) {
    return std::signbit(f) != std::signbit(up) ? -0.0f : 0.0f;
  }
  return static_cast<float>(times_to_odd(f, up));
}

// The reference path over a batch, out of line (rare: see patch, driver.hpp). The parameters by
// value, so that the loop's copy never escapes.
// Only the lanes `done` leaves out are computed (the others come out 0).
template <class K, class B>
__attribute__((noinline)) B gated_reference_lanes(B gate, B up, params p, simd::mask_t<B> done) {
  alignas(64) float g[simd::lanes<B>], u[simd::lanes<B>], y[simd::lanes<B>], skip[simd::lanes<B>];
  gate.store_aligned(g);
  up.store_aligned(u);
  simd::select(done, B(1.0f), B(0.0f)).store_aligned(skip);
  for (std::size_t j = 0; j < simd::lanes<B>; ++j) {
    y[j] = skip[j] != 0.0f ? 0.0f : gated_reference<K>(g[j], u[j], p);
  }
  return B::load_aligned(y);
}

template <class K>
concept has_gate = requires {
  typename K::gate;
};

// The loop options of a gated kernel: those of K's elementwise kernel (their register pressure is
// alike: one more input per batch).
template <class K>
struct gated_options {
  template <class B>
  static constexpr bool interleave = interleaved<K, B>();
  template <class B>
  static constexpr std::size_t batches_per_step = kernels::batches_per_step<K, B>();
};

// Whether K's gate value is f(gate) exactly (lo = 0: relu).
template <class K>
constexpr bool exact_gate() {
  if constexpr (requires { K::gate::exact; }) {
    return K::gate::exact;
  } else {
    return false;
  }
}

// The driver's common case of a gated kernel: the gate's own `common`, where it states one (every
// gate but relu's, whose exact product needs no test). Without one, eval is the checked product
// (below), whose tests on its results cover every gate whose product is ordinary but cost four
// compares and a branch per batch, where a common case's test on the inputs costs an unsigned max
// per batch and a branch per step (driver.hpp).
template <class K>
concept has_gate_common = requires {
  typename K::gate::common;
};

template <class K>
struct gated_common {};
template <class K>
requires has_gate_common<K>
struct gated_common<K> {
  using common = typename K::gate::common;
};

// The accurate tier: f(gate) * up from K::gate (see the top of this file).
template <class K>
requires has_gate<K>
struct gated : gated_options<K>, gated_common<K> {
  // The common case's result where the gate has one and it covers (so that a lane's result never
  // depends on its neighbours), else the checked product of the gate's value. An exact value
  // times up rounds once, whatever its size: only NaN results whose inputs are not NaN (a zero
  // factor times an infinity) need the reference path.
  template <class B>
  SIMDACT_INLINE static B eval(B gate, B up, const params& p) {
    if constexpr (exact_gate<K>()) {
      const B y = K::gate::value(gate, p).hi * up;
      const auto ok = y == y;
      if (simd::all<B>(ok)) return y;
      return simd::select(ok, y, gated_reference_lanes<K>(gate, up, p, ok));
    } else if constexpr (has_gate_common<K>) {
      using common = typename K::gate::common;
      const auto in_common = common::covers(gate, up, p);
      const B y = common::eval(gate, up, p);
      if (simd::all<B>(in_common)) return y;
      return simd::select(in_common, y, checked(gate, up, p));
    } else {
      return checked(gate, up, p);
    }
  }

  template <class B>
  SIMDACT_INLINE static B checked(B gate, B up, const params& p) {
    const auto value = K::gate::value(gate, p);
    const B hi = value.hi;
    const B product = hi * up;  // split_times' first product: the compiler computes it once
    B fused = split_times(split<B>{hi, value.lo}, up);
    // A value computed times 1 / scale: the product scaled back, a second rounding only where it
    // is subnormal (within 1 ULP still: see gelu.hpp's scaled lanes).
    if constexpr (requires { value.scale; }) fused = fused * value.scale;
    // The products of the derivation above: the usual case, tested first.
    const B a = simd::abs(product);
    const B tiny(0x1p-100f);
    const auto covered = K::gate::covers(gate, p);
    const auto ordinary = covered & (a >= tiny) & (a <= B(std::numeric_limits<float>::max())) &
                          (simd::abs(hi) >= tiny);
    if (simd::all<B>(ordinary)) return fused;
    // A zero factor: up, or the gate 0, whose value is then exactly 0 (silu, gelu, gelu_tanh,
    // swish; sigmoid's is 1/2, and its product is 0 only where up is). Not hi = 0 alone: a tiny
    // gate's hi can round to 0 (silu(2^-149) = 2^-150) where f times a huge up is normal.
    const auto zero = (product == B(0.0f)) & ((gate == B(0.0f)) | (up == B(0.0f)));
    const auto ok = ordinary | (covered & zero);
    fused = simd::select(zero, product, fused);
    if (simd::all<B>(ok)) return fused;
    return simd::select(ok, fused, gated_reference_lanes<K>(gate, up, p, ok));
  }
};

// The fast tier: K::fast::gate::times(gate, up, p) on the lanes it covers whose result is normal
// (NaN and the infinities fail the test); the others by the accurate tier's eval above. Without a
// fast kernel, the accurate tier.
template <class K>
requires has_gate<K>
struct gated_fast : gated_options<typename K::fast> {
  using fast_gate = typename K::fast::gate;

  // The gates the fast gate covers (each bounded in magnitude by 2^60 at most) and ups in
  // [2^-30, 2^30]: no overflow, no zero factor (whose sign the formulas need not keep), and
  // results below FLT_MIN off by far less than FLT_MIN, the tier's bound there.
  struct common {
    template <class B>
    SIMDACT_INLINE static simd::mask_t<B> covers(B gate, B up, const params& p) {
      const B a = simd::abs(up);
      return fast_gate::covers(gate, p) & (a >= B(0x1p-30f)) & (a <= B(0x1p30f));
    }
    template <class B>
    SIMDACT_INLINE static B eval(B gate, B up, const params& p) {
      return fast_gate::times(gate, up, p);
    }
  };

  // The common case's result where it covers (so that a lane's result never depends on its
  // neighbours), elsewhere the fast result where the gate is covered and the result normal, else
  // the accurate tier's.
  template <class B>
  SIMDACT_INLINE static B eval(B gate, B up, const params& p) {
    const B y = fast_gate::times(gate, up, p);
    const B a = simd::abs(y);
    const auto ok = common::covers(gate, up, p) |
                    (fast_gate::covers(gate, p) & (a >= B(std::numeric_limits<float>::min())) &
                     (a <= B(std::numeric_limits<float>::max())));
    if (simd::all<B>(ok)) return y;
    return simd::select(ok, y, gated<K>::eval(gate, up, p));
  }
};

template <class K>
concept has_fast_gate = has_fast<K> && requires {
  typename K::fast::gate;
};

template <class K>
using gated_fast_kernel = std::conditional_t<has_fast_gate<K>, gated_fast<K>, gated<K>>;

template <class Arch, class Op>
void gated_loop(const float* gate, const float* up, float* y, std::size_t n, const params& p) {
  elementwise_loop<Arch, Op>(inputs<2>{gate, up}, y, n, p);
}

template <class Arch, class Op>
SIMDACT_SCHEDULE_BEFORE_RA void gated_loop_interleaved(const float* gate, const float* up, float* y,
                                                       std::size_t n, const params& p) {
  elementwise_loop<Arch, Op>(inputs<2>{gate, up}, y, n, p);
}

template <class Arch, class Op>
constexpr auto gated_entry() {
  if constexpr (interleaved<Op, simd::batch<Arch>>()) {
    return &gated_loop_interleaved<Arch, Op>;
  } else {
    return &gated_loop<Arch, Op>;
  }
}

}  // namespace simdact::SIMDACT_ISA::kernels
