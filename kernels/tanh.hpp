// tanh(x) = (e^x - e^-x) / (e^x + e^-x). Odd; output range [-1, 1].
//
// Reference: std::tanh in double, rounded to float.
// Vector kernel, in float, on a = |x| with the sign of x copied back (odd; keeps -0):
//   a < 0.5: a + a^3 P(a^2), P of degree 4 (tools/sollya/tanhf.sollya: 2^-30 relative); the
//     last FMA adds a term below a/12 to a, so its rounding is the only one that matters;
//   a >= 0.5: tanh(a) = 2 sigmoid(2a) - 1 = 2 / (1 + e) - 1, e = e^-2a (expf.hpp, hi + lo, with
//     -2a clamped to -20: tanh is 1 in float from 9.01 on); 1 / (1 + e) as q + correction by
//     one_over_one_plus (expf.hpp: a reciprocal estimate and its residual, no division); 2q - 1 is
//     exact (q in [0.5, 1]), and twice the correction is added with one FMA. e's error (2^-24.75
//     relative: T_j's rounding left in, expf.hpp's exp_accuracy::coarse) moves the result by
//     2e / (1 + e)^2 of it, 0.39 at a = 0.5 and less above: 2^-26.1 absolute against an ULP of
//     2^-25 at tanh(0.5) = 0.46, and 2^-24 from 0.5 on.
// Both are computed and the lanes blended.
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA; see the README).
// Special values: NaN -> NaN; ±inf -> ±1; ±0 -> ±0; denormal x -> x.
#pragma once

#include <cmath>

#include "expf.hpp"

namespace simdact::kernels {

struct tanh {
  static constexpr int max_ulp = 1;
  static constexpr bool interleave = true;  // see driver.hpp

  static double reference(double x, double /*unused*/) { return std::tanh(x); }

  template <class B>
  SIMDACT_INLINE static B eval(B x, B /*unused*/) {
    static constexpr float p[] = {-0x1.555554p-2f, 0x1.11101ap-3f, -0x1.b9bbc2p-5f, 0x1.5ed37ep-6f,
                                  -0x1.c04a8ep-8f};
    const B a = simd::abs(x);
    const B a2 = a * a;
    const B small = simd::fmadd(a2 * a, simd::horner(a2, p), a);

    const B z = simd::max_nan_passing(B(-20.0f), -(a + a));  // NaN stays NaN
    const split<B> e = expf_split<exp_accuracy::coarse>(z);
    const quotient<B> s = one_over_one_plus(e.hi, e.lo);  // 1 / (1 + e)
    const B large = simd::fmadd(s.residual + s.residual, s.rcp, simd::fmsub(B(2.0f), s.q, B(1.0f)));

    return simd::copysign(simd::select(a < B(0.5f), small, large), x);
  }
};

}  // namespace simdact::kernels
