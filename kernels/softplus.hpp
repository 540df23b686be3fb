// SPDX-License-Identifier: Apache-2.0
// softplus(x; beta, threshold) = log(1 + e^(beta x)) / beta, and x itself where beta x > threshold
// (PyTorch's rule; beta x is the exact product). Defaults beta = 1, threshold = 20; beta > 0, any
// finite threshold. Output range [0, inf]; softplus(0) = ln 2 / beta.
//
// Reference: in double, max(x, 0) + log1p(e^-|beta x|) / beta (the same rule for the threshold).
// Vector kernel at beta = 1 (the default, and what models use), in float where x >= -87:
//   y = max(x, 0) + (hi + lo), hi + lo = log1p(e^-|x|) by log1p_exp.hpp's float split (2^-26.3
//   relative; |x| clamped to 87, above which e^-|x| < 2^-125 changes no result), hi + lo rounded
//   first (half an ULP of log1p(e^-|x|) <= y), then the sum: for x <= 0 the result is that one
//   rounding; for x > 0 the error before the last rounding is at most 2^-23.7 log1p(e^-x), below
//   0.85 ULP of y (y >= log1p(e^-x), and y >= 1/2 where it is largest against y's ULP). x below
//   -87 (the result e^x, near or below FLT_MIN) and NaN take the double path below; steps of x >=
//   -87 only are the driver's common case, without that test.
// Other betas, in double over the two halves of the batch (driver.hpp's map_double):
//   t = beta x, exact in double (a product of two floats);
//   l = log1p(e^-|t|) by log1p_exp.hpp (2^-29.8 relative), times 1 / beta (two roundings of
//     2^-53; 1 / beta is finite in double for every positive float beta);
//   max(x, 0) + l: two non-negative terms, no cancellation; x where t > threshold.
// One rounding to float: within 0.5 ULP + 2^-29.7 relative, max 1 ULP, subnormal results too
// (their absolute error is far below 2^-149). e^-|t| saturates at e^-700: the float result is
// 0 or x long before. 1 / beta may make ln 2 / beta overflow to inf for a subnormal beta: that is
// the correctly rounded value.
// Accuracy: max 1 ULP over all floats (exhaustive at beta = 1, 10^4 and 10^-4, every vector ISA).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> +0; ±0 -> ln 2 / beta.
#pragma once

#include <algorithm>
#include <cmath>
#include <tuple>

#include "driver.hpp"
#include "log1p_exp.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct softplus : fast_loop {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::none;
  static constexpr bool monotone = true;
  static constexpr float ln2 = 0x1.62e43p-1f;  // rounded to float
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, 0.0f}, {0.0f, ln2},    {-0.0f, ln2},
      {1e-40f, ln2},        {-200.0f, 0.0f},   {20.5f, 20.5f}, {100.0f, 100.0f}};
  // At beta = p (threshold 20): beta x > 20 gives x (1 at beta 10^4, where log1p(e^(10^4)) / 10^4
  // would be 1 + 2^-14434 too).
  static constexpr special_value_at special_values_at[] = {
      {2.0f, -infinity, 0.0f}, {2.0f, infinity, infinity}, {0.5f, 0.0f, 2 * ln2},
      {1e4f, 1.0f, 1.0f},      {1e4f, -1.0f, 0.0f},        {1e-4f, 0.0f, 0x1.b1378ep12f},
      {1e-4f, -infinity, 0.0f}};
  static float naive(float x) { return std::log1p(std::exp(x)); }

  static double reference(double x, const params& p) {
    const double t = static_cast<double>(p.beta) * x;
    if (t > p.threshold) return x;
    return std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(t))) / p.beta;
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, const params& p) {
    const D t = x * D(p.beta);
    const D l = log1p_exp_neg(simd::abs(t)) * D(1.0 / static_cast<double>(p.beta));
    return simd::select(t > D(p.threshold), x, simd::max(x, D(0.0)) + l);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return map_double<softplus>(x, p);
  }

  // beta = 1 in float (see the top of this file), where x >= -87.
  struct float_lanes {
    template <class B>
    SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& /*unused*/) {
      return x >= B(-87.0f);
    }
  };
  struct unit_beta : float_where_covered<softplus, unit_beta, float_lanes> {
    template <class B>
    SIMDACT_INLINE static B value(B x, const params& p) {
      const auto [hi, lo] = log1p_exp_neg_split(simd::min(simd::abs(x), B(87.0f)));
      return simd::select(x > B(p.threshold), x, simd::max(x, B(0.0f)) + (hi + lo));
    }
  };
  using variants = std::tuple<unit_beta>;
  static int variant(const params& p) { return p.beta == 1.0f ? 0 : -1; }

  // The fast tier at beta = 1 (the default, and what models use; driver.hpp's variants): the same
  // formula in float around fast_log1p_exp_neg (log1p_exp.hpp). Bound 4 ULP where the result is
  // normal (3 measured: all floats on AVX2 and AVX-512, NEON's sweep). Other betas run the accurate
  // kernel: in float, beta x would carry its rounding into e^(beta x) times |beta x|.
  struct fast : fast_loop {
    static constexpr int max_ulp = 4;
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& p) {
      return softplus::eval(x, p);
    }
    struct unit_beta : fast_loop {
      template <class B>
      SIMDACT_INLINE static B eval(B x, const params& p) {
        const B y = simd::max(x, B(0.0f)) + fast_log1p_exp_neg(simd::abs(x));
        return simd::select(x > B(p.threshold), x, y);
      }
    };
    using variants = std::tuple<unit_beta>;
    static int variant(const params& p) { return p.beta == 1.0f ? 0 : -1; }
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
