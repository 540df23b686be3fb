// SPDX-License-Identifier: Apache-2.0
// leaky_relu(x; alpha) = x if x > 0, else alpha * x. Default alpha = 0.01; any finite alpha.
//
// Vector kernel: x > 0 ? x : alpha * x, one multiply, one compare, one blend. The float product
// is correctly rounded, as is the reference's double product rounded to float (24 + 24 bits fit
// in a double), so the kernel is exact (0 ULP), denormal products included. Memory-bound.
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -inf * alpha (-inf for alpha > 0, +inf for
// alpha < 0, NaN for alpha = 0); ±0 -> alpha * ±0.
#pragma once

#include "driver.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct leaky_relu {
  static constexpr int max_ulp = 0;
  // The pre-allocation scheduler's order on AVX2 only (driver.hpp; docs/performance-notes.md).
  template <class B>
  static constexpr bool interleave = simd::registers<B> == 16;
  static constexpr symmetry symmetric = symmetry::none;
  static constexpr bool monotone = true;  // at the default alpha
  static constexpr special_value special_values[] = {{infinity, infinity}, {-infinity, -infinity},
                                                     {0.0f, 0.0f},         {-0.0f, -0.0f},
                                                     {1e-40f, 1e-40f},     {-1.0f, -0.01f}};
  static constexpr special_value_at special_values_at[] = {
      {-0.5f, -infinity, infinity}, {0.0f, -3.0f, -0.0f}, {2.0f, -1.0f, -2.0f}};
  static float naive(float x) { return x > 0.0f ? x : 0.01f * x; }

  static double reference(double x, const params& p) { return x > 0 ? x : p.alpha * x; }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    const B alpha(p.alpha);
    return simd::select(x > simd::broadcast<B>(0.0f), x, alpha * x);
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
