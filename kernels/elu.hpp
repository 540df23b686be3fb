// SPDX-License-Identifier: Apache-2.0
// elu(x; alpha) = x if x > 0, else alpha * (e^x - 1). Default alpha = 1; any finite alpha.
// Output range (-alpha, inf] for alpha > 0.
//
// Reference: alpha * expm1(x) in double (expm1, not exp(x) - 1, which loses every digit near 0).
// Vector kernel, in float, e^z - 1 as hi + lo for z = max(x, -20) (expm1 is -1 in float from
// -17.4 on) by expm1f_split (expf.hpp): e^z's table reduction, with s - 1 and s r split exactly,
// so one formula serves near 0 (where it is the Taylor form z + z^2 Q(z)) and away from it,
// ~2^-27 relative; then alpha * (hi + lo) = fma(alpha, hi, alpha * lo), formed with the sign
// tricks below: one rounding that matters. The table has 8 entries on every ISA, as elsewhere
// (docs/performance-notes.md has the 4-entry one that was tried on AVX2).
// Zeros get the reference's sign (alpha * ±0, and -0 for x < 0 at alpha = +0) from how the last
// sum is formed, without a test.
// Accuracy: max 1 ULP over all floats, for any alpha (exhaustive at alpha = 1, every vector ISA;
// sweeps at other alphas in the tests).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -alpha; ±0 -> alpha * ±0.
#pragma once

#include <cmath>
#include <tuple>

#include "driver.hpp"
#include "expf.hpp"
#include "expf_fast.hpp"
#include "protocol.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct elu {
  static constexpr int max_ulp = 1;
  // The pre-allocation scheduler's order on AVX2 (driver.hpp; docs/performance-notes.md).
  template <class B>
  static constexpr bool interleave = simd::registers<B> == 16;
  static constexpr symmetry symmetric = symmetry::none;
  static constexpr bool monotone = true;  // at the default alpha
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -1.0f}, {0.0f, 0.0f}, {-0.0f, -0.0f}, {-1e-40f, -1e-40f}};
  static constexpr special_value_at special_values_at[] = {
      {-0.5f, -infinity, 0.5f}, {2.0f, -infinity, -2.0f},   {-0.5f, -0.0f, 0.0f},
      {-0.5f, 0.0f, -0.0f},     {2.0f, infinity, infinity}, {0.0f, -0.0f, -0.0f},
      {0.0f, -3.0f, -0.0f},     {0.0f, 0.0f, 0.0f}};
  static float naive(float x) { return x > 0.0f ? x : std::expm1(x); }

  static double reference(double x, const params& p) { return x > 0 ? x : p.alpha * std::expm1(x); }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    const B alpha(p.alpha);
    // Where x > 0 the negative branch computes garbage that the last select drops.
    const B z = simd::max_nan_passing(B(-20.0f), x);  // NaN stays NaN
    const split<B> e = expm1f_split(z);
    const B hi = e.hi, lo = e.lo;
    // alpha (hi + lo) as flip(a hi + a lo), a = -|alpha| and flip negating where alpha >= +0: the
    // same value, and a zero sum gets the sign of a hi, so that the result's is alpha hi's, the
    // reference's. At x = ±0, lo = +0 and a lo = -0, the identity of addition; at alpha = ±0 and
    // x < 0, a hi = +0, which absorbs either zero. (alpha hi + alpha lo gives +0 for -0 + +0: wrong
    // at x = -0 for alpha > 0, and for every x < 0 at alpha = +0.)
    const B sign(-0.0f);
    const B a = simd::neg_abs(alpha);
    const B flip = (alpha & sign) ^ sign;  // loop-invariant, like a
    const B neg = flip ^ simd::fmadd(a, hi, a * lo);
    return simd::select(x > B(0.0f), x, neg);
  }

  // The fast tier: alpha (e^x - 1) by expf_fast.hpp's fast_expm1 (relative accuracy near 0, -0
  // at x = -0), then one multiply. On AVX-512 without the table's rounding remainders (one
  // permute and one add fewer per batch, 1.15x): those cost up to 2 ULP where e^x - 1 cancels, so
  // the bound is 4 ULP (4 measured over all floats at alpha = 1 and 0.2; elsewhere, without a
  // table, 2: docs/accuracy.md), under XNNPACK's 4.8. Zeros as the accurate kernel's: alpha * ±0.
  struct fast : fast_loop {
    static constexpr int max_ulp = 4;
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& p) {
      return simd::select(x > B(0.0f), x, B(p.alpha) * fast_expm1<1, false>(x));
    }
    // alpha = 1, the default, without the multiply (driver.hpp's variants).
    struct unit_alpha : fast_loop {
      template <class B>
      SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
        return simd::select(x > B(0.0f), x, fast_expm1<1, false>(x));
      }
    };
    using variants = std::tuple<unit_alpha>;
    static int variant(const params& p) { return p.alpha == 1.0f ? 0 : -1; }
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
