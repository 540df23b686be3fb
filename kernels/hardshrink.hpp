// SPDX-License-Identifier: Apache-2.0
// hardshrink(x; lambda) = x if |x| > lambda, else 0. Default lambda = 0.5 (PyTorch's); finite,
// lambda >= 0.
//
// Vector kernel: |x| <= lambda ? +0 : x, an abs, a compare and a blend: exact (0 ULP). NaN fails
// the compare and passes through; ±0 give +0 (|x| <= lambda holds for every lambda >= 0).
// Memory-bound on every ISA.
// Special values: NaN -> NaN; ±inf -> ±inf; ±0 -> +0; |x| <= lambda -> +0.
#pragma once

#include <cmath>

#include "driver.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct hardshrink {
  static constexpr int max_ulp = 0;
  static constexpr symmetry symmetric = symmetry::none;  // odd but for -0 in the dead zone
  static constexpr bool monotone = false;
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -infinity}, {0.0f, 0.0f},   {-0.0f, 0.0f},
      {0.5f, 0.0f},         {-0.5f, 0.0f},          {0.75f, 0.75f}, {-0.75f, -0.75f}};
  // At lambda = 0 only the zeros are shrunk; at lambda = 2, 1.5 is.
  static constexpr special_value_at special_values_at[] = {
      {0.0f, 1e-40f, 1e-40f}, {0.0f, -0.0f, 0.0f}, {2.0f, -1.5f, 0.0f}, {2.0f, 2.5f, 2.5f}};
  static float naive(float x) { return std::fabs(x) > 0.5f ? x : 0.0f; }

  static double reference(double x, const params& p) { return std::fabs(x) <= p.lambda ? 0.0 : x; }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return simd::zero_where(simd::abs(x) <= B(p.lambda), x);
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
