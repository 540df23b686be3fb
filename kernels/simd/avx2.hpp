// SPDX-License-Identifier: Apache-2.0
// AVX2 + FMA (xsimd::fma3<xsimd::avx2>, 8 floats): how the vocabulary of simd.hpp is done here.
// Included by simd.hpp in the AVX2 translation unit only.
#pragma once

#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <xsimd/xsimd.hpp>

namespace simdact::SIMDACT_ISA::simd {

template <>
struct native<xsimd::fma3<xsimd::avx2>> {
  using F = xsimd::batch<float, xsimd::fma3<xsimd::avx2>>;
  using D = xsimd::batch<double, xsimd::fma3<xsimd::avx2>>;
  using I = xsimd::batch<std::int32_t, xsimd::fma3<xsimd::avx2>>;
  using M = F::batch_bool_type;
  using U = xsimd::batch<std::uint32_t, xsimd::fma3<xsimd::avx2>>;

  static constexpr int registers = 16;

  static SIMDACT_INLINE void store_stream(float* p, F v) { _mm256_stream_ps(p, v); }
  static SIMDACT_INLINE void stream_fence() { _mm_sfence(); }

  // One masked load and a blend (masked-out lanes are not accessed, so they cannot fault). (A
  // buffer written float by float and read as one vector makes the load wait until the stores
  // retire: on softmax rows of 10 columns that stall, three times per row, was a good part of the
  // row's time.) No store_first: the masked store is microcoded on AMD cores, slower than the
  // vocabulary's buffer.
  static SIMDACT_INLINE F load_first(const float* p, std::size_t count, float fill) {
    const __m256i keep = _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(count)),
                                            _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    return F(_mm256_blendv_ps(_mm256_set1_ps(fill), _mm256_maskload_ps(p, keep),
                              _mm256_castsi256_ps(keep)));
  }

  // One vblendvps written as inline assembly: through the intrinsic (or xsimd::select), GCC 12
  // turns the blend into "mask < 0 ? a : b" and, where one compare mask feeds two blends,
  // re-derives it from its sign bits with an extra vpcmpgtd.
  static SIMDACT_INLINE F select(M cond, F a, F b) {
    __m256 r;
    asm("vblendvps %3, %2, %1, %0" : "=x"(r) : "x"(__m256(b)), "x"(__m256(a)), "x"(__m256(cond)));
    return F(r);
  }

  // One AND-NOT / AND, which any of the four FP pipes runs, where a blend takes one of the two
  // FMA pipes.
  static SIMDACT_INLINE F zero_where(M m, F a) { return F(_mm256_andnot_ps(m, a)); }
  static SIMDACT_INLINE F keep_where(M m, F a) { return F(_mm256_and_ps(m, a)); }

  // x86's min and max return the second operand where either is NaN, and for two zeros.
  static SIMDACT_INLINE F min(F a, F b) { return F(_mm256_min_ps(a, b)); }
  static SIMDACT_INLINE F max(F a, F b) { return F(_mm256_max_ps(a, b)); }
  static SIMDACT_INLINE F max_number(F a, F b) { return max(a, b); }
  static SIMDACT_INLINE F positive_part(F x) { return max(F(0.0f), x); }

  // No unsigned compare before AVX-512: key <= limit where min(key, limit) is key.
  static SIMDACT_INLINE M at_most(U key, std::uint32_t limit) {
    const __m256i k = key;
    const __m256i m =
        _mm256_cmpeq_epi32(_mm256_min_epu32(k, _mm256_set1_epi32(static_cast<int>(limit))), k);
    return M(_mm256_castsi256_ps(m));
  }

  static SIMDACT_INLINE D widen_lo(F x) { return D(_mm256_cvtps_pd(_mm256_castps256_ps128(x))); }
  static SIMDACT_INLINE D widen_hi(F x) { return D(_mm256_cvtps_pd(_mm256_extractf128_ps(x, 1))); }
  static SIMDACT_INLINE F narrow(D lo, D hi) {
    return F(
        _mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(lo)), _mm256_cvtpd_ps(hi), 1));
  }

  static SIMDACT_INLINE F lookup8(I i, const float (&table)[16]) {
    return F(_mm256_permutevar8x32_ps(_mm256_loadu_ps(table), i));
  }

  // vrcpps (1.5 * 2^-12), then a Newton step (~2^-22).
  static SIMDACT_INLINE F reciprocal(F d) {
    const F r = F(_mm256_rcp_ps(d));
    return xsimd::fma(r, xsimd::fnma(d, r, F(1.0f)), r);
  }

  // vdivps: correctly rounded, one instruction against reciprocal()'s three; the divider is busy
  // 3.5-5 cycles per ymm, a fraction of a kernel's 15-20.
  static SIMDACT_INLINE F reciprocal_by_division(F d) { return F(_mm256_div_ps(F(1.0f), d)); }

  static SIMDACT_INLINE double reduce_add(F v) {
    const __m256d d = _mm256_add_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(v)),
                                    _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
    const __m128d h = _mm_add_pd(_mm256_castpd256_pd128(d), _mm256_extractf128_pd(d, 1));
    return _mm_cvtsd_f64(_mm_add_sd(h, _mm_unpackhi_pd(h, h)));
  }

  static SIMDACT_INLINE float reduce_max(F v) {
    const __m128 q = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 p = _mm_max_ps(q, _mm_movehl_ps(q, q));
    return _mm_cvtss_f32(_mm_max_ss(p, _mm_movehdup_ps(p)));
  }
};

}  // namespace simdact::SIMDACT_ISA::simd
