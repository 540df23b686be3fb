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
//   - M = m_hi + m_lo, in one of two forms, by what a table lookup costs (mills()):
//     (a) where a 16-entry lookup is one instruction (simd::has_lookup16: AVX-512), a polynomial
//     in a itself on the interval of k = round(a), k = 0..14: M(c_k + v) = c0 + c1 v + ... +
//     c8 v^8 (tools/sollya/gelu16.sollya: 2^-28.8 relative), |v| <= 0.51, v = a - c_k exact, the
//     centre c_k a float near k chosen so that c0 = M(c_k) is a float to 2^-36: no second float
//     for c0, and no reciprocal. c0 + c1 v is one FMA and its rounding error another (c0 - m_hi
//     is exact: Sterbenz, |c1 v| <= 0.4 c0); the rest, at most 14% of M (k = 0), by Horner and
//     one more FMA, its two roundings ~2^-25.8 of M at worst: M to ~2^-25.6.
//     (b) elsewhere (AVX2: a 16-entry lookup would be two lane-crossing permutes and a blend;
//     NEON), a function of u = 1 / (4 + a) in (0.054, 1/4], 4 intervals picked by in-lane
//     permutes: 4 + a = d_hi + d_lo exactly; u_hi = u0, a reciprocal of d_hi to 2^-22 or better
//     (simd::reciprocal_fine), and u_lo = u0 rho from its residual rho: 2^-44 relative; M(c + v)
//     = c0 + c1 v + ... + c7 v^7 on |v| <= 1/32, c = i/16, i = round(16 u) (tools/sollya/
//     gelu.sollya: 2^-28.1 relative), c0 a float pair. v = u_hi - c is exact; c0 + c1 v as in
//     (a); u_lo enters through c1 u_lo and (v + u_lo) in the rest, which is at most 11.5% of M
//     (its roundings, each 2^-24 of it: ~2^-26 of M), so M to ~2^-25.7. (u0 must be that close
//     to 1 / d_hi for v to stay in the polynomials' intervals, which have a margin of 2^-20:
//     hence the Newton step on NEON. u_hi = u0 unrefined saves two operations against refining
//     it and splitting the result again: 1.03-1.05x faster on AVX2, AMD Zen 3.)
//     Form (a) on AVX-512, AMD Zen 4, against (b) (tools/lib-ab.cpp, median of 5): 1.25x faster
//     at n = 4096, 1.34x at 262144 (vector instructions per batch on the common path 61 -> 52,
//     multiplies and FMAs 34 -> 27, from the disassembly); exhaustive AVX-512: max 1 ULP.
//   - Q = s (1 + p) M = q + q_lo (q = s m_hi rounded, q_lo its error plus the rest);
//   - y = b - a (q + q_lo), b = max(x, 0): t = b - a q rounded and its error by two FMAs, then
//     one rounding, times 2^-64 on the lanes scaled above.
//   Steps whose lanes all have |x| <= sqrt(128) skip the clamps, the scaling and the care for
//   +inf (gelu::common, see driver.hpp), with the same results.
//   Error before the last rounding: ~2^-24.2 relative at worst (e 2^-24.75, M 2^-25.6; in form (b),
//   u's error times M's sensitivity to it, |u M' / M| <= 3.2, is negligible; for x > 0, a Q <= y),
//   below the 2^-24 that keeps the result within 1 ULP: an error under 1 ULP before the last
//   rounding leaves the result and the correctly rounded value less than 2 ULP apart, so at most 1.
//   On the scaled lanes the result is rounded twice where it is subnormal: to 24 bits first (at
//   most 1/4 of a subnormal ULP there), then by the 2^-64, within 1 ULP still (0.25 + 0.44 before
//   the last rounding).
// The form x s_hi + x s_lo (s = Q, or 1 - Q by Fast2Sum for x > 0, chosen by two blends) and x
// scaled by 2^-64 that this replaced took 14 instructions after Q where this takes 9, and
// rounded x s_lo to the subnormal grid where the result is near 2^-126, half an ULP, so that it
// needed the fine exponential (2^-27.5; one permute and an add more): with the coarse one the
// exhaustive sweep found 2 ULP at x = -0x1.a30e66p+3. AVX2, AMD Zen 3, rdtsc, the libraries
// interleaved, best of 400 at n = 4096 and of 60 at 262144: this form 1.08-1.09x faster, with
// the coarse exponential 1.09-1.10x, with the Product reduction 1.17x.
// Form (b): about 60 vector instructions per batch on the common path (below) and 72 on the other,
// per 8 lanes on AVX2 and per 16 on AVX-512 alike (from the disassembly, the step's test included),
// against ~130 for the double-precision evaluation that came first (erfc through exp in double,
// each half batch widened). Four polynomials of degree 7 rather than seven of degree 5 (two
// instructions more): on Zen 3 a lane-crossing permute (vpermps) issues once per cycle, an in-lane
// one (vpermilps) twice, and the seven vpermps per batch cost ~15% (measured by leaving them out);
// AVX2, bench-ab: 1.05-1.16x faster over three runs; c0 + c1 v and its error by two FMAs rather
// than a product split exactly and Fast2Sum (three instructions fewer) another 1.02-1.05x.
// Accuracy: max 1 ULP over all floats, subnormal results included.
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0.
#pragma once

#include <cmath>

#include "expf.hpp"

namespace simdact::kernels {

struct gelu {
  static constexpr int max_ulp = 1;
  static constexpr bool interleave = true;  // see driver.hpp
  // Three batches per step, not four: stack loads and stores per batch 61 -> 51 on AVX2 (16
  // registers), 31 -> 22 on AVX-512 (AVX2, AMD Zen 3, bench-ab against four: 1.04-1.17x
  // faster over four runs, one noisy run 0.95x at 262144; two batches 1.04-1.05x, one 0.95-0.99x,
  // none without the interleaving 0.78-0.90x). AVX-512, Intel Xeon, ab.sh best of 6: four
  // batches 1.01x and 1.04x slower at 262144 and 4096 (bench/results/xeon-avx512-5-ab.md).
  static constexpr std::size_t batches_per_step = 3;

  static constexpr double inv_sqrt2 = 0.70710678118654752440;

  static double reference(double x, double /*unused*/) {
    const double c = std::erfc(-x * inv_sqrt2);  // 2 * Phi(x)
    return c == 0.0 ? std::copysign(0.0, x) : 0.5 * x * c;
  }

  // The coefficients of M on the interval centred at i/16, in slot i & 3 (i = 1..4), from
  // tools/sollya/gelu.sollya.
  struct tables {
    expf_detail::lane_table c0_hi, c0_lo, c1, c2, c3, c4, c5, c6, c7;
  };
  static constexpr tables m = {
      expf_detail::repeated<4>({0x1p-1f, 0x1.0e7dcep-5f, 0x1.82b4bcp-4f, 0x1.c660e4p-3f}),
      expf_detail::repeated<4>({0x1.8a34p-34f, -0x1.c4591p-30f, -0x1.afcb48p-30f, 0x1.ba54p-31f}),
      expf_detail::repeated<4>({0x1.988454p2f, 0x1.63cfc8p-1f, 0x1.5cf97cp0f, 0x1.77759p1f}),
      expf_detail::repeated<4>({0x1.33bdfcp5f, 0x1.b4ae68p1f, 0x1.fd7514p2f, 0x1.27c6dep4f}),
      expf_detail::repeated<4>({0x1.0da8fp7f, 0x1.d986b6p3f, 0x1.25b5f8p5f, 0x1.3bfe22p6f}),
      expf_detail::repeated<4>({0x1.c04618p7f, 0x1.b81a82p5f, 0x1.f9b5b4p6f, 0x1.9ed3dcp7f}),
      expf_detail::repeated<4>({-0x1.12a4f4p6f, 0x1.482124p7f, 0x1.16da06p8f, 0x1.816368p7f}),
      expf_detail::repeated<4>({-0x1.c2303cp4f, 0x1.accbcep8f, 0x1.f87082p6f, -0x1.29bec6p9f}),
      expf_detail::repeated<4>({0x1.c3e012p12f, -0x1.ec824ap9f, -0x1.994074p10f, -0x1.71443p10f}),
  };

  // M on the interval of k = round(a), slot k (k = 0..14; slot 15, never indexed, repeats 14),
  // from tools/sollya/gelu16.sollya: the centre c_k, M(c_k) = c0 (a float to 2^-36), c1 .. c8.
  struct tables16 {
    expf_detail::lane_table centre, c0, c1, c2, c3, c4, c5, c6, c7, c8;
  };
  static constexpr tables16 m16 = {
      {{0.0f, 0x1.00081p0f, 0x1.00e288p1f, 0x1.8081cp1f, 0x1.002e28p2f, 0x1.4008a4p2f,
        0x1.802118p2f, 0x1.c00528p2f, 0x1.00051cp3f, 0x1.200aecp3f, 0x1.40288ep3f, 0x1.602014p3f,
        0x1.801d3p3f, 0x1.a003f6p3f, 0x1.c00794p3f, 0x1.c00794p3f}},  // centre
      {{0x1p-1f, 0x1.0bd6cp-2f, 0x1.5763p-3f, 0x1.f129eep-4f, 0x1.8275dap-4f, 0x1.3b07cep-4f,
        0x1.09404cp-4f, 0x1.c9dc0ep-5f, 0x1.9261a6p-5f, 0x1.66bf6ep-5f, 0x1.437b54p-5f,
        0x1.269a64p-5f, 0x1.0e6986p-5f, 0x1.f3d90ep-6f, 0x1.d07fe6p-6f, 0x1.d07fe6p-6f}},  // c0
      {{-0x1.988454p-2f, -0x1.194a48p-3f, -0x1.ff8bbcp-5f, -0x1.19371ap-5f, -0x1.5c8cbap-6f,
        -0x1.d5fdf6p-7f, -0x1.5032e2p-7f, -0x1.f7caa4p-8f, -0x1.86a954p-8f, -0x1.376a52p-8f,
        -0x1.fb75c4p-9f, -0x1.a58fb6p-9f, -0x1.639acap-9f, -0x1.300cf8p-9f, -0x1.06c4fcp-9f,
        -0x1.06c4fcp-9f}},  // c1
      {{0x1.00001ep-2f, 0x1.fcb4b8p-5f, 0x1.5aeb36p-6f, 0x1.2b22fep-7f, 0x1.2d523cp-8f,
        0x1.54125ep-9f, 0x1.a08cdcp-10f, 0x1.105ab2p-10f, 0x1.7610acp-11f, 0x1.0b50f8p-11f,
        0x1.8a61bap-12f, 0x1.2b4b52p-12f, 0x1.d0942ep-13f, 0x1.6fd1f6p-13f, 0x1.27d952p-13f,
        0x1.27d952p-13f}},  // c2
      {{-0x1.105b86p-3f, -0x1.9aedb2p-6f, -0x1.b3ce66p-8f, -0x1.2db02cp-9f, -0x1.f5846p-11f,
        -0x1.de7a14p-12f, -0x1.f9352cp-13f, -0x1.219b62p-13f, -0x1.61723cp-14f, -0x1.c6002p-15f,
        -0x1.2fc7b2p-15f, -0x1.a5caa4p-16f, -0x1.2d8ed6p-16f, -0x1.ba6e7cp-17f, -0x1.4b844ep-17f,
        -0x1.4b844ep-17f}},  // c3
      {{0x1.002cbcp-4f, 0x1.2f381cp-7f, 0x1.0086fcp-9f, 0x1.224938p-11f, 0x1.931e08p-13f,
        0x1.47ed56p-14f, 0x1.2c4132p-15f, 0x1.2f1ac4p-16f, 0x1.49ac8ap-17f, 0x1.7d7b66p-18f,
        0x1.d000aep-19f, 0x1.26d93cp-19f, 0x1.85166cp-20f, 0x1.08ed0ap-20f, 0x1.713dccp-21f,
        0x1.713dccp-21f}},  // c4
      {{-0x1.b63068p-6f, -0x1.9eacfcp-9f, -0x1.1d7362p-11f, -0x1.0bcefap-13f, -0x1.38ccep-15f,
        -0x1.b74b38p-17f, -0x1.5ab81ap-18f, -0x1.35d628p-19f, -0x1.29e3dcp-20f, -0x1.302452p-21f,
        -0x1.4ca3c6p-22f, -0x1.8d950ep-23f, -0x1.bcdc3p-24f, -0x1.7a271ap-24f, -0x1.6b3772p-25f,
        -0x1.6b3772p-25f}},  // c5
      {{0x1.5d4cf2p-7f, 0x1.09bd44p-10f, 0x1.2dab26p-13f, 0x1.db9852p-16f, 0x1.dd4efap-18f,
        0x1.1d906p-19f, 0x1.85ee1cp-21f, 0x1.2f0186p-22f, 0x1.185d48p-23f, 0x1.ec45cep-25f,
        0x1.a4b802p-26f, 0x1.971108p-26f, 0x1.85524p-28f, 0x1.70cf8p-31f, 0x1.1ddc18p-27f,
        0x1.1ddc18p-27f}},  // c6
      {{-0x1.f88ap-9f, -0x1.4e8272p-12f, -0x1.377372p-15f, -0x1.9cf942p-18f, -0x1.a9f59cp-20f,
        -0x1.453da4p-22f, -0x1.c35d84p-23f, -0x1.463956p-24f, -0x1.fa875ep-25f, -0x1.e6405ep-25f,
        -0x1.4f4c1ap-25f, -0x1.bc71d4p-27f, -0x1.c3b15p-26f, 0x1.01fc02p-25f, -0x1.8d5d06p-27f,
        -0x1.8d5d06p-27f}},  // c7
      {{0x1.e705d6p-11f, 0x1.844b5cp-14f, 0x1.40b618p-17f, 0x1.58cbd6p-20f, 0x1.3ef42cp-23f,
        0x1.2f601p-24f, 0x1.cd63aep-25f, 0x1.08be0cp-25f, -0x1.135232p-28f, 0x1.f5d0a8p-28f,
        0x1.4dd8cap-27f, -0x1.e68848p-27f, 0x1.ec4646p-28f, 0x1.48bb06p-27f, -0x1.5846fap-27f,
        -0x1.5846fap-27f}},  // c8
  };

  static constexpr float sqrt128 = 0x1.6a09e6p3f;  // below -sqrt(128), e^(-x^2/2) < 2^-92

  template <class B>
  SIMDACT_INLINE static B eval(B x, B /*unused*/) {
    return evaluate<false>(x);
  }

  // |x| <= sqrt(128), the inputs of practice: no clamp, no scaling, no infinity (NaN fails the
  // compare). The same operations otherwise, so the same bits (see driver.hpp). AVX2, AMD Zen 3,
  // rdtsc, interleaved, best of 400 at n = 4096 and of 60 at 262144: 1.06-1.10x faster on such
  // inputs (two runs).
  struct common {
    template <class B>
    SIMDACT_INLINE static simd::mask_t<B> covers(B x, B /*unused*/) {
      return simd::abs(x) <= B(sqrt128);
    }
    template <class B>
    SIMDACT_INLINE static B eval(B x, B /*unused*/) {
      return evaluate<true>(x);
    }
  };

  // M(a) = m_hi + m_lo from u = 1 / (4 + a), 4 intervals (see the top of this file).
  template <class B>
  SIMDACT_INLINE static split<B> mills_of_u(B a) {
    // u = 1 / (4 + a) = u_hi + u_lo. 4 - d_hi is exact (d_hi >= 4), so d_lo is the sum's error.
    // u_hi = u0 (2^-22 or better) and u_lo its correction by the residual rho: u_hi + u_lo =
    // u0 (1 + rho), within rho^2 (2^-44) of 1 / d.
    const B d_hi = B(4.0f) + a;
    const B d_lo = (B(4.0f) - d_hi) + a;
    const B u0 = simd::reciprocal_fine(d_hi);
    const B rho = simd::fnmadd(u0, d_lo, simd::fnmadd(u0, d_hi, B(1.0f)));
    const B u_hi = u0;
    const B u_lo = u0 * rho;
    // M = m_hi + m_lo on the interval i = round(16 u_hi).
    const B shifter(0x1.8p23f);
    const B sh = simd::fmadd(u_hi, B(16.0f), shifter);
    const simd::ibatch<B> i = simd::bits(sh);
    const B v = simd::fnmadd(sh - shifter, B(0x1p-4f), u_hi);  // exact
    auto c = [&i](const expf_detail::lane_table& t)
                 SIMDACT_INLINE_LAMBDA { return simd::lookup4<B>(i, t.v); };
    const B c1 = c(m.c1);
    const B v2 = v + u_lo;
    const B v2sq = v2 * v2;
    const B rest = simd::fmadd(
        v2sq,
        simd::fmadd(v2sq, simd::fmadd(c(m.c7), v2, c(m.c6)), simd::fmadd(c(m.c5), v2, c(m.c4))),
        simd::fmadd(c(m.c3), v2, c(m.c2)));
    // c0 + c1 v = m_hi + its error, each in one FMA: c0 - m_hi is exact (Sterbenz: -0.45 c0 <=
    // c1 v <= 0.66 c0), and the second FMA's rounding is 2^-24 of the error.
    const B c0 = c(m.c0_hi);
    const B m_hi = simd::fmadd(c1, v, c0);
    const B err = simd::fmadd(c1, v, c0 - m_hi);
    const B m_lo = simd::fmadd(v2sq, rest, simd::fmadd(c1, u_lo, c(m.c0_lo)) + err);
    return {m_hi, m_lo};
  }

  // M(a) = m_hi + m_lo from a itself, 15 intervals (see the top of this file).
  template <class B>
  SIMDACT_INLINE static split<B> mills_of_a(B a) {
    // k = round(a) in the low bits of sh; v = a - c_k is exact (both multiples of ulp(a) or
    // finer, |v| <= 0.51).
    const simd::ibatch<B> i = simd::bits(a + B(0x1.8p23f));
    auto c = [&i](const expf_detail::lane_table& t)
                 SIMDACT_INLINE_LAMBDA { return simd::lookup16<B>(i, t.v); };
    const B v = a - c(m16.centre);
    // c0 + c1 v = m_hi + its error, as in mills_of_u (|c1 v| <= 0.43 c0: Sterbenz).
    const B c0 = c(m16.c0), c1 = c(m16.c1);
    const B m_hi = simd::fmadd(c1, v, c0);
    const B err = simd::fmadd(c1, v, c0 - m_hi);
    B rest = simd::fmadd(c(m16.c8), v, c(m16.c7));
    rest = simd::fmadd(rest, v, c(m16.c6));
    rest = simd::fmadd(rest, v, c(m16.c5));
    rest = simd::fmadd(rest, v, c(m16.c4));
    rest = simd::fmadd(rest, v, c(m16.c3));
    rest = simd::fmadd(rest, v, c(m16.c2));
    return {m_hi, simd::fmadd(v * v, rest, err)};
  }

  template <class B>
  SIMDACT_INLINE static split<B> mills(B a) {
    if constexpr (simd::has_lookup16<B>) {
      return mills_of_a(a);
    } else {
      return mills_of_u(a);
    }
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
        expf_detail::exp_scale_and_rest<true, exp_accuracy::coarse, false, 8, true>(a, h, up);
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

}  // namespace simdact::kernels
