// SPDX-License-Identifier: Apache-2.0
// The fast tier's exponentials (SIMDACT_ACCURACY_FAST; the kernels' `fast` members): e^z and
// e^z - 1 rounded once, a few times the accurate tier's error (expf.hpp keeps a remainder lo
// beside each result; these do not) for about half the instructions, with the ends of the range
// handled in the vector code (no double path). Coefficients and tables:
// tools/sollya/fast_exp.sollya.
//
// fast_exp<Negate>(z): e^z (Negate: e^-z, the negation taken by the reduction's FMAs), for every
// z; NaN stays NaN. Two algorithms, by what the ISA does in one instruction (simd::scales_in_one):
//   AVX-512 (vscalefps, a 16-entry vpermps): z clamped to [-150, 150] (which only keeps r finite:
//     the result is 0 or inf there anyway), k = round(16 z / ln2) by adding 1.5 * 2^19 (whose ULP
//     is 2^-4, so that t - shifter = k / 16 and the low bits of t hold j = k mod 16);
//     r = z - (k / 16) ln2 in two FMAs (|r| <= ln2/32); e^z = 2^n T_j e^r, n = floor(k / 16),
//     T_j = 2^(j/16) rounded to float (one permute), e^r = 1 + p, p = r + r^2 (q0 + q1 r);
//     the result scalef(T_j + T_j p, k / 16), which overflows to inf and underflows through the
//     subnormals to 0 by itself. Error while normal: T_j's rounding 2^-24.3, Q's 2^-27.7, r's
//     2^-29.5, then the FMA's rounding: 2^-24.1 relative plus half an ULP.
//   Elsewhere: expf.hpp's reduction (8 entries, the scale 2^n T_j by adding k << 20 to the
//     table's bits) and its coarse polynomial (2^-31.6; T_j's rounding 2^-24.9), the result s (1 +
//     p) in one FMA: 2^-24.8 relative plus half an ULP. The scale is right for n >= -127 only: z
//     is clamped to -88 from below, where the reduction gives s = 0 exactly (k = -1016: n = -127,
//     j = 0), so that e^z is +0 from there down; above 88.6 (e^z > 2^127.8) the exponent field
//     wraps, and the result is set to +inf (a compare and a blend). Results below FLT_MIN are off
//     by less than FLT_MIN.
// InRange = true: the caller guarantees z (Negate: -z) in [-87.3, 88], where every intermediate
// is normal, and gets neither clamp nor the blend.
//
// fast_expm1<C>(a): e^z - 1 for z = C a <= 0, C = ±1 or ±2 (NaN kept; z > 0 unspecified), with
// e^z - 1's relative accuracy near 0. C goes into the reduction's constants and the polynomial's
// coefficients (powers of two: exact), so z is never formed (tanh: C = -2).
//   z clamped to -17.5 (e^z - 1 is -1 in float from -17.33 on); r = z - k ln2 in one FMA with ln2
//   rounded to float: its error k 2^-28.3 moves e^z - 1 by e^z |k| 2^-28.3, below 2^-28 of e^z - 1
//   for every z <= 0 (e^z |k| ln2 <= 1 - e^z), so one constant does here what takes two for e^z
//   (there |k| reaches 127 or 2032);
//   AVX-512: k = round(16 z / ln2) as above, s = scalef(T_j, k / 16) and, where Remainders, the
//     table's rounding remainder delta_j (a second permute: where e^z - 1 cancels, T_j's rounding
//     costs up to 2 ULP more without it), e^r - 1 = p = r (1 + r (1/2 + r (q0 + q1 r))) (2^-30
//     relative to e^r - 1); e^z - 1 = s (p + delta_j) - (1 - s);
//   elsewhere no table (2^n T_j would carry T_j's rounding into the cancellation): k = round(z /
//     ln2) by adding 1.5 * 2^23 + 127, so that the low bits of t hold k + 127 and s = 2^k exactly
//     is t's bits shifted left by 23; p = r (1 + r Q(r)), Q of degree 4 (2^-25.4 relative);
//     e^z - 1 = s p - (1 - s);
//   the product by r taken last, so that p keeps r's sign at r = ±0; 1 - s exact (Sterbenz for s
//   >= 1/2; below, e^z - 1 <= -1/2 and its rounding is small) and the last FMA gives -0 at z = -0
//   (-0 - +0), +0 at +0. Error: near 0 (k = 0) p's two roundings and Q's, about 1.2 ULP;
//   elsewhere p's error times s p / (e^z - 1) < 1, then the FMA's rounding: below 1.5 ULP. z = ±0
//   and subnormal z give z exactly.
#pragma once

#include <array>
#include <cstddef>
#include <limits>

#include "expf.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

namespace expf_fast_detail {

// 2^(j/16) rounded to float.
inline constexpr float two_j16[16] = {0x1p0f,        0x1.0b5586p0f, 0x1.172b84p0f, 0x1.2387a6p0f,
                                      0x1.306fep0f,  0x1.3dea64p0f, 0x1.4bfdaep0f, 0x1.5ab07ep0f,
                                      0x1.6a09e6p0f, 0x1.7a1148p0f, 0x1.8ace54p0f, 0x1.9c4918p0f,
                                      0x1.ae89fap0f, 0x1.c199bep0f, 0x1.d5818ep0f, 0x1.ea4afap0f};
// e^r = 1 + r + r^2 (q16[0] + q16[1] r) on |r| <= ln2/32.
inline constexpr float q16[] = {0x1.000148p-1f, 0x1.555762p-3f};
// (2^(j/16) - T_j) / T_j; -0 for j = 0, so that p + delta keeps p's sign at p = -0.
inline constexpr float delta_j16[16] = {
    -0.0f,           0x1.8d96d4p-25f, -0x1.9c0c22p-27f, 0x1.964904p-25f,  0x1.125002p-25f,
    0x1.370be4p-25f, -0x1.0a355p-25f, -0x1.00d8acp-27f, 0x1.26055cp-26f,  -0x1.05cb44p-25f,
    0x1.67a1cap-28f, 0x1.a3b5e4p-28f, -0x1.f9c304p-27f, -0x1.6961b4p-28f, -0x1.a5217cp-28f,
    0x1.61428ep-28f};
// e^r - 1 = r (1 + r (1/2 + r (q16m[0] + q16m[1] r))) on |r| <= ln2/32, for its error relative to
// e^r - 1.
inline constexpr float q16m[] = {0x1.55565cp-3f, 0x1.5555aep-5f};
// e^r - 1 = r (1 + r Q(r)) on |r| <= ln2/2, Q of degree 4.
inline constexpr float q_expm1[] = {0x1p-1f, 0x1.5554dep-3f, 0x1.55556cp-5f, 0x1.120abep-7f,
                                    0x1.6ca99p-10f};
inline constexpr float log2e = 0x1.715476p0f;
inline constexpr float ln2 = 0x1.62e43p-1f;         // ln2 rounded to float
inline constexpr float ln2_hi = 0x1.62e4p-1f;       // ln2 to 16 bits
inline constexpr float ln2_lo = 0x1.7f7d1cp-20f;    // ln2 - ln2_hi
inline constexpr float ln2_hi13 = 0x1.62ep-1f;      // ln2 to 13 bits
inline constexpr float ln2_lo13 = 0x1.0bfbe8p-15f;  // ln2 - ln2_hi13

// The end of the AVX-512 algorithm, from the reduction's t (j in its low bits), k (k / 16) and r
// (Negate: -r): 2^n T_j (1 + p), p = r + r^2 Q(r).
template <bool Negate, class B>
SIMDACT_INLINE B scaled(B t, B k, B r) {
  const B r2 = r * r;
  const B q = Negate ? simd::fnmadd(r, B(q16[1]), B(q16[0])) : simd::fmadd(r, B(q16[1]), B(q16[0]));
  const B p = Negate ? simd::fmsub(r2, q, r) : simd::fmadd(r2, q, r);
  const B tj = simd::lookup16<B>(simd::bits(t), two_j16);
  return simd::scalef(simd::fmadd(tj, p, tj), k);
}

}  // namespace expf_fast_detail

namespace expf_fast_detail {

template <bool Negate, bool InRange, bool HasLo, class B>
SIMDACT_INLINE B exp(B z, B z_lo) {
  if constexpr (simd::scales_in_one<B>) {
    const B zc =
        InRange ? z : simd::min_nan_passing(B(150.0f), simd::max_nan_passing(B(-150.0f), z));
    const B shifter(0x1.8p19f);
    const B t = Negate ? simd::fnmadd(zc, B(log2e), shifter) : simd::fmadd(zc, B(log2e), shifter);
    const B k = t - shifter;  // k / 16, in fact
    // r, or -r where Negate (-r = z + z_lo + (k / 16) ln2).
    const B r1 = Negate ? simd::fmadd(k, B(ln2_hi), zc) : simd::fnmadd(k, B(ln2_hi), zc);
    B r = Negate ? simd::fmadd(k, B(ln2_lo), r1) : simd::fnmadd(k, B(ln2_lo), r1);
    if constexpr (HasLo) r = r + z_lo;
    return scaled<Negate>(t, k, r);
  } else {
    const B zc = InRange  ? z
                 : Negate ? simd::min_nan_passing(B(88.0f), z)
                          : simd::max_nan_passing(B(-88.0f), z);
    const auto [s, p] = expf_detail::exp_scale_and_rest<HasLo, exp_accuracy::coarse, Negate>(
        zc, z_lo, simd::ibatch<B>(0));
    const B e = simd::fmadd(s, p, s);
    if constexpr (InRange) {
      return e;
    } else {
      const auto overflows = Negate ? z < B(-88.6f) : z > B(88.6f);
      return simd::select(overflows, B(std::numeric_limits<float>::infinity()), e);
    }
  }
}

}  // namespace expf_fast_detail

template <bool Negate, bool InRange = false, class B>
SIMDACT_INLINE B fast_exp(B z) {
  return expf_fast_detail::exp<Negate, InRange, false>(z, z);
}

// e^(z + z_lo) (Negate: e^-(z + z_lo)), |z_lo| <= 2^-16 the remainder of z; in range only (as
// above: z in [-87.3, 88], Negate: -z).
template <bool Negate, class B>
SIMDACT_INLINE B fast_exp(B z, B z_lo) {
  return expf_fast_detail::exp<Negate, true, true>(z, z_lo);
}

// e^(m x) (Negate: e^-(m x)), m a loop invariant (swish's beta) or not (gelu's -x/2: one more
// instruction), without forming m x and its rounding error (which |m x| times would be the
// result's relative error): k from x (m / ln2 rounded: k's rounding is harmless), r = m x - (k /
// 16) ln2 with ln2's high part to 13 bits, so that k / 16 times it is exact for |m x| < 88.7: one
// rounding of a small r in the first FMA (as expf.hpp's Product reduction). In range only: m x
// (Negate: -m x) in [-87.3, 88]; where scales_in_one, down to -150 too (results below 2^-128,
// within 2^-18 of themselves).
template <bool Negate, class B>
SIMDACT_INLINE B fast_exp_of_product(B x, B m) {
  using namespace expf_fast_detail;
  if constexpr (simd::scales_in_one<B>) {
    const B shifter(0x1.8p19f);
    const B mc = m * B(log2e);  // a loop invariant
    const B t = Negate ? simd::fnmadd(x, mc, shifter) : simd::fmadd(x, mc, shifter);
    const B k = t - shifter;
    const B kc = k * B(ln2_hi13);  // exact
    // r, or -r where Negate.
    const B r1 = Negate ? simd::fmadd(x, m, kc) : simd::fmsub(x, m, kc);
    const B r = Negate ? simd::fmadd(k, B(ln2_lo13), r1) : simd::fnmadd(k, B(ln2_lo13), r1);
    return expf_fast_detail::scaled<Negate>(t, k, r);
  } else {
    const auto [s, p] = expf_detail::exp_scale_and_rest<true, exp_accuracy::coarse, Negate, true>(
        x, m, simd::ibatch<B>(0));
    return simd::fmadd(s, p, s);
  }
}

namespace expf_fast_detail {

// c[i] C^(i + Skip), exact for a power of two C: the coefficients of a polynomial in r' = r / C.
template <int C, int Skip, std::size_t N>
constexpr std::array<float, N> scaled_by_powers(const float (&c)[N]) {
  std::array<float, N> out{};
  float power = 1.0f;
  for (int i = 0; i < Skip; ++i) power *= static_cast<float>(C);
  for (std::size_t i = 0; i < N; ++i, power *= static_cast<float>(C)) out[i] = c[i] * power;
  return out;
}

}  // namespace expf_fast_detail

template <int C = 1, bool Remainders = true, class B>
SIMDACT_INLINE B fast_expm1(B a) {
  using namespace expf_fast_detail;
  static_assert(C == 1 || C == -1 || C == 2 || C == -2, "C: a power of two");
  constexpr float c = static_cast<float>(C);
  // C a <= -17.5 clamped there (NaN kept).
  const B ac =
      C > 0 ? simd::max_nan_passing(B(-17.5f / c), a) : simd::min_nan_passing(B(-17.5f / c), a);
  // r' = a - k ln2 / C, r = C r'; the polynomials in r' (their coefficients times powers of C).
  const auto reduce = [&](B k) SIMDACT_INLINE_LAMBDA { return simd::fnmadd(k, B(ln2 / c), ac); };
  if constexpr (simd::scales_in_one<B>) {
    const B shifter(0x1.8p19f);
    const B t = simd::fmadd(ac, B(c * log2e), shifter);
    const B k = t - shifter;
    const B r = reduce(k);
    const simd::ibatch<B> j = simd::bits(t);
    const B s = simd::scalef(simd::lookup16<B>(j, two_j16), k);
    const B d = Remainders ? simd::lookup16<B>(j, delta_j16) : B(-0.0f);
    static constexpr float q_after_r[] = {0.5f, q16m[0], q16m[1]};
    static constexpr auto q = scaled_by_powers<C, 2>(q_after_r);
    const B p = r * simd::fmadd(r, simd::fmadd(r, simd::fmadd(r, B(q[2]), B(q[1])), B(q[0])), B(c));
    return simd::fmsub(s, p + d, B(1.0f) - s);
  } else {
    const B shifter(0x1.8p23f + 127.0f);
    const B t = simd::fmadd(ac, B(c * log2e), shifter);
    const B k = t - shifter;
    const B r = reduce(k);
    const B s = simd::from_bits<B>(simd::bits(t) << 23);
    static constexpr auto q = scaled_by_powers<C, 2>(q_expm1);
    const B p = r * simd::fmadd(r, simd::horner(r, q), B(c));
    return simd::fmsub(s, p, B(1.0f) - s);
  }
}

}  // namespace simdact::SIMDACT_ISA::kernels
