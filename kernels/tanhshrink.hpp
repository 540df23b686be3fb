// SPDX-License-Identifier: Apache-2.0
// tanhshrink(x) = x - tanh(x). Odd; x^3 / 3 near 0, x -+ 1 for large |x|.
//
// Reference: in long double, x - tanh(x) for |x| >= 1/4 (cancelling at most 6 of its 64 bits), and
// below it the Taylor series x^3 (1/3 - 2x^2/15 + 17x^4/315 - ...) to the x^25 term (the next is
// about 2^-63 of the sum there).
// Vector kernel, in double over the two halves of the batch (driver.hpp's map_double), on a = |x|,
// the sign put back last (x - tanh(x) is odd, ±0 -> ±0):
//   a <= 1: a^3 P(a^2), P of degree 9 with double coefficients, 2^-34.6 relative
//     (tools/sollya/tanhshrink.sollya), a^3 and the Horner steps each 2^-53: no cancellation;
//   a > 1: a - e / (e + 2), e = e^(2a) - 1 by exp_f64.hpp's expm1_f64 (2^-30 relative; 2a clamped
//     to 80, where tanh is 1 in double): tanh(a) to ~2^-29, and a - tanh(a) >= 0.238 a cancels
//     at most a factor 4.2 of it: 2^-27 relative.
// One rounding to float: within 0.5 ULP + 2^-27 relative, max 1 ULP. The small branch's argument
// is clamped to 1, so that large inputs raise no overflow in P.
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA).
// Special values: NaN -> NaN; ±inf -> ±inf; ±0 -> ±0; subnormals -> ±0 (x^3 / 3 underflows).
#pragma once

#include <cmath>

#include "driver.hpp"
#include "exp_f64.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct tanhshrink : fast_loop {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::odd;
  static constexpr bool monotone = true;
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -infinity}, {0.0f, 0.0f},    {-0.0f, -0.0f},
      {1e-40f, 0.0f},       {-1e-40f, -0.0f},       {100.0f, 99.0f}, {-100.0f, -99.0f}};
  static float naive(float x) { return x - std::tanh(x); }

  static double reference(double x, const params& /*unused*/) {
    if (std::isnan(x)) return x;  // (a >= 0.25 would raise FE_INVALID on it)
    const long double a = std::fabs(static_cast<long double>(x));
    long double y;
    if (a >= 0.25L) {
      y = a - std::tanh(a);
    } else {
      // x - tanh x = sum over n >= 1 of -(2^(2n+2) (2^(2n+2) - 1) B_(2n+2) / (2n+2)!) x^(2n+1).
      static constexpr long double c[] = {1.0L / 3,
                                          -2.0L / 15,
                                          17.0L / 315,
                                          -62.0L / 2835,
                                          1382.0L / 155925,
                                          -21844.0L / 6081075,
                                          929569.0L / 638512875,
                                          -6404582.0L / 10854718875,
                                          443861162.0L / 1856156927625,
                                          -18888466084.0L / 194896477400625,
                                          113927491862.0L / 2900518163668125,
                                          -58870668456604.0L / 3698160658676859375};
      const long double y2 = a * a;
      long double s = 0;
      for (int i = static_cast<int>(std::size(c)) - 1; i >= 0; --i) s = s * y2 + c[i];
      y = a * y2 * s;
    }
    return static_cast<double>(std::copysign(y, static_cast<long double>(x)));
  }

  // P(a^2) on [0, 1] (tools/sollya/tanhshrink.sollya).
  static constexpr double poly[] = {
      0x1.555555551d891p-2,  -0x1.111110b9a9b52p-3, 0x1.ba1b742dd4ec9p-5, -0x1.664aa35987d29p-6,
      0x1.222fea21c2451p-7,  -0x1.d304974c21df4p-9, 0x1.6b0645593adcp-10, -0x1.f52488a9ec422p-12,
      0x1.01a853cb02ab6p-13, -0x1.140ed3c6165dcp-16};

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, const params& /*unused*/) {
    const D a = simd::abs(x);
    const D s = simd::min(a, D(1.0));
    const D s2 = s * s;
    const D small = s2 * s * simd::horner(s2, poly);
    const D e = expm1_f64(simd::min(a + a, D(80.0)));
    const D large = a - e / (e + D(2.0));
    return simd::copysign(simd::select(a <= D(1.0), small, large), x);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return map_double<tanhshrink>(x, p);
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
