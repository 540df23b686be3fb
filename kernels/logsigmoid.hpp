// SPDX-License-Identifier: Apache-2.0
// logsigmoid(x) = log(1 / (1 + e^-x)) = -softplus(-x) = min(x, 0) - log1p(e^-|x|).
// Output range [-inf, 0]; x itself below about -17, -e^-x above about 17; logsigmoid(0) = -ln 2.
//
// Reference: the same formula in double (not log(sigmoid(x)), which is -inf below -745).
// Vector kernel, in float where x <= 87: y = min(x, 0) - (hi + lo), hi + lo = log1p(e^-|x|) by
// log1p_exp.hpp's float split (2^-26.3 relative; |x| clamped to 87, above which e^-|x| < 2^-125
// changes no result), hi + lo rounded first (half an ULP of log1p(e^-|x|) <= |y|), then the
// difference: two non-positive terms, no cancellation; for x >= 0 the result is that one
// rounding, for x < 0 the error before the last rounding is at most 2^-23.7 log1p(e^x), below 0.85
// ULP of y (as softplus's for x > 0). x above 87 (the result -e^-x, near or below FLT_MIN) and NaN
// take the double path: the same formula in double over the two halves of the batch (driver.hpp's
// map_double), log1p(e^-|x|) by log1p_exp.hpp (2^-29.8 relative), one rounding to float, subnormal
// results too (-e^-x from x = 87.3 on, -0 from x = 103.98 on). Steps of x <= 87 only are the
// driver's common case, without that test.
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA).
// Special values: NaN -> NaN; +inf -> -0; -inf -> -inf; ±0 -> -ln 2.
#pragma once

#include <algorithm>
#include <cmath>

#include "driver.hpp"
#include "log1p_exp.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

// The lanes logsigmoid computes in float: x <= 87, where e^-|x| is normal (NaN fails the compare).
struct logsigmoid_float_lanes {
  template <class B>
  SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& /*unused*/) {
    return x <= B(87.0f);
  }
};

struct logsigmoid : fast_loop, float_where_covered<logsigmoid, logsigmoid, logsigmoid_float_lanes> {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::none;
  static constexpr bool monotone = true;
  static constexpr float ln2 = 0x1.62e43p-1f;  // rounded to float
  static constexpr special_value special_values[] = {
      {infinity, -0.0f}, {-infinity, -infinity}, {0.0f, -ln2},   {-0.0f, -ln2},
      {1e-40f, -ln2},    {-200.0f, -200.0f},     {200.0f, -0.0f}};
  static float naive(float x) { return std::log(1.0f / (1.0f + std::exp(-x))); }

  static double reference(double x, const params& /*unused*/) {
    // Negated last, so that +inf gives -0 as the vector kernel (and the limit from below) does.
    return -(std::log1p(std::exp(-std::fabs(x))) - std::min(x, 0.0));
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, const params& /*unused*/) {
    return simd::min(x, D(0.0)) - log1p_exp_neg(simd::abs(x));
  }

  // In float (see the top of this file), where x <= 87.
  template <class B>
  SIMDACT_INLINE static B value(B x, const params& /*unused*/) {
    const auto [hi, lo] = log1p_exp_neg_split(simd::min(simd::abs(x), B(87.0f)));
    return simd::min(x, B(0.0f)) - (hi + lo);
  }

  // The fast tier: the same formula in float around fast_log1p_exp_neg (log1p_exp.hpp), with
  // min(x, -0) so that a log1p flushed to +0 (x above 103.3, and +inf) still gives -0. Bound
  // 4 ULP where the result is normal (3 measured: all floats on AVX2 and AVX-512, NEON's sweep).
  struct fast : fast_loop {
    static constexpr int max_ulp = 4;
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
      return simd::min(x, B(-0.0f)) - fast_log1p_exp_neg(simd::abs(x));
    }
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
