// gelu(x) = x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt 2)) = 0.5 * x * erfc(-x / sqrt 2).
//
// Reference: the erfc form in double. 1 + erf(x / sqrt 2) cancels to 0 for x < -5.9 (erf is -1
// in double there), while erfc keeps full relative accuracy down to the float underflow of the
// result (x ~ -14). Where erfc underflows, the result is the signed zero (also at -inf, the
// limit rather than -inf * 0).
// Vector kernel, in double:
//   xm = max(x, -16) (below, the float result is -0 and stays so), xc = min(xm, 16);
//   z = -xc / sqrt 2, t = 2 / (2 + |z|), E = erfc(|z|) = t * exp(G(t) - z^2), G a degree-12
//   polynomial (tools/sollya/erfc.sollya: relative error of E below 2^-32.6 for |z| <= 10.7);
//   erfc(z) = E for z >= 0 and 2 - E for z < 0 (no cancellation: E <= 1 there);
//   y = 0.5 * xm * erfc(z), one rounding to float.
// z^2 needs no splitting in double: its rounding moves exp by 2^-45 relative at most.
// Accuracy: max 1 ULP over all floats, subnormal results included.
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0.
#pragma once

#include <cmath>

#include "exp.hpp"

namespace simdact::kernels {

struct gelu {
  static constexpr int max_ulp = 1;

  // G(t) of erfc(z) = t exp(G(t) - z^2), t = 2 / (2 + z), from tools/sollya/erfc.sollya.
  static constexpr double erfc_g[] = {
      -0x1.43f832fd6b0bap0, 0x1.ffe2c3ee5c40dp-1, 0x1.83aca9926db7dp-2, 0x1.94fc8b7d4d611p-5,
      0x1.f9bfdaddd1766p-4, -0x1.08dbb1501438ep0, 0x1.49fa6792dfc51p1,  -0x1.67708bf9fd24ep2,
      0x1.0c3efad667b3dp3,  -0x1.f08fcc3a89e9ep2, 0x1.1569f6b72e3d1p2,  -0x1.5acfe96b83cc3p0,
      0x1.7781fb841cf68p-3,
  };

  static double reference(double x, double /*unused*/) {
    const double c = std::erfc(-x * 0.70710678118654752440);  // 2 * Phi(x)
    return c == 0.0 ? std::copysign(0.0, x) : 0.5 * x * c;
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, D /*unused*/) {
    const D xm = simd::max(x, D(-16.0));
    const D z = simd::min(xm, D(16.0)) * D(-0.70710678118654752440);
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
