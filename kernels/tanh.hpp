// tanh(x) = (e^x - e^-x) / (e^x + e^-x). Odd; output range [-1, 1].
//
// Reference: std::tanh in double, rounded to float.
// Vector kernel: none yet; every ISA runs the reference (0 ULP).
// Special values: NaN -> NaN; ±inf -> ±1; ±0 -> ±0; denormal x -> x.
#pragma once

#include <cmath>

namespace simdact::kernels {

struct tanh {
  static constexpr int max_ulp = 0;

  static double reference(double x, double /*unused*/) { return std::tanh(x); }
};

}  // namespace simdact::kernels
