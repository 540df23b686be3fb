// SPDX-License-Identifier: Apache-2.0
// gelu(x) = x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt 2)) = 0.5 * x * erfc(-x / sqrt 2).
//
// Reference: the erfc form in double. 1 + erf(x / sqrt 2) cancels to 0 for x < -5.9 (erf is -1
// in double there), while erfc keeps full relative accuracy down to the float underflow of the
// result (x ~ -14). Where erfc underflows, the result is the signed zero (also at -inf, the
// limit rather than -inf * 0).
// Vector kernel, in float, from the tail Q(a) = Phi(-a) at a = |x|, which never cancels:
//   gelu(x) = max(x, 0) - a Q(a) (x Phi(x) = x - x Phi(-x) for x > 0; for x > 0, a Q(a) <= x/2:
//   no cancellation either). x is clamped to [-14.4, 13] for a (below -14.4 the result rounds
//   to -0: |gelu(-14.4)| < 2^-150; above 13, a Q(a) < 2^-120 x, so the result is x).
//   Q(a) = e^(-a^2/2) M(a), M(a) = Q(a) e^(a^2/2) smooth and slowly varying (M(0) = 1/2,
//   M(a) ~ 1 / (a sqrt(2 pi))):
//   - e^(-a^2/2) = s (1 + p) by expf.hpp, s = 2^n T_j exact, reduced from a (-a/2) without
//     forming a^2/2 (reduce's Product mode: one instruction fewer than splitting it exactly by
//     an FMA), ~2^-24.75 relative (exp_accuracy::coarse), times 2^64 where x < -sqrt(128)
//     (a^2/2 > 64) so that it stays normal;
//   - M = m_hi + m_lo, a polynomial in a itself on one of 8 intervals, those of the
//     quarter-binades of a + 5.5 (k from its bits >> 21: one add and one shift): a in [0, 1/2],
//     [1/2, 3/2], [3/2, 5/2], [5/2, 9/2], [9/2, 13/2], [13/2, 17/2], [17/2, 21/2], [21/2, 14.4]
//     (a + 5.5 < 20), narrow where M bends most, wide where it is nearly 1 / a; the coefficients
//     picked by one 8-entry permute each (no gather): M(c_k + v) = c0 + c1 v + ... + c8 v^8
//     (tools/sollya/gelu.sollya: 2^-27.4 relative on [5/2, 9/2], 2^-29.9 or better elsewhere),
//     v = a - c_k exact (Sterbenz; k = 0: c_0 = 0). The centre c_k is a float near the middle
//     whose M(c_k) is a float to 2^-36, so that c0 needs no second float. c0 + c1 v is one FMA
//     and its rounding error another (c0 - m_hi is exact: Sterbenz, |c1 v| < 0.4 c0); the rest,
//     at most 14% of M (k = 0; 6% on [5/2, 9/2]), by Horner and one more FMA, its two roundings
//     ~2^-25.8 of M at worst: M to ~2^-25.6. No reciprocal or estimate anywhere, so every ISA
//     gives the same bits (AVX2 and AVX-512: all 2^32 inputs compared; NEON under qemu: every
//     251st, NaN payloads aside).
//   - Q = s (1 + p) M = q + q_lo (q = s m_hi rounded, q_lo its error plus the rest);
//   - y = b - a (q + q_lo), b = max(x, 0): t = b - a q rounded and its error by two FMAs, then
//     one rounding, times 2^-64 on the lanes scaled above.
//   Steps whose lanes all have |x| <= sqrt(128) skip the clamps, the scaling and the care for
//   +inf (gelu::common, see driver.hpp), with the same results.
//   Error before the last rounding: ~2^-24.2 relative at worst (e 2^-24.75, M 2^-25.6; for x > 0, a
//   Q <= y), below the 2^-24 that keeps the result within 1 ULP: an error under 1 ULP before the
//   last rounding leaves the result and the correctly rounded value less than 2 ULP apart, so at
//   most 1. On the scaled lanes the result is rounded twice where it is subnormal: to 24 bits first
//   (at most 1/4 of a subnormal ULP there), then by the 2^-64, within 1 ULP still (0.25 + 0.44
//   before the last rounding).
// (The forms this replaced, and how each step was measured: docs/performance-notes.md.)
// Accuracy: max 1 ULP over all floats, subnormal results included.
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "driver.hpp"
#include "expf.hpp"
#include "expf_fast.hpp"
#include "parts.hpp"
#include "protocol.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct gelu {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::gated;
  static constexpr bool monotone = false;
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -0.0f}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
  // -0x1.a30e66p+3 gave 2 ULP with the coarse exponential (a result near 2^-126 whose correction
  // rounded to the subnormal grid); -sqrt(128), where the exponential starts to be scaled by 2^64
  // and the common case ends; the clamps at 13 and -14.4; -0x1.7d89f4p+2, 2 ULP with a 4-entry
  // exponential table.
  static constexpr hard_input hard_inputs[] = {{0.0f, -0x1.a30e66p+3f},
                                               {0.0f, -0x1.6a09e6p3f},
                                               {0.0f, 13.0f},
                                               {0.0f, -14.4f},
                                               {0.0f, -0x1.7d89f4p+2f}};
  static float naive(float x) { return 0.5f * x * (1.0f + std::erf(x * 0.70710678f)); }
  template <class B>
  static constexpr bool interleave = true;  // see driver.hpp
  // Batches per step: 2 with 16 registers (AVX2), 3 with 32 (AVX-512, NEON): the most whose
  // chains fit the register file.
  template <class B>
  static constexpr std::size_t batches_per_step = simd::registers<B> == 16 ? 2 : 3;

  static constexpr double inv_sqrt2 = 0.70710678118654752440;

  static double reference(double x, const params& /*unused*/) {
    const double c = std::erfc(-x * inv_sqrt2);  // 2 * Phi(x)
    return c == 0.0 ? std::copysign(0.0, x) : 0.5 * x * c;
  }

  // M on interval k, from tools/sollya/gelu.sollya: the centre c_k, c0 = M(c_k) (a float to
  // 2^-36), c1 .. c8, in slot (k + 5) mod 8: the quarter-binades of a + 5.5 from [5.5, 6) to
  // [16, 20) have bits >> 21 = 517 .. 524.
  struct tables {
    expf_detail::lane_table centre, c0, c1, c2, c3, c4, c5, c6, c7, c8;
  };
  static constexpr tables m = {
      expf_detail::repeated<8>({0x1.c05908p1f, 0x1.6016ecp2f, 0x1.e013f4p2f, 0x1.3024b8p3f,
                                0x1.90137cp3f, 0.0f, 0x1.feb4bp-1f, 0x1.00e288p1f}),  // centre
      expf_detail::repeated<8>({0x1.b34adcp-4f, 0x1.200dfap-4f, 0x1.ac515ap-5f, 0x1.542a5ep-5f,
                                0x1.03c286p-5f, 0x1p-1f, 0x1.0c364ep-2f, 0x1.5763p-3f}),  // c0
      expf_detail::repeated<8>({-0x1.b57214p-6f, -0x1.8aea18p-7f, -0x1.b9d76ep-8f, -0x1.184e4ap-8f,
                                -0x1.484e4ep-9f, -0x1.988454p-2f, -0x1.19f728p-3f,
                                -0x1.ff8bbcp-5f}),  // c1
      expf_detail::repeated<8>({0x1.a1d7aap-8f, 0x1.07b5bap-9f, 0x1.c0c54ep-11f, 0x1.c94c48p-12f,
                                0x1.9c6d7ap-13f, 0x1.00001ep-2f, 0x1.fe57dp-5f,
                                0x1.5aeb36p-6f}),  // c2
      expf_detail::repeated<8>({-0x1.7d9bdcp-10f, -0x1.57b114p-12f, -0x1.c1157p-14f,
                                -0x1.715efcp-15f, -0x1.0182a6p-16f, -0x1.105b86p-3f,
                                -0x1.9c8ad8p-6f, -0x1.b3ce66p-8f}),  // c3
      expf_detail::repeated<8>({0x1.4ec442p-12f, 0x1.b5cb3p-15f, 0x1.bb054cp-17f, 0x1.278218p-18f,
                                0x1.3fb42ep-20f, 0x1.002cbcp-4f, 0x1.30990cp-7f,
                                0x1.0086fcp-9f}),  // c4
      expf_detail::repeated<8>({-0x1.1a67ccp-14f, -0x1.10c03cp-17f, -0x1.aeb5bep-20f,
                                -0x1.d355cep-22f, -0x1.8a8p-24f, -0x1.b63068p-6f, -0x1.a0a5c2p-9f,
                                -0x1.1d7362p-11f}),  // c5
      expf_detail::repeated<8>({0x1.cd359cp-17f, 0x1.4cd0fcp-20f, 0x1.9e2f2ap-23f, 0x1.6dd09p-25f,
                                0x1.e22592p-28f, 0x1.5d4cf2p-7f, 0x1.0b3a64p-10f,
                                0x1.2dab26p-13f}),  // c6
      expf_detail::repeated<8>({-0x1.8dde84p-19f, -0x1.9f4756p-23f, -0x1.9c8ccp-26f,
                                -0x1.46276ep-28f, -0x1.322beep-31f, -0x1.f88ap-9f, -0x1.5302f2p-12f,
                                -0x1.377372p-15f}),  // c7
      expf_detail::repeated<8>({0x1.38bb7ap-21f, 0x1.f32bb8p-26f, 0x1.6fda8cp-29f, 0x1.1ea572p-31f,
                                0x1.9a42cep-35f, 0x1.e705d6p-11f, 0x1.86b18p-14f,
                                0x1.40b618p-17f}),  // c8
  };
  static constexpr float sqrt128 = 0x1.6a09e6p3f;  // below -sqrt(128), e^(-x^2/2) < 2^-92

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
    return evaluate<false>(x);
  }

  // |x| <= sqrt(128), the inputs of practice: no clamp, no scaling, no infinity (NaN fails the
  // compare). The same operations otherwise, so the same bits (see driver.hpp).
  struct common {
    template <class B>
    SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& /*unused*/) {
      return simd::abs(x) <= B(sqrt128);
    }
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
      return evaluate<true>(x);
    }
  };

  // As a gate (geglu, gated.hpp): the common case's result unrounded, t - (e + a q_lo), for |x| <=
  // sqrt(128); its error 2^-24.2 (above).
  struct gate {
    template <class B>
    SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& p) {
      return gelu::common::covers(x, p);
    }
    template <class B>
    SIMDACT_INLINE static split<B> value(B x, const params& /*unused*/) {
      return evaluate<true, true>(x);
    }
    // The common case: |x| in [10.5 2^-32, 10.5] and |up| in [2^-16, 2^16], where the value is
    // at least 2^-80.9 in magnitude (gelu(-10.5); x / 2 near 0) and at most 10.5, so that the
    // product is ordinary (|P| in [2^-96.9, 2^19.4]: gated.hpp) and needs no test. The two
    // magnitude ranges span the same 32 binades, so that their keys share a limit (driver.hpp).
    struct extent_of_common {
      static constexpr float x_max = 10.5f, x_min = x_max * 0x1p-32f;
      static constexpr std::uint32_t lo = key_of(0x1p-16f), hi = key_of(0x1p16f);
      static constexpr std::uint32_t max_extent = hi - lo;
      template <class B>
      SIMDACT_INLINE static simd::ukey<B> extent(B x, B up, const params& p) {
        using x_range = magnitude_within<key_of(x_min), key_of(x_max)>;
        return magnitude_between<x_range, lo, hi>(up, x, p);
      }
    };
    struct common : covers_by_extent<extent_of_common> {
      template <class B>
      SIMDACT_INLINE static B eval(B x, B up, const params& p) {
        return split_times(value(x, p), up);
      }
    };
  };

  // M(a) = m_hi + m_lo (see the top of this file).
  template <class B>
  SIMDACT_INLINE static split<B> mills(B a) {
    // The interval: k in the low 3 bits of a + 5.5's bits >> 21 (its quarter-binade).
    const simd::ibatch<B> i = simd::bits(a + B(5.5f)) >> 21;
    auto c = [&i](const expf_detail::lane_table& t)
                 SIMDACT_INLINE_LAMBDA { return simd::lookup8<B>(i, t.v); };
    const B v = a - c(m.centre);  // exact
    // c0 + c1 v = m_hi + its error, each in one FMA: c0 - m_hi is exact (Sterbenz: |c1 v| <
    // 0.4 c0), and the second FMA's rounding is 2^-24 of the error.
    const B c0 = c(m.c0), c1 = c(m.c1);
    const B m_hi = simd::fmadd(c1, v, c0);
    const B err = simd::fmadd(c1, v, c0 - m_hi);
    B rest = simd::fmadd(c(m.c8), v, c(m.c7));
    rest = simd::fmadd(rest, v, c(m.c6));
    rest = simd::fmadd(rest, v, c(m.c5));
    rest = simd::fmadd(rest, v, c(m.c4));
    rest = simd::fmadd(rest, v, c(m.c3));
    rest = simd::fmadd(rest, v, c(m.c2));
    return {m_hi, simd::fmadd(v * v, rest, err)};
  }

  // The result, or (Split, the common case only) its two terms before the last rounding.
  template <bool Common, bool Split = false, class B>
  SIMDACT_INLINE static auto evaluate(B x) {
    // x clamped to [-14.4, 13] (NaN kept); a = |xc|.
    B xc = x;
    if constexpr (!Common)
      xc = simd::min_nan_passing(B(13.0f), simd::max_nan_passing(B(-14.4f), x));
    const B a = simd::abs(xc);
    // e^(-a^2/2) = s (1 + p), times 2^64 where x < -sqrt(128) (a^2/2 > 64).
    const B h = a * B(-0.5f);
    simd::ibatch<B> up(0);
    if constexpr (!Common) up = expf_detail::times_2p64_where<B>(xc < B(-sqrt128));
    const auto [s, p] =
        expf_detail::exp_scale_and_rest<true, exp_accuracy::coarse, false, true>(a, h, up);
    const auto [m_hi, m_lo] = mills<B>(a);
    // Q = s (1 + p) M = q + q_lo: q = s m_hi rounded, q_lo = its error + s (p M + m_lo), the
    // latter's roundings 2^-24 of p M (< 0.05 M) and of m_lo.
    const B q = s * m_hi;
    const B q_lo = simd::fmadd(s, simd::fmadd(m_hi + m_lo, p, m_lo), simd::fmsub(s, m_hi, q));
    // gelu(x) = max(x, 0) - a Q(a) = b - a (q + q_lo): t = b - a q rounded, e = a q - (b - t) its
    // rounding error (b - t is exact: -t where b = 0, Sterbenz where b = x, t being in [x/2, x]),
    // y = t - (e + a q_lo), one rounding. e is NaN only where x = +inf (inf - inf); the max makes
    // it -inf there, so that y = inf.
    const B b = simd::positive_part(x);
    const B t = simd::fnmadd(a, q, b);
    const B e = simd::fmadd(a, q, t - b);
    if constexpr (Split) {
      static_assert(Common);
      return split<B>{t, -simd::fmadd(a, q_lo, e)};
    } else if constexpr (Common) {
      return t - simd::fmadd(a, q_lo, e);
    } else {
      const B y = t - simd::max_nan_dropping(simd::fmadd(a, q_lo, e), B(-INFINITY));
      // The lanes computed times 2^64 scaled back, one more rounding where the result is
      // subnormal.
      return y * simd::from_bits<B>(simd::bits(B(1.0f)) - up);
    }
  }

  // The fast tier: gelu(x) = max(x, 0) - e^(-a^2/2) N(a), a = |x| clamped, N(a) = a M(a) (N(0) =
  // 0, N(a) -> 1/sqrt(2 pi)): the accurate kernel's decomposition in plain floats, no second terms.
  //   e^(-a^2/2) by fast_exp_of_product(a, -a/2) (expf_fast.hpp: a^2/2 never formed, whose
  //   rounding, up to 2^-17 of the exponent, would be the result's relative error): 2^-24.1
  //   relative, then its rounding;
  //   N(a) = c0 + v (c1 + ...), v = a - c_k, on 16 intervals where one permute picks among 16
  //   entries (AVX-512: the eighth-binades of a + 5, degree 7), else on the accurate kernel's 8
  //   (degree 8); tools/sollya/gelu_fast.sollya: 2^-25.5 relative (interval [0, 1/2]; 2^-29 or
  //   better elsewhere) and 2^-28.3, plus Horner's roundings;
  //   y = b - e N in one FMA: for x > 0 e N <= x/2 <= y, so no cancellation.
  //   Max 3 ULP over all floats (exhaustive, AVX2 and AVX-512).
  // a is clamped to keep the exponential in range: at 14.4 with vscalefps (e N < 2^-150 there: the
  // result rounds to -0 or x); elsewhere at 13.2 (a^2/2 <= 87.3), e set to 0 from there on (results
  // below 2^-126 flushed to -0). b = max(-0, x) is -0 for x <= 0 (x86's max gives its second
  // operand where both are zero; NEON's orders -0 < +0), so that x < 0 gives -0 where e N rounds
  // to 0, and NaN passes through. Batches per step: 3 (6 spill the tables: 1.08x slower).
  struct fast : fast_loop {
    static constexpr int max_ulp = 3;
    template <class B>
    static constexpr std::size_t batches_per_step = 3;
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
      const auto [e, n, b] = terms(x);
      return simd::fnmadd(e, n, b);
    }

    // As a gate (geglu, gated.hpp): y = b - e N as y + (its rounding error), times up (b - y is
    // exact: Sterbenz for x > 0, y being in [x/2, x]; -y for x <= 0): the error of y before its
    // rounding, 3 ULP; for 2^-100 <= |x| <= 12.5, where e (>= 2^-113) and y are normal.
    struct gate {
      template <class B>
      SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& /*unused*/) {
        const B a = simd::abs(x);
        return (a <= B(12.5f)) & (a >= B(0x1p-100f));
      }
      template <class B>
      SIMDACT_INLINE static B times(B x, B up, const params& /*unused*/) {
        const auto [e, n, b] = terms(x);
        const B y = simd::fnmadd(e, n, b);
        return split_times(split<B>{y, simd::fnmadd(e, n, b - y)}, up);
      }
    };

    // e^(-a^2/2), N(a) and b = max(-0, x) (see above).
    template <class B>
    SIMDACT_INLINE static std::array<B, 3> terms(B x) {
      constexpr bool scalef = simd::scales_in_one<B>;
      constexpr float a_max = scalef ? 14.4f : 13.2f;
      // A NaN x gives a_max or NaN here, by ISA; max_nan_passing carries it to the result.
      const B a = simd::min(simd::abs(x), B(a_max));
      B e = fast_exp_of_product<false>(a, a * B(-0.5f));
      if constexpr (!scalef) e = simd::keep_where(a < B(a_max), e);
      return {e, tail(a), simd::max_nan_passing(B(-0.0f), x)};
    }

    // N on each interval, by k: {c_k, c0, c1, ...} (tools/sollya/gelu_fast.sollya).
    static constexpr float n16_rows[16][9] = {
        {0.0f, 0.0f, 0x1p-1f, -0x1.988452p-2f, 0x1.fffe9cp-3f, -0x1.1037b6p-3f, 0x1.fb973cp-5f,
         -0x1.9040b2p-6f, 0x1.93e0fcp-8f},
        {0x1.8102p-1f, 0x1.cdd754p-3f, 0x1.5b1526p-3f, -0x1.c163eap-4f, 0x1.d4e05cp-5f,
         -0x1.a6dc86p-6f, 0x1.5617dcp-7f, -0x1.002f08p-8f, 0x1.42f38ap-10f},
        {0x1.40a2p0f, 0x1.279b7ep-2f, 0x1.7a69acp-4f, -0x1.ad5312p-5f, 0x1.8e57bep-6f,
         -0x1.42fd44p-7f, 0x1.da3ecp-9f, -0x1.404a5p-10f, 0x1.41f8bp-12f},
        {0x1.c045p0f, 0x1.4bfe64p-2f, 0x1.bccdcep-5f, -0x1.bd7efep-6f, 0x1.718c08p-7f,
         -0x1.0e617cp-8f, 0x1.6909bcp-10f, -0x1.ca605p-12f, 0x1.928122p-14f},
        {0x1.201e8p1f, 0x1.620bdep-2f, 0x1.156f86p-5f, -0x1.ee1432p-7f, 0x1.7052d4p-8f,
         -0x1.e8ff1p-10f, 0x1.26b7dp-11f, -0x1.26d36ep-13f, 0x1.4fde46p-14f},
        {0x1.6074p1f, 0x1.70338cp-2f, 0x1.6b574cp-6f, -0x1.219fd6p-7f, 0x1.860a14p-9f,
         -0x1.d5eb38p-11f, 0x1.074b68p-12f, -0x1.511184p-14f, 0x1.9907c8p-24f},
        {0x1.c0028p1f, 0x1.7d245cp-2f, 0x1.a2996ap-7f, -0x1.1edce2p-8f, 0x1.4fae4cp-10f,
         -0x1.62daep-12f, 0x1.5c45b4p-14f, -0x1.4eb612p-16f, 0x1.2c831p-18f},
        {0x1.201c8p2f, 0x1.86c944p-2f, 0x1.bf48dep-8f, -0x1.fff094p-10f, 0x1.f970cep-12f,
         -0x1.c74a52p-14f, 0x1.7efc3cp-16f, -0x1.28e4a4p-18f, 0x1.e6f5ccp-21f},
        {0x1.6024p2f, 0x1.8c2ddap-2f, 0x1.079b66p-8f, -0x1.01a276p-10f, 0x1.b5853ep-13f,
         -0x1.55e9e4p-15f, 0x1.f1ff3cp-18f, -0x1.044a1ep-20f, 0x1.2d13aep-22f},
        {0x1.a0098p2f, 0x1.8f7742p-2f, 0x1.4e8feap-9f, -0x1.1c705cp-11f, 0x1.a648c6p-14f,
         -0x1.20cb6ep-16f, 0x1.75c5f6p-19f, -0x1.e45f4ap-22f, 0x1.efc142p-25f},
        {0x1.e00bcp2f, 0x1.919cbcp-2f, 0x1.c0dae4p-10f, -0x1.50e854p-12f, 0x1.bb2808p-15f,
         -0x1.08dee8p-17f, 0x1.37618p-20f, -0x1.1d2126p-21f, 0x1.a4383ep-27f},
        {0x1.100c6p3f, 0x1.9315ap-2f, 0x1.3abf2cp-10f, -0x1.a64c88p-13f, 0x1.f1e256p-16f,
         -0x1.136f32p-18f, 0x1.14470cp-21f, 0x1.271b3p-24f, 0x1.32db9cp-25f},
        {0x1.3000ap3f, 0x1.942218p-2f, 0x1.c9e8a8p-11f, -0x1.1580dep-13f, 0x1.28285ep-16f,
         -0x1.2c6a0ep-19f, 0x1.0d8182p-22f, 0x1.ce88d6p-24f, 0x1.4046c2p-26f},
        {0x1.5003cp3f, 0x1.94e88ap-2f, 0x1.56e326p-11f, -0x1.7abceep-14f, 0x1.70c01cp-17f,
         -0x1.2951ap-20f, 0x1.2cf73p-23f, -0x1.96d406p-22f, -0x1.e158fcp-27f},
        {0x1.80074p3f, 0x1.95bccep-2f, 0x1.d0e1bep-12f, -0x1.c4aa2cp-15f, 0x1.855c16p-18f,
         -0x1.3acb98p-21f, 0x1.db8cdep-25f, -0x1.d9dd84p-30f, 0x1.3f8afp-31f},
        {0x1.b6aea6p3f, 0x1.96608p-2f, 0x1.3ac4fcp-12f, -0x1.0de246p-15f, 0x1.998582p-19f,
         -0x1.439636p-22f, 0x1.6080a8p-26f, 0x1.60bb32p-25f, 0x1.4abe68p-28f},
    };
    static constexpr float n8_rows[8][10] = {
        {0.0f, 0.0f, 0x1p-1f, -0x1.988454p-2f, 0x1.000022p-2f, -0x1.105b18p-3f, 0x1.000c1ap-4f,
         -0x1.b1f968p-6f, 0x1.3f5182p-7f, -0x1.3406a8p-9f},
        {0x1.0011p0f, 0x1.0be3ap-2f, 0x1.fc9f32p-4f, -0x1.34224ep-4f, 0x1.2f2668p-5f,
         -0x1.033c9ep-6f, 0x1.8e631p-8f, -0x1.197118p-9f, 0x1.864294p-11f, -0x1.e3813ap-13f},
        {0x1.001cp1f, 0x1.584f68p-2f, 0x1.5ce7fep-5f, -0x1.493262p-6f, 0x1.02b202p-7f,
         -0x1.6840c4p-9f, 0x1.ca0dap-11f, -0x1.0e7d2p-12f, 0x1.35934ap-14f, -0x1.4df212p-16f},
        {0x1.c0028p1f, 0x1.7d245cp-2f, 0x1.a2995ep-7f, -0x1.1edc9ep-8f, 0x1.4fb37ap-10f,
         -0x1.63115ap-12f, 0x1.5b43e6p-14f, -0x1.410c1ap-16f, 0x1.38f834p-18f, -0x1.0b4d96p-20f},
        {0x1.6024p2f, 0x1.8c2ddap-2f, 0x1.079b66p-8f, -0x1.01a2eep-10f, 0x1.b58462p-13f,
         -0x1.550b4cp-15f, 0x1.f33202p-18f, -0x1.530e56p-20f, 0x1.e9f204p-23f, -0x1.d33cbp-25f},
        {0x1.e00bcp2f, 0x1.919cbcp-2f, 0x1.c0dae4p-10f, -0x1.50e66p-12f, 0x1.bb2888p-15f,
         -0x1.0c931p-17f, 0x1.368f66p-20f, -0x1.b8b84p-23f, 0x1.78adfap-26f, 0x1.516bbap-26f},
        {0x1.3000ap3f, 0x1.942218p-2f, 0x1.c9e8a8p-11f, -0x1.15824ep-13f, 0x1.282566p-16f,
         -0x1.26f362p-19f, 0x1.146f82p-22f, -0x1.a47826p-27f, 0x1.d67a36p-29f, -0x1.3067bp-27f},
        {0x1.8e6726p3f, 0x1.95ee4ap-2f, 0x1.a184a6p-12f, -0x1.8898d4p-15f, 0x1.4636b6p-18f,
         -0x1.f9857cp-22f, 0x1.755daap-25f, -0x1.04e2a4p-28f, 0x1.83b3cp-32f, -0x1.661b98p-35f},
    };
    // As lane tables, one per coefficient: interval k's entry in the slot of its index bits,
    // (k + 10) mod 16 (a + 5 in [5, 5.5) has bits >> 20 = 0x40a) and (k + 5) mod 8.
    static constexpr auto n16 = expf_detail::by_slot(n16_rows, 10);
    static constexpr auto n8 = expf_detail::by_slot(n8_rows, 5);

    // N(a) on its interval k: c0 + v (c1 + v (c2 + ...)), v = a - c_k (c_0 = 0).
    // k from the bits of a + 5 (16 intervals: eighth-binades, >> 20) or a + 5.5 (8: quarter-
    // binades, >> 21), the coefficients picked by one permute each.
    template <class B>
    SIMDACT_INLINE static B tail(B a) {
      if constexpr (simd::permutes16<B>) {
        return on_interval(a, simd::bits(a + B(5.0f)) >> 20, n16);
      } else {
        return on_interval(a, simd::bits(a + B(5.5f)) >> 21, n8);
      }
    }
    template <class B, std::size_t W>
    SIMDACT_INLINE static B on_interval(B a, simd::ibatch<B> i,
                                        const std::array<expf_detail::lane_table, W>& t) {
      auto c = [&i, &t](std::size_t w) SIMDACT_INLINE_LAMBDA {
        if constexpr (simd::permutes16<B>) {
          return simd::lookup16<B>(i, t[w].v);
        } else {
          return simd::lookup8<B>(i, t[w].v);
        }
      };
      const B v = a - c(0);
      B r = c(W - 1);
      for (std::size_t w = W - 1; w-- > 1;) r = simd::fmadd(r, v, c(w));
      return r;
    }
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
