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

#include <cmath>

#include "driver.hpp"
#include "expf.hpp"
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

  template <bool Common, class B>
  SIMDACT_INLINE static B evaluate(B x) {
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
    if constexpr (Common) {
      return t - simd::fmadd(a, q_lo, e);
    } else {
      const B y = t - simd::max_nan_dropping(simd::fmadd(a, q_lo, e), B(-INFINITY));
      // The lanes computed times 2^64 scaled back, one more rounding where the result is
      // subnormal.
      return y * simd::from_bits<B>(simd::bits(B(1.0f)) - up);
    }
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
