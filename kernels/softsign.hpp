// SPDX-License-Identifier: Apache-2.0
// softsign(x) = x / (1 + |x|). Output range [-1, 1]; odd.
//
// Reference: the same in double.
// Vector kernel, in double over the two halves of the batch (driver.hpp's map_double): 1 + |x| is
// exact in double for |x| >= 2^-29 and within 2^-53 below, the quotient is rounded once more
// (2^-53), so the narrowing to float leaves the result within 0.5 ULP + 2^-28 of it: max 1 ULP,
// correctly rounded unless the quotient lies within 2^-52 of a float midpoint. |x| is clamped to
// 2^60 first, so that ±inf give ±(1 - 2^-60), which rounds to ±1 (inf / inf would be NaN).
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA).
// Special values: NaN -> NaN; ±inf -> ±1; ±0 -> ±0; subnormals -> themselves.
#pragma once

#include <cmath>

#include "driver.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct softsign {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::odd;
  static constexpr bool monotone = true;
  static constexpr special_value special_values[] = {
      {infinity, 1.0f}, {-infinity, -1.0f}, {0.0f, 0.0f},     {-0.0f, -0.0f},
      {1.0f, 0.5f},     {-3.0f, -0.75f},    {1e-40f, 1e-40f}, {-1e-40f, -1e-40f}};
  static float naive(float x) { return x / (1.0f + std::fabs(x)); }

  static double reference(double x, const params& /*unused*/) {
    return std::isinf(x) ? std::copysign(1.0, x) : x / (1 + std::fabs(x));
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, const params& /*unused*/) {
    const D big(0x1p60);
    const D xc = simd::min(simd::max(x, -big), big);
    return xc / (D(1.0) + simd::abs(xc));
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return map_double<softsign>(x, p);
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
