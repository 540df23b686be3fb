// SPDX-License-Identifier: Apache-2.0
// hardtanh(x; min_val, max_val) = min_val if x < min_val, max_val if x > max_val, else x.
// Defaults min_val = -1, max_val = 1 (PyTorch's); finite, min_val <= max_val (the registry's
// not_below_previous).
//
// Vector kernel: two compares and two blends, in that form rather than a max and a min so that
// the result is exactly x wherever x lies within the bounds (-0 stays -0, also at min_val = 0)
// and NaN (both compares false) passes through: exact (0 ULP). Memory-bound on every ISA.
// Special values: NaN -> NaN; +inf -> max_val; -inf -> min_val; ±0 -> ±0 where min_val <= 0 <=
// max_val.
#pragma once

#include <algorithm>

#include "driver.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct hardtanh {
  static constexpr int max_ulp = 0;
  static constexpr symmetry symmetric = symmetry::odd;  // at the default bounds
  static constexpr bool monotone = true;
  static constexpr special_value special_values[] = {
      {infinity, 1.0f}, {-infinity, -1.0f}, {0.0f, 0.0f},   {-0.0f, -0.0f},
      {1e-40f, 1e-40f}, {2.0f, 1.0f},       {-2.0f, -1.0f}, {0.5f, 0.5f}};
  // At min_val = p (max_val 1): x below p gives p, x above 1 gives 1; p = 1 = max_val is allowed.
  static constexpr special_value_at special_values_at[] = {
      {0.0f, -0.0f, -0.0f},    {0.0f, -3.0f, 0.0f}, {0.25f, 0.1f, 0.25f},
      {-0.5f, infinity, 1.0f}, {1.0f, -5.0f, 1.0f}, {1.0f, 0.0f, 1.0f}};
  static float naive(float x) { return std::min(std::max(x, -1.0f), 1.0f); }

  static double reference(double x, const params& p) {
    return x < p.min_val ? p.min_val : (x > p.max_val ? p.max_val : x);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    const B lo(p.min_val), hi(p.max_val);
    return simd::select(x < lo, lo, simd::select(x > hi, hi, x));
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
