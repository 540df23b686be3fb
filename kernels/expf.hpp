// SPDX-License-Identifier: Apache-2.0
// e^z in float arithmetic, with the extra precision kept as an unevaluated sum hi + lo: the
// building block of the float kernels (sigmoid, swish, silu, tanh, gelu_tanh, elu, softmax), which
// must stay within 1 ULP although every operation rounds to 24 bits. (The logistic built on it:
// logistic.hpp.)
//
// expf_split(z, z_lo): e^(z + z_lo) = hi + lo, for |z_lo| <= 2^-16 (and expf_split(z) below).
//   k = round(8 z / ln2), by adding and subtracting 1.5 * 2^23, so the low bits of the sum hold
//       k = 8n + j, j in 0..7;
//   r = z + z_lo - k ln2/8: the first FMA (ln2/8 to 16 bits) is exact, adding z_lo and the
//       second FMA (ln2/8's remainder) round, |r| <= ln2/16 (+ 2^-29);
//   e^z = 2^n T_j (1 + delta_j) e^r, T_j = 2^(j/8) rounded to float and delta_j its relative
//       remainder, both from 8-entry tables (one permute each);
//   e^r (1 + delta_j) = 1 + p, p = (r + delta_j) + r^2 Q(r), Q of degree 2
//       (tools/sollya/expf.sollya: 2^-31.6 absolute on the interval);
//   s = 2^n T_j exactly (n added to T_j's exponent field: the table holds T_j's bits minus
//       j << 20, so that adding k << 20 adds n << 23); hi = s (1 + p) rounded, lo its rounding
//       error (one more FMA), so that hi alone is already within 2^-24 of e^z (fine).
//   Error of hi + lo relative to e^(z + z_lo): about 2^-27 (r's rounding 2^-29, p's 2^-29,
//   Q 2^-31.6, lo's 2^-29.5; measured 2^-27.5 on random z). times_2p64_where multiplies by
//   2^64 through the exponent field where asked (softmax: tiny values kept normal; the wide
//   logistic scales by 2^-64 the same way).
//   exp_accuracy::coarse leaves delta_j out (one permute and one add fewer per batch): then T_j's
//   own rounding, up to 2^-24.9 (j = 2), adds to that, for at most 2^-24.75. Sigmoid, silu, tanh,
//   gelu, gelu_tanh and swish for 0 < beta <= 2^12 take it: their results stay below 1 ULP of error
//   before their last rounding, which keeps them within 1 ULP of the correctly rounded value (each
//   kernel's comment has its sum; all 2^32 inputs checked). log_softmax takes it too, within its 2
//   ULP (softmax.hpp). Softmax keeps `fine` (its 2-ULP analysis already spends a whole float
//   rounding on each stored e), and so does swish at other betas: where its result is near 2^-126
//   the correction term rounds to the subnormal grid, half an ULP more (see swish.hpp; gelu had the
//   same until it scaled its result back last, see gelu.hpp).
#pragma once

#include <array>
#include <bit>
#include <cstdint>

#include "parts.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

namespace expf_detail {

// A table of 16 floats: 8 entries stored twice (simd::lookup8).
struct lane_table {
  float v[16];
};

// N entries (8 or 16), stored 16 / N times (see simd::lookup8).
template <int N>
constexpr lane_table repeated(const float (&t)[N]) {
  lane_table d{};
  for (int j = 0; j < 16; ++j) d.v[j] = t[j % N];
  return d;
}

// Piecewise polynomials' coefficients, given by interval k as rows {w_0, w_1, ...} of K intervals
// (8 or 16), as one lane table per column w: interval k's entry in slot (k + first) mod K (the
// slot its index bits give), stored 16 / K times.
template <std::size_t K, std::size_t W>
constexpr std::array<lane_table, W> by_slot(const float (&rows)[K][W], std::size_t first) {
  std::array<lane_table, W> t{};
  for (std::size_t j = 0; j < 16; ++j)
    for (std::size_t w = 0; w < W; ++w) t[w].v[j] = rows[(j % K + K - first % K) % K][w];
  return t;
}

// 2^(j/8) rounded to float, and the relative remainder (2^(j/8) - T_j) / T_j.
inline constexpr float two_j8[8] = {0x1p0f,        0x1.172b84p0f, 0x1.306fep0f,  0x1.4bfdaep0f,
                                    0x1.6a09e6p0f, 0x1.8ace54p0f, 0x1.ae89fap0f, 0x1.d5818ep0f};
inline constexpr float delta_j8[8] = {0.0f,
                                      -0x1.9c0c22p-27f,
                                      0x1.125002p-25f,
                                      -0x1.0a355p-25f,
                                      0x1.26055cp-26f,
                                      0x1.67a1cap-28f,
                                      -0x1.f9c304p-27f,
                                      -0x1.a5217cp-28f};

// The tables: T_j's bits minus j << shift, so that adding (8n + j) << shift (shift = 20) adds
// n << 23 and gives the bits of 2^n T_j; and delta_j.
constexpr lane_table shifted_table(std::uint32_t shift) {
  float t[8] = {};
  for (std::uint32_t j = 0; j < 8; ++j)
    t[j] = std::bit_cast<float>(std::bit_cast<std::uint32_t>(two_j8[j]) - (j << shift));
  return repeated<8>(t);
}

// e^r = 1 + r + r^2 Q(r) on |r| <= ln2/16.
inline constexpr float q[] = {0x1p-1f, 0x1.555b7cp-3f, 0x1.555a58p-5f};

inline constexpr float eight_over_ln2 = 0x1.715476p3f;
inline constexpr float ln2_8_hi = 0x1.62e4p-4f;     // ln2/8 to 16 bits
inline constexpr float ln2_8_lo = 0x1.7f7d1cp-23f;  // ln2/8 - ln2_8_hi
// ln2/8 to 12 bits (k times it is exact for |k| < 2^12) and the rest, for reduce's Product mode.
inline constexpr float ln2_8_hi12 = 0x1.62ep-4f, ln2_8_lo12 = 0x1.0bfbe8p-18f;

// The reduction's constants: 8/ln2, ln2/8 as hi (16 bits) + lo, the tables (T_j's bits minus
// j << shift, so that adding (8n + j) << shift adds n << 23) and Q.
struct exp_table {
  static constexpr int shift = 20;
  static constexpr float j_over_ln2 = eight_over_ln2, step_hi = ln2_8_hi, step_lo = ln2_8_lo;
  static constexpr lane_table t_shifted = shifted_table(shift), delta = repeated<8>(delta_j8);
  template <class B>
  SIMDACT_INLINE static B lookup(simd::ibatch<B> i, const lane_table& t) {
    return simd::lookup8<B>(i, t.v);
  }
  // Q(r), or Q(-r) where Negate (r then being the negated remainder).
  template <bool Negate, class B>
  SIMDACT_INLINE static B q_of(B r, B r2) {
    return simd::fmadd(
        r2, B(q[2]), Negate ? simd::fnmadd(r, B(q[1]), B(q[0])) : simd::fmadd(r, B(q[1]), B(q[0])));
  }
};

}  // namespace expf_detail

// With or without the table's remainder delta_j (see the top of this file).
enum class exp_accuracy { fine, coarse };

namespace expf_detail {

// The argument reduction: z = k ln2/8 + r, k = 8n + j; s = 2^n T_j (times 2^extra_exponent, an
// integer already shifted into the exponent field); r1 = z - k ln2_8_hi (exact) and r = r1 +
// z_lo - k ln2_8_lo (rounded); HasLo = false: z_lo is ignored. Negate: the reduction of
// -(z + z_lo), with r1 and r returned negated (-r1 = z + k ln2_8_hi, exact likewise): the FMAs'
// sign variants take the negation for free. `shifted`: null for the table of T_j's bits
// (T::t_shifted), or a copy of it with a loop-invariant exponent already added to every entry
// (softmax's -N per row), which spares the integer add of extra_exponent per batch.
template <class B>
struct reduction {
  B k, r1, r, s;
  simd::ibatch<B> kb;  // k in the low bits (j = kb & 7 indexes the tables)
};

// Product: the reduction of z_lo z (z_lo a loop invariant for swish; -a/2 for gelu's
// a^2/2, where it spares splitting the product exactly), without forming z_lo z
// and its remainder: k from z (z_lo 8/ln2), k ln2_8 split with a 12-bit high part so that k
// times it is exact (|k| < 2^11), r = z_lo z - k ln2_8_hi12 in one FMA (|r| < 0.05: 2^-29), then
// the low part; r1 is then that FMA's rounded result, not exact (its callers, the logistic and
// gelu, use r only).
template <bool HasLo, bool Negate, bool Product = false, class B>
SIMDACT_INLINE reduction<B> reduce(B z, B z_lo, simd::ibatch<B> extra_exponent,
                                   const lane_table* shifted = nullptr) {
  using T = exp_table;
  const B shifter(0x1.8p23f);
  B t, k, r1, r;
  if constexpr (Product) {
    const B m = z_lo, mc = z_lo * B(T::j_over_ln2);
    t = Negate ? simd::fnmadd(z, mc, shifter) : simd::fmadd(z, mc, shifter);
    k = t - shifter;
    const B kc = k * B(ln2_8_hi12);  // exact
    r1 = Negate ? simd::fmadd(z, m, kc) : simd::fmsub(z, m, kc);
    r = Negate ? simd::fmadd(k, B(ln2_8_lo12), r1) : simd::fnmadd(k, B(ln2_8_lo12), r1);
  } else {
    const B c(T::j_over_ln2), c_hi(T::step_hi), c_lo(T::step_lo);
    t = Negate ? simd::fnmadd(z, c, shifter) : simd::fmadd(z, c, shifter);
    k = t - shifter;
    r1 = Negate ? simd::fmadd(k, c_hi, z) : simd::fnmadd(k, c_hi, z);  // exact
    r = r1;
    if constexpr (HasLo) r = r + z_lo;
    r = Negate ? simd::fmadd(k, c_lo, r) : simd::fnmadd(k, c_lo, r);
  }
  const simd::ibatch<B> kb = simd::bits(t);
  const B s =
      simd::from_bits<B>(simd::bits(T::template lookup<B>(kb, shifted ? *shifted : T::t_shifted)) +
                         (kb << T::shift) + extra_exponent);
  return {k, r1, r, s, kb};
}

// e^(z + z_lo) times 2^extra_exponent (Negate: e^-(z + z_lo)) as s (1 + p): s = 2^n T_j exact
// (times 2^extra_exponent), |p| < 0.05 to ~2^-29 absolute. HasLo = false: z_lo is ignored.
template <bool HasLo, exp_accuracy A, bool Negate = false, bool Product = false, class B>
SIMDACT_INLINE unrounded_exp<B> exp_scale_and_rest(B z, B z_lo, simd::ibatch<B> extra_exponent,
                                                   const lane_table* shifted = nullptr) {
  using T = exp_table;
  const reduction<B> e = reduce<HasLo, Negate, Product>(z, z_lo, extra_exponent, shifted);
  // p = r + r^2 Q(r) (+ delta_j), from e.r = r or, negated, -r.
  const B r = e.r, r2 = r * r;
  const B q_r = T::template q_of<Negate>(r, r2);
  B p;
  if constexpr (A == exp_accuracy::fine) {
    const B d = T::template lookup<B>(e.kb, T::delta);
    p = simd::fmadd(r2, q_r, Negate ? d - r : r + d);
  } else {
    p = Negate ? simd::fmsub(r2, q_r, r) : simd::fmadd(r2, q_r, r);
  }
  return {e.s, p};
}

// The same as hi + lo, hi the float nearest s (1 + p): lo is the rounding error of the FMA (s - hi
// is exact, both being within 5% of each other).
template <bool HasLo, exp_accuracy A, bool Negate = false, class B>
SIMDACT_INLINE split<B> exp_parts(B z, B z_lo, simd::ibatch<B> extra_exponent) {
  const auto [s, p] = exp_scale_and_rest<HasLo, A, Negate>(z, z_lo, extra_exponent);
  const B hi = simd::fmadd(s, p, s);
  return {hi, simd::fmadd(s, p, s - hi)};
}

// The exponent-field offset that multiplies by 2^64 on the lanes of `scaled` (0x1p-63f has the
// bits 64 << 23), 0 elsewhere.
template <class B>
SIMDACT_INLINE simd::ibatch<B> times_2p64_where(simd::mask_t<B> scaled) {
  return simd::bits(simd::keep_where(scaled, B(0x1p-63f)));
}

}  // namespace expf_detail

// e^z, for z in [-87.3, 88].
template <exp_accuracy A, class B>
SIMDACT_INLINE split<B> expf_split(B z) {
  return expf_detail::exp_parts<false, A>(z, z, simd::ibatch<B>(0));
}

// e^(z + z_lo), for z in [-87.3, 88].
template <exp_accuracy A, class B>
SIMDACT_INLINE split<B> expf_split(B z, B z_lo) {
  return expf_detail::exp_parts<true, A>(z, z_lo, simd::ibatch<B>(0));
}

// e^z - 1, for z in [-20, 0] (e^z - 1 is -1 in float from -17.4 on), as hi + lo to ~2^-27
// relative, without a separate polynomial near 0: with s = 2^n T_j and the exact r1 of the
// reduction (r = r1 - k ln2_8_lo),
//   e^z - 1 = (s - 1) + s r1 + s (rest - k ln2_8_lo),  rest = e^r (1 + delta_j) - 1 - r
//           = delta_j (1 + r) + r^2 Q(r);
// s - 1 = A + A_err exactly (Fast2Sum: 1 >= s; A_err = 0 where s >= 1/2); hi = A + s r1 in one
// FMA, and err = A + s r1 - hi in another, whose addend A - hi is exact (Sterbenz: |s r1| < 0.54
// |A| where k != 0, so hi is within a factor 2 of A; A = 0 where k = 0) and whose rounding is
// 2^-24 of err, ~2^-48 of hi; lo collects the rest. Near 0 (k = 0: s = 1, r1 = z) this is hi = z
// and lo = z^2 Q(z), the Taylor form; elsewhere |e^z - 1| >= 0.04 and lo's roundings, r's
// included (it enters only through rest, below 2^-8 of the result), stay near 2^-30 of it. (hi
// and err by FMAs rather than s r1 split exactly and
// Fast2Sum'd with A: three instructions fewer.)
template <class B>
SIMDACT_INLINE split<B> expm1f_split(B z) {
  using namespace expf_detail;
  using T = exp_table;
  const reduction<B> e = reduce<false, false>(z, z, simd::ibatch<B>(0));
  const B d = T::template lookup<B>(e.kb, T::delta);
  const B r2 = e.r * e.r;
  const B rest = simd::fmadd(r2, T::template q_of<false>(e.r, r2), simd::fmadd(e.r, d, d));
  // A as -(1 - s), so that hi = s r1 - (1 - s) is -0 at z = -0 (-0 - 0 = -0; A + s r1 would give
  // +0).
  const B one_minus_s = B(1.0f) - e.s;
  const B a_err = e.s - (B(1.0f) - one_minus_s);
  const B hi = simd::fmsub(e.s, e.r1, one_minus_s);
  const B err = simd::fmsub(e.s, e.r1, one_minus_s + hi);
  return {hi, simd::fmadd(e.s, simd::fnmadd(e.k, B(T::step_lo), rest), err + a_err)};
}

}  // namespace simdact::SIMDACT_ISA::kernels
