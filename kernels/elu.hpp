// elu(x; alpha) = x if x > 0, else alpha * (e^x - 1). Default alpha = 1; any finite alpha.
// Output range (-alpha, inf] for alpha > 0.
//
// Reference: alpha * expm1(x) in double (expm1, not exp(x) - 1, which loses every digit near 0).
// Vector kernel, in float, e^z - 1 as hi + lo for z = max(x, -20) (expm1 is -1 in float from
// -17.4 on):
//   z >= -0.25: hi = z, lo = z^2 R(z), R of degree 4 (tools/sollya/expm1f.sollya: 2^-33
//     relative); lo is at most 13% of the result, so its few roundings cost ~0.3 of 2^-24;
//   z < -0.25: e^z = E_hi + E_lo (expf.hpp, ~2^-27.5), hi = E_hi - 1 and its rounding error by
//     Fast2Sum (|-1| >= E_hi), plus E_lo; |e^z - 1| >= 0.22 bounds the relative error by 2^-25.7;
//   alpha * (hi + lo) = fma(alpha, hi, alpha * lo), formed with the sign tricks below: one
//   rounding that matters.
// Zeros get the reference's sign (alpha * ±0, and -0 for x < 0 at alpha = +0) from how the last
// sum is formed, without a test.
// Accuracy: max 1 ULP over all floats, for any alpha (exhaustive at alpha = 1, every vector ISA;
// sweeps at other alphas in the tests).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -alpha; ±0 -> alpha * ±0.
#pragma once

#include <cmath>

#include "expf.hpp"

namespace simdact::kernels {

struct elu {
  static constexpr int max_ulp = 1;

  static double reference(double x, double alpha) { return x > 0 ? x : alpha * std::expm1(x); }

  template <class B>
  SIMDACT_INLINE static B eval(B x, B alpha) {
    static constexpr float r[] = {0x1p-1f, 0x1.55554ep-3f, 0x1.555108p-5f, 0x1.10445ap-7f,
                                  0x1.4d9a5ap-10f};
    // Where x > 0 the negative branch computes garbage that the last select drops.
    const B z = simd::max_nan_passing(B(-20.0f), x);  // NaN stays NaN
    const split<B> e = expf_split(z);
    const B e_m1 = e.hi - B(1.0f);
    const auto small = z >= B(-0.25f);
    const B hi = simd::select(small, z, e_m1);
    const B lo =
        simd::select(small, (z * z) * simd::horner(z, r), (e.hi - (e_m1 + B(1.0f))) + e.lo);
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
};

}  // namespace simdact::kernels
