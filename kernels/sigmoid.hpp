// sigmoid(x) = 1 / (1 + e^-x), the logistic function. Output range [0, 1].
//
// Reference: e = exp(-|x|) in double, then e / (1 + e) for x < 0 and 1 / (1 + e) otherwise:
// no overflow for any input, and full relative accuracy on the small side, where the result
// becomes subnormal below x ~ -87.3 and 0 below x ~ -103.97.
// Vector kernel: none yet; every ISA runs the reference (0 ULP).
// Special values: NaN -> NaN; +inf -> 1; -inf -> +0; ±0 -> 0.5.
#pragma once

#include <cmath>

namespace simdact::kernels {

struct sigmoid {
  static constexpr int max_ulp = 0;

  static double reference(double x, double /*unused*/) {
    const double e = std::exp(-std::fabs(x));
    return x < 0 ? e / (1.0 + e) : 1.0 / (1.0 + e);
  }
};

}  // namespace simdact::kernels
