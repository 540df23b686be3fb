// sigmoid(x) = 1 / (1 + e^-x), the logistic function. Output range [0, 1].
//
// Reference: e = exp(-|x|) in double, then e / (1 + e) for x < 0 and 1 / (1 + e) otherwise:
// no overflow for any input, and full relative accuracy on the small side, where the result
// becomes subnormal below x ~ -87.3 and 0 below x ~ -103.97.
// Vector kernel: logistic_f64 of exp.hpp, e / (1 + e) with e = e^x in double (relative error
// ~2^-30) for x clamped to [-200, 200], where the float result is already 0 or 1; one rounding
// to float.
// Accuracy: max 1 ULP over all floats (the error before the rounding is ~2^-6 ULP at most).
// Special values: NaN -> NaN; +inf -> 1; -inf -> +0; ±0 -> 0.5.
#pragma once

#include <cmath>

#include "exp.hpp"

namespace simdact::kernels {

struct sigmoid {
  static constexpr int max_ulp = 1;

  static double reference(double x, double /*unused*/) {
    const double e = std::exp(-std::fabs(x));
    return x < 0 ? e / (1.0 + e) : 1.0 / (1.0 + e);
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, D /*unused*/) {
    return logistic_f64(x);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, B p) {
    return simd::map_double<sigmoid>(x, p);
  }
};

}  // namespace simdact::kernels
