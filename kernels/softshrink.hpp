// SPDX-License-Identifier: Apache-2.0
// softshrink(x; lambda) = x - lambda if x > lambda, x + lambda if x < -lambda, else 0. Default
// lambda = 0.5 (PyTorch's); finite, lambda >= 0.
//
// Vector kernel: x - copysign(lambda, x), one rounding (correctly rounded, 0 ULP), then +0 where
// |x| <= lambda (NaN fails that compare and stays NaN). Memory-bound on every ISA.
// Special values: NaN -> NaN; ±inf -> ±inf; ±0 -> +0; |x| <= lambda -> +0.
#pragma once

#include <cmath>

#include "driver.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct softshrink {
  static constexpr int max_ulp = 0;
  static constexpr symmetry symmetric = symmetry::none;  // odd but for -0 in the dead zone
  static constexpr bool monotone = true;
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -infinity}, {0.0f, 0.0f},     {-0.0f, 0.0f}, {0.5f, 0.0f},
      {-0.5f, 0.0f},        {0.75f, 0.25f},         {-0.75f, -0.25f}, {1e30f, 1e30f}};
  // At lambda = 0 softshrink is the identity but for -0; at lambda = 2^-127, a subnormal result.
  static constexpr special_value_at special_values_at[] = {{0.0f, 1e-40f, 1e-40f},
                                                           {0.0f, -0.0f, 0.0f},
                                                           {2.0f, -1.5f, 0.0f},
                                                           {0x1p-127f, 0x1p-126f, 0x1p-127f}};
  static float naive(float x) { return x > 0.5f ? x - 0.5f : (x < -0.5f ? x + 0.5f : 0.0f); }

  static double reference(double x, const params& p) {
    return std::fabs(x) <= p.lambda ? 0.0 : x - std::copysign(static_cast<double>(p.lambda), x);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    const B lambda(p.lambda);
    return simd::zero_where(simd::abs(x) <= lambda, x - simd::copysign(lambda, x));
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
