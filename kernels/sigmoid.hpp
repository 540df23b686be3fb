// sigmoid(x) = 1 / (1 + e^-x), the logistic function. Output range [0, 1].
//
// Reference: e = exp(-|x|) in double, then e / (1 + e) for x < 0 and 1 / (1 + e) otherwise:
// no overflow for any input, and full relative accuracy on the small side, where the result
// becomes subnormal below x ~ -87.3 and 0 below x ~ -103.97.
// Vector kernel, in float: logistic_f32 of expf.hpp (e = e^-|x| with a table of 8 and a degree-4
// polynomial, kept as hi + lo; the quotient by one division, corrected by its residual), rounded
// once, then scaled back by 2^-64 where x < -64 (a second rounding only for subnormal results).
// Error before the last rounding ~2^-27 relative, far below the 2^-24 that 1 ULP allows.
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA; see the README).
// Special values: NaN -> NaN; +inf -> 1; -inf -> +0; ±0 -> 0.5.
#pragma once

#include <cmath>

#include "expf.hpp"

namespace simdact::kernels {

struct sigmoid {
  static constexpr int max_ulp = 1;

  static double reference(double x, double /*unused*/) {
    const double e = std::exp(-std::fabs(x));
    return x < 0 ? e / (1.0 + e) : 1.0 / (1.0 + e);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, B /*unused*/) {
    const logistic_split<B> s = logistic_f32(x);
    return s.value() * unscale(s);
  }
};

}  // namespace simdact::kernels
