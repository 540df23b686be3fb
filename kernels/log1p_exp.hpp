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
// Error: relative 2^-29.9 from e (log1p's condition number e / ((1 + e) log1p(e)) is below 1),
// plus 2^-35.8 and a few roundings of 2^-53: below 2^-29.8 of the result.
#pragma once

#include "exp_f64.hpp"
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

}  // namespace simdact::SIMDACT_ISA::kernels
