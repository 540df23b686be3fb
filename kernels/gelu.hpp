// gelu(x) = x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt 2)) = 0.5 * x * erfc(-x / sqrt 2).
//
// Reference: the erfc form in double. 1 + erf(x / sqrt 2) cancels to 0 for x < -5.9 (erf is -1
// in double there), while erfc keeps full relative accuracy down to the float underflow of the
// result (x ~ -14). Where erfc underflows, the result is the signed zero (also at -inf, the
// limit rather than -inf * 0).
// Vector kernel: none yet; every ISA runs the reference (0 ULP).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0.
#pragma once

#include <cmath>

namespace simdact::kernels {

struct gelu {
  static constexpr int max_ulp = 0;

  static double reference(double x, double /*unused*/) {
    const double c = std::erfc(-x * 0.70710678118654752440);  // 2 * Phi(x)
    return c == 0.0 ? std::copysign(0.0, x) : 0.5 * x * c;
  }
};

}  // namespace simdact::kernels
