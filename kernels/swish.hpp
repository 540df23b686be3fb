// swish(x; beta) = x * sigmoid(beta * x). Default beta = 1 (silu); any finite beta.
//
// Reference: beta * x is exact in double (0 where beta is 0, also for infinite x); the sigmoid
// as in sigmoid.hpp. Where the sigmoid underflows to 0 the product is a signed zero, also for
// x = ±inf (the limit, not inf * 0).
// Vector kernel, in double: x is first clamped to ±1e39 (finite, but past the float range),
// t = beta * x, s = logistic(t) (exp.hpp), y = x * s, one rounding. The clamp gives the
// infinities their limits without a special case: 1e39 * s rounds to inf where s ~ 1 (or 1/2),
// and to a signed 0 where s <= e^-200.
// Accuracy: max 1 ULP over all floats, for any beta.
// Special values (beta > 0): NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0. beta = 0 gives
// x / 2; beta < 0 mirrors: +inf -> +0, -inf -> -inf.
#pragma once

#include <cmath>

#include "exp.hpp"
#include "sigmoid.hpp"

namespace simdact::kernels {

struct swish {
  static constexpr int max_ulp = 1;

  static double reference(double x, double beta) {
    const double s = sigmoid::reference(beta == 0.0 ? 0.0 : beta * x, 0.0);
    return s == 0.0 ? std::copysign(0.0, x) : x * s;
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, D beta) {
    const D xc = simd::min(simd::max(x, D(-1e39)), D(1e39));
    return xc * logistic_f64(beta * xc);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, B beta) {
    return simd::map_double<swish>(x, beta);
  }
};

}  // namespace simdact::kernels
