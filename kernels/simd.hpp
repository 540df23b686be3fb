// SPDX-License-Identifier: Apache-2.0
// The vocabulary of the kernels over xsimd: what a kernel may do with a batch, each operation with
// the rule it keeps on every ISA. Kernel files use only what is spelled here, so that a newer xsimd
// (or another SIMD library) is a change to this file and the ISA files alone. Everything is a
// template over the batch type B = xsimd::batch<float, Arch> (or its double batch), instantiated
// in the ISA's own translation unit, compiled with that ISA's flags.
//
// How each ISA does it lives in that ISA's file, as one struct native<Arch> of static functions:
// kernels/simd/avx2.hpp, avx512.hpp, neon.hpp. An operation here either requires its native
// version (a compile error names the missing one) or falls back to xsimd's portable one where an
// ISA has none.
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
#include <iterator>
#include <type_traits>
#include <xsimd/xsimd.hpp>

// Every kernel function is forced inline: a vector kernel is one straight run of instructions
// per batch, and a call (with its spills of a dozen ymm/zmm registers) would cost more than
// the math.
#define SIMDACT_INLINE inline __attribute__((always_inline))
// The same for a lambda (written after its parameter list): GCC gives lambdas no inline hint.
#define SIMDACT_INLINE_LAMBDA __attribute__((always_inline))

// A function compiled with GCC's pre-register-allocation instruction scheduler, which GCC leaves
// off on x86: it interleaves independent dependency chains that source order would leave one
// after another (see driver.hpp and softmax.hpp for where it pays).
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

// The 32-bit integer batch of a float batch's width.
template <class B>
using ibatch = xsimd::batch<std::int32_t, typename B::arch_type>;

// Each ISA's instructions (kernels/simd/<isa>.hpp specialises it); empty for an ISA without a
// file, whose batches then get the portable fallbacks only.
template <class Arch>
struct native {};

template <class B>
using native_of = native<typename B::arch_type>;

}  // namespace simdact::SIMDACT_ISA::simd

#if defined(__AVX512F__)
#include "simd/avx512.hpp"
#elif defined(__AVX2__) && defined(__FMA__)
#include "simd/avx2.hpp"
#elif defined(__aarch64__)
#include "simd/neon.hpp"
#endif

namespace simdact::SIMDACT_ISA::simd {

// Number of float lanes of B.
template <class B>
inline constexpr std::size_t lanes = B::size;

// Vector registers of B's ISA: how many independent batches a kernel can keep in flight.
template <class B>
inline constexpr int registers = native_of<B>::registers;

template <class B>
SIMDACT_INLINE B load(const float* p) {
  return B::load_unaligned(p);
}

template <class B>
SIMDACT_INLINE void store(float* p, B v) {
  v.store_unaligned(p);
}

template <class B>
SIMDACT_INLINE B broadcast(float v) {
  return B(v);
}

// Non-temporal ("streaming") stores, for outputs too large to stay in cache: they skip the read
// for ownership of the output's lines (a third memory stream) and bypass the caches. Where the ISA
// has them (streams<B>), p must be aligned to the batch and stream_fence() must follow the last
// one (they are weakly ordered); elsewhere plain stores.
template <class B>
inline constexpr bool streams = requires(float* p, B v) {
  native_of<B>::store_stream(p, v);
};

template <class B>
SIMDACT_INLINE void store_stream(float* p, B v) {
  if constexpr (streams<B>) {
    native_of<B>::store_stream(p, v);
  } else {
    simd::store(p, v);  // qualified: ADL would also find xsimd::store
  }
}

template <class B>
SIMDACT_INLINE void stream_fence() {
  if constexpr (streams<B>) native_of<B>::stream_fence();
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

// The first `count` (0 to lanes) floats at p, the other lanes `fill`; nothing past p + count is
// read (natively a masked load; else through a stack buffer).
template <class B>
SIMDACT_INLINE B load_first(const float* p, std::size_t count, float fill) {
  if constexpr (requires { native_of<B>::load_first(p, count, fill); }) {
    return native_of<B>::load_first(p, count, fill);
  } else {
    alignas(64) float buf[B::size];
    for (std::size_t j = 0; j < B::size; ++j) buf[j] = j < count ? p[j] : fill;
    return B::load_aligned(buf);
  }
}

// Stores the first `count` (0 to lanes) lanes of v at p; nothing past p + count is written.
// Without a native masked store, through a stack buffer (a wide store read back in floats
// forwards without a stall).
template <class B>
SIMDACT_INLINE void store_first(float* p, std::size_t count, B v) {
  if constexpr (requires { native_of<B>::store_first(p, count, v); }) {
    native_of<B>::store_first(p, count, v);
  } else {
    alignas(64) float buf[B::size];
    v.store_aligned(buf);
    for (std::size_t j = 0; j < count; ++j) p[j] = buf[j];
  }
}

// cond ? a : b, lane by lane.
template <class B>
SIMDACT_INLINE B select(mask_t<B> cond, B a, B b) {
  if constexpr (requires { native_of<B>::select(cond, a, b); }) {
    return native_of<B>::select(cond, a, b);
  } else {
    return xsimd::select(cond, a, b);
  }
}

// a where the mask is false, +0 where it is true; and the converse.
template <class B>
SIMDACT_INLINE B zero_where(mask_t<B> m, B a) {
  if constexpr (requires { native_of<B>::zero_where(m, a); }) {
    return native_of<B>::zero_where(m, a);
  } else {
    return xsimd::select(m, B(0.0f), a);
  }
}

template <class B>
SIMDACT_INLINE B keep_where(mask_t<B> m, B a) {
  if constexpr (requires { native_of<B>::keep_where(m, a); }) {
    return native_of<B>::keep_where(m, a);
  } else {
    return xsimd::select(m, a, B(0.0f));
  }
}

// Lane-wise min, max, |x|; which operand a NaN yields differs between ISAs, so kernels never
// rely on it (see max_nan_passing for a clamp that keeps NaN, and map_double in driver.hpp, which
// restores NaN inputs at the end).
template <class B>
SIMDACT_INLINE B min(B a, B b) {
  return xsimd::min(a, b);
}

template <class B>
SIMDACT_INLINE B max(B a, B b) {
  return xsimd::max(a, b);
}

// max(a, b) that returns b where b is NaN, on every ISA: a clamp that lets NaN inputs through to
// the result. (x86's max returns its second operand where either is NaN; NEON's returns NaN.)
template <class B>
SIMDACT_INLINE B max_nan_passing(B a, B b) {
  return native_of<B>::max(a, b);
}

// min(a, b) that returns b where b is NaN, on every ISA.
template <class B>
SIMDACT_INLINE B min_nan_passing(B a, B b) {
  return native_of<B>::min(a, b);
}

// max(a, b) that returns b where a is NaN, on every ISA: drops a NaN of a, b being a constant.
// (NEON's maxnm returns the number; x86's max returns b.)
template <class B>
SIMDACT_INLINE B max_nan_dropping(B a, B b) {
  return native_of<B>::max_number(a, b);
}

// max(x, 0) with NaN and -0 kept (-0 -> -0, +0 -> +0; where the ISA's max gives +0 for -0, a
// negative x may give -0, which callers treat as 0).
template <class B>
SIMDACT_INLINE B positive_part(B x) {
  return native_of<B>::positive_part(x);
}

template <class B>
SIMDACT_INLINE B abs(B a) {
  return xsimd::abs(a);
}

// a / b correctly rounded. Kernels divide through this, never through the batch's operator/:
// xsimd 8.1's float division on AArch64 is a reciprocal estimate with two Newton steps (not
// correctly rounded, and -inf for 1 / b where b < 2^-128: vrecpe gives inf there), so NEON
// takes vdivq_f32; elsewhere xsimd's division is the ISA's own.
template <class B>
SIMDACT_INLINE B div(B a, B b) {
  if constexpr (requires { native_of<B>::div(a, b); }) {
    return native_of<B>::div(a, b);
  } else {
    return a / b;
  }
}

// |a| with the sign of b.
template <class B>
SIMDACT_INLINE B copysign(B a, B b) {
  return xsimd::copysign(a, b);
}

// a with the sign bit of b, for a >= +0 (or NaN): a OR b's sign bit; one bitwise-ternary
// instruction where the ISA has it (AVX-512's vpternlogd).
template <class B>
SIMDACT_INLINE B or_sign(B a, B b) {
  if constexpr (requires { native_of<B>::or_sign(a, b); }) {
    return native_of<B>::or_sign(a, b);
  } else {
    return a | (b & B(-0.0f));
  }
}

// -|a|: one OR of the sign bit.
template <class B>
SIMDACT_INLINE B neg_abs(B a) {
  return a | B(-0.0);
}

// (Not a != a: xsimd's != is an ordered comparison on x86, false for NaN.)
template <class B>
SIMDACT_INLINE mask_t<B> is_nan(B a) {
  return xsimd::isnan(a);
}

template <class B>
SIMDACT_INLINE bool all(mask_t<B> m) {
  return xsimd::all(m);
}

template <class B>
SIMDACT_INLINE bool any(mask_t<B> m) {
  return xsimd::any(m);
}

// a * b + c with a single rounding, float or double batches, on every ISA. (xsimd 8.1 computes
// it unfused for avx512f, hence the native version there.)
template <class B>
SIMDACT_INLINE B fmadd(B a, B b, B c) {
  if constexpr (requires { native_of<B>::fmadd(a, b, c); }) {
    return native_of<B>::fmadd(a, b, c);
  } else {
    return xsimd::fma(a, b, c);
  }
}

// c - a * b with a single rounding. (xsimd 8.1 computes it unfused for avx512f and neon64.)
template <class B>
SIMDACT_INLINE B fnmadd(B a, B b, B c) {
  if constexpr (requires { native_of<B>::fnmadd(a, b, c); }) {
    return native_of<B>::fnmadd(a, b, c);
  } else {
    return xsimd::fnma(a, b, c);
  }
}

// a * b - c with a single rounding (the exact remainder of a product: fmsub(a, b, a * b)).
template <class B>
SIMDACT_INLINE B fmsub(B a, B b, B c) {
  if constexpr (requires { native_of<B>::fmsub(a, b, c); }) {
    return native_of<B>::fmsub(a, b, c);
  } else {
    return xsimd::fms(a, b, c);
  }
}

// Polynomial c[0] + c[1] x + ... + c[N-1] x^(N-1) by Horner's rule, one FMA per coefficient;
// c a built-in or std::array of constants.
template <class B, class Coefficients>
SIMDACT_INLINE B horner(B x, const Coefficients& c) {
  const std::size_t n = std::size(c);
  B acc = B(c[n - 1]);
  for (std::size_t i = n - 1; i-- > 0;) acc = fmadd(acc, x, B(c[i]));
  return acc;
}

// Bit casts between doubles and 64-bit integers of one width, and between floats and 32-bit
// integers.
template <class D>
SIMDACT_INLINE i64batch<D> as_int(D v) {
  return xsimd::bitwise_cast<i64batch<D>>(v);
}

template <class I>
SIMDACT_INLINE xsimd::batch<double, typename I::arch_type> as_double(I v) {
  return xsimd::bitwise_cast<xsimd::batch<double, typename I::arch_type>>(v);
}

template <class B>
SIMDACT_INLINE ibatch<B> bits(B v) {
  return xsimd::bitwise_cast<ibatch<B>>(v);
}

template <class B>
SIMDACT_INLINE B from_bits(ibatch<B> v) {
  return xsimd::bitwise_cast<B>(v);
}

// Float <-> double: the low and high halves of a float batch as doubles, and back. The narrowing
// rounds once, to nearest in the default floating-point environment.
template <class B>
SIMDACT_INLINE dbatch<B> widen_lo(B x) {
  return native_of<B>::widen_lo(x);
}

template <class B>
SIMDACT_INLINE dbatch<B> widen_hi(B x) {
  return native_of<B>::widen_hi(x);
}

template <class B>
SIMDACT_INLINE B narrow(dbatch<B> lo, dbatch<B> hi) {
  return native_of<B>::narrow(lo, hi);
}

// table[i & 7] lane by lane, one permute on every ISA. The table holds its 8 entries twice (16
// floats), so that AVX-512's 16-lane permute needs no masking of the index and no set-up.
template <class B>
SIMDACT_INLINE B lookup8(ibatch<B> i, const float (&table)[16]) {
  return native_of<B>::lookup8(i, table);
}

// Where the ISA scales by a power of two and permutes 16 table entries in one instruction each
// (AVX-512: vscalefps, vpermps): a fact the fast tier's exponential chooses its algorithm by
// (expf_fast.hpp).
template <class B>
inline constexpr bool scales_in_one = requires(B v, ibatch<B> i, const float (&t)[16]) {
  native_of<B>::scalef(v, v);
  native_of<B>::lookup16(i, t);
};

// Where the ISA permutes 16 table entries in one instruction (AVX-512's vpermps): kernels with
// piecewise polynomials take twice the intervals there.
template <class B>
inline constexpr bool permutes16 = requires(ibatch<B> i, const float (&t)[16]) {
  native_of<B>::lookup16(i, t);
};

// v 2^floor(k), lane by lane, overflowing to ±inf and underflowing through the subnormals to ±0
// by itself (where scales_in_one<B>).
template <class B>
SIMDACT_INLINE B scalef(B v, B k) {
  return native_of<B>::scalef(v, k);
}

// table[i & 15] lane by lane (where permutes16<B>).
template <class B>
SIMDACT_INLINE B lookup16(ibatch<B> i, const float (&table)[16]) {
  return native_of<B>::lookup16(i, table);
}

// 1 / d to 2^-14 relative or better, without a division (for d in the normal range): the
// hardware estimate, refined by a Newton step where the estimate is coarser. Callers correct
// their quotient with its residual, so 14 bits are plenty.
template <class B>
SIMDACT_INLINE B reciprocal(B d) {
  return native_of<B>::reciprocal(d);
}

// 1 / d to 2^-14 relative or better in the fewest instructions, for callers that correct it once
// by its residual (the correction's error is then about the square of the estimate's): a
// division where the divider is cheap enough (AVX2's vdivps), else reciprocal().
template <class B>
SIMDACT_INLINE B reciprocal_estimate(B d) {
  if constexpr (requires { native_of<B>::reciprocal_by_division(d); }) {
    return native_of<B>::reciprocal_by_division(d);
  } else {
    return simd::reciprocal(d);  // qualified: ADL would pick xsimd::reciprocal (vrecpe alone)
  }
}

// Keys: unsigned 32-bit integers per lane, in which a common case (driver.hpp) may state the
// lanes it covers, as those whose key is at most a limit. Merging the keys of several tests, or of
// a step's batches, is then one unsigned max each: an integer instruction, which any vector pipe
// runs, where float compares and their masks' ANDs take two.
template <class B>
using ukey = xsimd::batch<std::uint32_t, typename B::arch_type>;

// v's bits as a key: in the order of v for v >= +0 (NaN above +inf), negative v above them all.
template <class B>
SIMDACT_INLINE ukey<B> key(B v) {
  return xsimd::bitwise_cast<ukey<B>>(v);
}

// |v| as a key: its bits without the sign, in the order of |v| (NaN above +inf).
template <class B>
SIMDACT_INLINE ukey<B> magnitude(B v) {
  return xsimd::bitwise_cast<ukey<B>>(simd::abs(v));
}

template <class K>
SIMDACT_INLINE K key_max(K a, K b) {
  return xsimd::max(a, b);
}

// The lanes whose key is at most limit.
template <class B>
SIMDACT_INLINE mask_t<B> at_most(ukey<B> key, std::uint32_t limit) {
  return native_of<B>::at_most(key, limit);
}

// Horizontal reductions, in registers (once per row, not per element, but on short rows their
// latency is a good part of the row's time). The sum of the lanes, in double; the largest lane
// (NaN lanes are the callers' business: they test for NaN apart).
template <class B>
SIMDACT_INLINE double reduce_add(B v) {
  return native_of<B>::reduce_add(v);
}

template <class B>
SIMDACT_INLINE float reduce_max(B v) {
  return native_of<B>::reduce_max(v);
}

}  // namespace simdact::SIMDACT_ISA::simd
