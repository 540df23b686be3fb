// SPDX-License-Identifier: Apache-2.0
// log(1 + e^-a) for a >= 0 in double over a double batch D: the building block of softplus and
// logsigmoid (softplus(t) = max(t, 0) + log1p(e^-|t|), logsigmoid(x) = -softplus(-x)), on their
// double paths, which round once to float. It keeps about 29 bits more than a float result, so
// neither the sum with max(t, 0) nor the final rounding loses what a float hi + lo pair would
// keep.
//
// Algorithm, for a in [0, inf] (clamped to 700, beyond which e^-a is below every float result it
// could change; NaN gives an unspecified value):
//   e = e^-a by exp_f64.hpp (2^-30 relative), in (0, 1];
//   u = 1 + e, rounded, and its rounding error c = e - (u - 1), exact (Fast2Sum: 1 >= e);
//   log1p(e) = log(u) + c / u, taken as log(u) + c: the difference c e / u is below 2^-53 e,
//     i.e. 2^-52.5 of log1p(e) (>= e / 1.45 on (0, 1]). For e below 2^-53, u = 1 and the result
//     is c = e itself;
//   u in [1, 2]: u = 2^k m with m in [sqrt(1/2), sqrt(2)] (k = 1 where u > sqrt(2), m = u / 2
//     exactly), s = (m - 1) / (m + 1) (m - 1 exact by Sterbenz, one rounding in the sum and one
//     in the quotient), |s| <= 0.1716, log m = 2s + 2s^3 P(s^2), P of degree 3
//     (tools/sollya/log1p_exp.sollya, 2^-35.8 relative in log m); log u = k ln 2 + log m, where
//     k = 1 leaves log u >= 0.35 > |log m|: no cancellation.
// Error: relative 2^-30 from e (log1p's condition number e / ((1 + e) log1p(e)) is below 1),
// plus 2^-35.8 and a few roundings of 2^-53: below 2^-29.8 of the result.
//
// log1p_exp_neg_split(a), the accurate tier's float form (softplus and logsigmoid at beta = 1,
// their common case), as hi + lo, for a in [0, 87] (e^-a normal):
//   e = e^-a = e_hi + e_lo by expf.hpp (fine: 2^-27 relative);
//   S = 2s = e / (1 + e/2) in (0, 2/3], log1p(e) = 2 atanh(S/2) = S + S^3 R(S^2), R of degree 4
//     with float coefficients (tools/sollya/log1p_exp.sollya: 2^-25 relative; S^3 R is below
//     3.8% of log1p(e), so 2^-29.7 of it);
//   d = 1 + e_hi/2 rounded and d_lo = its rounding error (one FMA from 1 - d, exact by
//     Sterbenz) + e_lo/2; S_hi = e_hi / d correctly rounded (a division), whose residual
//     e_hi - S_hi d is exact (one FMA); S_lo = (residual + e_lo - S_hi d_lo) / d by the
//     reciprocal estimate (2^-14 of a term below 2^-22 of S): S_hi + S_lo to ~2^-36;
//   hi = S_hi, lo = S_lo + S_hi^3 R(S_hi^2) in one FMA (S_lo's share of the cube: 2^-21 of lo).
// Error of hi + lo: e's 2^-27 (log1p's condition number is below 1), R's 2^-29.7, the roundings
// of S^3 R and of lo (2^-24 of at most 3.8% of the result each): below 2^-26.3 relative. lo is at
// most 3.9% of hi, so hi + lo rounded once is within half an ULP plus that.
//
// fast_log1p_exp_neg(a), the fast tier's, in float: e = e^-a by expf_fast.hpp's fast_exp (about
// 1.5 ULP), then log1p(e) = 2 atanh(s) with s = e / (e + 2), exactly (no 1 + e to round):
// s in [0, 1/3], log1p(e) = 2s + 2s^3 Q(s^2), Q of degree 3 with float coefficients
// (tools/sollya/log1p_exp.sollya, 2^-26 relative in log1p(e)). s carries two roundings (e + 2,
// the quotient), 2s^3 Q(s^2) is below 4% of 2s, the last FMA rounds once: about 1.3 ULP beside
// e's error, which log1p damps (condition number below 1). The exhaustive sweeps of its users
// measure the rest. a = 0 gives ln 2 rounded, as the double path does; a = inf gives +0; NaN
// stays NaN.
#pragma once

#include "exp_f64.hpp"
#include "expf.hpp"
#include "expf_fast.hpp"
#include "parts.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

// P(z) of log m = 2s + 2s^3 P(s^2) (tools/sollya/log1p_exp.sollya).
inline constexpr double log_atanh_p[] = {0x1.5555554ba9894p-2, 0x1.9999eb8981313p-3,
                                         0x1.245c33e800304p-3, 0x1.ddd19b1d54407p-4};

template <class D>
SIMDACT_INLINE D log1p_exp_neg(D a) {
  const D one(1.0);
  const D e = exp_f64(-simd::min(a, D(700.0)));
  const D u = one + e;
  const D c = e - (u - one);
  const auto halve = u > D(0x1.6a09e667f3bcdp0);  // sqrt(2)
  const D m = simd::select(halve, u * D(0.5), u);
  const D s = simd::div(m - one, m + one);
  const D s2 = s * s;
  const D two_s = s + s;
  const D log_m = simd::fmadd(two_s * s2, simd::horner(s2, log_atanh_p), two_s);
  const D k_ln2 = simd::select(halve, D(0x1.62e42fefa39efp-1), D(0.0));
  return (k_ln2 + log_m) + c;
}

// R(w) of log1p(e) = S + S^3 R(S^2), S = e / (1 + e/2) (tools/sollya/log1p_exp.sollya).
inline constexpr float log1p_s_r[] = {0x1.555556p-4f, 0x1.999866p-7f, 0x1.24d764p-9f,
                                      0x1.bb3304p-12f, 0x1.e116a4p-14f};

template <class B>
SIMDACT_INLINE split<B> log1p_exp_neg_split(B a) {
  const auto [e, e_lo] =
      expf_detail::exp_parts<false, exp_accuracy::fine, true>(a, a, simd::ibatch<B>(0));
  const B half(0.5f), one(1.0f);
  const B d = simd::fmadd(e, half, one);
  const B d_lo = simd::fmadd(e_lo, half, simd::fmadd(e, half, one - d));
  const B s = simd::div(e, d);
  const B s_lo = (simd::fnmadd(s, d, e) + simd::fnmadd(s, d_lo, e_lo)) * simd::reciprocal(d);
  const B w = s * s;
  return {s, simd::fmadd(s * w, simd::horner(w, log1p_s_r), s_lo)};
}

// Q(z) of log1p(e) = 2s + 2s^3 Q(s^2), s = e / (e + 2) (tools/sollya/log1p_exp.sollya).
inline constexpr float log_atanh_q[] = {0x1.55554cp-2f, 0x1.99adccp-3f, 0x1.211cbep-3f,
                                        0x1.1321c4p-3f};

template <class B>
SIMDACT_INLINE B fast_log1p_exp_neg(B a) {
  const B e = fast_exp<true>(a);
  const B s = simd::div(e, e + B(2.0f));
  const B z = s * s;
  const B two_s = s + s;
  return simd::fmadd(two_s * z, simd::horner(z, log_atanh_q), two_s);
}

}  // namespace simdact::SIMDACT_ISA::kernels
