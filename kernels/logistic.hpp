// SPDX-License-Identifier: Apache-2.0
// The logistic function in float arithmetic, built on expf.hpp's exponential, and the pieces the
// kernels of the form x * logistic(...) share (sigmoid, swish, silu, gelu_tanh).
//
// logistic(y[, y_lo]) and logistic_wide(y, y_lo): 1 / (1 + e^-(y + y_lo)) as value() (times
// scale for the wide one); y_lo only where the caller has a remainder of y (e.g. of beta * x).
//   E = e^-(y + y_lo) from exp_scale_and_rest, fine or coarse as the caller asks, the negation
//   taken by the reduction's FMAs (their sign variants: free, where negating y first costs one
//   instruction), for y <= 87.2 (E still normal, and 1 + E is 1 in float from y = 17 on): the
//   callers clamp their input, not y, so that y_lo stays the remainder of y and their x's large
//   lanes cost no extra mask;
//   D = 1 + E = d_hi + d_lo, from E = s (1 + p) unrounded (exp_scale_and_rest): d_hi = 1 + E
//   rounded, d_lo = s p + ((big - d_hi) + little) in one FMA, big and little the larger and the
//   smaller of 1 and s (a max and a min), the brackets exact (see logistic_impl): two
//   instructions fewer than rounding E to a pair and Fast2Sum'ing 1 + E;
//   r = 1 / d_hi from simd::reciprocal_estimate (correctly rounded on AVX2, 2^-14 or better
//   elsewhere), corrected once by the residual 1 - r d_hi - r d_lo: 1 / D to 2^-28 or better.
//   E's error enters the result times E / (1 + E) < 1, so the logistic is within ~2^-27 (fine) or
//   ~2^-24.7 (coarse) of its exact value. (Where the reciprocal is an estimate, the residual
//   carries the estimate's error too, not only E's: a caller's correction term must be weighted
//   by its true x, see swish.hpp.)
//   One formula for both signs of y, E up to e^80 = 2^115.4: three to five instructions per batch
//   fewer than e = e^-|y| <= 1 and N / (1 + e) with N = 1 or e (a compare, a blend and an AND for
//   N, a general division, a third FMA in the residual).
//   logistic is for y >= -80, where every intermediate is a normal float: the callers send
//   smaller y (results below 2^-115, rare in practice) and NaN to their double path.
//   logistic_wide covers every y down to -104 (below, the result rounds to 0), for gelu_tanh
//   whose argument reaches -87 at x = -10: lanes with y < -64 carry E * 2^-64, with D = E * 2^-64
//   (the 1 is below 2^-92 of E), so that r is the result times 2^64; scale = 2^-64 there, which
//   the caller applies last: a second rounding only where the result is subnormal.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "driver.hpp"
#include "exp_f64.hpp"
#include "expf.hpp"
#include "expf_fast.hpp"
#include "parts.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

// The logistic 1 / (1 + e^-y) in double, the reference of the kernels built on it: e = e^-|y|,
// then e / (1 + e) for y < 0 and 1 / (1 + e) otherwise: no overflow for any input, and full
// relative accuracy on the small side.
inline double logistic_reference(double y) {
  const double e = std::exp(-std::fabs(y));
  return y < 0 ? e / (1.0 + e) : 1.0 / (1.0 + e);
}

// x * logistic(beta x) in double, the reference of swish and silu: beta * x is exact in double (0
// where beta is 0, also for infinite x); where the logistic underflows to 0 the product is a
// signed zero, also for x = ±inf (the limit, not inf * 0).
inline double x_times_logistic_reference(double x, double beta) {
  const double s = logistic_reference(beta == 0.0 ? 0.0 : beta * x);
  return s == 0.0 ? std::copysign(0.0, x) : x * s;
}

// The same over a double batch, the double path of swish and silu (exp_f64.hpp's logistic), with
// x clamped to ±1e39 (past the float range) so that the infinities get their limits where
// beta x saturates the logistic there (|beta| >= 2e-37); for smaller beta the infinities get
// their limits directly: ±inf where beta x -> +inf, a signed zero where beta x -> -inf, x / 2 at
// beta = 0.
template <class D>
SIMDACT_INLINE D x_times_logistic_f64(D x, D beta) {
  const D xc = simd::min(simd::max(x, D(-1e39)), D(1e39));
  const D r = xc * logistic_f64(beta * xc);
  const D bx = beta * x;  // ±inf, or NaN at beta = 0, where x is infinite
  const D limit = simd::select(bx > D(0.0), x,
                               simd::select(bx < D(0.0), simd::copysign(D(0.0), x), x * D(0.5)));
  return simd::select(simd::abs(x) == D(std::numeric_limits<double>::infinity()), limit, r);
}

// A quotient as q + residual * rcp: an estimate q, corrected by its residual times a reciprocal
// estimate rcp (here always q itself, as the numerator is 1).
template <class B>
struct quotient {
  B q;
  B residual;
  B rcp;

  // q + residual * rcp, one rounding.
  SIMDACT_INLINE B value() const { return simd::fmadd(residual, rcp, q); }
};

namespace logistic_detail {

// 1 / (d_hi + d_lo) from an estimate r of 1 / d_hi: the residual 1 - r d_hi - r d_lo by two
// nested FMAs; r + residual r is within about the square of r's error (2^-28 for 2^-14).
template <class B>
SIMDACT_INLINE quotient<B> one_over(split<B> d, B r) {
  return {r, simd::fnmadd(r, d.lo, simd::fnmadd(r, d.hi, B(1.0f))), r};
}

}  // namespace logistic_detail

// 1 / (1 + e) for a float e in [0, 1]: 1 + e = d_hi + d_lo exactly (Fast2Sum: 1 >= e).
template <class B>
SIMDACT_INLINE quotient<B> one_over_one_plus(B e) {
  const B d_hi = B(1.0f) + e;
  const B d_lo = (B(1.0f) - d_hi) + e;
  return logistic_detail::one_over<B>({d_hi, d_lo}, simd::reciprocal(d_hi));
}

// The wide logistic as quotient * scale: scale is 2^-64 on the lanes computed times 2^64.
template <class B>
struct scaled_quotient : quotient<B> {
  B scale;
};

namespace logistic_detail {

template <bool HasLo, bool Wide, exp_accuracy A, bool Product = false, class B>
SIMDACT_INLINE scaled_quotient<B> logistic_impl(B y, B y_lo) {
  simd::ibatch<B> extra_exponent(0);
  B one(1.0f), scale(1.0f);
  if constexpr (Wide) {
    // Where y < -64, E 2^-64 (-64 in the exponent field: the bits of -0x1p65f), D = E 2^-64 (the
    // 1 is below 2^-92 of E), so that r is the result times 2^64.
    const auto scaled = y < B(-64.0f);
    extra_exponent = simd::bits(simd::keep_where(scaled, B(-0x1p65f)));
    one = simd::zero_where(scaled, one);
    scale = simd::select(scaled, B(0x1p-64f), scale);
  }
  // E = e^-(y + y_lo) = s (1 + p).
  const auto [s, p] =
      expf_detail::exp_scale_and_rest<HasLo, A, true, Product>(y, y_lo, extra_exponent);
  // 1 + E = d_hi + d_lo: d_hi = 1 + E rounded, d_lo = s p + ((big - d_hi) + little), big and
  // little the larger and smaller of 1 and s. The brackets are exact: big - d_hi by Sterbenz
  // (d_hi / big in [0.5, 2]: |p| < 0.05, and s > 1 means s >= 2^(1/8)); adding little, a sum of
  // opposite signs within a factor 2 of each other (s <= 1) or on a grid of at most 2^24 steps
  // (s > 1), but where E > 2^29, and there its rounding is below 2^-28 of D. The FMA rounds
  // once, 2^-24 of d_lo. (Where the wide logistic scales, 1 is 0 and d_lo is E's FMA remainder.)
  const B d_hi = one + simd::fmadd(s, p, s);
  const B d_lo = simd::fmadd(s, p, (simd::max(s, one) - d_hi) + simd::min(s, one));
  return {one_over<B>({d_hi, d_lo}, simd::reciprocal_estimate(d_hi)), scale};
}

}  // namespace logistic_detail

// For y in [-80, 87.2] (outside, and for NaN, the values are unspecified: callers clamp their
// input so that y <= 87, where 1 + E is 1 in float long since, and patch the other lanes); E to
// the accuracy A (see the top of this file).
template <exp_accuracy A, class B>
SIMDACT_INLINE quotient<B> logistic(B y) {
  return logistic_detail::logistic_impl<false, false, A>(y, y);
}

template <exp_accuracy A, class B>
SIMDACT_INLINE quotient<B> logistic(B y, B y_lo) {
  return logistic_detail::logistic_impl<true, false, A>(y, y_lo);
}

// The logistic of y = m x for a loop-invariant m, y in [-80, 87.2] (as above), without forming y
// and its remainder (see reduce).
template <exp_accuracy A, class B>
SIMDACT_INLINE quotient<B> logistic_of_product(B x, B m) {
  return logistic_detail::logistic_impl<true, false, A, true>(x, m);
}

// For y in [-104, 87.2] (below, the result rounds to 0; outside and NaN: as above).
template <exp_accuracy A, class B>
SIMDACT_INLINE scaled_quotient<B> logistic_wide(B y, B y_lo) {
  return logistic_detail::logistic_impl<true, true, A>(y, y_lo);
}

// x * logistic as hi + lo before any rounding (the gates of gated.hpp): hi = x q rounded, lo = its
// rounding error plus x r residual, whose rounding is 2^-24 of a term below 2^-13 of hi.
template <class B>
SIMDACT_INLINE split<B> times_logistic_split(B x, const quotient<B>& s) {
  const B hi = x * s.q;
  return {hi, simd::fmadd(x * s.rcp, s.residual, simd::fmsub(x, s.q, hi))};
}

// The common case of a gate x logistic(y) times up (silu, swish, gelu_tanh; gated.hpp), Gate
// stating the lanes where the logistic (times 1 / scale, where logistic_of gives a scaled_quotient)
// is at least 2^-72 / 2^(-40 - log2 min_product), as `range`, an extent of x (driver.hpp; silu), or
// in_range(x, p), a mask; and logistic_of(x, p), that logistic: x up = xu + xu_lo exactly, then
// xu q + (xu rcp residual + xu_lo q), one rounding (times the scale: a second one where the result
// is subnormal, within 1 ULP still, see gelu.hpp): the error of x logistic's float path (its
// logistic's; the terms left out or rounded are 2^-38 of the result). Where |x up| is in
// [Gate::min_product (2^-40 unless it says), 2^100]: xu_lo exact, the result (before the scale) at
// most 2^100 and at least 2^-112, its terms normal but for xu_lo q (2^-24 of the result: its
// underflow, 2^-150, is 2^-38 of it).
template <class Gate>
constexpr float min_product() {
  if constexpr (requires { Gate::min_product; }) {
    return Gate::min_product;
  } else {
    return 0x1p-40f;
  }
}

template <class Gate>
struct x_up_logistic_extent {
  static constexpr std::uint32_t lo = key_of(min_product<Gate>()), hi = key_of(0x1p100f);
  static constexpr std::uint32_t max_extent = hi - lo;
  template <class B>
  SIMDACT_INLINE static simd::ukey<B> extent(B x, B up, const params& p) {
    return magnitude_between<typename Gate::range, lo, hi>(x * up, x, p);
  }
};

template <class Gate>
struct x_up_logistic_in_range {
  template <class B>
  SIMDACT_INLINE static simd::mask_t<B> covers(B x, B up, const params& p) {
    const B a = simd::abs(x * up);
    return Gate::in_range(x, p) & (a >= B(min_product<Gate>())) & (a <= B(0x1p100f));
  }
};

template <class Gate>
concept states_range = requires {
  typename Gate::range;
};

template <class Gate>
using x_up_logistic_test =
    std::conditional_t<states_range<Gate>, covers_by_extent<x_up_logistic_extent<Gate>>,
                       x_up_logistic_in_range<Gate>>;

template <class Gate>
struct x_up_logistic_common : x_up_logistic_test<Gate> {
  template <class B>
  SIMDACT_INLINE static B eval(B x, B up, const params& p) {
    const B xu = x * up;
    const B xu_lo = simd::fmsub(x, up, xu);
    const auto s = Gate::logistic_of(x, p);
    const B y = simd::fmadd(xu, s.q, simd::fmadd(xu * s.rcp, s.residual, xu_lo * s.q));
    if constexpr (requires { s.scale; }) {
      return y * s.scale;
    } else {
      return y;
    }
  }
};

// x * logistic, one rounding (and a second one where the wide logistic's scale makes the result
// subnormal). x_corr is x as it multiplies the correction term, clamped to the finite floats where
// an infinite x does not go to the double path (see silu). x_corr * rcp goes first, in parallel
// with the residual, so that the chain after the residual is a multiply and an FMA.
template <class B>
SIMDACT_INLINE B times_logistic(B x, const quotient<B>& s, B x_corr) {
  return simd::fmadd(x, s.q, (x_corr * s.rcp) * s.residual);
}

template <class B>
SIMDACT_INLINE B times_logistic(B x, const scaled_quotient<B>& s, B x_corr) {
  return times_logistic(x, static_cast<const quotient<B>&>(s), x_corr) * s.scale;
}

// eval for a kernel K whose float path takes the logistic of x itself (sigmoid, silu):
// K::float_path<Common>(x) serves x >= -80, the logistic's domain above, and K's double path the
// other lanes (patch, driver.hpp); and its common case (driver.hpp), |x| <= 80, where
// float_path<true> leaves out the clamps that float_path<false> applies, with the same bits.
template <class K>
struct logistic_of_x {
  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return patch<K>(x, p, x >= B(-80.0f), K::template float_path<false>(x));
  }
  struct common : covers_up_to<80> {
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
      return K::template float_path<true>(x);
    }
  };
};

// x * logistic(x): the algorithm of silu, and of swish at beta = 1 (one of its variants), where
// beta * x is exact and needs no remainder.
struct x_times_logistic_of_x : logistic_of_x<x_times_logistic_of_x> {
  template <class D>
  SIMDACT_INLINE static D eval_double(D x, const params& /*unused*/) {
    return x_times_logistic_f64(x, D(1.0));
  }

  // eval and the common case (|x| <= 80: neither clamp does anything and no lane takes the
  // double path) from logistic_of_x (above), with this float path: x clamped to 87 (as
  // logistic.hpp's logistic needs), and to FLT_MAX where it multiplies the logistic's correction:
  // at x = +inf, q is about 1 and the correction tiny, which would give inf - inf. So +inf needs no
  // double path and one comparison picks the lanes that do. In the common case neither clamp.
  template <bool Common, class B>
  SIMDACT_INLINE static B float_path(B x) {
    const B big(std::numeric_limits<float>::max());
    return times_logistic(x, logistic<exp_accuracy::coarse>(Common ? x : simd::min(x, B(87.0f))),
                          Common ? x : simd::min(x, big));
  }
};

// The fast tier's logistic 1 / (1 + e^-y), every y, one formula: E = e^-y from expf_fast.hpp
// (inf where y < -88.7, so that the result is +0, the limit at y = -inf, and results below FLT_MIN
// are flushed or off by less than it), D = 1 + E rounded, 1 / D by one division.
// Error before the last rounding, relative: E's (2^-24.1 plus half an ULP, under 2^-23.4) times E /
// (1 + E) < 1, plus D's rounding 2^-24: under 2^-22.9, within 3 ULP after it.
// numerator / (1 + e^-y) (numerator = 1; the gated form: up).
template <class B>
SIMDACT_INLINE B fast_logistic(B y, B numerator) {
  return simd::div(numerator, B(1.0f) + fast_exp<true>(y));
}

template <class B>
SIMDACT_INLINE B fast_logistic(B y) {
  return fast_logistic(y, B(1.0f));
}

// The fast tier of x logistic(m x) = x / (1 + e^-(m x)) for a loop-invariant m > 0 (silu: m = 1;
// swish at 0 < beta <= 2^12: m = beta, Product, where e^-(m x) is reduced without forming m x):
// x / (1 + E) by one division, the error of fast_logistic (3 ULP). Lanes with |m x| > 87, where E
// leaves the normal range (the results there are x, or a few times e^-87 and normal down to m x =
// -91.5), and NaN take K's double path.
template <class K, bool Product>
struct fast_x_times_logistic {
  struct common {
    template <class B>
    SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& p) {
      if constexpr (Product) {
        // At most FLT_MAX: 87 / beta overflows for beta below 2.6e-37; ±inf is not covered.
        return simd::abs(x) <=
               simd::min(simd::div(B(87.0f), B(p.beta)), B(std::numeric_limits<float>::max()));
      } else {
        return simd::abs(x) <= B(87.0f);
      }
    }
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& p) {
      return over_one_plus_e(x, x, p);
    }
  };
  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return patch<K>(x, p, common::covers(x, p), common::eval(x, p));
  }
  // As a gate (gated.hpp): (x up) / (1 + E), on the lanes of common.
  struct gate : common {
    template <class B>
    SIMDACT_INLINE static B times(B x, B up, const params& p) {
      return over_one_plus_e(x, x * up, p);
    }
  };
  // numerator / (1 + e^-(m x)).
  template <class B>
  SIMDACT_INLINE static B over_one_plus_e(B x, B numerator, const params& p) {
    const B e = Product ? fast_exp_of_product<true>(x, B(p.beta)) : fast_exp<true, true>(x);
    return simd::div(numerator, B(1.0f) + e);
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
