// SPDX-License-Identifier: Apache-2.0
// The rows driver: one long row through the three passes (vector_row), short rows several at a
// time (short_rows), and the matrix (vector_rows), which picks between them by row length.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "../driver.hpp"
#include "../simd.hpp"
#include "edge.hpp"
#include "finish.hpp"
#include "row_exp.hpp"
#include "row_sum.hpp"

namespace simdact::SIMDACT_ISA::kernels::softmax {

// Rows from this many columns on take pass 3 from y's batch alignment (see vector_row).
template <class B>
constexpr std::size_t aligned_pass3_from = 16 * simd::lanes<B>;

// Pass 1's largest element per lane; log_softmax (Second): and the second largest (the largest
// but for one copy of the first), for the row's largest element below its max (row_exp's r).
template <class B, bool Second>
struct lane_top {
  B first = B(-std::numeric_limits<float>::infinity()), second = first;
  SIMDACT_INLINE void add(B v) {
    if constexpr (Second) second = simd::max(second, simd::min(first, v));
    first = simd::max(first, v);
  }
  // The two largest of both (each lane's).
  SIMDACT_INLINE void merge(const lane_top& o) {
    if constexpr (Second) {
      second = simd::max(simd::max(second, o.second), simd::min(first, o.first));
    }
    first = simd::max(first, o.first);
  }
  // The largest element below m: a lane whose first is m offers its second (m itself where it
  // holds m twice). Softmax: m, unused.
  SIMDACT_INLINE float below(float m) const {
    if constexpr (Second) {
      return simd::reduce_max(simd::select(first == B(m), second, first));
    } else {
      return m;
    }
  }
};

// Pass 1 of a long row, per lane: the largest elements (lane_top), the smallest, and whether any
// is NaN. Two of them take alternate batches, merged at the end, so that the loop is not bound
// by the latency of its max and min chains.
template <class B, bool Log>
struct row_scan {
  lane_top<B, Log> top;
  B low = B(std::numeric_limits<float>::infinity());
  simd::mask_t<B> nan = simd::is_nan(low);
  SIMDACT_INLINE void add(B v) {
    top.add(v);
    low = simd::min(low, v);
    nan = nan | simd::is_nan(v);
  }
  SIMDACT_INLINE void merge(const row_scan& o) {
    top.merge(o.top);
    low = simd::min(low, o.low);
    nan = nan | o.nan;
  }
};

// One row, for ISA Arch; `stream`: log_softmax writes y with streaming stores (vector_rows);
// `next`: the next row's x, prefetched during pass 2 (none for the last row).
template <class Arch, bool Log>
SIMDACT_SCHEDULE_BEFORE_RA void vector_row(const float* x, float* y, std::size_t n,
                                           [[maybe_unused]] bool stream,
                                           const float* next = nullptr) {
  using B = simd::batch<Arch>;
  constexpr std::size_t W = simd::lanes<B>;
  const std::size_t body = n - n % W, rest = n - body;
  const float neg_inf = -std::numeric_limits<float>::infinity();
  // The last n % W elements, padded with -inf (no effect on max or sums), kept in a register
  // for the three passes (read before anything is written: y may be x).
  const B vt = simd::load_first<B>(x + body, rest, neg_inf);

  // Pass 1: max and NaN; and the smallest element (the tail's counted once the max is known);
  // log_softmax: each lane's two largest.
  row_scan<B, Log> scan, odd;
  std::size_t at = 0;
  for (; at + 2 * W <= body; at += 2 * W) {
    scan.add(simd::load<B>(x + at));
    odd.add(simd::load<B>(x + at + W));
  }
  if (at < body) scan.add(simd::load<B>(x + at));
  scan.merge(odd);
  scan.top.add(vt);
  scan.nan = scan.nan | simd::is_nan(vt);
  const lane_top<B, Log>& top = scan.top;
  B vmin = scan.low;
  const auto nan = scan.nan;
  const float m = simd::reduce_max(top.first);
  if (simd::any<B>(nan) || std::isinf(m)) return edge_row(x, y, n, Log, simd::any<B>(nan), m);
  // The tail's lanes that count: not the padding, nor a -inf element, whose e is 0 anyway.
  const auto counts = vt > B(neg_inf);
  vmin = simd::min(vmin, simd::select(counts, vt, B(std::numeric_limits<float>::infinity())));

  // Pass 2: e = exp(x - m) in float (expf.hpp), and their sum.
  const row_exp<B, Log> exp(m, top.below(m));
  const bool shallow = exp.shallow(vmin);
  row_sum<B> sum;
  auto pass2 = [&](std::size_t j, auto general) SIMDACT_INLINE_LAMBDA {
    const B e = add_exp<decltype(general)::value>(sum, exp, simd::load<B>(x + j));
    if constexpr (!Log) simd::store(y + j, e);
  };
  auto body_pass2 = [&](auto general) SIMDACT_INLINE_LAMBDA {
    std::size_t j = 0;
    // In blocks of row_sum's flush_batches batches, the sums flushed between them.
    for (std::size_t end = std::min(body, row_sum<B>::flush_batches * W);;
         end = std::min(body, end + row_sum<B>::flush_batches * W)) {
      for (; j + 2 * W <= end; j += 2 * W) {  // two exponentials per step, interleaved
        if (next) simd::prefetch_lines<B, 2>(next + j);
        pass2(j, general);
        pass2(j + W, general);
      }
      if (end == body) break;
      sum.flush();
    }
    if (j < body) pass2(j, general);
  };
  if (shallow) {
    body_pass2(std::false_type{});
  } else {
    body_pass2(std::true_type{});
  }
  const B et = rest > 0 ? tail_exp(sum, vt, counts, exp, shallow) : B(0.0f);

  // Pass 3, y = f(x) (log_softmax) or f(e) (softmax, e in y), element by element. Long rows
  // go from y's batch alignment on (a partial batch before it and one after the last full
  // batch), so that the body's stores are aligned (streamed where asked): the results are the
  // same, each depending only on its own element.
  const finish<Arch, Log> f(m, sum_for_finish(sum, exp));
  const float* src = Log ? x : y;
  if (stream || n >= aligned_pass3_from<B>) {
    if constexpr (!Log) simd::store_first(y + body, rest, et);  // e, the whole row in y
    std::size_t i = std::min(n, simd::floats_to_alignment<B>(y));
    if (i > 0) simd::store_first(y, i, f(simd::load_first<B>(src, i, 0.0f)));
    if (stream) {
      for (; i + W <= n; i += W) simd::store_stream(y + i, f(simd::load<B>(src + i)));
    } else {
      for (; i + W <= n; i += W) simd::store(y + i, f(simd::load<B>(src + i)));
    }
    if (i < n) simd::store_first(y + i, n - i, f(simd::load_first<B>(src + i, n - i, 0.0f)));
    return;
  }
  for (std::size_t i = 0; i < body; i += W) simd::store(y + i, f(simd::load<B>(src + i)));
  simd::store_first(y + body, rest, f(Log ? vt : et));
}

// Pass 3 of short log_softmax rows of which one or more has a max that dominates: k = 1 and
// rest below dominated_below, where short_rows' sum, holding the max's 1, may not have rest to
// the relative accuracy that the max's -log1p(rest) needs: those rows' k - 1 + rest again,
// Apart (row_exp). `rows` rows from x read again (y has not been written over them yet), of
// maxima m and short_rows' sums s. Out of line, and short_rows' last call, so that short_rows
// keeps its registers.
// In short_rows' sum, every e below half an ULP of the accumulator (2^-23 with the max's 1 in
// it) enters the lane's low float sum whole: rounded there once (2^-24 relative, as Apart
// rounds each e too) and, with more than one batch, added to that lane's other such e with
// one rounding each, up to 4 W of them, at most ~2^-39 absolute for the W lanes together:
// below 2^-27 relative where rest >= 2^-12 (NB > 1). With one batch each lane holds one e,
// whose only extra error is where it is subnormal (the 2^-150 grid, or 0 below 2^-150):
// at most W 2^-150, below 2^-30 relative where rest >= 2^-116.
template <std::size_t NB>
inline constexpr double dominated_below = NB == 1 ? 0x1p-116 : 0x1p-12;
template <class Arch, std::size_t NB>
[[gnu::noinline]] void short_rows_dominated(const float* x, float* y, std::size_t n, std::size_t xs,
                                            std::size_t ys, std::size_t rows, const float* m,
                                            const double* s) {
  using B = simd::batch<Arch>;
  constexpr std::size_t W = simd::lanes<B>;
  const std::size_t rest = n - (NB - 1) * W;
  const float inf = std::numeric_limits<float>::infinity();
  for (std::size_t k = 0; k < rows; ++k, x += xs, y += ys) {
    B v[NB];
    for (std::size_t b = 0; b + 1 < NB; ++b) v[b] = simd::load<B>(x + b * W);
    v[NB - 1] = simd::load_first<B>(x + (NB - 1) * W, rest, -inf);
    double sk = s[k];
    if (sk < dominated_below<NB>) {
      const auto counts = v[NB - 1] > B(-inf);
      lane_top<B, true> top;
      B low = simd::select(counts, v[NB - 1], B(inf));
      for (const B& b : v) top.add(b);
      for (std::size_t b = 0; b + 1 < NB; ++b) low = simd::min(low, v[b]);
      const row_exp<B, true, false, true> exp(m[k], top.below(m[k]));
      const bool shallow = exp.shallow(low);
      row_sum<B> sum;
      for (std::size_t b = 0; b + 1 < NB; ++b) {
        if (shallow) {
          add_exp<false>(sum, exp, v[b]);
        } else {
          add_exp<true>(sum, exp, v[b]);
        }
      }
      tail_exp(sum, v[NB - 1], counts, exp, shallow);
      sk = sum_for_finish(sum, exp);
    }
    const finish<Arch, true> f(m[k], sk);
    for (std::size_t b = 0; b + 1 < NB; ++b) simd::store(y + b * W, f(v[b]));
    simd::store_first(y + (NB - 1) * W, rest, f(v[NB - 1]));
  }
}

// Rows of at most 4 batches (NB), R at a time, so that the rows' dependency chains (max,
// reductions, exponential, sums, division or log1p: a row's time here) overlap: NB - 1 full
// batches and then the rest (1 to W elements, one masked batch), in vector_row's order.
// Every short row goes through here, the rows left over one at a time (R = 1), so that a row's
// bits do not depend on its neighbours: the general exponential,
// taken for all R rows when one needs it, equals the shallow one where every x - m >= -64,
// and so do their sums (row_sum's add of a scaled_exp; before, the general path's float pair
// rounded twice, and one output in ~10^8 moved by 1 ULP with a deep neighbour: test
// ShortRowWithADeepNeighbourAsAlone). A row with a NaN or an infinite max sends each of the R
// rows through here alone (and that one, from there, to vector_row's edge rules).
template <class Arch, bool Log, std::size_t R, std::size_t NB>
SIMDACT_SCHEDULE_BEFORE_RA void short_rows(const float* x, float* y, std::size_t n, std::size_t xs,
                                           std::size_t ys) {
  using B = simd::batch<Arch>;
  constexpr std::size_t W = simd::lanes<B>;
  const std::size_t rest = n - (NB - 1) * W;  // in the last batch: 1 to W
  const float neg_inf = -std::numeric_limits<float>::infinity();
  B v[R][NB];  // NB - 1 full batches, then the rest
  float m[R];
  bool edge = false, shallow = true;
  for (std::size_t k = 0; k < R; ++k) {
    for (std::size_t b = 0; b + 1 < NB; ++b) v[k][b] = simd::load<B>(x + k * xs + b * W);
    v[k][NB - 1] = simd::load_first<B>(x + k * xs + (NB - 1) * W, rest, neg_inf);
  }
  for (std::size_t k = 0; k < R; ++k) {
    B top = v[k][NB - 1];
    auto nan = simd::is_nan(top);
    for (std::size_t b = 0; b + 1 < NB; ++b) {
      top = simd::max(top, v[k][b]);
      nan = nan | simd::is_nan(v[k][b]);
    }
    m[k] = simd::reduce_max(top);
    edge = edge || simd::any<B>(nan) || std::isinf(m[k]);
  }
  if (edge) {
    // Each row alone (short_rows<1> sends an edge row to vector_row's edge rules).
    for (std::size_t k = 0; k < R; ++k) {
      if constexpr (R == 1) {
        vector_row<Arch, Log>(x, y, n, false);
      } else {
        short_rows<Arch, Log, 1, NB>(x + k * xs, y + k * ys, n, xs, ys);
      }
    }
    return;
  }
  simd::mask_t<B> counts[R];
  for (std::size_t k = 0; k < R; ++k) {
    counts[k] = v[k][NB - 1] > B(neg_inf);
    B low = simd::select(counts[k], v[k][NB - 1], B(std::numeric_limits<float>::infinity()));
    for (std::size_t b = 0; b + 1 < NB; ++b) low = simd::min(low, v[k][b]);
    shallow = shallow && row_exp<B, Log, false>(m[k]).shallow(low);
  }
  row_sum<B> sum[R];
  B e[R][NB];
  for (std::size_t k = 0; k < R; ++k) {
    const row_exp<B, Log, false> exp(m[k]);
    for (std::size_t b = 0; b + 1 < NB; ++b) {
      e[k][b] =
          shallow ? add_exp<false>(sum[k], exp, v[k][b]) : add_exp<true>(sum[k], exp, v[k][b]);
    }
    e[k][NB - 1] = tail_exp(sum[k], v[k][NB - 1], counts[k], exp, shallow);
  }
  for (std::size_t k = 0; k < R; ++k) {
    const double s = sum_for_finish(sum[k], row_exp<B, Log, false>(m[k]));
    if constexpr (Log) {
      if (s < dominated_below<NB>) {
        double left[R];  // this row's sum and those of the rows after it
        left[0] = s;
        for (std::size_t j = k + 1; j < R; ++j) {
          left[j - k] = sum_for_finish(sum[j], row_exp<B, Log, false>(m[j]));
        }
        return short_rows_dominated<Arch, NB>(x + k * xs, y + k * ys, n, xs, ys, R - k, m + k,
                                              left);
      }
    }
    const finish<Arch, Log> f(m[k], s);
    for (std::size_t b = 0; b + 1 < NB; ++b)
      simd::store(y + k * ys + b * W, f(Log ? v[k][b] : e[k][b]));
    simd::store_first(y + k * ys + (NB - 1) * W, rest, f(Log ? v[k][NB - 1] : e[k][NB - 1]));
  }
}

// log_softmax streams y where the output is large (stream_from, driver.hpp), its rows are long (a
// partial batch at each end of a row, through the cache, shares its lines with the streamed
// ones) and y is float-aligned: its last pass is y's only write; below 512 columns it was slower.
// (Softmax writes y in pass 2 and rescales it in pass 3, in cache: nothing to gain.)
template <class Arch, bool Log>
void vector_rows(const float* x, float* y, std::size_t rows, std::size_t cols, std::size_t xs,
                 std::size_t ys) {
  const bool stream = Log && simd::streams<simd::batch<Arch>> && cols >= 512 &&
                      rows * cols >= stream_from &&
                      reinterpret_cast<std::uintptr_t>(y) % sizeof(float) == 0;
  std::size_t r = 0;
  constexpr std::size_t W = simd::lanes<simd::batch<Arch>>;
  if (cols == 1) {
    // e^0 / e^0 = 1 exactly (log_softmax: +0), which the shifted exponential would round
    // (softmax({-99.25}) gave 0x1.fffffep-1); the non-finite by the edge rules, as in any row.
    for (; r < rows; ++r) {
      const float v = x[r * xs];
      if (std::isfinite(v)) {
        y[r * ys] = Log ? 0.0f : 1.0f;
      } else {
        edge_row(x + r * xs, y + r * ys, 1, Log, std::isnan(v), v);
      }
    }
    return;
  }
  if (cols <= 4 * W) {
    // Short rows, four at a time and then one by one: all of them by short_rows, whose
    // log_softmax differs from vector_row's (row_exp).
    const std::size_t batches = (cols + W - 1) / W;
    auto rows_of = [&]<std::size_t R>(std::size_t first) SIMDACT_INLINE_LAMBDA {
      const float* xr = x + first * xs;
      float* yr = y + first * ys;
      switch (batches) {
        case 1:
          return short_rows<Arch, Log, R, 1>(xr, yr, cols, xs, ys);
        case 2:
          return short_rows<Arch, Log, R, 2>(xr, yr, cols, xs, ys);
        case 3:
          return short_rows<Arch, Log, R, 3>(xr, yr, cols, xs, ys);
        default:
          return short_rows<Arch, Log, R, 4>(xr, yr, cols, xs, ys);
      }
    };
    for (; r + 4 <= rows; r += 4) rows_of.template operator()<4>(r);
    for (; r < rows; ++r) rows_of.template operator()<1>(r);
    return;
  }
  for (; r < rows; ++r) {
    const float* next = r + 1 < rows ? x + (r + 1) * xs : nullptr;
    vector_row<Arch, Log>(x + r * xs, y + r * ys, cols, stream, next);
  }
  if (stream) simd::stream_fence<simd::batch<Arch>>();
}

}  // namespace simdact::SIMDACT_ISA::kernels::softmax
