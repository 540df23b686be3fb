// SPDX-License-Identifier: Apache-2.0
// hardsigmoid(x) = relu6(x + 3) / 6: 0 for x <= -3, 1 for x >= 3, (x + 3) / 6 between
// (MobileNetV3's). Output range [+0, 1].
//
// Reference: (x + 3) / 6 in double, clamped; rounded to float, the correctly rounded result (see
// below: the same argument holds for it).
// Vector kernel, in double over the two halves of the batch, then clamped in float:
//   s = x + 3 is exact in double for |x| >= 2^-26 (x's last bit at 2^-49 or above, s < 6);
//   q = s * RN(1/6) rounded, corrected once by its exact residual r = s - 6q (an FMA):
//   q' = q + r RN(1/6) rounded is s / 6 correctly rounded in double (Markstein's final step).
//   Narrowing rounds once more, and that is correct too: where s / 6 is a float midpoint m (25
//   bits, so a double), q' = m and the tie goes to even as it should; elsewhere s - 6m is a
//   nonzero multiple of the last bit of s or of 6m, which puts s / 6 at least 2^-51.6 relative
//   from m (2^-49 / 12 at s near 3, more elsewhere), beyond the half double ULP that separates q'
//   from s / 6: q' lies on the same side of m. For |x| < 2^-26, s is rounded but s / 6 is within
//   2^-28.5 of 1/2, whose neighbouring midpoints are 2^-26 and 2^-25 away: the result is 1/2.
//   x is clamped to [-4, 4] first (the residual of inf would be NaN), and the result to [+0, 1]
//   (x + 3 < 0 below, and s = +0 at x = -3), both NaN passing.
//   Exact (0 ULP): exhaustive, every vector ISA.
// Special values: NaN -> NaN; +inf -> 1; -inf -> +0; ±0 -> 0.5; x <= -3 -> +0; x >= 3 -> 1.
#pragma once

#include <algorithm>

#include "driver.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct hardsigmoid : six_where_32_registers {
  static constexpr int max_ulp = 0;
  static constexpr symmetry symmetric = symmetry::complement;
  static constexpr bool monotone = true;
  static constexpr special_value special_values[] = {
      {infinity, 1.0f}, {-infinity, 0.0f}, {0.0f, 0.5f},   {-0.0f, 0.5f}, {-3.0f, 0.0f},
      {3.0f, 1.0f},     {-4.0f, 0.0f},     {1e-40f, 0.5f}, {1.5f, 0.75f}};
  static float naive(float x) { return std::min(std::max(x + 3.0f, 0.0f), 6.0f) / 6.0f; }

  static double reference(double x, const params& /*unused*/) {
    return x <= -3 ? 0.0 : (x >= 3 ? 1.0 : (x + 3) / 6);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
    // x clamped to [-4, 4] first (NaN kept), where the clamps below give 0 and 1 anyway: inf
    // would make the residual NaN.
    const B xc = simd::min_nan_passing(B(4.0f), simd::max_nan_passing(B(-4.0f), x));
    const B q = simd::narrow<B>(sixth(simd::widen_lo(xc)), sixth(simd::widen_hi(xc)));
    return simd::min_nan_passing(B(1.0f), simd::max_nan_passing(B(0.0f), q));
  }

  // (x + 3) / 6 correctly rounded in double (see the top of this file).
  template <class D>
  SIMDACT_INLINE static D sixth(D x) {
    const D s = x + D(3.0);
    const D c(1.0 / 6.0);
    const D q = s * c;
    return simd::fmadd(simd::fnmadd(D(6.0), q, s), c, q);
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
