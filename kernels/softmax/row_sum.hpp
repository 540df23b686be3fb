// SPDX-License-Identifier: Apache-2.0
// Pass 2's sum: the row's exponentials summed per lane as a float pair (and log_softmax's maxima
// counted apart), and the tail's exponential.
#pragma once

#include "../parts.hpp"
#include "../simd.hpp"
#include "row_exp.hpp"

namespace simdact::SIMDACT_ISA::kernels::softmax {

// The sum of the e per lane as acc + rest_lo in float: acc starts at 1, so that no e has a
// larger exponent (e <= 1.42, row_exp) and Fast2Sum keeps each addition's rounding error
// exactly (into rest_lo, with e's lo).
// e < 2^-92 cannot move acc, but they may be all there is besides the max (softmax's 1, whose
// result needs no more): those e enter as their float value (lo dropped, 2^-24 relative), and
// Fast2Sum puts them whole into rest_lo. log_softmax leaves its maxima out of the sum and counts
// them (maxima, per lane), and scales the others so that the largest is near 1 (row_exp): k + rest
// with k exact and rest to the sum's relative accuracy, even where rest is far below 1 or below
// FLT_MIN.
template <class B>
struct row_sum {
  B acc = B(1.0f), rest_lo = B(0.0f), maxima = B(0.0f);
  // Long rows: every flush_batches batches per lane the lanes' sums go into double and start
  // again (flush), so that acc stays below 2^14 and rest_lo keeps its relative accuracy; without
  // it softmax lost a few ULP from 2^20 columns on (a row of 2^22 equal values: 7 ULP). Rows of
  // fewer batches never flush, and keep their bits.
  static constexpr std::size_t flush_batches = 8192;
  double coarse_done = 0.0, fine_done = 0.0, maxima_done = 0.0;
  SIMDACT_INLINE void flush() {
    coarse_done += simd::reduce_add(acc - B(1.0f));
    fine_done += simd::reduce_add(rest_lo);
    maxima_done += simd::reduce_add(maxima);
    acc = B(1.0f);
    rest_lo = B(0.0f);
    maxima = B(0.0f);
  }
  SIMDACT_INLINE void count(simd::mask_t<B> at_max) {
    maxima = maxima + simd::keep_where(at_max, B(1.0f));
  }
  // e = s (1 + p) as the shallow exponential leaves it, unrounded: its float
  // hi = s + s p rounded, and what of e the addition to acc left out, e - (sum - acc), in one
  // FMA: one rounding where the pair took two, two instructions fewer. s - (sum - acc) is
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
  SIMDACT_INLINE double coarse() const { return simd::reduce_add(acc - B(1.0f)) + coarse_done; }
  SIMDACT_INLINE double fine() const { return simd::reduce_add(rest_lo) + fine_done; }
  SIMDACT_INLINE double count_of_maxima() const { return simd::reduce_add(maxima) + maxima_done; }
};

// What pass 3 needs of a row's sum (finish): softmax, the sum; log_softmax, the argument of
// log1p, k - 1 + rest, from the maxima counted apart and the others' sum taken back by
// sum_factor, or from a sum that holds the maxima's 1s.
template <class B, class Exp>
SIMDACT_INLINE double sum_for_finish(const row_sum<B>& sum, const Exp& exp) {
  if constexpr (Exp::counted) {
    return (sum.count_of_maxima() - 1.0) + (sum.coarse() + sum.fine()) * exp.sum_factor();
  } else if constexpr (Exp::log) {
    return (sum.coarse() - 1.0) + sum.fine();
  } else {
    return sum.coarse() + sum.fine();
  }
}

// v's e added to the row's sum (log_softmax: v counted instead where it is the max).
template <bool General, class B, class Exp>
SIMDACT_INLINE B add_exp(row_sum<B>& sum, const Exp& exp, B v) {
  if constexpr (Exp::counted) sum.count(v == exp.mb);
  return sum.add(exp.template operator()<General>(v));
}

// The tail's e (the last n % W elements, padding -inf): in shallow rows by the shallow path
// too, its padding (NaN there) masked out.
template <class B, class Exp>
SIMDACT_INLINE B tail_exp(row_sum<B>& sum, B vt, simd::mask_t<B> counts, const Exp& exp,
                          bool shallow) {
  if constexpr (Exp::counted) sum.count(vt == exp.mb);
  if (shallow) {
    const unrounded_exp<B> e = exp.template operator()<false>(vt);
    return sum.add(unrounded_exp<B>{simd::keep_where(counts, e.s), simd::keep_where(counts, e.p)});
  }
  return sum.add(exp.template operator()<true>(vt));
}

}  // namespace simdact::SIMDACT_ISA::kernels::softmax
