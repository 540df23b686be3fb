// SPDX-License-Identifier: Apache-2.0
// gelu_tanh(x) = 0.5 * x * (1 + tanh(u)), u = sqrt(2 / pi) * (x + 0.044715 * x^3): the tanh
// approximation of gelu (Hendrycks & Gimpel), a function of its own, not an approximation of ours.
//
// Reference: 0.5 * (1 + tanh(u)) = sigmoid(2u) exactly, so x * sigmoid(2u) in double: no
// cancellation for u << 0, where 1 + tanh(u) loses every digit. x^3 cannot overflow in double
// for float x.
// Vector kernel, in float: t = 2u = x (c1 + c3 x^2) as t + t_lo (c1 = 2 sqrt(2 / pi), c3 =
// 0.044715 c1), in float-float arithmetic (x^2 and each product with its FMA remainder, c1 and c3
// as float pairs, the sum c1 + c3 x^2 by Fast2Sum in order of magnitude): the logistic of
// t << 0 needs t to ~2^-28 absolute, where t itself is near -100 and its float ULP 2^-17. Then
// x * logistic(t, t_lo) as in swish.hpp (logistic.hpp's logistic_wide, one FMA for the product, the
// 2^-64 scale undone last), t formed from x clamped to 9 (see eval). Lanes with t < -100 (x
// below about -10.1, -inf and the x whose x^2 overflows included: their t is -inf) or t NaN (x
// NaN where the clamp keeps it; where not, x * q is NaN) take the double path: the same
// formula in double with x clamped to ±1e39 (the infinities get their limits from the
// arithmetic), 2u clamped to [-200, 200], logistic from exp_f64.hpp, one rounding.
// Accuracy: max 1 ULP over all floats.
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

#include "driver.hpp"
#include "exp_f64.hpp"
#include "logistic.hpp"
#include "protocol.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct gelu_tanh {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::gated;
  static constexpr bool monotone = false;
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -0.0f}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
  static float naive(float x) {
    return 0.5f * x * (1.0f + std::tanh(0.7978845608f * (x + 0.044715f * x * x * x)));
  }
  static constexpr double k = 0.79788456080286535588;  // sqrt(2 / pi)

  static double reference(double x, const params& /*unused*/) {
    const double u = k * (x + 0.044715 * x * x * x);
    const double s = logistic_reference(2.0 * u);
    return s == 0.0 ? std::copysign(0.0, x) : x * s;
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, const params& /*unused*/) {
    const D xc = simd::min(simd::max(x, D(-1e39)), D(1e39));
    const D two_u = (D(2.0 * k) * xc) * simd::fmadd(D(0.044715), xc * xc, D(1.0));
    return xc * logistic_f64(two_u);
  }

  // t = 2u = x (c1 + c3 x^2) as t + t_lo (see the top of this file).
  template <class B>
  SIMDACT_INLINE static split<B> two_u(B xc) {
    // c1 = 2 sqrt(2 / pi) and c3 = 0.044715 c1, each as a float and its remainder.
    const B c1(0x1.988454p+0f), c1_lo(-0x1.857936p-25f);
    const B c3(0x1.2444f2p-4f), c3_lo(0x1.49b16ap-29f);
    const B s = xc * xc;
    const B s_lo = simd::fmsub(xc, xc, s);
    const B m = c3 * s;  // c3 x^2 = m + m_lo
    const B m_lo = simd::fmadd(c3, s_lo, simd::fmadd(c3_lo, s, simd::fmsub(c3, s, m)));
    const B big = simd::max(c1, m), little = simd::min(c1, m);  // both >= 0: Fast2Sum in order
    const B g = big + little;
    const B g_lo = (((big - g) + little) + m_lo) + c1_lo;
    const B t = xc * g;  // 2u
    return {t, simd::fmadd(xc, g_lo, simd::fmsub(xc, g, t))};
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    // x clamped to 9, where t = 66 and the logistic is 1 - 2^-95: t <= 87 as expf.hpp needs, and
    // no overflow of x^2 but where x < -2^64, whose t is -inf (the double path's).
    const auto [t, t_lo] = two_u(simd::min(x, B(9.0f)));
    // The correction by x itself (where the reciprocal is an estimate, AVX-512 and NEON, the
    // residual holds its error too, which is not small), finite: x = +inf is not patched.
    const B fast = times_logistic(x, logistic_wide<exp_accuracy::coarse>(t, t_lo),
                                  simd::min(x, B(std::numeric_limits<float>::max())));
    return patch<gelu_tanh>(x, p, t >= B(-100.0f), fast);
  }

  // As a gate (geglu_tanh, gated.hpp): x logistic(t + t_lo) unrounded, the float path's value
  // before its last rounding and its error, 2^-24.7: for x >= -10 (t >= -92.6; +inf and NaN fail
  // gated.hpp's tests), with x clamped to 9 for t and the wide logistic, its value times 2^64
  // where t < -64 (scale 2^-64: gated.hpp applies it to the product).
  struct gate {
    template <class B>
    SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& /*unused*/) {
      return x >= B(-10.0f);
    }
    template <class B>
    SIMDACT_INLINE static scaled_split<B> value(B x, const params& p) {
      const scaled_quotient<B> s = logistic_of(x, p);
      return {times_logistic_split(x, static_cast<const quotient<B>&>(s)), s.scale};
    }
    // The common case (logistic.hpp): -10 < x <= 2^60, the logistic of value(): at least 2^-92.3
    // (t = -64, where the wide logistic starts to scale by 2^64; 2^-69.6 times 2^64 at t = -92.6),
    // so |x up| >= 2^-20. x's test as an extent (driver.hpp): x + 10 in [2^-60, 2^60], the 120
    // binades of x up's range.
    static constexpr float min_product = 0x1p-20f;
    using range = shifted_within<key_of(10.0f), key_of(0x1p60f)>;
    template <class B>
    SIMDACT_INLINE static scaled_quotient<B> logistic_of(B x, const params& /*unused*/) {
      const auto [t, t_lo] = two_u(simd::min(x, B(9.0f)));
      return logistic_wide<exp_accuracy::coarse>(t, t_lo);
    }
    using common = x_up_logistic_common<gate>;
  };

  // The fast tier: x / (1 + e^-(t + t_lo)), t + t_lo as above (the logistic of t << 0 needs t's
  // remainder: t's own rounding would cost up to |t| 2^-24 relative), E from expf_fast.hpp, one
  // division: the error of logistic.hpp's fast_logistic, 3 ULP. Lanes with t < -87 (x below about
  // -9.9, where E leaves the float range but x e^t is still normal) and NaN take the double
  // path; |x| <= 9 (t >= -66) is the driver's common case, without the clamp and that test.
  struct fast {
    static constexpr int max_ulp = 3;
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& p) {
      const auto [t, t_lo] = two_u(simd::min(x, B(9.0f)));
      return patch<gelu_tanh>(x, p, t >= B(-87.0f), quotient(x, t, t_lo));
    }
    struct common : covers_up_to<9> {
      template <class B>
      SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
        const auto [t, t_lo] = two_u(x);
        return quotient(x, t, t_lo);
      }
    };
    // As a gate: (x up) / (1 + E), 3.5 ULP (silu.hpp), for -9.8 <= x <= 2^60 (t >= -83.7, E
    // normal), x clamped to 9 for t as above.
    struct gate {
      template <class B>
      SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& /*unused*/) {
        return (x >= B(-9.8f)) & (x <= B(0x1p60f));
      }
      template <class B>
      SIMDACT_INLINE static B times(B x, B up, const params& /*unused*/) {
        const auto [t, t_lo] = two_u(simd::min(x, B(9.0f)));
        return quotient(x * up, t, t_lo);
      }
    };
    template <class B>
    SIMDACT_INLINE static B quotient(B numerator, B t, B t_lo) {
      return simd::div(numerator, B(1.0f) + fast_exp<true>(t, t_lo));
    }
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
