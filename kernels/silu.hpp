// silu(x) = x * sigmoid(x): swish with beta = 1, under its own name.
//
// Reference, vector kernel, accuracy (1 ULP) and special values: those of swish (swish.hpp) at
// beta = 1, where beta * x is exact and needs no remainder.
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

  template <class B>
  SIMDACT_INLINE static B eval(B x, B p) {
    const B fast = times_logistic(x, logistic_f32(x));
    const B big(std::numeric_limits<float>::max());
    return simd::patch<silu>(x, p, (x >= B(-80.0f)) & (x <= big), fast);
  }
};

}  // namespace simdact::kernels
