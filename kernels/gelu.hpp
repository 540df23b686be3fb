// gelu(x) = x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt 2)) = 0.5 * x * erfc(-x / sqrt 2).
//
// Reference: the erfc form in double. 1 + erf(x / sqrt 2) cancels to 0 for x < -5.9 (erf is -1
// in double there), while erfc keeps full relative accuracy down to the float underflow of the
// result (x ~ -14). Where erfc underflows, the result is the signed zero (also at -inf, the
// limit rather than -inf * 0).
// Vector kernel, in double (each half of the float batch widened):
//   xm = max(x, -14.5) (below, the float result is -0 and stays so: |gelu(-14.5)| < 2^-152),
//   z = -min(xm, 16) / sqrt 2, t = 2 / (2 + |z|),
//   E = erfc(|z|) = t * exp(G(t) - z^2), G a degree-10 polynomial (tools/sollya/erfc.sollya:
//   absolute error of G, which is the relative error of E, below 2^-27.2 for |z| <= 10.3);
//   erfc(z) = E for z >= 0 and 2 - E for z < 0 (no cancellation: E <= 1 there);
//   y = 0.5 * xm * erfc(z), one rounding to float.
// exp is exp.hpp's (2^-30.9); z^2 needs no splitting in double: its rounding moves exp by 2^-45
// relative at most. Error before the last rounding ~2^-27, below the 2^-25 that 1 ULP needs.
// Accuracy: max 1 ULP over all floats, subnormal results included.
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0.
#pragma once

#include <cmath>

#include "exp.hpp"

namespace simdact::kernels {

struct gelu {
  static constexpr int max_ulp = 1;
  static constexpr bool interleave = true;  // see driver.hpp

  // G(t) of erfc(z) = t exp(G(t) - z^2), t = 2 / (2 + z), from tools/sollya/erfc.sollya.
  static constexpr double erfc_g[] = {
      -0x1.43fc5ac5c68e1p0,  0x1.0069702774352p0, 0x1.6be7cc2cda499p-2,  0x1.c2ccbeac555c2p-3,
      -0x1.60a0597933b78p-1, 0x1.9ae033668b2f3p0, -0x1.b88dcddcd5992p1,  0x1.0728305cf0a54p2,
      -0x1.595233cca8e58p1,  0x1.defbbea722c8p-1, -0x1.157a222dace0fp-3,
  };
  static constexpr double inv_sqrt2 = 0.70710678118654752440;

  static double reference(double x, double /*unused*/) {
    const double c = std::erfc(-x * inv_sqrt2);  // 2 * Phi(x)
    return c == 0.0 ? std::copysign(0.0, x) : 0.5 * x * c;
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, D /*unused*/) {
    const D xm = simd::max(x, D(-14.5));
    const D z = simd::min(xm, D(16.0)) * D(-inv_sqrt2);
    const D az = simd::abs(z);
    const D t = D(2.0) / (D(2.0) + az);
    const D e = t * exp_f64(simd::fnmadd(az, az, simd::horner(t, erfc_g)));
    const D erfc = simd::select(z < D(0.0), D(2.0) - e, e);
    return (D(0.5) * xm) * erfc;
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, B p) {
    return simd::map_double<gelu>(x, p);
  }
};

}  // namespace simdact::kernels
