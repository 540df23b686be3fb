// tanh(x) = (e^x - e^-x) / (e^x + e^-x). Odd; output range [-1, 1].
//
// Reference: std::tanh in double, rounded to float.
// Vector kernel, in double: a = min(|x|, 20) (tanh is 1 in float from 9.01 on),
// m = e^(2a) - 1 (exp.hpp's expm1: relative accuracy, so no cancellation near 0),
// tanh(a) = m / (m + 2), and the sign of x copied back (odd; keeps -0). One rounding to float.
// Accuracy: max 1 ULP over all floats.
// Special values: NaN -> NaN; ±inf -> ±1; ±0 -> ±0; denormal x -> x.
#pragma once

#include <cmath>

#include "exp.hpp"

namespace simdact::kernels {

struct tanh {
  static constexpr int max_ulp = 1;

  static double reference(double x, double /*unused*/) { return std::tanh(x); }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, D /*unused*/) {
    const D a = simd::min(simd::abs(x), D(20.0));
    const D m = expm1_f64(a + a);
    return simd::copysign(m / (m + D(2.0)), x);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, B p) {
    return simd::map_double<tanh>(x, p);
  }
};

}  // namespace simdact::kernels
