// SPDX-License-Identifier: Apache-2.0
// mish(x) = x tanh(softplus(x)) = x tanh(log(1 + e^x)).
// Not monotone (a minimum of -0.3088 at x = -1.1924); x e^x below about -17, x above about 9.
//
// Reference: x tanh(log1p(e^x)) in long double (x itself above 40).
// Vector kernel, with no logarithm: tanh(log(1 + e)) = ((1 + e)^2 - 1) / ((1 + e)^2 + 1) =
// n / (n + 2), n = e (e + 2), so mish(x) = x n / (n + 2), e = e^x. In float where x >= -87 (e^x
// normal), as pairs hi + lo:
//   e = e^x by expf.hpp (coarse: 2^-24.75 relative), x clamped to 20 (above, n / (n + 2) is 1
//     in float);
//   e + 2 as v + v_lo by Fast2Sum from 2, exact for any e >= 0 whichever is larger (2 - v is
//     exact for v >= 2, and e - (v - 2) by Sterbenz, or v - 2 = 0), n = e (e + 2) by its
//     product's remainder (one FMA, exact) and the lo parts' products; n + 2 likewise;
//   q = n / (n + 2): the quotient correctly rounded, its residual exact (one FMA), the rest of q
//     from the residual and the lo parts times the reciprocal estimate (2^-14 of a term below
//     2^-22 of q);
//   y = |x| q + |x| q_lo in one FMA, with x's sign put back (so that -0 gives -0: q_lo may be
//     negative, and -0 + +0 rounds to +0).
//   Error before the last rounding: n has (2e + 2) / (e + 2) times e's relative error, and
//   n / (n + 2) has condition number 2 / (n + 2) < 1 in n; their product 4 (e + 1) / ((e + 2)
//   (n + 2)) is at most 1 (at e = 0), so q is within e's 2^-24.75 (the pairs' own roundings are
//   about 2^-47): below 1 ULP, so max 1 ULP, subnormal results too (|x| q_lo's rounding, half a
//   subnormal ULP, plus 0.3 of one).
// x below -87 (x e^x is still normal down to -92.6), +inf (whose |x| q_lo may be -inf) and NaN
// take the double path: the same
// formula in double over the two halves of the batch (driver.hpp's map_double), e by exp_f64.hpp
// (2^-30 relative), n's relative error e's plus two roundings, the quotient within 2^-29.9, one
// rounding to float. There x is clamped to [-200, 40] inside e^x and to -200 in the product:
// below -200 the result is -0 in float anyway (x e^x < 2^-280), and above 40 n / (n + 2) is 1 in
// double; -inf then gives -0, not -inf * 0. Steps of x in (-87, FLT_MAX] only are the driver's
// common case, without that test.
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0; subnormals -> 0.6 x.
#pragma once

#include <cfloat>
#include <cmath>
#include <limits>

#include "driver.hpp"
#include "exp_f64.hpp"
#include "expf.hpp"
#include "expf_fast.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct mish : fast_loop {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::none;
  static constexpr bool monotone = false;
  static constexpr special_value special_values[] = {
      {infinity, infinity},     {-infinity, -0.0f}, {0.0f, 0.0f},
      {-0.0f, -0.0f},           {-200.0f, -0.0f},   {100.0f, 100.0f},
      {0x1p-140f, 0x1.33p-141f}};
  static float naive(float x) { return x * std::tanh(std::log1p(std::exp(x))); }

  static double reference(double x, const params& /*unused*/) {
    if (std::isnan(x)) return x;
    if (x == -std::numeric_limits<double>::infinity()) return -0.0;
    if (x > 40) return x;  // tanh(log1p(e^x)) is 1 in long double, and e^x could overflow
    const long double xl = x;
    return static_cast<double>(xl * std::tanh(std::log1p(std::exp(xl))));
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, const params& /*unused*/) {
    const D xc = simd::max(x, D(-200.0));
    const D e = exp_f64(simd::min(xc, D(40.0)));
    const D n = e * (e + D(2.0));
    return xc * simd::div(n, n + D(2.0));
  }

  // In float (see the top of this file), for x in [-87, FLT_MAX].
  template <class B>
  SIMDACT_INLINE static B value(B x) {
    const auto [e, e_lo] = expf_split<exp_accuracy::coarse>(simd::min(x, B(20.0f)));
    const B two(2.0f);
    const B v = two + e, v_lo = (two - v) + e;  // e + 2
    const B n = e * v;
    const B n_lo = simd::fmadd(e_lo, v, simd::fmadd(e, v_lo, simd::fmsub(e, v, n)));
    const B d = two + n, d_lo = ((two - d) + n) + n_lo;  // n + 2
    const B q = simd::div(n, d);
    const B q_lo = (simd::fnmadd(q, d, n) + simd::fnmadd(q, d_lo, n_lo)) * simd::reciprocal(d);
    const B a = simd::abs(x);
    return simd::or_sign(simd::fmadd(a, q, a * q_lo), x);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return patch<mish>(x, p, (x >= B(-87.0f)) & (x <= B(FLT_MAX)), value(x));
  }

  // x in (-87, FLT_MAX]: +inf, whose |x| q_lo may be -inf, takes the double path.
  struct common : covers_by_extent<shifted_within<key_of(87.0f), key_of(FLT_MAX)>> {
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
      return value(x);
    }
  };

  // The fast tier: the same formula in float for x >= -87 (where e^x is normal; x e^x stays
  // normal down to -92.6), e^x by fast_exp (x clamped to 20 inside it: above, n / (n + 2) is 1
  // in float), n = e e + 2e in one FMA, the quotient correctly rounded; the other lanes (and
  // NaN) by the double path (driver.hpp's patch). Bound 4 ULP where the result is normal (4
  // measured: all floats on AVX2 and AVX-512, NEON's sweep).
  struct fast : fast_loop {
    static constexpr int max_ulp = 4;
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& p) {
      const B e = fast_exp<false, true>(simd::min(simd::max(x, B(-87.0f)), B(20.0f)));
      const B n = simd::fmadd(e, e, e + e);
      return patch<mish>(x, p, x >= B(-87.0f), x * simd::div(n, n + B(2.0f)));
    }
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
