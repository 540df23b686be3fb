// elu(x; alpha) = x if x > 0, else alpha * (e^x - 1). Default alpha = 1; any finite alpha.
// Output range (-alpha, inf] for alpha > 0.
//
// Reference: alpha * expm1(x) in double (expm1, not exp(x) - 1, which loses every digit near 0).
// Vector kernel: none yet; every ISA runs the reference (0 ULP).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -alpha; ±0 -> ±0 (times the sign of alpha
// for -0).
#pragma once

#include <cmath>

namespace simdact::kernels {

struct elu {
  static constexpr int max_ulp = 0;

  static double reference(double x, double alpha) { return x > 0 ? x : alpha * std::expm1(x); }
};

}  // namespace simdact::kernels
