// SPDX-License-Identifier: Apache-2.0
// AVX-512F (xsimd::avx512f, 16 floats): how the vocabulary of simd.hpp is done here. Included by
// simd.hpp in the AVX-512 translation unit only (compiled with -mavx512f -mavx2 -mfma; AVX512F
// alone is required: xsimd's float hadd needs AVX512DQ, hence the reductions below).
#pragma once

#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <xsimd/xsimd.hpp>

namespace simdact::SIMDACT_ISA::simd {

template <>
struct native<xsimd::avx512f> {
  using F = xsimd::batch<float, xsimd::avx512f>;
  using D = xsimd::batch<double, xsimd::avx512f>;
  using I = xsimd::batch<std::int32_t, xsimd::avx512f>;
  using U = xsimd::batch<std::uint32_t, xsimd::avx512f>;
  using M = F::batch_bool_type;

  static constexpr int registers = 32;

  static SIMDACT_INLINE void store_stream(float* p, F v) { _mm512_stream_ps(p, v); }
  static SIMDACT_INLINE void stream_fence() { _mm_sfence(); }

  // The mask of the first `count` (0 to 16) lanes.
  static SIMDACT_INLINE __mmask16 first_lanes(std::size_t count) {
    return static_cast<__mmask16>((1u << count) - 1u);
  }

  // One masked load, one masked store (as cheap as a plain store on Intel).
  static SIMDACT_INLINE F load_first(const float* p, std::size_t count, float fill) {
    return F(_mm512_mask_loadu_ps(_mm512_set1_ps(fill), first_lanes(count), p));
  }
  static SIMDACT_INLINE void store_first(float* p, std::size_t count, F v) {
    _mm512_mask_storeu_ps(p, first_lanes(count), v);
  }

  static SIMDACT_INLINE M at_most(U key, std::uint32_t limit) {
    return M(_mm512_cmple_epu32_mask(key, _mm512_set1_epi32(static_cast<int>(limit))));
  }

  // x86's min and max return the second operand where either is NaN, and for two zeros.
  static SIMDACT_INLINE F min(F a, F b) { return F(_mm512_min_ps(a, b)); }
  static SIMDACT_INLINE F max(F a, F b) { return F(_mm512_max_ps(a, b)); }
  static SIMDACT_INLINE F max_number(F a, F b) { return max(a, b); }
  static SIMDACT_INLINE F positive_part(F x) { return max(F(0.0f), x); }

  // xsimd 8.1 computes these unfused for avx512f.
  static SIMDACT_INLINE F fmadd(F a, F b, F c) { return F(_mm512_fmadd_ps(a, b, c)); }
  static SIMDACT_INLINE D fmadd(D a, D b, D c) { return D(_mm512_fmadd_pd(a, b, c)); }
  static SIMDACT_INLINE F fnmadd(F a, F b, F c) { return F(_mm512_fnmadd_ps(a, b, c)); }
  static SIMDACT_INLINE D fnmadd(D a, D b, D c) { return D(_mm512_fnmadd_pd(a, b, c)); }
  static SIMDACT_INLINE F fmsub(F a, F b, F c) { return F(_mm512_fmsub_ps(a, b, c)); }

  static SIMDACT_INLINE D widen_lo(F x) { return D(_mm512_cvtps_pd(_mm512_castps512_ps256(x))); }
  static SIMDACT_INLINE D widen_hi(F x) {
    const __m256d hi = _mm512_extractf64x4_pd(_mm512_castps_pd(x), 1);
    return D(_mm512_cvtps_pd(_mm256_castpd_ps(hi)));
  }
  static SIMDACT_INLINE F narrow(D lo, D hi) {
    const __m512d l = _mm512_castps_pd(_mm512_castps256_ps512(_mm512_cvtpd_ps(lo)));
    return F(_mm512_castpd_ps(_mm512_insertf64x4(l, _mm256_castps_pd(_mm512_cvtpd_ps(hi)), 1)));
  }

  static SIMDACT_INLINE F lookup8(I i, const float (&table)[16]) {
    return F(_mm512_permutexvar_ps(i, _mm512_loadu_ps(table)));
  }

  // a | (b & sign) in one vpternlogd (0xF8: A | (B & C)).
  static SIMDACT_INLINE F or_sign(F a, F b) {
    const __m512i sign = _mm512_set1_epi32(static_cast<int>(0x80000000u));
    return F(_mm512_castsi512_ps(
        _mm512_ternarylogic_epi32(_mm512_castps_si512(a), _mm512_castps_si512(b), sign, 0xF8)));
  }
  static SIMDACT_INLINE F lookup16(I i, const float (&table)[16]) { return lookup8(i, table); }
  static SIMDACT_INLINE F scalef(F v, F k) { return F(_mm512_scalef_ps(v, k)); }
  // vrcp14ps: 2^-14 already. (No division: vdivps zmm blocks the divider for 10 cycles.)
  static SIMDACT_INLINE F reciprocal(F d) { return F(_mm512_rcp14_ps(d)); }

  static SIMDACT_INLINE double reduce_add(F v) {
    const __m256 upper = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1));
    return _mm512_reduce_add_pd(
        _mm512_add_pd(_mm512_cvtps_pd(_mm512_castps512_ps256(v)), _mm512_cvtps_pd(upper)));
  }

  static SIMDACT_INLINE float reduce_max(F v) { return _mm512_reduce_max_ps(v); }
};

}  // namespace simdact::SIMDACT_ISA::simd
