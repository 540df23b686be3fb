// SPDX-License-Identifier: Apache-2.0
// hardswish(x) = x * relu6(x + 3) / 6: x (x + 3) / 6 on (-3, 3), x from 3 on, and a zero below -3
// (MobileNetV3's). The zero is -0 there (x times +0, as the formula computes it, PyTorch's too).
//
// Reference: x (x + 3) / 6 in double, rounded to float.
// Vector kernel, in float, on x clamped to [-3, 3] (NaN kept):
//   t + t_lo = x + 3 exactly (Fast2Sum: |x| <= 3);
//   p + p_lo = x (t + t_lo) to ~2^-47 relative: p = x t rounded, p_lo = (x t - p) (an FMA, exact)
//   plus x t_lo (an FMA; its rounding is 2^-24 of a term below 2^-23 of p);
//   y = (p + p_lo) c = p c + p_lo c in one FMA and a multiply, c = RN(1/6), 2^-25 relative
//   above 1/6: before its rounding y is within half an ULP (2^-24 to 2^-23 of y) of the exact
//   value, after it within 1 ULP plus 2^-24, so less than 1.5 ULP from the correctly rounded
//   value: at most one float away (the c_lo of 1/6 = c + c_lo would cost two instructions, 10%).
// Then the sign of x is put on y (the zeros of x <= -3 and of x = ±0: ±0), and x >= 3 gives x.
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0; x <= -3 -> -0; x >= 3 -> x.
#pragma once

#include <algorithm>

#include "driver.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct hardswish : six_where_32_registers {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::none;
  static constexpr bool monotone = false;  // a minimum of -0.375 at x = -1.5
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -0.0f}, {0.0f, 0.0f}, {-0.0f, -0.0f},
      {-3.0f, -0.0f},       {-4.0f, -0.0f},     {3.0f, 3.0f}, {1.0f, 0x1.555556p-1f},
      {-1.5f, -0.375f},     {1e-40f, 5e-41f},   {7.0f, 7.0f}};
  static float naive(float x) { return x * std::min(std::max(x + 3.0f, 0.0f), 6.0f) / 6.0f; }

  static double reference(double x, const params& /*unused*/) {
    if (x <= -3) return -0.0;
    return x >= 3 ? x : x * (x + 3) / 6;
  }

  static constexpr float c = 0x1.555556p-3f;  // 1/6 rounded

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
    const B three(3.0f);
    const B xc = simd::min_nan_passing(three, simd::max_nan_passing(-three, x));
    const B t = xc + three;
    const B t_lo = xc - (t - three);
    const B p = xc * t;
    const B p_lo = simd::fmadd(xc, t_lo, simd::fmsub(xc, t, p));
    const B y = simd::fmadd(p, B(c), p_lo * B(c));
    return simd::select(x >= three, x, simd::copysign(y, x));
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
