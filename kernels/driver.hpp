// The one elementwise loop: y[i] = Op::eval(x[i]) over a whole array, for any ISA.
//
// Four independent batches per step (Op::batches_per_step<B> where a kernel sets another number)
// hide the latency of the long dependency chains of the transcendental kernels. The loop is
// software-pipelined: the next step's batches are loaded before the current results are stored.
// Without that, when y sits just above x modulo 4 KiB (two heap blocks of 16 KiB, say), each load
// would follow, in program order, a store whose address matches it in the low 12 bits, and Intel
// cores make such a load wait for the store ("4K aliasing"): the steps would run one after
// another, at the latency of the whole chain (measured: sigmoid at n = 4096 ran 1.7x slower per
// element than at 262144 on a Xeon).
// Then single batches (the last step's batches included, so that Op::eval is instantiated in
// few places: it is long); the last n % W elements go through the same eval, padded with zeros
// (simd::load_first, store_first), as do, in arrays of align_from elements or more, the first
// ones up to y's batch alignment (so that the body's stores are aligned, and can be streamed):
// so a value's result never depends on its position or on the array's length, and
// nothing outside [x, x+n) and [y, y+n) is read or written. Every element is loaded before its
// result is stored, so y == x (in place) is safe. (Op::eval is so inlined four times; moving the
// two partial batches into one out-of-line function took the AVX2 object from 53 to 42 KB but
// made calls on arrays of 5 to 100 elements 5-15% slower, measured: not done.)
//
// Kernels with few, long dependency chains per batch (gelu: ~52 vector instructions per batch on
// its common path, ~73 when this was measured, whose four-batch step overflowed the out-of-order
// window; tanh) set `static constexpr bool interleave = true` and get the loop compiled with
// GCC's pre-register-allocation scheduler, which GCC leaves off on x86: it interleaves the step's
// batches' chains instead of leaving them in source order.
// Measured on AMD Zen 3 (AVX2), best of 4: gelu 1.2x (its earlier double-precision version 1.5x)
// and tanh 1.2x faster with it; the other kernels 2-6% slower, so they keep the default. (Left to
// source order, the double-precision gelu's speed also flipped between 2.1 and 3.3 ns per element
// with unrelated edits elsewhere in the translation unit.)
#pragma once

#include <cstddef>
#include <utility>

#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

// Outputs from this many elements on (16 MiB each for x and y, about a server's last-level cache
// for the two) are written with streaming stores where the ISA has them (simd::streams: the
// elementwise loop below, and log_softmax's last pass): an output that large does not stay in
// cache anyway, and the stores skip the read for ownership of its lines.
inline constexpr std::size_t stream_from = std::size_t{1} << 22;

// The double path of a kernel K whose float algorithm serves most lanes but not all:
// y = K::eval_double(x, param) evaluated in double precision over the double batch: the float
// inputs are exact in double, the kernels' errors are far below a float ULP, so the one rounding
// of the narrowing leaves each result within 1 ULP (correctly rounded unless the exact value
// lies within that error of a rounding midpoint: 0.001-0.003% of the test sweep's inputs). NaN
// inputs come out unchanged whatever the double math did with them.
template <class K, class B>
SIMDACT_INLINE B map_double(B x, B param) {
  const simd::dbatch<B> p = simd::widen_lo(param);  // every lane holds the (uniform) parameter
  const B y =
      simd::narrow<B>(K::eval_double(simd::widen_lo(x), p), K::eval_double(simd::widen_hi(x), p));
  return simd::select(simd::is_nan(x), x, y);
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
SIMDACT_INLINE B patch(B x, B param, simd::mask_t<B> ok, B fast) {
  if (simd::all<B>(ok)) return fast;
  return simd::select(ok, fast, map_double_rare<K>(x, param));
}

// The test of a kernel's common case (see has_common_case below) where the rare inputs are those
// beyond |x| = Bound (and NaN, which fails the compare).
template <int Bound>
struct covers_up_to {
  template <class B>
  SIMDACT_INLINE static simd::mask_t<B> covers(B x, B /*unused*/) {
    return simd::abs(x) <= B(static_cast<float>(Bound));
  }
};

// Batches per step of the pipelined loop: Op::batches_per_step<B> where the kernel sets it (per
// batch type: the register file differs), else 4.
template <class Op, class B>
constexpr std::size_t batches_per_step() {
  if constexpr (requires { Op::template batches_per_step<B>; }) {
    return Op::template batches_per_step<B>;
  } else {
    return 4;
  }
}

// f(0), ..., f(N - 1), unrolled (a fold, not a loop the compiler may keep).
template <std::size_t N, class F>
SIMDACT_INLINE void each(F&& f) {
  [&]<std::size_t... K>(std::index_sequence<K...>) SIMDACT_INLINE_LAMBDA { (f(K), ...); }
  (std::make_index_sequence<N>{});
}

// Arrays from this many elements on start with a partial batch up to y's batch alignment (see
// above). std::vector's large buffers come from mmap, 16 bytes past a page: unaligned, every
// AVX-512 access spans two cache lines, and half the AVX2 ones. AVX2, AMD Zen 3: relu and
// leaky_relu 1.05-1.12x faster at 262144 elements, the other kernels unchanged.
template <class B>
inline constexpr std::size_t align_from = 64 * simd::lanes<B>;

// Kernels that spend instructions on every lane for inputs that are rare (gelu: the clamps, the
// scaling of results below the normal range, +inf; sigmoid, silu, swish's variant: their clamps
// and the per-batch test for the double path, whose call sits in the loop) may also name a
// `common` evaluation without them, and the lanes it covers: Op::common::covers(x, p), a mask,
// and Op::common::eval(x, p). A step whose batches are all covered takes it, any other step
// Op::eval (one compare per batch, a test and a branch per step). common::eval must give the
// same bits as Op::eval on the lanes it covers, so that a value's result never depends on its
// neighbours (the position test compares runs of such inputs with each value alone); the single
// batches and partial ones always take Op::eval. AVX2, AMD Zen 3: gelu 1.06-1.10x, sigmoid
// 1.06-1.09x, silu 1.04-1.16x, swish at beta = 1.702 1.12-1.14x faster (each kernel's comment).
template <class Op>
concept has_common_case = requires {
  typename Op::common;
};

template <class Op, class B, std::size_t S>
SIMDACT_INLINE bool all_common(const B (&xs)[S], B p) {
  auto m = Op::common::covers(xs[0], p);
  each<S - 1>([&](std::size_t k)
                  SIMDACT_INLINE_LAMBDA { m = m & Op::common::covers(xs[k + 1], p); });
  return simd::all<B>(m);
}

template <class Arch, class Op>
SIMDACT_INLINE void elementwise_loop(const float* x, float* y, std::size_t n, float param) {
  using B = simd::batch<Arch>;
  constexpr std::size_t W = simd::lanes<B>;
  const B p = simd::broadcast<B>(param);
  std::size_t i = 0;
  // The first elements up to y's batch alignment as a partial batch, so that the stores of the
  // rest are aligned (and streamed from stream_from on, which needs it).
  bool stream = false;
  if (n >= align_from<B> && reinterpret_cast<std::uintptr_t>(y) % sizeof(float) == 0) {
    i = simd::floats_to_alignment<B>(y);
    if (i > 0) simd::store_first(y, i, Op::eval(simd::load_first<B>(x, i, 0.0f), p));
    stream = simd::streams<B> && n >= stream_from;
  }
  auto put = [stream](float* d, B v) {
    if (stream) {
      simd::store_stream(d, v);
    } else {
      simd::store(d, v);
    }
  };
  constexpr std::size_t S = batches_per_step<Op, B>();
  if (n - i >= 2 * S * W) {
    B xs[S], rs[S];
    each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { xs[k] = simd::load<B>(x + i + k * W); });
    for (; i + 2 * S * W <= n; i += S * W) {
      if constexpr (has_common_case<Op>) {
        if (all_common<Op>(xs, p)) {
          each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { rs[k] = Op::common::eval(xs[k], p); });
        } else {
          each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { rs[k] = Op::eval(xs[k], p); });
        }
      } else {
        each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { rs[k] = Op::eval(xs[k], p); });
      }
      const float* next = x + i + S * W;
      each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { xs[k] = simd::load<B>(next + k * W); });
      each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { put(y + i + k * W, rs[k]); });
    }
    // The batches loaded last are left to the loop below, which loads them again.
  }
  for (; i + W <= n; i += W) {
    put(y + i, Op::eval(simd::load<B>(x + i), p));
  }
  if (i < n) simd::store_first(y + i, n - i, Op::eval(simd::load_first<B>(x + i, n - i, 0.0f), p));
  if (stream) simd::stream_fence<B>();
}

template <class Arch, class Op>
void elementwise(const float* x, float* y, std::size_t n, float param) {
  elementwise_loop<Arch, Op>(x, y, n, param);
}

template <class Arch, class Op>
SIMDACT_SCHEDULE_BEFORE_RA void elementwise_interleaved(const float* x, float* y, std::size_t n,
                                                        float param) {
  elementwise_loop<Arch, Op>(x, y, n, param);
}

// Kernels with a cheaper variant for some values of their parameter (swish: 0 < beta <= 2^12)
// name it `variant` and say where it applies (`use_variant(param)`): the entry picks once per call.
template <class Arch, class Op>
void elementwise_by_parameter(const float* x, float* y, std::size_t n, float param) {
  if (Op::use_variant(param)) {
    elementwise_loop<Arch, typename Op::variant>(x, y, n, param);
  } else {
    elementwise_loop<Arch, Op>(x, y, n, param);
  }
}

// The loop for Op: interleaved where Op asks for it, by parameter where it has a variant.
template <class Arch, class Op>
constexpr auto elementwise_entry() {
  if constexpr (requires { typename Op::variant; }) {
    return &elementwise_by_parameter<Arch, Op>;
  } else if constexpr (requires { Op::interleave; }) {
    static_assert(Op::interleave);
    return &elementwise_interleaved<Arch, Op>;
  } else {
    return &elementwise<Arch, Op>;
  }
}

}  // namespace simdact::SIMDACT_ISA::kernels
