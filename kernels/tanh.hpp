// SPDX-License-Identifier: Apache-2.0
// tanh(x) = (e^x - e^-x) / (e^x + e^-x). Odd; output range [-1, 1].
//
// Reference: std::tanh in double, rounded to float.
// Vector kernel, in float, on a = |x| with the sign of x copied back (odd; keeps -0):
//   a < 0.5625: a + a^3 P(a^2), P of degree 4 (tools/sollya/tanhf.sollya: 2^-27.6 relative);
//     the last FMA adds a term below a/10 to a, so its rounding is the only one that matters;
//   a >= 0.5625 (tanh >= 0.5098, where an ULP is 2^-24): tanh(a) = 2 sigmoid(2a) - 1 =
//     2 / (1 + e) - 1, e = e^-2a (expf.hpp, with -2a clamped to -20: tanh is 1 in float from
//     9.01 on), rounded to a float: only its high part, the low one left out (three instructions
//     fewer); 1 / (1 + e) as q + correction by one_over_one_plus (logistic.hpp: a reciprocal
//     estimate and its residual, no division, 2^-28 relative); 2q - 1 is exact (q in [0.75, 1]),
//     and twice the correction is added with one FMA. The float e is within 2^-24 + 2^-24.75
//     (its rounding, and T_j's left in: expf.hpp's exp_accuracy::coarse) = 1.59 * 2^-24 of
//     e^-2a, which moves the result by 2e / (1 + e)^2 <= 0.37 of that (e <= e^-1.125): 0.59
//     ULP; with the quotient's 2^-27 (0.125 ULP), 0.72 ULP before the last rounding, below 1.
//     (From a = 0.5, the threshold before, e's rounding would cost 1.25 ULP of 2^-25 there,
//     where tanh < 0.5: hence the longer polynomial range.)
// Both are computed and the lanes blended.
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA; see the README).
// Special values: NaN -> NaN; ±inf -> ±1; ±0 -> ±0; denormal x -> x.
#pragma once

#include <cmath>

#include "driver.hpp"
#include "expf.hpp"
#include "expf_fast.hpp"
#include "logistic.hpp"
#include "protocol.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct tanh {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::odd;
  static constexpr bool monotone = true;
  static constexpr special_value special_values[] = {{infinity, 1.0f}, {-infinity, -1.0f},
                                                     {0.0f, 0.0f},     {-0.0f, -0.0f},
                                                     {1e-40f, 1e-40f}, {-20.0f, -1.0f}};
  static float naive(float x) { return std::tanh(x); }
  template <class B>
  static constexpr bool interleave = true;  // see driver.hpp

  static double reference(double x, const params& /*unused*/) { return std::tanh(x); }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
    static constexpr float p[] = {-0x1.555554p-2f, 0x1.110fa2p-3f, -0x1.b98ceep-5f, 0x1.5c462ap-6f,
                                  -0x1.ab144ep-8f};
    const B a = simd::abs(x);
    const B a2 = a * a;
    const B small = simd::fmadd(a2 * a, simd::horner(a2, p), a);

    const B z = simd::max_nan_passing(B(-20.0f), a * B(-2.0f));  // NaN stays NaN
    const quotient<B> s = one_over_one_plus(expf_split<exp_accuracy::coarse>(z).hi);  // 1 / (1 + e)
    const B large = simd::fmadd(s.residual + s.residual, s.rcp, simd::fmsub(B(2.0f), s.q, B(1.0f)));

    return simd::copysign(simd::select(a < B(0.5625f), small, large), x);
  }

  // The fast tier: tanh(a) = -m / (2 + m), m = e^-2a - 1 by expf_fast.hpp's fast_expm1 (one
  // formula for every a: m keeps its relative accuracy near 0, where tanh(a) = a), one division,
  // and x's sign set on the quotient (>= +0). Error before the last rounding: m's (up to 1.5
  // ULP), 2 + m's rounding (2^-24 relative) and the quotient's: max 4 ULP over all floats on
  // AVX-512 (3 on AVX2). At a >= 8.75 the clamp of fast_expm1 gives 1 - 2^-24 or 1 (within 1 ULP
  // of 1); ±0 and subnormal x come out exactly.
  struct fast : fast_loop {
    static constexpr int max_ulp = 4;
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
      const B m = fast_expm1<-2>(simd::abs(x));
      return simd::or_sign(simd::div(m, B(-2.0f) - m), x);
    }
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
