// SPDX-License-Identifier: Apache-2.0
// relu6(x) = min(max(0, x), 6) (MobileNet's). Output range [+0, 6].
//
// Vector kernel: x <= 0 ? +0 : min(x, 6), a compare, a blend and a NaN-passing min: exact (0
// ULP). The compare is false for NaN, which the min passes through, and true for -0, which gives
// +0 as relu does. Memory-bound on every ISA.
// Special values: NaN -> NaN (same payload); +inf -> 6; -inf -> +0; ±0 -> +0; positive denormals
// pass through unchanged.
#pragma once

#include <algorithm>

#include "driver.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct relu6 {
  static constexpr int max_ulp = 0;
  static constexpr symmetry symmetric = symmetry::none;
  static constexpr bool monotone = true;
  static constexpr special_value special_values[] = {
      {infinity, 6.0f}, {-infinity, 0.0f}, {0.0f, 0.0f}, {-0.0f, 0.0f},         {1e-40f, 1e-40f},
      {-1e-40f, 0.0f},  {6.0f, 6.0f},      {7.0f, 6.0f}, {5.999999f, 5.999999f}};
  static float naive(float x) { return std::min(std::max(x, 0.0f), 6.0f); }

  static double reference(double x, const params& /*unused*/) {
    return x <= 0 ? 0.0 : (x > 6 ? 6.0 : x);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
    return simd::zero_where(x <= B(0.0f), simd::min_nan_passing(B(6.0f), x));
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
