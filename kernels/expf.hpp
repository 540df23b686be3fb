// e^z and the logistic function in float arithmetic, with the extra precision kept as an
// unevaluated sum hi + lo: the building blocks of the float kernels (sigmoid, swish, silu, tanh,
// gelu_tanh, elu), which must stay within 1 ULP although every operation rounds to 24 bits.
//
// expf_split(z, z_lo): e^(z + z_lo) = hi + lo, for z in [-104, 88] and |z_lo| <= 2^-16.
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
//       error (one more FMA), so that hi alone is already within 2^-24 of e^z.
//   Error of hi + lo relative to e^(z + z_lo): about 2^-27 (r's rounding 2^-29, p's 2^-29,
//   Q 2^-31.6, lo's 2^-29.5). `extra` adds an integer to the exponent of hi (and so of lo): the
//   logistic uses it to keep tiny values normal.
//
// logistic_f32(y, y_lo): 1 / (1 + e^-(y + y_lo)) = value() * (scaled ? 2^-64 : 1), any float y
// (y_lo only where the caller has a remainder of y, e.g. beta * x); a NaN y gives NaN.
//   e = e^-|y| from expf_split (z = -|y| clamped to -104, where the result is < 2^-150);
//   y >= 0: 1 / (1 + e);  y < 0: e / (1 + e);  so the numerator N is 1 or e, the denominator
//   D = 1 + e = d_hi + d_lo exactly (Fast2Sum: 1 >= e);
//   q = N_hi / d_hi, one division; the residual N - q D, computed with FMAs to far below q's
//   ULP, times an estimate of 1 / d_hi gives the correction, so that q + correction = N / D to
//   ~2^-27 relative (the divider's throughput, one per 8 or 16 lanes every few cycles, is not
//   what bounds these kernels: their ~70-cycle dependency chain is);
//   lanes with y < -64 (`scaled`) carry e * 2^64, keeping e, q and the residual normal down to
//   e^-104; there D = 1 + e = 1 to far below its ULP (likewise for y > 64, where N = 1). The caller
//   scales back by 2^-64 last, which rounds a second time only where the result is subnormal.
#pragma once

#include <bit>
#include <cstdint>

#include "simd.hpp"

namespace simdact::kernels {

namespace expf_detail {

struct table8 {
  float v[8];
};

// 2^(j/8) rounded to float, and the relative remainder (2^(j/8) - T_j) / T_j.
inline constexpr table8 two_j8 = {{0x1p0f, 0x1.172b84p0f, 0x1.306fep0f, 0x1.4bfdaep0f,
                                   0x1.6a09e6p0f, 0x1.8ace54p0f, 0x1.ae89fap0f, 0x1.d5818ep0f}};
inline constexpr table8 delta = {{0.0f, -0x1.9c0c22p-27f, 0x1.125002p-25f, -0x1.0a355p-25f,
                                  0x1.26055cp-26f, 0x1.67a1cap-28f, -0x1.f9c304p-27f,
                                  -0x1.a5217cp-28f}};

// T_j's bits minus j << 20: adding (8n + j) << 20 to them gives the bits of 2^n T_j.
constexpr table8 shifted(table8 t) {
  table8 s{};
  for (std::uint32_t j = 0; j < 8; ++j)
    s.v[j] = std::bit_cast<float>(std::bit_cast<std::uint32_t>(t.v[j]) - (j << 20));
  return s;
}
inline constexpr table8 two_j8_shifted = shifted(two_j8);

// e^r = 1 + r + r^2 Q(r) on |r| <= ln2/16.
inline constexpr float q[] = {0x1p-1f, 0x1.555b7cp-3f, 0x1.555a58p-5f};

inline constexpr float eight_over_ln2 = 0x1.715476p3f;
inline constexpr float ln2_8_hi = 0x1.62e4p-4f;     // ln2/8 to 16 bits
inline constexpr float ln2_8_lo = 0x1.7f7d1cp-23f;  // ln2/8 - ln2_8_hi

}  // namespace expf_detail

template <class B>
struct split {
  B hi;
  B lo;
};

// HasLo = false: z_lo is ignored (taken as 0).
template <bool HasLo, class B>
SIMDACT_INLINE split<B> expf_split(B z, B z_lo, simd::ibatch<B> extra) {
  using namespace expf_detail;
  const B shifter(0x1.8p23f);
  const B t = simd::fmadd(z, B(eight_over_ln2), shifter);
  const B k = t - shifter;
  B r = simd::fnmadd(k, B(ln2_8_hi), z);  // exact
  if constexpr (HasLo) r = r + z_lo;
  r = simd::fnmadd(k, B(ln2_8_lo), r);
  const simd::ibatch<B> kb = simd::bits(t);
  const B s =
      simd::from_bits<B>(simd::bits(simd::lookup8<B>(kb, two_j8_shifted.v)) + (kb << 20) + extra);
  const B p = simd::fmadd(r * r, simd::fmadd(r * r, B(q[2]), simd::fmadd(r, B(q[1]), B(q[0]))),
                          r + simd::lookup8<B>(kb, delta.v));
  // s (1 + p) as hi + lo, hi the float nearest: lo is the rounding error of the FMA (s - hi is
  // exact, both being within 5% of each other).
  const B hi = simd::fmadd(s, p, s);
  return {hi, simd::fmadd(s, p, s - hi)};
}

// The logistic as hi + residual * rcp, with residual * rcp a correction below hi's ULP, and the
// lanes that hold the value times 2^64.
template <class B>
struct logistic_split {
  B hi;
  B residual;
  B rcp;
  simd::mask_t<B> scaled;

  // hi + residual * rcp, one rounding.
  SIMDACT_INLINE B value() const { return simd::fmadd(residual, rcp, hi); }
};

template <bool HasLo, class B>
SIMDACT_INLINE logistic_split<B> logistic_impl(B y, B y_lo) {
  const auto neg = y < B(0.0f);
  const B z = simd::max_nan_passing(B(-104.0f), simd::neg_abs(y));  // NaN stays NaN
  // Where z < -64, e < 2^-92 is computed times 2^64 (0x1p-63f has the bits 64 << 23: added to
  // an exponent field, it multiplies by 2^64), and leaves 1 + e = 1.
  const auto tiny = z < B(-64.0f);
  const simd::ibatch<B> extra = simd::bits(simd::select(tiny, B(0x1p-63f), B(0.0f)));
  const split<B> e = expf_split<HasLo>(z, simd::select(neg, y_lo, -y_lo), extra);
  const B e_hi = simd::zero_where(tiny, e.hi);
  const B d_hi = B(1.0f) + e_hi;
  const B d_lo = ((B(1.0f) - d_hi) + e_hi) + simd::zero_where(tiny, e.lo);
  const B n_hi = simd::select(neg, e.hi, B(1.0f));
  const B n_lo = simd::select(neg, e.lo, B(0.0f));
  const B q = n_hi / d_hi;
  const B residual = simd::fnmadd(q, d_lo, simd::fnmadd(q, d_hi, n_hi) + n_lo);
  return {q, residual, simd::reciprocal_estimate(d_hi), tiny & neg};
}

template <class B>
SIMDACT_INLINE logistic_split<B> logistic_f32(B y) {
  return logistic_impl<false>(y, y);
}

template <class B>
SIMDACT_INLINE logistic_split<B> logistic_f32(B y, B y_lo) {
  return logistic_impl<true>(y, y_lo);
}

// 2^-64 on the scaled lanes, 1 elsewhere: the factor that undoes logistic_f32's scaling.
template <class B>
SIMDACT_INLINE B unscale(const logistic_split<B>& s) {
  return simd::select(s.scaled, B(0x1p-64f), B(1.0f));
}

}  // namespace simdact::kernels
