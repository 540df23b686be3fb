// softmax(x)_i = e^(x_i - m) / sum_j e^(x_j - m), m = max_j x_j, over each row of a matrix;
// log_softmax(x)_i = x_i - m - log(sum_j e^(x_j - m)).
//
// Reference: three passes per row in double (max; sum of exponentials; scale), exact enough that
// rounding to float is the correctly rounded result but in rare double-rounding cases. The sum
// is kept as k + rest, k the count of maxima (each contributes exactly 1) and rest the others,
// so that log(sum) = log1p(k - 1 + rest): log_softmax of a max element is -log1p(rest), not
// log(1 + rest) rounded to 0 when rest is tiny.
// Vector kernel (every ISA), three passes per row:
//   1. max, and whether any NaN: a NaN or an infinite max sends the row to the edge rules; and
//      the min, to know whether any x - m < -64;
//   2. e_j = exp(x_j - m) in float, as hi + lo by expf.hpp (softmax: fine, ~2^-27 relative;
//      log_softmax: coarse, 2^-24.75, one permute and one add fewer per batch, see Accuracy).
//      Both take e^(x_j - s) for a shift s = N ln2 within ln2/2 of m, from x_j itself and -N
//      in the exponent (or s = m where |m| >= 2^10, x_j - m then exact), without a TwoSum of
//      x_j - m: softmax's row factor e^(m - s) cancels in e / sum (row_exp; AVX2, AMD Zen 3,
//      bench-ab best of 6: 1.12-1.13x faster at 1000 and 32000 columns in cache), log_softmax
//      leaves its maxima out of the sum, counts them, and takes the others' sum back to
//      e^(x_j - m) by e^(s - m) in double once per row. On rows of up to 4 batches
//      (short_rows), where that per-row work costs more than the TwoSum it saves, log_softmax
//      takes x_j - m as d + d_lo exactly (TwoSum) instead. d < -64 computed times 2^64 and
//      scaled back,
//      so that subnormal e_j are rounded once from an accurate value; rows with no such d skip
//      that scaling and its masks: 18-26% faster on AVX2, AMD. Softmax stores hi, the float
//      nearest e_j. Each lane sums hi as a float pair: the accumulator starts at 1, so that
//      Fast2Sum keeps every addition's rounding error exactly (summed with the lo parts; 7-9%
//      faster on AVX2 than summing hi in double; softmax's e up to 1.42 have the exponent of 1
//      at most, which Fast2Sum needs). log_softmax needs k - 1 + rest (for log1p) with rest to
//      full relative accuracy: on long rows k is counted exactly and rest summed alone; on short
//      rows the maxima contribute exactly 1 each to the accumulators, and every part of rest
//      below their granularity lands in the low sum;
//   3. softmax: y_j = e_j * (1 / sum), 1 / sum as a float pair and one FMA, one rounding;
//      log_softmax: y_j = (x_j - m) - log1p(sum - 1) as x_j - (m + L) with m + L a float
//      pair, and -L itself at the maxima (see pass 3). L by log1p.hpp (~2^-40 relative), whose
//      short dependency chain replaced std::log1p's ~27 ns on every row's critical path: AVX2,
//      AMD Zen 3, rows of 10 columns 1.34-1.37x, 16 1.24x, 100 1.16x, 1000 1.01x faster.
//   The last n % W elements are loaded once, padded with -inf (simd::load_first: a masked load
//   on AVX2, nothing read past the row), and kept in a register for the three passes; in rows
//   without deep terms they take the shallow exponential too, the padding masked out after it;
//   the horizontal max and sums reduce in registers on AVX2. Short rows are bound by this
//   per-row work: together these made rows of 8 to 16 columns 1.9-2.5x and rows of 10 columns
//   2.1x (softmax) and 1.8x (log_softmax) faster on AVX2 (AMD Zen 3; a stack buffer written
//   float by float and read as one vector had stalled the load three times per row).
//   Softmax reads x twice and y once (writing it twice), log_softmax reads x three times and
//   writes y once (with streaming stores where the output is large: see vector_rows). While pass
//   2 runs, the next row's cache lines are prefetched (one prefetch per 64 bytes, into L2 on
//   x86), so that a matrix larger than the caches is read from memory behind the exponentials
//   instead of by pass 1 alone: AVX2, AMD Zen 3, bench-ab best of 6, 16777x1000 and 524x32000
//   1.30-1.40x faster (softmax and log_softmax), rows in cache unchanged. Pass 2 takes
//   two batches per step and the row is compiled with the pre-allocation scheduler
//   (SIMDACT_SCHEDULE_BEFORE_RA), so that two exponential chains overlap: AMD Zen 3, best of 4,
//   log_softmax 14-17% and softmax 4-7% faster than one batch per step in source order (four per
//   step: 10% and 5-8%). Not adopted, for these reasons:
//   - the online one-pass max-and-sum (Milakov & Gimelshein) rescales the running sums by
//     e^(m_old - m_new) whenever a lane's maximum grows, which on an ascending row is every
//     batch: n/W roundings of ~2^-27 pile up in the sum (2^-20 at 1000 columns), while the max
//     element's log_softmax, -log1p(rest), needs rest to full relative accuracy. Rescaling by
//     powers of 2 instead would be exact, but then the maxima no longer contribute exactly 1
//     (log_softmax again), and softmax's stored e would carry the shift in force when each was
//     written. Measured for softmax anyway (AVX2, AMD Zen 3, tools/lib-ab.cpp, median of 5,
//     experimental builds on rows in [-10, 10)): without pass 1 at all, softmax would be at most
//     1.15-1.18x faster at 4x1000, 1x32000, 262x1000 and 1.09-1.13x at 524x32000; with only the
//     online form's own per-batch work added back (a running max and, per step, a test for a new
//     shift, never taken; no deep-term check, no rescaling), 1.00x, 1.00x, 1.02x and 1.10x: in
//     cache it saves nothing, as pass 1 is a plain read while pass 2's exponentials bound the row;
//   - the two-pass (mantissa, exponent) sum (Dukhan & Ablavatski) needs no max and rescales only
//     by powers of 2 (exactly), but softmax then takes two exponentials per element (sum, then
//     output) instead of one, and log_softmax becomes x - log(sum), which cancels for the max
//     element (x = 100, log(sum) = 100 + 1e-30). Its cost measured from below (no pass 1, e not
//     stored, the second exponential without the form's exponent bookkeeping): softmax 0.72-0.74x
//     in cache and 0.81x at 524x32000, slower at every size.
// Accuracy: softmax within 2 ULP of the exact result (0.5 from storing e_j, 0.5 from the final
// rounding, ~2^-27 from the float exponential and the sum); log_softmax within 2 ULP as well
// (see pass 3). The coarse exponential moves log_softmax's sum by at most 2^-24.75 relative
// (k is exact: counted, or the maxima's 1s; e^(s - m) adds 2^-36.6), so L = log(k + rest) by at
// most 2^-24.75 rest / (k + rest) <=
// 2^-24.75 L, which is at most 2^-24.75 of |y| = (m - x) + L: 0.6 ULP of y, on top of pass 3's
// roundings before the last one (x - c_hi: up to 1 ULP of y where the two straddle a power of
// 2; c_lo's: 0.25), 1.85 < 2 in all: within 2 ULP still (measured: max 1, the histogram
// unchanged to 0.01%). AVX2, AMD Zen 3, bench-ab best of 6: 1.12-1.15x faster with it at 1000 and
// 32000 columns in cache, 1.02x at DRAM sizes. Softmax keeps the fine one: its stored e_j already
// carries a float rounding (up to 1 ULP of y), and e_j's and the sum's 2^-24.75 would add 0.6 ULP
// each. (And for the max element of a row whose other terms are all below 2^-92, x - max < -64,
// rest carries the 2^-24 relative error of a sum of floats). Terms with x - max < -104 (each below
// half the smallest subnormal) are left out of the sums: a row whose rest is made only of many of
// them gives its max element a log_softmax of -0 instead of a few subnormal ULPs below 0. Edge rows
// (documented in simdact.h): any NaN -> the row is NaN; all -inf -> zeros (log: -inf); k entries of
// +inf -> 1/k there and 0 elsewhere (log: -log k and -inf); subtracting the max first keeps ±1e30
// and other huge values from overflowing.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "driver.hpp"
#include "expf.hpp"
#include "log1p.hpp"
#include "parts.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct softmax {
  // The rows whose maximum is infinite or that hold a NaN: the documented limits.
  static void edge_row(const float* x, float* y, std::size_t n, bool log, bool nan, double m) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    double k = 0.0;
    for (std::size_t j = 0; j < n; ++j) k += x[j] == inf;
    for (std::size_t j = 0; j < n; ++j) {
      const bool hit = m == inf && x[j] == inf;
      const double v = nan   ? std::numeric_limits<double>::quiet_NaN()
                       : log ? (hit ? -std::log(k) : -inf)
                             : (hit ? 1.0 / k : 0.0);
      y[j] = static_cast<float>(v);
    }
  }

  // One row of n >= 1 elements; y may equal x.
  static void reference_row(const float* x, float* y, std::size_t n, bool log) {
    double m = -std::numeric_limits<double>::infinity();
    bool nan = false;
    for (std::size_t j = 0; j < n; ++j) {
      nan |= std::isnan(x[j]);
      m = std::fmax(m, x[j]);
    }
    if (nan || std::isinf(m)) return edge_row(x, y, n, log, nan, m);
    double count = 0.0, rest = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
      if (x[j] == m) {
        count += 1.0;
      } else {
        rest += std::exp(x[j] - m);
      }
    }
    const double sum = count + rest;
    const double log_sum = std::log1p((count - 1.0) + rest);
    for (std::size_t j = 0; j < n; ++j) {
      const double d = x[j] - m;
      y[j] = static_cast<float>(log ? d - log_sum : std::exp(d) / sum);
    }
  }

  // Whether every x - m is >= -64 (the usual case), from the lanes' smallest x and the max m:
  // then no e is below 2^-92, and pass 2 skips the 2^64 scaling and its masks (about 8
  // instructions per batch).
  template <class B>
  SIMDACT_INLINE static bool is_shallow(B low, float m) {
    return static_cast<double>(-simd::reduce_max(-low)) - m >= -64.0;
  }

  // Softmax takes the fine exponential (expf.hpp), log_softmax the coarse one (see the accuracy
  // note at the top).
  template <bool Log>
  static constexpr exp_accuracy accuracy = Log ? exp_accuracy::coarse : exp_accuracy::fine;

  // An exponential as s (1 + p), unrounded, times 2^64 on the lanes of `tiny`.
  template <class B>
  struct scaled_exp {
    unrounded_exp<B> e;
    simd::mask_t<B> tiny;
  };

  // A row's e = exp(v - s) for a shift s near its max m, for its elements v <= m, shallow
  // (General = false: every v - m >= -64 and |m| < 2^10 (shallow_serves); e as s (1 + p),
  // unrounded, which row_sum rounds) or general (any v, -inf and padding included: their e is 0;
  // e < 2^-92 computed times 2^64 and scaled back, so that it is rounded once; row_sum rounds
  // the others as the shallow path's, to the same bits). The e are e^(v - m) times the row's
  // constant e^(m - s), in [0.70, 1.42] (so that row_sum's Fast2Sum still holds): softmax's
  // cancels in e / sum, log_softmax's is taken out of the sum in double (shift_factor).
  //   - |m| < 2^10: s = N ln2, N = round(m / ln2): e = e^v 2^-N, v reduced as it is (its k and r
  //     as accurate as for v - m: r1 exact, k ln2_8_lo's error below 2^-33 for |v| < 2^11), -N
  //     added to the exponent field of every entry of the exponential's table once per row
  //     (modulo 2^32, like the reduction's own integer add), so that a batch costs no more than
  //     e^v: no subtraction, no add of -N (53 instructions per two batches instead of 57, and
  //     no constant reloaded from the stack). AVX2, AMD Zen 3, tools/lib-ab.cpp, median of 5
  //     runs (both builds with cmake/SimdactIsa.cmake's aligned loops): softmax 1.06x, 1.06x,
  //     1.08x, 1.11x faster at 4x1000, 1x32000, 8x32000, 262x1000 (1.02x at 524x32000, rows of
  //     10 unchanged), the results the same bit for bit;
  //   - |m| >= 2^10: s = m, v - m exact (Sterbenz: v and m within a factor 2 for every v >= m -
  //     105 that matters; below, v - m rounds to -105 or less and is clamped); such rows take
  //     the general path.
  //   Six instructions fewer per batch than taking v - m as d + d_lo exactly (TwoSum) and e^(d +
  //   d_lo), which log_softmax did until it left its maxima out of the sum (row_sum).
  //   log_softmax on long rows (RowTable) takes the same e^(v - s), its maxima left out of the
  //   sum (zeroed, counted per lane) and the rest taken back by e^(s - m) in double once per row
  //   (shift_factor): AVX2, AMD Zen 3, lib-ab median of 5, against the TwoSum: 1.10x, 1.12x,
  //   1.08x, 1.09x, 1.04x faster at 4x1000, 1x32000, 8x32000, 262x1000, 524x32000 (histogram
  //   86.00% / 14.00%, max 1 ULP; rows of 40 to 64 columns break even, 0.98-1.00x, 1.01x at
  //   100). On short rows the count, its reduction and e^(s - m) cost more than the TwoSum of
  //   one to four batches (409x10 0.80x, 1000x32 0.87x), so short_rows keeps the TwoSum
  //   (two_sum), and every short row goes through short_rows (single rows too: 1.01x
  //   at 10 columns, 1.11x for 3x20; groups of four 0.99-1.03x), so that a row's form depends
  //   on its length only.
  //   RowTable = false (short rows, where building the table per row costs more than it saves:
  //   rows of 10 columns 0.94-0.96x with it): -N added per batch instead, as ext.
  template <class B, bool Log, bool RowTable = true>
  struct row_exp {
    static constexpr exp_accuracy A = accuracy<Log>;
    static constexpr double ln2 = 0.69314718055994530942;
    // log_softmax's two forms: on long rows (RowTable) e^(v - s) with its maxima counted apart;
    // on short rows e^(d + d_lo), d + d_lo = v - m exactly (TwoSum), the maxima's e exactly 1.
    static constexpr bool counted = Log && RowTable, two_sum = Log && !RowTable;
    B mb;
    // z = v - sub is reduced (sub = 0 or m) by the table `shifted` (its exponents shifted by -N
    // where RowTable, else as it is and -N in ext); general rows clamp z at z_min
    // (e^(z_min - s) < e^-105 rounds to 0) and scale it below z_deep (v - m < -64).
    B sub = B(0.0f), z_min = B(-105.0f), z_deep = B(-64.0f);
    simd::ibatch<B> ext = simd::ibatch<B>(0);
    // The row's table where it has one (RowTable), else nothing: short rows' code stays that of
    // the shared table.
    struct no_table {};
    [[no_unique_address]] std::conditional_t<RowTable, expf_detail::lane_table, no_table> shifted;
    SIMDACT_INLINE const expf_detail::lane_table* table() const {
      if constexpr (RowTable) {
        return &shifted;
      } else {
        return nullptr;  // the shared table
      }
    }

    // Whether the shallow path may take a row of max m: where it reduces v itself.
    SIMDACT_INLINE static bool shallow_serves(float m) { return two_sum || std::fabs(m) < 0x1p10f; }
    // N for a row of max m (shallow_serves(m); else the shift is m itself).
    SIMDACT_INLINE static double shift_n(float m) {
      return std::nearbyint(static_cast<double>(m) * (1.0 / ln2));
    }
    // e^(s - m), which turns the row's e = e^(v - s) into e^(v - m) (log_softmax's sum): e^t for
    // t = N ln2 - m, |t| <= ln2/2, by Taylor's degree 9 in Estrin's form (2^-36.6 relative, a
    // short chain on the row's path to its log; N ln2 in double: 2^-43 absolute at |N| < 2^11).
    SIMDACT_INLINE static double shift_factor(float m) {
      if (!shallow_serves(m)) return 1.0;
      const double t = shift_n(m) * ln2 - static_cast<double>(m), t2 = t * t, t4 = t2 * t2;
      const double p01 = 1.0 + t, p23 = std::fma(t, 1.0 / 6, 0.5),
                   p45 = std::fma(t, 1.0 / 120, 1.0 / 24), p67 = std::fma(t, 1.0 / 5040, 1.0 / 720),
                   p89 = std::fma(t, 1.0 / 362880, 1.0 / 40320);
      const double lo = std::fma(p23, t2, p01), hi = std::fma(std::fma(p89, t2, p67), t2, p45);
      return std::fma(hi, t4, lo);
    }

    SIMDACT_INLINE explicit row_exp(float m) : mb(m) {
      if constexpr (RowTable) shifted = expf_detail::exp_table::t_shifted;
      if constexpr (two_sum) return;
      if (shallow_serves(m)) {
        const double n = shift_n(m);
        // -N << 23, modulo 2^32 (through int32: a negative double to uint32 is undefined, and 0
        // on AArch64).
        const auto minus_n = static_cast<std::uint32_t>(-static_cast<std::int32_t>(n));
        if constexpr (RowTable) {
          for (float& t : shifted.v) {
            t = std::bit_cast<float>(std::bit_cast<std::uint32_t>(t) + (minus_n << 23));
          }
        } else {
          ext = simd::ibatch<B>(static_cast<std::int32_t>(minus_n << 23));
        }
        z_min = B(static_cast<float>(n * ln2 - 105.0));
        z_deep = B(m - 64.0f);  // exact
      } else {
        sub = mb;
      }
    }

    // Counted: the maxima's e left out (s = 0); the caller counts them (add_exp).
    SIMDACT_INLINE B without_maxima(B v, B s) const {
      if constexpr (counted) {
        return simd::zero_where(v == mb, s);
      } else {
        return s;
      }
    }

    template <bool General>
    SIMDACT_INLINE auto operator()(B v) const {
      if constexpr (two_sum) {
        const B d = v - mb;
        const B vv = d + mb, mm = d - vv;
        const B d_lo = (v - vv) - (mb + mm);  // d + d_lo = v - m exactly (TwoSum)
        if constexpr (General) {
          const auto tiny = d < B(-64.0f);  // e < 2^-92: computed times 2^64 (see expf.hpp)
          return scaled_exp<B>{
              expf_detail::exp_scale_and_rest<true, A>(simd::max(d, B(-104.0f)),
                                                       simd::keep_where(d >= B(-104.0f), d_lo),
                                                       expf_detail::times_2p64_where<B>(tiny)),
              tiny};
        } else {
          return expf_detail::exp_scale_and_rest<true, A>(d, d_lo, simd::ibatch<B>(0));
        }
      } else if constexpr (General) {
        const B z = simd::max(v - sub, z_min);
        const auto tiny = z < z_deep;
        const unrounded_exp<B> e = expf_detail::exp_scale_and_rest<false, A>(
            z, z, ext + expf_detail::times_2p64_where<B>(tiny), table());
        return scaled_exp<B>{unrounded_exp<B>{without_maxima(v, e.s), e.p}, tiny};
      } else {
        const unrounded_exp<B> e = expf_detail::exp_scale_and_rest<false, A>(v, v, ext, table());
        return unrounded_exp<B>{without_maxima(v, e.s), e.p};
      }
    }
  };

  // The sum of the e per lane as acc + rest_lo in float: acc starts at 1, so that no e has a
  // larger exponent (softmax's reach 1.42) and Fast2Sum keeps each addition's rounding error
  // exactly (into rest_lo, with e's lo).
  // e < 2^-92 cannot move k + rest, but rest alone may be that small (log_softmax of the max is
  // -rest then): those e enter as their float value (lo dropped, 2^-24 relative), and Fast2Sum
  // puts them whole into rest_lo.
  // log_softmax leaves its maxima out of the sum and counts them (maxima, per lane): k + rest
  // with k exact and rest = (the sum of the others) e^(s - m) to the sum's relative accuracy
  // (row_exp::shift_factor, in double), even where rest is far below 1.
  template <class B>
  struct row_sum {
    B acc = B(1.0f), rest_lo = B(0.0f), maxima = B(0.0f);
    SIMDACT_INLINE void count(simd::mask_t<B> at_max) {
      maxima = maxima + simd::keep_where(at_max, B(1.0f));
    }
    // e = s (1 + p) as the shallow exponential leaves it, unrounded: its float
    // hi = s + s p rounded, and what of e the addition to acc left out, e - (sum - acc), in one
    // FMA: one rounding where the pair took two, two instructions fewer (AVX2, AMD Zen 3,
    // interleaved best of 8: log_softmax 1.06-1.11x, softmax 1.00-1.06x). s - (sum - acc) is
    // exact where sum - acc is 0 or within a factor 2 of s, and elsewhere (e near half an ULP of
    // acc) rounds by 2^-25 of that ULP, as negligible as Fast2Sum's exactness it replaces.
    SIMDACT_INLINE B add(unrounded_exp<B> e) {
      const auto [s, p] = e;
      const B hi = simd::fmadd(s, p, s);
      const B sum = acc + hi;
      rest_lo = rest_lo + simd::fmadd(s, p, s - (sum - acc));
      acc = sum;
      return hi;
    }
    // The general path's e: on its lanes of e >= 2^-92 the same operations as above, so that
    // a row's sum, and its bits, do not depend on which path took it (short_rows picks one path
    // for four rows); on the others (computed times 2^64) hi = s (1 + p) 2^-64, entering whole.
    SIMDACT_INLINE B add(scaled_exp<B> g) {
      const auto [s, p] = g.e;
      const B h = simd::fmadd(s, p, s);
      const B hi = simd::select(g.tiny, h * B(0x1p-64f), h);
      const B sum = acc + hi, added = sum - acc;
      rest_lo = rest_lo + simd::select(g.tiny, hi - added, simd::fmadd(s, p, s - added));
      acc = sum;
      return hi;
    }
    // sum = coarse + fine: coarse = the lanes' acc - 1, exact while acc < 2^24 (rows below 2^24
    // W columns; beyond, it rounds by at most 2^-25 relative), multiples of 2^-23 summed
    // exactly in double, so that the sum keeps its relative accuracy however small it is.
    SIMDACT_INLINE double coarse() const { return simd::reduce_add(acc - B(1.0f)); }
    SIMDACT_INLINE double fine() const { return simd::reduce_add(rest_lo); }
    SIMDACT_INLINE double count_of_maxima() const { return simd::reduce_add(maxima); }
  };

  // v's e added to the row's sum (log_softmax: v counted instead where it is the max).
  template <bool General, class B, bool Log, bool RowTable>
  SIMDACT_INLINE static B add_exp(row_sum<B>& sum, const row_exp<B, Log, RowTable>& exp, B v) {
    if constexpr (row_exp<B, Log, RowTable>::counted) sum.count(v == exp.mb);
    return sum.add(exp.template operator()<General>(v));
  }

  // The tail's e (the last n % W elements, padding -inf): in shallow rows by the shallow path
  // too, its padding (NaN there) masked out.
  template <class B, bool Log, bool RowTable>
  SIMDACT_INLINE static B tail_exp(row_sum<B>& sum, B vt, simd::mask_t<B> counts,
                                   const row_exp<B, Log, RowTable>& exp, bool shallow) {
    if constexpr (row_exp<B, Log, RowTable>::counted) sum.count(vt == exp.mb);
    if (shallow) {
      const unrounded_exp<B> e = exp.template operator()<false>(vt);
      return sum.add(
          unrounded_exp<B>{simd::keep_where(counts, e.s), simd::keep_where(counts, e.p)});
    }
    return sum.add(exp.template operator()<true>(vt));
  }

  // Pass 3, from the row's max and sum: softmax scales e by 1 / sum as a float pair; log_softmax
  // shifts x by m + L as a float pair, L = log(sum).
  //   softmax: e * inv_hi + e * inv_lo in one FMA is e / sum to ~2^-47.
  //   log_softmax: y = (x - c_hi) - c_lo with c = m + L = c_hi + c_lo (the double sum split
  //   into floats): x - c_hi is exact where x is within a factor 2 of c_hi, and otherwise y is
  //   about as large as x - c_hi, so its rounding is within half an ULP of y; with the last
  //   rounding and c_lo's (2^-24 of c_lo <= L <= |y|), within 2 ULP. The maxima, where c's
  //   double rounding could swallow a tiny L (m = 100, L = 1e-30), get -L directly. Measured
  //   against a long-double oracle (611,000 outputs, rows of 10 to 5000 normal values of spread
  //   0.01 to 100, centred at 0 or 1000): max 1 ULP, 14% of outputs 1 ULP off. Alternatives on
  //   AVX2 (AMD): subtracting in double (widen, subtract, narrow: ~14 instructions per batch
  //   instead of 4) is 19-23% slower for log_softmax as a whole, x - c_hi by TwoSum 13-15%
  //   slower; both round nearly every output correctly (0.01-0.03% 1 ULP off).
  //   Long: the row's sums are row_exp's with RowTable (log_softmax: maxima counted apart).
  template <class Arch, bool Log, bool Long>
  struct finish {
    using B = simd::batch<Arch>;
    B mb, hi, lo, at_max;
    SIMDACT_INLINE finish(float m, const row_sum<B>& sum) : mb(m) {
      const double coarse = sum.coarse(), fine = sum.fine();
      if constexpr (Log) {
        // L = log(k + rest) = log1p((k - 1) + rest): counted, rest = (coarse + fine) e^(s - m);
        // else the maxima's 1s are in coarse, exactly.
        const double k_minus_1_plus_rest =
            row_exp<B, Log, Long>::counted
                ? (sum.count_of_maxima() - 1.0) +
                      (coarse + fine) * row_exp<B, Log, Long>::shift_factor(m)
                : (coarse - 1.0) + fine;
        const double l = log1p_nonnegative(k_minus_1_plus_rest);
        const double c = static_cast<double>(m) + l;
        const float c_hi = static_cast<float>(c);
        hi = B(c_hi);
        lo = B(static_cast<float>(c - static_cast<double>(c_hi)));
        at_max = B(static_cast<float>(-l));
      } else {
        const double inv = 1.0 / (coarse + fine);
        const float inv_hi = static_cast<float>(inv);
        hi = B(inv_hi);
        lo = B(static_cast<float>(inv - static_cast<double>(inv_hi)));
      }
    }
    // log_softmax: of x; softmax: of e.
    SIMDACT_INLINE B operator()(B v) const {
      if constexpr (Log) {
        return simd::select(v == mb, at_max, (v - hi) - lo);
      } else {
        return simd::fmadd(v, hi, v * lo);
      }
    }
  };

  // Rows from this many columns on take pass 3 from y's batch alignment (see vector_row).
  template <class B>
  static constexpr std::size_t aligned_pass3_from = 16 * simd::lanes<B>;

  // One row, for ISA Arch; `stream`: log_softmax writes y with streaming stores (vector_rows);
  // `next`: the next row's x, prefetched during pass 2 (none for the last row).
  template <class Arch, bool Log>
  SIMDACT_SCHEDULE_BEFORE_RA static void vector_row(const float* x, float* y, std::size_t n,
                                                    [[maybe_unused]] bool stream,
                                                    const float* next = nullptr) {
    using B = simd::batch<Arch>;
    constexpr std::size_t W = simd::lanes<B>;
    const std::size_t body = n - n % W, rest = n - body;
    const float neg_inf = -std::numeric_limits<float>::infinity();
    // The last n % W elements, padded with -inf (no effect on max or sums), kept in a register
    // for the three passes (read before anything is written: y may be x).
    const B vt = simd::load_first<B>(x + body, rest, neg_inf);

    // Pass 1: max and NaN; and the smallest element (the tail's counted once the max is known).
    B vmax(neg_inf), vmin(std::numeric_limits<float>::infinity());
    auto nan = simd::is_nan(vmax);
    for (std::size_t j = 0; j < body; j += W) {
      const B v = simd::load<B>(x + j);
      vmax = simd::max(vmax, v);
      vmin = simd::min(vmin, v);
      nan = nan | simd::is_nan(v);
    }
    vmax = simd::max(vmax, vt);
    nan = nan | simd::is_nan(vt);
    const float m = simd::reduce_max(vmax);
    if (simd::any<B>(nan) || std::isinf(m)) return edge_row(x, y, n, Log, simd::any<B>(nan), m);
    // The tail's lanes that count: not the padding, nor a -inf element, whose e is 0 anyway.
    const auto counts = vt > B(neg_inf);
    vmin = simd::min(vmin, simd::select(counts, vt, B(std::numeric_limits<float>::infinity())));
    const bool shallow = row_exp<B, Log>::shallow_serves(m) && is_shallow(vmin, m);

    // Pass 2: e = exp(x - m) in float (expf.hpp), and their sum.
    const row_exp<B, Log> exp(m);
    row_sum<B> sum;
    auto pass2 = [&](std::size_t j, auto general) SIMDACT_INLINE_LAMBDA {
      const B e = add_exp<decltype(general)::value>(sum, exp, simd::load<B>(x + j));
      if constexpr (!Log) simd::store(y + j, e);
    };
    auto body_pass2 = [&](auto general) SIMDACT_INLINE_LAMBDA {
      std::size_t j = 0;
      for (; j + 2 * W <= body; j += 2 * W) {  // two exponentials per step, interleaved
        if (next) simd::prefetch_lines<B, 2>(next + j);
        pass2(j, general);
        pass2(j + W, general);
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
    const finish<Arch, Log, true> f(m, sum);
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

  // Rows of at most 4 batches (NB), R at a time, so that the rows' dependency chains (max,
  // reductions, exponential, sums, division or log1p: a row's time here) overlap: NB - 1 full
  // batches and then the rest (1 to W elements, one masked batch), in vector_row's order.
  // AVX2, AMD Zen 3, against one row at a time (dlopen A/B, best of 12): rows of 1 to 16
  // columns (R = 4) softmax 1.43-1.57x, log_softmax 1.36-1.60x faster (R = 2 gave 1.12-1.28x);
  // bench-ab, best of 6: 409x10 softmax 1.75x, log_softmax 1.27x; 26214x10 1.90x and 1.41x;
  // rows of 17 to 32 columns 1.2-1.43x (R = 4 there 1.0-1.1x faster than R = 2). Every short
  // row goes through here, the rows left over one at a time (R = 1: single rows of 10 and 20
  // columns 1.14x and 1.29x faster for softmax than through vector_row, log_softmax 1.01x and
  // 1.11x), so that a row's bits do not depend on its neighbours: the general exponential,
  // taken for all R rows when one needs it, equals the shallow one where every x - m >= -64,
  // and so do their sums (row_sum's add of a scaled_exp; before, the general path's float pair
  // rounded twice, and one output in ~10^8 moved by 1 ULP with a deep neighbour: test
  // ShortRowWithADeepNeighbourAsAlone). A row with a NaN or an infinite max sends each of the R
  // rows through here alone (and that one, from there, to vector_row's edge rules).
  template <class Arch, bool Log, std::size_t R, std::size_t NB>
  SIMDACT_SCHEDULE_BEFORE_RA static void short_rows(const float* x, float* y, std::size_t n,
                                                    std::size_t xs, std::size_t ys) {
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
      shallow = shallow && row_exp<B, Log, false>::shallow_serves(m[k]) && is_shallow(low, m[k]);
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
      const finish<Arch, Log, false> f(m[k], sum[k]);
      for (std::size_t b = 0; b + 1 < NB; ++b)
        simd::store(y + k * ys + b * W, f(Log ? v[k][b] : e[k][b]));
      simd::store_first(y + k * ys + (NB - 1) * W, rest, f(Log ? v[k][NB - 1] : e[k][NB - 1]));
    }
  }

  // log_softmax streams y where the output is large (stream_from, driver.hpp), its rows are long (a
  // partial batch at each end of a row, through the cache, shares its lines with the streamed
  // ones) and y is float-aligned: its last pass is y's only write. AVX2, AMD Zen 3, 2^24
  // elements, best of 12 alternating: rows of 512 columns 1.08x, 1000 1.10x, 4096 1.15x, 32000
  // 1.12x faster; 16 to 256 columns 0.90-0.99x, hence the minimum. (Softmax writes y in pass 2
  // and rescales it in pass 3, in cache: nothing to gain.)
  template <class Arch, bool Log>
  static void vector_rows(const float* x, float* y, std::size_t rows, std::size_t cols,
                          std::size_t xs, std::size_t ys) {
    const bool stream = Log && simd::streams<simd::batch<Arch>> && cols >= 512 &&
                        rows * cols >= stream_from &&
                        reinterpret_cast<std::uintptr_t>(y) % sizeof(float) == 0;
    std::size_t r = 0;
    constexpr std::size_t W = simd::lanes<simd::batch<Arch>>;
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
};

}  // namespace simdact::SIMDACT_ISA::kernels
