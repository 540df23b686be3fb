// SPDX-License-Identifier: Apache-2.0
// The unevaluated sums in which the kernels carry precision beyond one rounding.
#pragma once

#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

// hi + lo, |lo| at most half an ULP of hi: a value to about twice the working precision.
template <class B>
struct split {
  B hi;
  B lo;
};

// e^z as s (1 + p) before its rounding: s a power of 2 (times a table entry, in float) held
// exactly, p small (see expf.hpp, exp_f64.hpp), for callers that fold s p into a sum or product
// of their own. Float or double batches.
template <class B>
struct unrounded_exp {
  B s;
  B p;
};

}  // namespace simdact::SIMDACT_ISA::kernels
