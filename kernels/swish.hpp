// SPDX-License-Identifier: Apache-2.0
// swish(x; beta) = x * sigmoid(beta * x). Default beta = 1 (silu); any finite beta.
//
// Reference: x_times_logistic_reference (logistic.hpp): beta * x is exact in double (0 where
// beta is 0, also for infinite x); where the sigmoid underflows to 0 the product is a signed
// zero, also for x = ±inf (the limit, not inf * 0).
// Vector kernel, in float: y = beta * x as y + y_lo (y_lo = the FMA remainder: the logistic of a
// large |y| is sensitive to every bit of it); s = logistic(y, y_lo) = s.q + correction
// (logistic.hpp); x * s.q + x * correction in one FMA, one rounding. The exponential is the fine
// one (~2^-27.5), not the coarse one (2^-24.75) that sigmoid and silu take, but for
// 0 < beta <= 2^12 (`moderate`, picked per call): with |beta| from about 2^14 on, results near
// 2^-126 come from the fast path, where x * correction (2^-24 of the result) rounds to the
// subnormal grid, half an ULP; with the coarse exponential on top, a few of them were 2 ULP off
// (beta = 1e5, x = -0x1.a10972p-11: 1 input in 2^24 of its binade). y is formed from x clamped so
// that y <= 87 (see eval_impl). Lanes outside the float path's domain, y < -80 (results below
// 2^-115 |x|: rare in practice, and where x can be huge and the result still not 0) or y NaN
// (x = ±inf at beta = 0), take the double path: e^(beta x) in double (exp_f64.hpp), logistic,
// product, one rounding, with x clamped to ±1e39 (past the float range) so that the infinities
// get their limits. beta = 1 runs silu's kernel (x_times_logistic_of_x), the same results.
// Accuracy: max 1 ULP over all floats, for any beta (exhaustive at beta = 1, every vector ISA,
// and on AVX2 at beta = 1.702, -0.5, 0.2, 4096, 0.001, ±1e5; sweeps at other betas in the tests).
// Special values (beta > 0): NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0. beta = 0 gives
// x / 2; beta < 0 mirrors: +inf -> +0, -inf -> -inf.
#pragma once

#include <cmath>
#include <limits>
#include <tuple>

#include "driver.hpp"
#include "exp_f64.hpp"
#include "logistic.hpp"
#include "protocol.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct swish {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::gated;
  static constexpr bool monotone = false;
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -0.0f}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
  // With beta so small that 87 / |beta| overflows (below 2.6e-37) the limits hold too, subnormal
  // betas included (NEON gave NaN at +inf for beta < 2^-128: its division was xsimd's reciprocal
  // estimate, see simd::div).
  static constexpr special_value_at special_values_at[] = {{-1.0f, infinity, 0.0f},
                                                           {-1.0f, -infinity, -infinity},
                                                           {0.0f, infinity, infinity},
                                                           {0.0f, -infinity, -infinity},
                                                           {0.0f, 3.0f, 1.5f},
                                                           {-1.0f, -0.0f, -0.0f},
                                                           {1e-38f, infinity, infinity},
                                                           {1e-38f, -infinity, -0.0f},
                                                           {-1e-38f, infinity, 0.0f},
                                                           {-1e-38f, -infinity, -infinity},
                                                           {0x1p-130f, infinity, infinity},
                                                           {0x1p-149f, infinity, infinity},
                                                           {0x1p-149f, -infinity, -0.0f},
                                                           {-0x1p-149f, infinity, 0.0f},
                                                           {-0x1p-149f, -infinity, -infinity}};
  // Results near 2^-126, where a correction term of 2^-24 of the result rounds to the subnormal
  // grid: at |beta| >= 1e5 a few were 2 ULP off with the coarse exponential. And the edge of the
  // moderate variant (coarse exponential): beta = 2^12 at x = -80 / beta, its smallest fast-path
  // results, and the general kernel just above 2^12.
  static constexpr hard_input hard_inputs[] = {{1e5f, -0x1.a10972p-11f},
                                               {-1e5f, 0x1.a10972p-11f},
                                               {2e5f, -0x1.9d5938p-12f},
                                               {0x1p12f, -0x1.4p-6f},
                                               {0x1.000002p12f, -0x1.4p-6f}};
  static float naive(float x) { return x / (1.0f + std::exp(-x)); }

  static double reference(double x, const params& p) {
    return x_times_logistic_reference(x, p.beta);
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, const params& p) {
    return x_times_logistic_f64(x, D(p.beta));
  }

  // Any finite beta.
  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return eval_impl<false>(x, p);
  }

  // 0 < beta <= 2^12, the betas in use (1.702 for the gelu approximation, learned betas near 1),
  // which the driver picks once per call (driver.hpp): beta's sign needs no handling and the
  // coarse exponential is enough: a permute and three other instructions fewer per batch. The
  // fast path's smallest
  // result is 80 e^-80 / beta >= 2^-122 there, so the correction's rounding to the subnormal grid
  // costs at most 1/32 ULP on top of the coarse exponential's 0.6 (near 2^-126, at beta >= 1e5,
  // it costs half an ULP: see above). It also reduces beta x for the exponential without forming
  // beta x and its remainder (logistic.hpp, logistic_of_product: two instructions fewer), and
  // picks the lanes for the double path by x >= -80 / beta, a loop invariant.
  struct moderate {  // the driver needs only eval: the double path stays swish's
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& p) {
      return eval_impl<true>(x, p);
    }
    // |x| <= 80 / beta: neither clamp does anything and no lane takes the double path (see
    // driver.hpp; 80 / beta is a loop invariant).
    struct common {
      template <class B>
      SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& p) {
        // At most FLT_MAX: 80 / beta overflows for beta below 2.4e-37, and ±inf is not covered.
        return simd::abs(x) <=
               simd::min(simd::div(B(80.0f), B(p.beta)), B(std::numeric_limits<float>::max()));
      }
      template <class B>
      SIMDACT_INLINE static B eval(B x, const params& p) {
        return times_logistic(x, logistic_of_product<exp_accuracy::coarse>(x, B(p.beta)), x);
      }
    };
  };

  // As a gate (swiglu with beta, gated.hpp): x logistic(y + y_lo) unrounded, y + y_lo = beta x
  // exactly, for |beta x| <= 80 (whatever beta's sign: the logistic's domain holds both), with
  // the coarse exponential: the error of silu's float path, 2^-24.7 (the hazard that keeps swish
  // on the fine one, results near 2^-126, goes to gated.hpp's reference path).
  struct gate {
    template <class B>
    SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& p) {
      return simd::abs(B(p.beta) * x) <= B(80.0f);
    }
    // The common case (logistic.hpp): |beta x| <= 40.
    template <class B>
    SIMDACT_INLINE static simd::mask_t<B> in_range(B x, const params& p) {
      return simd::abs(B(p.beta) * x) <= B(40.0f);
    }
    template <class B>
    SIMDACT_INLINE static quotient<B> logistic_of(B x, const params& p) {
      const B beta(p.beta);
      const B y = beta * x;
      return logistic<exp_accuracy::coarse>(y, simd::fmsub(beta, x, y));
    }
    using common = x_up_logistic_common<gate>;
    template <class B>
    SIMDACT_INLINE static split<B> value(B x, const params& p) {
      return times_logistic_split(x, logistic_of(x, p));
    }
  };

  // The driver's choice per call (driver.hpp): beta = 1 runs silu's kernel (beta x exact, no
  // remainder to carry: the same results), 0 < beta <= 2^12 the moderate one.
  using variants = std::tuple<x_times_logistic_of_x, moderate>;
  static int variant(const params& p) {
    return p.beta == 1.0f ? 0 : p.beta > 0.0f && p.beta <= 4096.0f ? 1 : -1;
  }

  // The fast tier: x / (1 + e^-(beta x)), one division (logistic.hpp, fast_x_times_logistic), for
  // 0 < beta <= 2^12 (beta = 1: silu's fast kernel); other betas run the accurate kernel. Bound
  // 3 ULP.
  struct fast {
    static constexpr int max_ulp = 3;
    using variants = std::tuple<fast_x_times_logistic<x_times_logistic_of_x, false>,
                                fast_x_times_logistic<swish, true>>;
    static int variant(const params& p) { return swish::variant(p); }
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& p) {
      return swish::eval(x, p);
    }
  };

  // y = beta x = |beta| x', x' = x with beta's sign, as y + y_lo; x' clamped to 87 / |beta| so
  // that y <= 87 (where the logistic is 1 - 2^-125). The correction term is multiplied by x
  // itself (where the reciprocal is an estimate, AVX-512 and NEON, the residual holds its error,
  // not only E's), x' = +inf clamped to FLT_MAX: inf * q + FLT_MAX * tiny, not inf - inf. beta's
  // sign, |beta| and the limit are loop invariants. Moderate: 0 < beta <= 2^12 (see moderate).
  template <bool Moderate, class B>
  SIMDACT_INLINE static B eval_impl(B x, const params& p) {
    const B beta(p.beta);
    const B big(std::numeric_limits<float>::max());
    // At most FLT_MAX: 87 / |beta| overflows for |beta| below 2.6e-37 (and at beta = 0), and
    // x = ±inf must not reach y, whose logistic would be NaN.
    const B limit = simd::min(simd::div(B(87.0f), simd::abs(beta)), big);
    const B sign = beta & B(-0.0f);
    const B xs = Moderate ? x : x ^ sign;
    const B abs_beta = Moderate ? beta : simd::abs(beta);
    const B xc = simd::min(xs, limit);
    if constexpr (Moderate) {
      const quotient<B> s = logistic_of_product<exp_accuracy::coarse>(xc, beta);
      const B low =
          simd::max(simd::div(B(-80.0f), beta), -big);  // a loop invariant; -inf is patched
      return patch<swish>(x, p, x >= low, times_logistic(x, s, simd::min(x, big)));
    } else {
      const B y = abs_beta * xc;
      const quotient<B> s = logistic<exp_accuracy::fine>(y, simd::fmsub(abs_beta, xc, y));
      const B x_corr = simd::min(xs, big) ^ sign;  // +inf: FLT_MAX
      // y >= -80 also leaves out y = NaN, which x' = -inf makes at beta = 0 (x = NaN gives NaN on
      // either path); x' = +inf is clamped and needs no double path.
      return patch<swish>(x, p, y >= B(-80.0f), times_logistic(x, s, x_corr));
    }
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
