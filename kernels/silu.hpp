// silu(x) = x * sigmoid(x): swish with beta = 1, under its own name.
//
// Reference, vector kernel, accuracy (1 ULP) and special values: those of swish (swish.hpp) at
// beta = 1, where beta * x is exact and needs no remainder, and with the coarse exponential
// (expf.hpp; the hazard that keeps swish on the fine one needs |beta| >= ~1e4); x < -80 and NaN
// take the double path.
#pragma once

#include "swish.hpp"

namespace simdact::kernels {

struct silu {
  static constexpr int max_ulp = swish::max_ulp;

  static double reference(double x, double /*unused*/) { return swish::reference(x, 1.0); }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, D /*unused*/) {
    return swish::eval_double(x, D(1.0));
  }

  // x clamped to 87 (z = -x >= -87, as expf.hpp needs), also where it multiplies the logistic's
  // correction, whose weight is 2^-125 there: at x = +inf the result is then inf * 1 + 87 * tiny,
  // not inf - inf, so +inf needs no double path and one comparison picks the lanes that do.
  template <class B>
  SIMDACT_INLINE static B eval(B x, B p) {
    const B xc = simd::min(x, B(87.0f));
    const B fast = times_logistic(x, one_over_one_plus_exp<exp_accuracy::coarse>(-xc), xc);
    return simd::patch<silu>(x, p, x >= B(-80.0f), fast);
  }
};

}  // namespace simdact::kernels
