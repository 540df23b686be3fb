// SPDX-License-Identifier: Apache-2.0
// The one elementwise loop: y[i] = Op::eval(x[i]) over a whole array, for any ISA.
//
// Four independent batches per step (Op::batches_per_step<B> where a kernel sets another number)
// hide the latency of the long dependency chains of the transcendental kernels. The loop is
// software-pipelined: the next step's batches are loaded before the current results are stored.
// Without that, when y sits just above x modulo 4 KiB (two heap blocks of 16 KiB, say), each load
// would follow, in program order, a store whose address matches it in the low 12 bits, and Intel
// cores make such a load wait for the store ("4K aliasing"): the steps would run one after
// another, at the latency of the whole chain.
// Then single batches (the last step's batches included, so that Op::eval is instantiated in
// few places: it is long); the last n % W elements go through the same eval, padded with zeros
// (simd::load_first, store_first), as do, in arrays of align_from elements or more, the first
// ones up to y's batch alignment (so that the body's stores are aligned, and can be streamed):
// so a value's result never depends on its position or on the array's length, and
// nothing outside [x, x+n) and [y, y+n) is read or written. Every element is loaded before its
// result is stored, so y == x (in place) is safe. (Op::eval is so inlined four times: short
// arrays are faster for it.)
//
// Kernels with few, long dependency chains per batch (gelu, tanh), and those whose loop GCC
// otherwise orders badly, set `interleave<B>` (per batch type) and get the loop compiled with
// GCC's pre-register-allocation scheduler, which GCC leaves off on x86: it interleaves the step's
// batches' chains instead of leaving them in source order. Each kernel's choice is measured
// (docs/performance-notes.md); most kernels are faster without it.
#pragma once

#include <array>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <utility>

#include "simd.hpp"
#include "simdact/simdact.h"

namespace simdact::SIMDACT_ISA::kernels {

// Every kernel receives the call's parameters as one struct, the C API's (each reads its own
// fields: include/simdact/activations.def), and broadcasts what it uses; the loop below keeps a
// local copy, so that those broadcasts are loop invariants.
using params = simdact_params;

// Outputs from this many elements on (16 MiB each for x and y, about a server's last-level cache
// for the two) are written with streaming stores where the ISA has them (simd::streams: the
// elementwise loop below, and log_softmax's last pass): an output that large does not stay in
// cache anyway, and the stores skip the read for ownership of its lines.
inline constexpr std::size_t stream_from = std::size_t{1} << 22;

// The double path of a kernel K whose float algorithm serves most lanes but not all:
// y = K::eval_double(x, p) evaluated in double precision over the double batch: the float
// inputs are exact in double, the kernels' errors are far below a float ULP, so the one rounding
// of the narrowing leaves each result within 1 ULP (correctly rounded unless the exact value
// lies within that error of a rounding midpoint: 0.001-0.003% of the test sweep's inputs). NaN
// inputs come out unchanged whatever the double math did with them.
template <class K, class B>
SIMDACT_INLINE B map_double(B x, const params& p) {
  const B y =
      simd::narrow<B>(K::eval_double(simd::widen_lo(x), p), K::eval_double(simd::widen_hi(x), p));
  return simd::select(simd::is_nan(x), x, y);
}

// map_double out of line: the rare path of patch() below, kept out of every unrolled copy of
// the kernels (inlined there it made the sanitizer builds take many minutes per ISA file). The
// parameters by value, so that the loop's copy never escapes.
template <class K, class B>
__attribute__((noinline)) B map_double_rare(B x, params p) {
  return map_double<K>(x, p);
}

// The result of a float kernel `fast`, valid on the lanes of `ok`; the other lanes (non-finite or
// out-of-range inputs, rare in practice) are recomputed by the double-precision path of K. Each
// lane's result depends on its own input only, not on its neighbours.
template <class K, class B>
SIMDACT_INLINE B patch(B x, const params& p, simd::mask_t<B> ok, B fast) {
  if (simd::all<B>(ok)) return fast;
  return simd::select(ok, fast, map_double_rare<K>(x, p));
}

// The float's bits as a key (simd::magnitude): for a limit on |x|.
constexpr std::uint32_t key_of(float v) { return std::bit_cast<std::uint32_t>(v); }

// A common case (see has_common_case below) may state the lanes it covers as an extent: E::extent
// (its inputs and p), a key per lane (simd.hpp), covered where at most E::max_extent. The driver's
// test then merges a step's keys by unsigned maxima and compares once; covers() follows from it.
template <class E>
struct covers_by_extent : E {
  template <class B>
  SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& p) {
    return simd::at_most<B>(E::extent(x, p), E::max_extent);
  }
  template <class B>
  SIMDACT_INLINE static simd::mask_t<B> covers(B gate, B up, const params& p) {
    return simd::at_most<B>(E::extent(gate, up, p), E::max_extent);
  }
};

// The common case's extent where the rare inputs are those beyond |x| = Bound (and NaN).
template <int Bound>
struct magnitude_up_to {
  static constexpr bool magnitude = true;
  static constexpr std::uint32_t max_extent = key_of(static_cast<float>(Bound));
  template <class B>
  SIMDACT_INLINE static simd::ukey<B> extent(B x, const params& /*unused*/) {
    return simd::magnitude(x);
  }
};

template <int Bound>
struct covers_up_to : covers_by_extent<magnitude_up_to<Bound>> {};

// The extent of |x| in [lo, hi], Lo and Hi their keys: |x|'s key less lo's, which wraps below lo
// to above any limit.
template <std::uint32_t Lo, std::uint32_t Hi>
struct magnitude_within {
  static constexpr std::uint32_t max_extent = Hi - Lo;
  template <class B>
  SIMDACT_INLINE static simd::ukey<B> extent(B x, const params& /*unused*/) {
    return simd::magnitude(x) - simd::ukey<B>(Lo);
  }
};

// The extent of x in (-s, top - s], s and top the floats of keys Shift and Top: x + s in [2^-60,
// top] (x + s is exact near -s, where Sterbenz applies, and x = -s itself is left out), its key
// less 2^-60's (a negative sum's key has its sign bit, above any limit; NaN's and +inf's are above
// it too where top is finite).
template <std::uint32_t Shift, std::uint32_t Top>
struct shifted_within {
  static constexpr std::uint32_t max_extent = Top - key_of(0x1p-60f);
  template <class B>
  SIMDACT_INLINE static simd::ukey<B> extent(B x, const params& /*unused*/) {
    return simd::key(x + B(std::bit_cast<float>(Shift))) - simd::ukey<B>(key_of(0x1p-60f));
  }
};

// Two tests in one extent: |v| in [lo, hi] (magnitude_within), and Range's test of x, of the same
// limit, or a magnitude's of a lower one, its key raised to that limit (a magnitude's key, below
// 2^31, raised by less than 2^31, never wraps).
template <class Range, std::uint32_t Lo, std::uint32_t Hi, class B>
SIMDACT_INLINE simd::ukey<B> magnitude_between(B v, B x, const params& p) {
  using within = magnitude_within<Lo, Hi>;
  constexpr std::uint32_t limit = within::max_extent;
  static_assert(Range::max_extent == limit ||
                (Range::max_extent < limit && requires { Range::magnitude; }));
  return simd::key_max(within::extent(v, p),
                       Range::extent(x, p) + simd::ukey<B>(limit - Range::max_extent));
}

// A kernel whose float formula Op::value(x, p) holds on the lanes Covers covers (covers(x, p): a
// mask, or an extent by covers_by_extent) and whose other lanes take K's double path (patch): eval
// tests each batch, and the steps whose lanes are all covered are the driver's common case (below),
// without the test. One statement of the range serves both (softplus at beta = 1, logsigmoid).
template <class K, class Op, class Covers>
struct float_where_covered {
  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return patch<K>(x, p, Covers::covers(x, p), Op::value(x, p));
  }
  struct common : Covers {
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& p) {
      return Op::value(x, p);
    }
  };
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
// AVX-512 access spans two cache lines, and half the AVX2 ones.
template <class B>
inline constexpr std::size_t align_from = 64 * simd::lanes<B>;

// Kernels that spend instructions on every lane for inputs that are rare (gelu: the clamps, the
// scaling of results below the normal range, +inf; sigmoid, silu, swish's variant: their clamps
// and the per-batch test for the double path, whose call sits in the loop) may also name a
// `common` evaluation without them, and the lanes it covers: Op::common::covers(x, p), a mask (or
// an extent, covers_by_extent above), and Op::common::eval(x, p). A step whose batches are all
// covered takes it, any other step Op::eval (one compare, or one unsigned max, per batch, a test
// and a branch per step). common::eval must give the same bits as Op::eval on the lanes it covers,
// so that a value's result never depends on its neighbours (the position test compares runs of
// such inputs with each value alone); the single batches and partial ones always take Op::eval.
template <class Op>
concept has_common_case = requires {
  typename Op::common;
};

// The arrays a loop reads, element i of each giving one result: x for the elementwise kernels,
// gate and up for the gated ones (gated.hpp). Op::eval takes one batch of each, in this order.
template <std::size_t N>
using inputs = std::array<const float*, N>;

// A batch of each input.
template <class B, std::size_t N>
using batches = std::array<B, N>;

template <class B, std::size_t N>
SIMDACT_INLINE batches<B, N> load_each(const inputs<N>& x, std::size_t i) {
  batches<B, N> v;
  each<N>([&](std::size_t j) SIMDACT_INLINE_LAMBDA { v[j] = simd::load<B>(x[j] + i); });
  return v;
}

// The `count` elements from i on, the other lanes 0 (see the top of this file).
template <class B, std::size_t N>
SIMDACT_INLINE batches<B, N> load_first_each(const inputs<N>& x, std::size_t i, std::size_t count) {
  batches<B, N> v;
  each<N>([&](std::size_t j)
              SIMDACT_INLINE_LAMBDA { v[j] = simd::load_first<B>(x[j] + i, count, 0.0f); });
  return v;
}

// f(v[0], ..., v[N - 1]).
template <class F, class B, std::size_t N>
SIMDACT_INLINE auto unpack(const batches<B, N>& v, F&& f) {
  return [&]<std::size_t... J>(std::index_sequence<J...>) SIMDACT_INLINE_LAMBDA {
    return f(v[J]...);
  }
  (std::make_index_sequence<N>{});
}

template <class Op, class B, std::size_t N>
SIMDACT_INLINE B evaluate(const batches<B, N>& v, const params& p) {
  return unpack(v, [&p](auto... b) SIMDACT_INLINE_LAMBDA { return Op::eval(b..., p); });
}

template <class Op, class B, std::size_t N, std::size_t S>
SIMDACT_INLINE bool all_common(const batches<B, N> (&xs)[S], const params& p) {
  using common = typename Op::common;
  if constexpr (requires { common::max_extent; }) {
    auto extent = [&p](auto... b) SIMDACT_INLINE_LAMBDA { return common::extent(b..., p); };
    auto key = unpack(xs[0], extent);
    each<S - 1>([&](std::size_t k)
                    SIMDACT_INLINE_LAMBDA { key = simd::key_max(key, unpack(xs[k + 1], extent)); });
    return simd::all<B>(simd::at_most<B>(key, common::max_extent));
  } else {
    auto covers = [&p](auto... b) SIMDACT_INLINE_LAMBDA { return common::covers(b..., p); };
    auto m = unpack(xs[0], covers);
    each<S - 1>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { m = m & unpack(xs[k + 1], covers); });
    return simd::all<B>(m);
  }
}

// The pipelined steps of S batches from y + i on, each result stored by put(address, batch);
// returns where they stopped (the single batches and the tail are the caller's).
template <class Op, std::size_t S, class B, std::size_t N, class Put>
SIMDACT_INLINE std::size_t steps(const inputs<N>& x, float* y, std::size_t i, std::size_t n,
                                 const params& p, Put put) {
  constexpr std::size_t W = simd::lanes<B>;
  if (n - i >= 2 * S * W) {
    batches<B, N> xs[S];
    B rs[S];
    each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { xs[k] = load_each<B>(x, i + k * W); });
    for (; i + 2 * S * W <= n; i += S * W) {
      if constexpr (has_common_case<Op>) {
        if (all_common<Op>(xs, p)) {
          each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA {
            rs[k] = unpack(
                xs[k], [&p](auto... b) SIMDACT_INLINE_LAMBDA { return Op::common::eval(b..., p); });
          });
        } else {
          each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { rs[k] = evaluate<Op>(xs[k], p); });
        }
      } else {
        each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { rs[k] = evaluate<Op>(xs[k], p); });
      }
      const std::size_t next = i + S * W;
      each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { xs[k] = load_each<B>(x, next + k * W); });
      each<S>([&](std::size_t k) SIMDACT_INLINE_LAMBDA { put(y + i + k * W, rs[k]); });
    }
    // The batches loaded last are left to the single batches, which load them again.
  }
  for (; i + W <= n; i += W) put(y + i, evaluate<Op>(load_each<B>(x, i), p));
  return i;
}

template <class Arch, class Op, std::size_t N>
SIMDACT_INLINE void elementwise_loop(const inputs<N>& x, float* y, std::size_t n,
                                     const params& call_params) {
  using B = simd::batch<Arch>;
  const params p = call_params;  // local: no store to y can change it
  std::size_t i = 0;
  // The first elements up to y's batch alignment as a partial batch, so that the stores of the
  // rest are aligned (and streamed from stream_from on, which needs it).
  bool stream = false;
  if (n >= align_from<B> && reinterpret_cast<std::uintptr_t>(y) % sizeof(float) == 0) {
    i = simd::floats_to_alignment<B>(y);
    if (i > 0) simd::store_first(y, i, evaluate<Op>(load_first_each<B>(x, 0, i), p));
    stream = simd::streams<B> && n >= stream_from;
  }
  constexpr std::size_t S = batches_per_step<Op, B>();
  if constexpr (S <= 4) {
    // Streaming is for outputs of millions of elements, bound by memory: the unlikely side, so
    // that the compiler lays out (and aligns) the cached loop as the main one.
    i = steps<Op, S, B>(x, y, i, n, p, [stream](float* d, B v) SIMDACT_INLINE_LAMBDA {
      if (stream) [[unlikely]] {
        simd::store_stream(d, v);
      } else {
        simd::store(d, v);
      }
    });
  } else if (stream) [[unlikely]] {
    // More than four streaming stores per step (the fast kernels' six) made those steps slower
    // than four (docs/performance-notes.md): a loop of its own, of four.
    i = steps<Op, 4, B>(x, y, i, n, p,
                        [](float* d, B v) SIMDACT_INLINE_LAMBDA { simd::store_stream(d, v); });
  } else {
    i = steps<Op, S, B>(x, y, i, n, p,
                        [](float* d, B v) SIMDACT_INLINE_LAMBDA { simd::store(d, v); });
  }
  if (i < n) simd::store_first(y + i, n - i, evaluate<Op>(load_first_each<B>(x, i, n - i), p));
  if (stream) simd::stream_fence<B>();
}

template <class Arch, class Op>
void elementwise(const float* x, float* y, std::size_t n, const params& p) {
  elementwise_loop<Arch, Op>(inputs<1>{x}, y, n, p);
}

template <class Arch, class Op>
SIMDACT_SCHEDULE_BEFORE_RA void elementwise_interleaved(const float* x, float* y, std::size_t n,
                                                        const params& p) {
  elementwise_loop<Arch, Op>(inputs<1>{x}, y, n, p);
}

// Kernels with cheaper variants for some values of their parameters (swish: beta = 1 is silu's
// kernel, 0 < beta <= 2^12 a moderate one) list them in `variants`, a std::tuple of kernel types,
// and pick one per call: Op::variant(p) is the index of the variant to run, or -1 for Op itself.
// A variant must give Op's results where it is picked.
template <class Arch, class Op, std::size_t I = 0>
void elementwise_by_parameter(const float* x, float* y, std::size_t n, const params& p) {
  if constexpr (I < std::tuple_size_v<typename Op::variants>) {
    if (Op::variant(p) == static_cast<int>(I)) {
      return elementwise_loop<Arch, std::tuple_element_t<I, typename Op::variants>>(inputs<1>{x}, y,
                                                                                    n, p);
    }
    return elementwise_by_parameter<Arch, Op, I + 1>(x, y, n, p);
  } else {
    elementwise_loop<Arch, Op>(inputs<1>{x}, y, n, p);
  }
}

// The loop options of the fast tier's kernels (their `fast` members derive from it): a short chain
// of mostly FMAs and one division per batch, which runs fastest with six batches per step where
// there are 32 registers (four with 16) and GCC's pre-allocation scheduler interleaving them
// (docs/performance-notes.md). The double paths built on exp_f64 (softplus, mish, logsigmoid,
// tanhshrink: two long chains per batch) gain from it too, 1.07x to 1.95x.
struct fast_loop {
  template <class B>
  static constexpr bool interleave = true;
  template <class B>
  static constexpr std::size_t batches_per_step = simd::registers<B> >= 32 ? 6 : 4;
};

// Six interleaved batches per step where there are 32 registers, four plain ones elsewhere: for
// short chains of cheap instructions (hardswish, hardsigmoid) whose AVX-512 steps wait on latency
// with four, while on AVX2 the scheduler gains nothing (docs/performance-notes.md).
struct six_where_32_registers {
  template <class B>
  static constexpr bool interleave = simd::registers<B> >= 32;
  template <class B>
  static constexpr std::size_t batches_per_step = simd::registers<B> >= 32 ? 6 : 4;
};

// Whether Op's loop takes the pre-allocation scheduler on batch type B: Op::interleave<B> where the
// kernel sets it (per batch type, like batches_per_step), else not.
template <class Op, class B>
constexpr bool interleaved() {
  if constexpr (requires { Op::template interleave<B>; }) {
    return Op::template interleave<B>;
  } else {
    return false;
  }
}

// Op run at parameters of Bind's choosing, Bind::apply(p) for the call's p: an activation that is
// another one at fixed parameters (quick_gelu: swish's kernel at beta = 1.702) under its own name
// and registry row, whose caller passes no such parameter. The loop options and common case are
// Op's; Bind::apply is a constant store into the loop's copy of p, folded into the broadcasts.
template <class Op, class Bind, bool = has_common_case<Op>>
struct with_params_common {};

template <class Op, class Bind>
struct with_params_common<Op, Bind, true> {
  struct common {
    template <class B>
    SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& p) {
      return Op::common::covers(x, Bind::apply(p));
    }
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& p) {
      return Op::common::eval(x, Bind::apply(p));
    }
  };
};

template <class Op, class Bind>
struct with_params : with_params_common<Op, Bind> {
  template <class B>
  static constexpr bool interleave = interleaved<Op, B>();
  template <class B>
  static constexpr std::size_t batches_per_step = kernels::batches_per_step<Op, B>();
  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return Op::eval(x, Bind::apply(p));
  }
};

// The vector kernel protocol: eval over a batch, with the call's parameters.
template <class Op, class B>
concept vector_kernel = requires(B x, const params& p) {
  { Op::eval(x, p) } -> std::same_as<B>;
};

// The loop for Op: interleaved where Op asks for it, by parameter where it has variants.
template <class Arch, class Op>
requires vector_kernel<Op, simd::batch<Arch>>
constexpr auto elementwise_entry() {
  if constexpr (requires { typename Op::variants; }) {
    return &elementwise_by_parameter<Arch, Op>;
  } else if constexpr (interleaved<Op, simd::batch<Arch>>()) {
    return &elementwise_interleaved<Arch, Op>;
  } else {
    return &elementwise<Arch, Op>;
  }
}

}  // namespace simdact::SIMDACT_ISA::kernels
