// The vocabulary of the kernels over xsimd. Kernel files use only what is spelled here, so that a
// newer xsimd (or another SIMD library) is a change to this file alone. Everything is a template
// over the batch type B = xsimd::batch<float, Arch>, instantiated in the ISA's own translation
// unit, compiled with that ISA's flags.
#pragma once

// Every ISA's code lives in a namespace of its own, simdact::<isa> (src/isa/<isa>.cpp defines
// SIMDACT_ISA before its first include): a template or inline function compiled with one ISA's
// flags then has a name no other ISA's code can bind to, so the linker can never hand an AVX2
// caller the AVX-512 copy of a function (Highway's per-target namespaces are the model). Code that
// includes the kernels for their scalar facts (tests, benchmarks) gets simdact::scalar.
#ifndef SIMDACT_ISA
#define SIMDACT_ISA scalar
#endif

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <xsimd/xsimd.hpp>

#if defined(__AVX2__) || defined(__AVX512F__)
#include <immintrin.h>
#endif
#if defined(__aarch64__)
#include <arm_neon.h>
#endif

// Every kernel function is forced inline: a vector kernel is one straight run of instructions
// per batch, and a call (with its spills of a dozen ymm/zmm registers) would cost more than
// the math.
#define SIMDACT_INLINE inline __attribute__((always_inline))
// The same for a lambda (written after its parameter list): GCC gives lambdas no inline hint.
#define SIMDACT_INLINE_LAMBDA __attribute__((always_inline))

// A function compiled with GCC's pre-register-allocation instruction scheduler, which GCC leaves
// off on x86: it interleaves independent dependency chains that source order would leave one
// after another (see driver.hpp and softmax.hpp for where it pays, as measured).
#if defined(__GNUC__) && !defined(__clang__)
#define SIMDACT_SCHEDULE_BEFORE_RA __attribute__((optimize("schedule-insns", "sched-pressure")))
#else
#define SIMDACT_SCHEDULE_BEFORE_RA
#endif

namespace simdact::SIMDACT_ISA::simd {

template <class Arch>
using batch = xsimd::batch<float, Arch>;

template <class B>
using mask_t = typename B::batch_bool_type;

// The double-precision batch of the same ISA (half the lanes of the float batch), and 64-bit
// integers of that width, for exponent arithmetic.
template <class B>
using dbatch = xsimd::batch<double, typename B::arch_type>;
template <class D>
using i64batch = xsimd::batch<std::int64_t, typename D::arch_type>;

template <class B, class Arch>
inline constexpr bool is_arch = std::is_same_v<typename B::arch_type, Arch>;

// Number of float lanes of B.
template <class B>
inline constexpr std::size_t lanes = B::size;

template <class B>
SIMDACT_INLINE B load(const float* p) {
  return B::load_unaligned(p);
}

template <class B>
SIMDACT_INLINE void store(float* p, B v) {
  v.store_unaligned(p);
}

// Non-temporal ("streaming") stores, for outputs too large to stay in cache: they skip the read
// for ownership of the output's lines (a third memory stream) and bypass the caches. AVX2 and
// AVX-512 (vmovntps); p must be aligned to the batch, and stream_fence() must follow the last one
// (they are weakly ordered). Elsewhere plain stores.
template <class B>
inline constexpr bool streams = is_arch<B, xsimd::fma3<xsimd::avx2>> || is_arch<B, xsimd::avx512f>;

// Outputs from this many elements on (16 MiB each for x and y, about a server's last-level cache
// for the two) are written with streaming stores where the ISA has them (kernels/driver.hpp, and
// log_softmax's last pass): at 2^24 elements on AVX2 (AMD Zen 3) relu 1.6x and leaky_relu 1.56x
// faster (now faster than a plain copy loop), the transcendental kernels, compute-bound even
// there, 1.0-1.17x; on AVX-512 (Intel Xeon, 2.1 GHz, whose 300 MB L3 would hold both arrays) relu
// 2.7x, leaky_relu 2.8x, sigmoid 1.38x, elu 1.24x, gelu 1.18x.
inline constexpr std::size_t stream_from = std::size_t{1} << 22;

template <class B>
SIMDACT_INLINE void store_stream(float* p, B v) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f>) {
    _mm512_stream_ps(p, v);
    return;
  }
#endif
#if defined(__AVX2__)
  if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    _mm256_stream_ps(p, v);
    return;
  }
#endif
  simd::store(p, v);  // qualified: ADL would also find xsimd::store
}

template <class B>
SIMDACT_INLINE void stream_fence() {
#if defined(__SSE2__)
  if constexpr (streams<B>) _mm_sfence();
#endif
}

// Asks for the cache lines of N batches from p to be brought into the caches (L2 and closer on
// x86: prefetcht1), without waiting for them; p may be any address, even past an array's end.
template <class B, std::size_t N>
SIMDACT_INLINE void prefetch_lines(const float* p) {
  constexpr std::size_t line_floats = 64 / sizeof(float);
  for (std::size_t o = 0; o < N * lanes<B>; o += line_floats) __builtin_prefetch(p + o, 0, 2);
}

// How many floats from p up to the next batch-aligned address (0 if p is aligned); p must be
// float-aligned. The head that streaming stores, which need an aligned address, leave out.
template <class B>
SIMDACT_INLINE std::size_t floats_to_alignment(const float* p) {
  const auto address = reinterpret_cast<std::uintptr_t>(p);
  return (sizeof(B) - address % sizeof(B)) % sizeof(B) / sizeof(float);
}

#if defined(__AVX512F__)
// The mask of AVX-512's first `count` (0 to 16) lanes.
template <class B>
SIMDACT_INLINE __mmask16 first_lanes(std::size_t count) {
  return static_cast<__mmask16>((1u << count) - 1u);
}
#endif

// The first `count` (0 to lanes) floats at p, the other lanes `fill`; nothing past p + count is
// read. AVX-512: one masked load; AVX2: one masked load and a blend (masked-out lanes are not
// accessed, so they cannot fault); NEON: through a stack buffer. (A buffer written float by float
// and read as one vector makes the load wait until the stores retire: on rows of 10 columns that
// stall, three times per row, was a good part of the row's time on AVX2.)
template <class B>
SIMDACT_INLINE B load_first(const float* p, std::size_t count, float fill) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f>) {
    return B(_mm512_mask_loadu_ps(_mm512_set1_ps(fill), first_lanes<B>(count), p));
  }
#endif
#if defined(__AVX2__)
  if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    const __m256i keep = _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(count)),
                                            _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    return B(_mm256_blendv_ps(_mm256_set1_ps(fill), _mm256_maskload_ps(p, keep),
                              _mm256_castsi256_ps(keep)));
  }
#endif
  alignas(64) float buf[B::size];
  for (std::size_t j = 0; j < B::size; ++j) buf[j] = j < count ? p[j] : fill;
  return B::load_aligned(buf);
}

// Stores the first `count` (0 to lanes) lanes of v at p; nothing past p + count is written.
// AVX-512: one masked store (as cheap as a plain store on Intel). Elsewhere through a stack
// buffer (a wide store read back in floats forwards without a stall; AVX2's masked store is
// microcoded on AMD Zen 3: rows of 10 columns took 20 ns more).
template <class B>
SIMDACT_INLINE void store_first(float* p, std::size_t count, B v) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f>) {
    _mm512_mask_storeu_ps(p, first_lanes<B>(count), v);
    return;
  }
#endif
  alignas(64) float buf[B::size];
  v.store_aligned(buf);
  for (std::size_t j = 0; j < count; ++j) p[j] = buf[j];
}

template <class B>
SIMDACT_INLINE B broadcast(float v) {
  return B(v);
}

// cond ? a : b, lane by lane. On AVX2 one vblendvps written as inline assembly: through the
// intrinsic (or xsimd::select), GCC 12 turns the blend into "mask < 0 ? a : b" and, where one
// compare mask feeds two blends, re-derives it from its sign bits with an extra vpcmpgtd (elu:
// one per batch; 6-7% faster without it, the other kernels unchanged, AMD Zen 3).
template <class B>
SIMDACT_INLINE B select(mask_t<B> cond, B a, B b) {
#if defined(__AVX2__)
  if constexpr (std::is_same_v<B, xsimd::batch<float, xsimd::fma3<xsimd::avx2>>>) {
    __m256 r;
    asm("vblendvps %3, %2, %1, %0" : "=x"(r) : "x"(__m256(b)), "x"(__m256(a)), "x"(__m256(cond)));
    return B(r);
  } else
#endif
  {
    return xsimd::select(cond, a, b);
  }
}

// Lane-wise min, max, |x|; which operand a NaN yields differs between ISAs, so kernels never
// rely on it (see max_nan_passing for a clamp that keeps NaN, and map_double, which restores
// NaN inputs at the end).
template <class B>
SIMDACT_INLINE B min(B a, B b) {
  return xsimd::min(a, b);
}

template <class B>
SIMDACT_INLINE B max(B a, B b) {
  return xsimd::max(a, b);
}

// The min and max instructions themselves, whose NaN rules differ between ISAs (x86: the second
// operand where either is NaN, and for two zeros; NEON's min and max: NaN; NEON's maxnm: the
// number), for the helpers below that rely on them.
enum class min_max { min, max, max_number };

template <min_max Op, class B>
SIMDACT_INLINE B min_max_instruction([[maybe_unused]] B a, [[maybe_unused]] B b) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f>) {
    return B(Op == min_max::min ? _mm512_min_ps(a, b) : _mm512_max_ps(a, b));
  } else
#endif
#if defined(__AVX2__)
      if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    return B(Op == min_max::min ? _mm256_min_ps(a, b) : _mm256_max_ps(a, b));
  } else
#endif
#if defined(__aarch64__)
      if constexpr (is_arch<B, xsimd::neon64>) {
    if constexpr (Op == min_max::min) return B(vminq_f32(a, b));
    if constexpr (Op == min_max::max) return B(vmaxq_f32(a, b));
    if constexpr (Op == min_max::max_number) return B(vmaxnmq_f32(a, b));
  } else
#endif
  {
    static_assert(sizeof(B) == 0, "min_max_instruction: no implementation for this ISA");
  }
}

// max(a, b) that returns b where b is NaN, on every ISA: a clamp that lets NaN inputs through to
// the result.
template <class B>
SIMDACT_INLINE B max_nan_passing(B a, B b) {
  return min_max_instruction<min_max::max>(a, b);
}

// min(a, b) that returns b where b is NaN, on every ISA.
template <class B>
SIMDACT_INLINE B min_nan_passing(B a, B b) {
  return min_max_instruction<min_max::min>(a, b);
}

// max(a, b) that returns b where a is NaN, on every ISA: drops a NaN of a, b being a constant.
template <class B>
SIMDACT_INLINE B max_nan_dropping(B a, B b) {
  return min_max_instruction<min_max::max_number>(a, b);
}

// max(x, 0) with NaN and -0 kept (-0 -> -0, +0 -> +0): x86's max returns its second operand for
// two zeros and for NaN, one instruction; NEON's max returns +0 for -0, so x's sign bit is ORed
// in (a negative x gives -0 there, which callers treat as 0).
template <class B>
SIMDACT_INLINE B positive_part(B x) {
  if constexpr (is_arch<B, xsimd::avx512f> || is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    return max_nan_passing(B(0.0f), x);
  } else {
    return max_nan_passing(B(0.0f), x) | (x & B(-0.0f));
  }
}

template <class B>
SIMDACT_INLINE B abs(B a) {
  return xsimd::abs(a);
}

// |a| with the sign of b.
template <class B>
SIMDACT_INLINE B copysign(B a, B b) {
  return xsimd::copysign(a, b);
}

// (Not a != a: xsimd's != is an ordered comparison on x86, false for NaN.)
template <class B>
SIMDACT_INLINE mask_t<B> is_nan(B a) {
  return xsimd::isnan(a);
}

// a * b + c with a single rounding, on every ISA. xsimd 8.1 computes a * b + c unfused for
// avx512f, so that one goes to the instruction directly.
template <class B>
SIMDACT_INLINE B fmadd(B a, B b, B c) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f> && std::is_same_v<typename B::value_type, float>) {
    return B(_mm512_fmadd_ps(a, b, c));
  } else if constexpr (is_arch<B, xsimd::avx512f>) {
    return B(_mm512_fmadd_pd(a, b, c));
  } else
#endif
  {
    return xsimd::fma(a, b, c);
  }
}

// c - a * b with a single rounding. (xsimd 8.1 computes it unfused for avx512f and neon64.)
template <class B>
SIMDACT_INLINE B fnmadd(B a, B b, B c) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f> && std::is_same_v<typename B::value_type, float>) {
    return B(_mm512_fnmadd_ps(a, b, c));
  } else if constexpr (is_arch<B, xsimd::avx512f>) {
    return B(_mm512_fnmadd_pd(a, b, c));
  } else
#endif
#if defined(__aarch64__)
      if constexpr (is_arch<B, xsimd::neon64> && std::is_same_v<typename B::value_type, float>) {
    return B(vfmsq_f32(c, a, b));
  } else if constexpr (is_arch<B, xsimd::neon64>) {
    return B(vfmsq_f64(c, a, b));
  } else
#endif
  {
    return xsimd::fnma(a, b, c);
  }
}

// a * b - c with a single rounding (the exact remainder of a product: fmsub(a, b, a * b)).
template <class B>
SIMDACT_INLINE B fmsub(B a, B b, B c) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f> && std::is_same_v<typename B::value_type, float>) {
    return B(_mm512_fmsub_ps(a, b, c));
  } else
#endif
  {
    return xsimd::fms(a, b, c);
  }
}

// -|a|: one OR of the sign bit.
template <class B>
SIMDACT_INLINE B neg_abs(B a) {
  return a | B(-0.0);
}

// Polynomial c[0] + c[1] x + ... + c[N-1] x^(N-1) by Horner's rule, one FMA per coefficient.
template <class B, class T, std::size_t N>
SIMDACT_INLINE B horner(B x, const T (&c)[N]) {
  B acc = B(c[N - 1]);
  for (std::size_t i = N - 1; i-- > 0;) acc = fmadd(acc, x, B(c[i]));
  return acc;
}

// Bit casts between doubles and 64-bit integers of one width.
template <class D>
SIMDACT_INLINE i64batch<D> as_int(D v) {
  return xsimd::bitwise_cast<i64batch<D>>(v);
}

template <class I>
SIMDACT_INLINE xsimd::batch<double, typename I::arch_type> as_double(I v) {
  return xsimd::bitwise_cast<xsimd::batch<double, typename I::arch_type>>(v);
}

// Float <-> double: the low and high halves of a float batch as doubles, and back. The narrowing
// rounds once, to nearest in the default floating-point environment.
template <class B>
SIMDACT_INLINE dbatch<B> widen_lo([[maybe_unused]] B x) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f>) {
    return dbatch<B>(_mm512_cvtps_pd(_mm512_castps512_ps256(x)));
  } else
#endif
#if defined(__AVX2__)
      if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    return dbatch<B>(_mm256_cvtps_pd(_mm256_castps256_ps128(x)));
  } else
#endif
#if defined(__aarch64__)
      if constexpr (is_arch<B, xsimd::neon64>) {
    return dbatch<B>(vcvt_f64_f32(vget_low_f32(x)));
  } else
#endif
  {
    static_assert(sizeof(B) == 0, "widen_lo: no implementation for this ISA");
  }
}

template <class B>
SIMDACT_INLINE dbatch<B> widen_hi([[maybe_unused]] B x) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f>) {
    const __m256d hi = _mm512_extractf64x4_pd(_mm512_castps_pd(x), 1);
    return dbatch<B>(_mm512_cvtps_pd(_mm256_castpd_ps(hi)));
  } else
#endif
#if defined(__AVX2__)
      if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    return dbatch<B>(_mm256_cvtps_pd(_mm256_extractf128_ps(x, 1)));
  } else
#endif
#if defined(__aarch64__)
      if constexpr (is_arch<B, xsimd::neon64>) {
    return dbatch<B>(vcvt_high_f64_f32(x));
  } else
#endif
  {
    static_assert(sizeof(B) == 0, "widen_hi: no implementation for this ISA");
  }
}

template <class B>
SIMDACT_INLINE B narrow([[maybe_unused]] dbatch<B> lo, [[maybe_unused]] dbatch<B> hi) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f>) {
    const __m512d l = _mm512_castps_pd(_mm512_castps256_ps512(_mm512_cvtpd_ps(lo)));
    return B(_mm512_castpd_ps(_mm512_insertf64x4(l, _mm256_castps_pd(_mm512_cvtpd_ps(hi)), 1)));
  } else
#endif
#if defined(__AVX2__)
      if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    return B(
        _mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(lo)), _mm256_cvtpd_ps(hi), 1));
  } else
#endif
#if defined(__aarch64__)
      if constexpr (is_arch<B, xsimd::neon64>) {
    return B(vcvt_high_f32_f64(vcvt_f32_f64(lo), hi));
  } else
#endif
  {
    static_assert(sizeof(B) == 0, "narrow: no implementation for this ISA");
  }
}

// The 32-bit integer batch of a float batch's width, and bit casts between the two.
template <class B>
using ibatch = xsimd::batch<std::int32_t, typename B::arch_type>;

template <class B>
SIMDACT_INLINE ibatch<B> bits(B v) {
  return xsimd::bitwise_cast<ibatch<B>>(v);
}

template <class B>
SIMDACT_INLINE B from_bits(ibatch<B> v) {
  return xsimd::bitwise_cast<B>(v);
}

// a where the mask is false, +0 where it is true; and the converse. One AND-NOT / AND on AVX2,
// which any of the four FP pipes runs, where a blend takes one of the two FMA pipes (and
// xsimd::select made GCC 12 re-derive the mask with a vpcmpgtd, see select). (AVX-512 selects
// by mask register, NEON by vbsl.)
template <class B>
SIMDACT_INLINE B zero_where(mask_t<B> m, B a) {
#if defined(__AVX2__)
  if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    return B(_mm256_andnot_ps(m, a));
  } else
#endif
  {
    return xsimd::select(m, B(0.0f), a);
  }
}

template <class B>
SIMDACT_INLINE B keep_where(mask_t<B> m, B a) {
#if defined(__AVX2__)
  if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    return B(_mm256_and_ps(m, a));
  } else
#endif
  {
    return xsimd::select(m, a, B(0.0f));
  }
}

#if defined(__aarch64__)
// The byte indices 4 (i & mask) + {0, 1, 2, 3} of table entry i & mask in each lane: a tbl index.
inline uint8x16_t neon_entry_bytes(int32x4_t i, std::uint32_t mask) {
  const uint32x4_t j = vandq_u32(vreinterpretq_u32_s32(i), vdupq_n_u32(mask));
  return vreinterpretq_u8_u32(vmlaq_n_u32(vdupq_n_u32(0x03020100u), j, 0x04040404u));
}
#endif

// table[i & 7] lane by lane, one permute on every ISA. The table holds its 8 entries twice (16
// floats), so that AVX-512's 16-lane permute needs no masking of the index and no set-up.
template <class B>
SIMDACT_INLINE B lookup8([[maybe_unused]] ibatch<B> i, [[maybe_unused]] const float (&table)[16]) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f>) {
    return B(_mm512_permutexvar_ps(i, _mm512_loadu_ps(table)));
  } else
#endif
#if defined(__AVX2__)
      if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    return B(_mm256_permutevar8x32_ps(_mm256_loadu_ps(table), i));
  } else
#endif
#if defined(__aarch64__)
      if constexpr (is_arch<B, xsimd::neon64>) {
    const uint8x16x2_t t = {vld1q_u8(reinterpret_cast<const std::uint8_t*>(table)),
                            vld1q_u8(reinterpret_cast<const std::uint8_t*>(table) + 16)};
    return B(vreinterpretq_f32_u8(vqtbl2q_u8(t, neon_entry_bytes(i, 7))));
  } else
#endif
  {
    static_assert(sizeof(B) == 0, "lookup8: no implementation for this ISA");
  }
}

// 1 / d to 2^-14 relative or better, without a division (for d in the normal range): the
// hardware estimate, refined by a Newton step r + r (1 - d r) where the estimate is coarser.
// Callers correct their quotient with its residual, so 14 bits are plenty.
template <class B>
SIMDACT_INLINE B reciprocal([[maybe_unused]] B d) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f>) {
    return B(_mm512_rcp14_ps(d));  // 2^-14
  } else
#endif
#if defined(__AVX2__)
      if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    const B r = B(_mm256_rcp_ps(d));  // 1.5 * 2^-12, then ~2^-22
    return fmadd(r, fnmadd(d, r, B(1.0f)), r);
  } else
#endif
#if defined(__aarch64__)
      if constexpr (is_arch<B, xsimd::neon64>) {
    const B r = B(vrecpeq_f32(d));  // 2^-8, then 2^-16
    return B(vmulq_f32(r, vrecpsq_f32(d, r)));
  } else
#endif
  {
    static_assert(sizeof(B) == 0, "reciprocal: no implementation for this ISA");
  }
}

// 1 / d to 2^-14 relative or better in the fewest instructions, for callers that correct it once
// by its residual (the correction's error is then about the square of the estimate's):
//   AVX2: divides (vdivps, correctly rounded, one instruction against reciprocal()'s three; the
//         divider is busy 3.5-5 cycles per ymm, a fraction of a kernel's 15-20). Measured on AMD
//         Zen 3, sigmoid 1.04-1.06x faster than with reciprocal(); tanh, whose only division
//         this would be, was 1.08x slower with it and keeps reciprocal();
//   AVX-512 and NEON: reciprocal()'s estimate (2^-14, 2^-16): vdivps zmm blocks the divider
//         for 10 cycles per vector. Measured on an Intel Xeon (tools/device/ab.sh, best of 3),
//         division instead of rcp14 was slower in every kernel: sigmoid, silu, swish 1.05-1.09x,
//         gelu_tanh 1.06-1.08x, tanh (through reciprocal()) 1.13-1.19x.
template <class B>
inline constexpr bool reciprocal_estimate_divides = is_arch<B, xsimd::fma3<xsimd::avx2>>;

template <class B>
SIMDACT_INLINE B reciprocal_estimate(B d) {
#if defined(__AVX2__)
  if constexpr (reciprocal_estimate_divides<B>) {
    return B(_mm256_div_ps(B(1.0f), d));
  } else
#endif
  {
    return simd::reciprocal(d);  // qualified: ADL would pick xsimd::reciprocal (vrecpe alone)
  }
}

template <class B>
SIMDACT_INLINE bool all(mask_t<B> m) {
  return xsimd::all(m);
}

// Horizontal reductions, in registers: once per row, not per element, but on short rows their
// latency is a good part of the row's time (through a stack buffer, AVX-512's reductions made
// rows of 10 columns 2.4x slower than AVX2's on an Intel Xeon). xsimd's float hadd needs
// AVX512DQ, which the avx512 table does not require: hence these, with AVX512F alone.
// The sum of the lanes in double.
template <class B>
SIMDACT_INLINE double reduce_add([[maybe_unused]] B v) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f>) {
    const __m256 upper = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1));
    return _mm512_reduce_add_pd(
        _mm512_add_pd(_mm512_cvtps_pd(_mm512_castps512_ps256(v)), _mm512_cvtps_pd(upper)));
  } else
#endif
#if defined(__AVX2__)
      if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    const __m256d d = _mm256_add_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(v)),
                                    _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
    const __m128d h = _mm_add_pd(_mm256_castpd256_pd128(d), _mm256_extractf128_pd(d, 1));
    return _mm_cvtsd_f64(_mm_add_sd(h, _mm_unpackhi_pd(h, h)));
  } else
#endif
#if defined(__aarch64__)
      if constexpr (is_arch<B, xsimd::neon64>) {
    return vaddvq_f64(vaddq_f64(vcvt_f64_f32(vget_low_f32(v)), vcvt_high_f64_f32(v)));
  } else
#endif
  {
    static_assert(sizeof(B) == 0, "reduce_add: no implementation for this ISA");
    return 0.0;  // (a non-dependent return type: GCC wants a return on every path)
  }
}

// The largest lane (NaN lanes are the callers' business: they test for NaN apart).
template <class B>
SIMDACT_INLINE typename B::value_type reduce_max([[maybe_unused]] B v) {
#if defined(__AVX512F__)
  if constexpr (is_arch<B, xsimd::avx512f>) {
    return _mm512_reduce_max_ps(v);
  } else
#endif
#if defined(__AVX2__)
      if constexpr (is_arch<B, xsimd::fma3<xsimd::avx2>>) {
    const __m128 q = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 p = _mm_max_ps(q, _mm_movehl_ps(q, q));
    return _mm_cvtss_f32(_mm_max_ss(p, _mm_movehdup_ps(p)));
  } else
#endif
#if defined(__aarch64__)
      if constexpr (is_arch<B, xsimd::neon64>) {
    return vmaxvq_f32(v);
  } else
#endif
  {
    static_assert(sizeof(B) == 0, "reduce_max: no implementation for this ISA");
  }
}

template <class B>
SIMDACT_INLINE bool any(mask_t<B> m) {
  return xsimd::any(m);
}

// y = K::eval_double(x, param) evaluated in double precision over the double batch: the float
// inputs are exact in double, the kernels' errors are far below a float ULP, so the one rounding
// of the narrowing leaves each result within 1 ULP (correctly rounded unless the exact value
// lies within that error of a rounding midpoint: 0.001-0.003% of the test sweep's inputs). NaN
// inputs come out unchanged whatever the double math did with them.
template <class K, class B>
SIMDACT_INLINE B map_double(B x, B param) {
  const dbatch<B> p = widen_lo(param);  // every lane holds the (uniform) parameter
  const B y = narrow<B>(K::eval_double(widen_lo(x), p), K::eval_double(widen_hi(x), p));
  return simd::select(is_nan(x), x, y);
}

// map_double out of line: the rare path of patch() below, kept out of every unrolled copy of
// the kernels (inlined there it made the sanitizer builds take many minutes per ISA file).
template <class K, class B>
__attribute__((noinline)) B map_double_rare(B x, B param) {
  return map_double<K>(x, param);
}

// The result of a float kernel `fast`, valid on the lanes of `ok`; the other lanes (non-finite or
// out-of-range inputs, rare in practice) are recomputed by the double-precision path of K. Each
// lane's result depends on its own input only, not on its neighbours.
template <class K, class B>
SIMDACT_INLINE B patch(B x, B param, mask_t<B> ok, B fast) {
  if (all<B>(ok)) return fast;
  return simd::select(ok, fast, map_double_rare<K>(x, param));
}

// The test of a kernel's common case (driver.hpp) where the rare inputs are those beyond
// |x| = Bound (and NaN, which fails the compare).
template <int Bound>
struct covers_up_to {
  template <class B>
  SIMDACT_INLINE static mask_t<B> covers(B x, B /*unused*/) {
    return abs(x) <= B(static_cast<float>(Bound));
  }
};

}  // namespace simdact::SIMDACT_ISA::simd
