// elu(x; alpha) = x if x > 0, else alpha * (e^x - 1). Default alpha = 1; any finite alpha.
// Output range (-alpha, inf] for alpha > 0.
//
// Reference: alpha * expm1(x) in double (expm1, not exp(x) - 1, which loses every digit near 0).
// Vector kernel: the same in double with exp.hpp's expm1 (relative accuracy near 0), x clamped
// to [-200, 0] on the negative branch (expm1 is -1 in double well before), one rounding.
// Zeros are handled apart so that their sign is the reference's (alpha * ±0).
// Accuracy: max 1 ULP over all floats, for any alpha (alpha * expm1 is one double product).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -alpha; ±0 -> alpha * ±0.
#pragma once

#include <cmath>

#include "exp.hpp"

namespace simdact::kernels {

struct elu {
  static constexpr int max_ulp = 1;

  static double reference(double x, double alpha) { return x > 0 ? x : alpha * std::expm1(x); }

  // The negative branch, alpha * expm1(x), for x clamped to [-200, 0].
  template <class D>
  SIMDACT_INLINE static D eval_double(D x, D alpha) {
    return alpha * expm1_f64(simd::min(simd::max(x, D(-200.0)), D(0.0)));
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, B alpha) {
    const B neg = simd::map_double<elu>(x, alpha);
    const B zero(0.0f);
    return simd::select(x > zero, x, simd::select(x == zero, alpha * x, neg));
  }
};

}  // namespace simdact::kernels
