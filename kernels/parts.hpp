// SPDX-License-Identifier: Apache-2.0
// The unevaluated sums in which the kernels carry precision beyond one rounding.
#pragma once

#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

// hi + lo, |lo| at most half an ULP of hi: a value to about twice the working precision (or lo
// small against hi where the producer says so: log1p_exp_neg_split's is up to 3.9% of it).
template <class B>
struct split {
  B hi;
  B lo;
};

// (hi + lo) scale: a value computed times 1 / scale (a power of 2) where it would leave the normal
// range (gelu_tanh's gate, gated.hpp).
template <class B>
struct scaled_split : split<B> {
  B scale;
};

// (hi + lo) u with one rounding more than its parts': P = hi u rounded, then P + (lo u + (hi u -
// P)), the bracket by two FMAs (hi u - P exact where P is at least 2^-100; the gated kernels,
// gated.hpp, take the other products elsewhere).
template <class B>
SIMDACT_INLINE B split_times(split<B> f, B u) {
  const B product = f.hi * u;
  return product + simd::fmadd(f.lo, u, simd::fmsub(f.hi, u, product));
}

// e^z as s (1 + p) before its rounding: s a power of 2 (times a table entry, in float) held
// exactly, p small (see expf.hpp, exp_f64.hpp), for callers that fold s p into a sum or product
// of their own. Float or double batches.
template <class B>
struct unrounded_exp {
  B s;
  B p;
};

}  // namespace simdact::SIMDACT_ISA::kernels
