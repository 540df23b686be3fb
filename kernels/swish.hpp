// swish(x; beta) = x * sigmoid(beta * x). Default beta = 1 (silu); any finite beta.
//
// Reference: beta * x is exact in double; the sigmoid as in sigmoid.hpp. Where the sigmoid
// underflows to 0 the product is a signed zero, also for x = ±inf (the limit, not inf * 0).
// Vector kernel: none yet; every ISA runs the reference (0 ULP).
// Special values (beta > 0): NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0. beta = 0 gives
// x / 2.
#pragma once

#include <cmath>

#include "sigmoid.hpp"

namespace simdact::kernels {

struct swish {
  static constexpr int max_ulp = 0;

  static double reference(double x, double beta) {
    const double s = sigmoid::reference(beta * x, 0.0);
    return s == 0.0 ? std::copysign(0.0, x) : x * s;
  }
};

}  // namespace simdact::kernels
