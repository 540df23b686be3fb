// SPDX-License-Identifier: Apache-2.0
// AArch64 Advanced SIMD (xsimd::neon64, 4 floats): how the vocabulary of simd.hpp is done here.
// Included by simd.hpp in the NEON translation unit only.
#pragma once

#include <arm_neon.h>

#include <cstddef>
#include <cstdint>
#include <xsimd/xsimd.hpp>

namespace simdact::SIMDACT_ISA::simd {

template <>
struct native<xsimd::neon64> {
  using F = xsimd::batch<float, xsimd::neon64>;
  using D = xsimd::batch<double, xsimd::neon64>;
  using I = xsimd::batch<std::int32_t, xsimd::neon64>;
  using U = xsimd::batch<std::uint32_t, xsimd::neon64>;
  using M = F::batch_bool_type;

  static constexpr int registers = 32;

  static SIMDACT_INLINE M at_most(U key, std::uint32_t limit) {
    return M(vcleq_u32(key, vdupq_n_u32(limit)));
  }

  // NEON's min and max return NaN where either operand is NaN; maxnm returns the number.
  static SIMDACT_INLINE F min(F a, F b) { return F(vminq_f32(a, b)); }
  static SIMDACT_INLINE F max(F a, F b) { return F(vmaxq_f32(a, b)); }
  static SIMDACT_INLINE F max_number(F a, F b) { return F(vmaxnmq_f32(a, b)); }
  // NEON's max returns +0 for -0: x's sign bit is ORed back in (a negative x gives -0).
  static SIMDACT_INLINE F positive_part(F x) { return max(F(0.0f), x) | (x & F(-0.0f)); }

  // xsimd 8.1 computes c - a * b unfused for neon64.
  static SIMDACT_INLINE F fnmadd(F a, F b, F c) { return F(vfmsq_f32(c, a, b)); }
  static SIMDACT_INLINE D fnmadd(D a, D b, D c) { return D(vfmsq_f64(c, a, b)); }

  static SIMDACT_INLINE D widen_lo(F x) { return D(vcvt_f64_f32(vget_low_f32(x))); }
  static SIMDACT_INLINE D widen_hi(F x) { return D(vcvt_high_f64_f32(x)); }
  static SIMDACT_INLINE F narrow(D lo, D hi) { return F(vcvt_high_f32_f64(vcvt_f32_f64(lo), hi)); }

  // tbl over the table's first 32 bytes, with the byte indices 4 (i & 7) + {0, 1, 2, 3}.
  static SIMDACT_INLINE F lookup8(I i, const float (&table)[16]) {
    const uint32x4_t j = vandq_u32(vreinterpretq_u32_s32(i), vdupq_n_u32(7));
    const uint8x16_t bytes =
        vreinterpretq_u8_u32(vmlaq_n_u32(vdupq_n_u32(0x03020100u), j, 0x04040404u));
    const uint8x16x2_t t = {vld1q_u8(reinterpret_cast<const std::uint8_t*>(table)),
                            vld1q_u8(reinterpret_cast<const std::uint8_t*>(table) + 16)};
    return F(vreinterpretq_f32_u8(vqtbl2q_u8(t, bytes)));
  }

  static SIMDACT_INLINE F div(F a, F b) { return F(vdivq_f32(a, b)); }
  // vrecpe (2^-8), then one vrecps step (2^-16).
  static SIMDACT_INLINE F reciprocal(F d) {
    const F r = F(vrecpeq_f32(d));
    return F(vmulq_f32(r, vrecpsq_f32(d, r)));
  }

  static SIMDACT_INLINE double reduce_add(F v) {
    return vaddvq_f64(vaddq_f64(vcvt_f64_f32(vget_low_f32(v)), vcvt_high_f64_f32(v)));
  }

  static SIMDACT_INLINE float reduce_max(F v) { return vmaxvq_f32(v); }
};

}  // namespace simdact::SIMDACT_ISA::simd
