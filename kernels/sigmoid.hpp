// SPDX-License-Identifier: Apache-2.0
// sigmoid(x) = 1 / (1 + e^-x), the logistic function. Output range [0, 1].
//
// Reference: e = exp(-|x|) in double, then e / (1 + e) for x < 0 and 1 / (1 + e) otherwise:
// no overflow for any input, and full relative accuracy on the small side, where the result
// becomes subnormal below x ~ -87.3 and 0 below x ~ -103.97.
// Vector kernel, in float, for x >= -80: logistic(min(x, 87)) of logistic.hpp (E = e^-x with a
// table of 8 and a degree-4 polynomial, kept as hi + lo, up to e^80; 1 / (1 + E) from a
// reciprocal estimate corrected by its residual), rounded once. Error before that rounding at
// most ~2^-24.7 relative: E's 2^-24.75 (T_j's rounding left in, expf.hpp's exp_accuracy::coarse)
// times E / (1 + E) < 1, plus the quotient's 2^-28 or less; below 2^-24, so below 1 ULP, which
// keeps the rounded result within 1 ULP of the correctly rounded one (the two round values less
// than 1 ULP apart). Lanes with x < -80 (results below
// 2^-115, subnormal from -87.3 on; rare in practice) or NaN take the double path: logistic_f64
// of exp_f64.hpp (e / (1 + e) in double with x clamped to [-200, 200]), one rounding.
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA; see the README).
// Special values: NaN -> NaN; +inf -> 1; -inf -> +0; ±0 -> 0.5.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

#include "exp_f64.hpp"
#include "logistic.hpp"
#include "protocol.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct sigmoid : logistic_of_x<sigmoid> {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::complement;
  static constexpr bool monotone = true;
  static constexpr special_value special_values[] = {{infinity, 1.0f}, {-infinity, 0.0f},
                                                     {0.0f, 0.5f},     {-0.0f, 0.5f},
                                                     {200.0f, 1.0f},   {-200.0f, 0.0f}};
  static float naive(float x) { return 1.0f / (1.0f + std::exp(-x)); }

  static double reference(double x, const params& /*unused*/) { return logistic_reference(x); }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, const params& /*unused*/) {
    return logistic_f64(x);
  }

  // eval and the common case (|x| <= 80: the clamp does nothing and no lane takes the double
  // path) from logistic_of_x (logistic.hpp), with this float path: x clamped to 87, as
  // logistic.hpp's logistic needs, but in the common case.
  template <bool Common, class B>
  SIMDACT_INLINE static B float_path(B x) {
    return logistic<exp_accuracy::coarse>(Common ? x : simd::min(x, B(87.0f))).value();
  }

  // As a gate (glu, gated.hpp): the float path's logistic unrounded, q + residual r, for
  // |x| <= 80; its error 2^-24.7 (above).
  struct gate : covers_up_to<80> {
    template <class B>
    SIMDACT_INLINE static split<B> value(B x, const params& /*unused*/) {
      const quotient<B> s = logistic<exp_accuracy::coarse>(x);
      return {s.q, s.residual * s.rcp};
    }
    // The common case: up q + up rcp residual, one rounding (logistic.hpp's times_logistic: the
    // logistic's error, 2^-24.7; where the result is subnormal its correction term's underflow,
    // 2^-150, half an ULP there), for |x| <= 48 and normal ups (a zero up takes gated.hpp's
    // tests, which keep the product's sign).
    struct extent_of_common {
      static constexpr float smallest = std::numeric_limits<float>::min();
      static constexpr float largest = std::numeric_limits<float>::max();
      static constexpr std::uint32_t max_extent = key_of(largest) - key_of(smallest);
      template <class B>
      SIMDACT_INLINE static simd::ukey<B> extent(B x, B up, const params& p) {
        return magnitude_between<magnitude_up_to<48>, key_of(smallest), key_of(largest)>(up, x, p);
      }
    };
    struct common : covers_by_extent<extent_of_common> {
      template <class B>
      SIMDACT_INLINE static B eval(B x, B up, const params& /*unused*/) {
        return times_logistic(up, logistic<exp_accuracy::coarse>(x), up);
      }
    };
  };

  // The fast tier: logistic.hpp's fast_logistic, every input in float, no double path. Bound 3
  // ULP where the result is normal (x >= -87.3); below, off by less than FLT_MIN, +0 from x =
  // -88.7 on. As a gate, up / (1 + E): up exact in the numerator, the same bound.
  struct fast : fast_loop {
    static constexpr int max_ulp = 3;
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
      return fast_logistic(x);
    }
    struct gate : covers_up_to<88> {
      template <class B>
      SIMDACT_INLINE static B times(B x, B up, const params& /*unused*/) {
        return fast_logistic(x, up);
      }
    };
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
