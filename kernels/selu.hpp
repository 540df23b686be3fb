// SPDX-License-Identifier: Apache-2.0
// selu(x) = scale * x if x > 0, else scale * alpha * (e^x - 1), with PyTorch's (self-normalising
// networks') fixed alpha = 1.6732632423543772 and scale = 1.0507009873554805, taken as exact.
// Output range (-scale * alpha, inf] = (-1.7581, inf].
//
// Reference: scale * x, or (scale * alpha) * expm1(x), in double.
// Vector kernel, in float: elu's e^x - 1 as hi + lo (expf.hpp's expm1f_split, ~2^-27 relative) for
// x <= 0, times scale * alpha as sa_hi + sa_lo (sa_hi the float below it, sa_lo > 0: 2^-48
// relative together): sa_hi hi + (sa_hi lo + sa_lo hi) in two FMAs, one rounding that matters;
// x > 0 gives scale_hi x + scale_lo x in one FMA. Both within 0.5 ULP + 2^-26 relative (and the
// rounding of scale_lo x to the subnormal grid for subnormal x: 1 ULP there).
// Zeros: the negative branch is formed negated, -((-sa_hi) hi + ((-sa_hi) lo + (-sa_lo) hi)), so
// that x = ±0 (hi = ±0, lo = +0) gives ±0; sa_lo > 0 is what makes the inner sum's zero right.
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -scale * alpha (-1.7580993f); ±0 -> ±0.
// The fast tier: scale x, or sa_hi (e^x - 1) by expf_fast.hpp's fast_expm1, one multiply each.
#pragma once

#include <cmath>

#include "driver.hpp"
#include "expf.hpp"
#include "expf_fast.hpp"
#include "protocol.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct selu {
  static constexpr double scale = 1.0507009873554805;
  static constexpr double alpha = 1.6732632423543772;
  // scale and scale * alpha as float pairs, each _hi the float below (sa_hi is also the nearest)
  // and each _lo > 0 the rest, rounded: scale_lo x is +inf with scale_hi x at x = +inf, and
  // sa_lo's sign makes the zeros right (above).
  static constexpr float scale_hi = 0x1.0cfabcp0f, scale_lo = 0x1.6a9114p-24f;
  static constexpr float sa_hi = 0x1.c212ccp0f, sa_lo = 0x1.903c0cp-26f;

  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::none;
  static constexpr bool monotone = true;
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -0x1.c212ccp0f}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
  static float naive(float x) {
    return x > 0.0f ? 1.0507009873554805f * x
                    : 1.0507009873554805f * 1.6732632423543772f * std::expm1(x);
  }

  static double reference(double x, const params& /*unused*/) {
    return x > 0 ? scale * x : scale * alpha * std::expm1(x);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
    const B z = simd::max_nan_passing(B(-20.0f), x);  // e^x - 1 is -1 in float from -17.4 on
    const split<B> e = expm1f_split(z);
    const B minus_sa_hi(-sa_hi);
    const B inner = simd::fmadd(minus_sa_hi, e.lo, B(-sa_lo) * e.hi);
    const B neg = simd::fmadd(minus_sa_hi, e.hi, inner) ^ B(-0.0f);
    const B pos = simd::fmadd(B(scale_hi), x, B(scale_lo) * x);
    return simd::select(x > B(0.0f), pos, neg);
  }

  // 3 ULP measured over all floats (AVX-512; AVX2 2), 1.66-1.84x the accurate kernel.
  struct fast : fast_loop {
    static constexpr int max_ulp = 3;
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
      return simd::select(x > B(0.0f), B(scale_hi) * x, B(sa_hi) * fast_expm1<1, true>(x));
    }
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
