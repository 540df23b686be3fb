// SPDX-License-Identifier: Apache-2.0
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
//      the min, to know whether any x - m < -64; log_softmax on long rows also finds its largest
//      element below the max (each lane's two largest), for the scale of its sum (step 2);
//   2. e_j = exp(x_j - m) in float, as hi + lo by expf.hpp (softmax: fine, ~2^-27 relative;
//      log_softmax: coarse, 2^-24.75, one permute and one add fewer per batch, see Accuracy).
//      Both take e^(x_j - s) for a shift s = N ln2 within ln2/2 of m, from x_j itself and -N
//      in the exponent (or s = m where |m| >= 2^10, x_j - m then exact), without a TwoSum of
//      x_j - m: softmax's row factor e^(m - s) cancels in e / sum (row_exp), log_softmax
//      leaves its maxima out of the sum, counts them, and takes the others' sum back to
//      e^(x_j - m) by e^(s - m) in double once per row. On rows of up to 4 batches
//      (short_rows), where that per-row work costs more than the TwoSum it saves, log_softmax
//      takes x_j - m as d + d_lo exactly (TwoSum) instead. d < -64 computed times 2^64 and
//      scaled back, so that subnormal e_j are rounded once from an accurate value; rows with no
//      such d skip that scaling and its masks. Softmax stores hi, the float nearest e_j. Each
//      lane sums hi as a float pair: the accumulator starts at 1, so that Fast2Sum keeps every
//      addition's rounding error exactly (summed with the lo parts; softmax's e up to 1.42 have
//      the exponent of 1 at most, which Fast2Sum needs). log_softmax needs k - 1 + rest (for
//      log1p) with rest to full relative accuracy, however small: on long rows k is counted
//      exactly and rest summed alone, times 2^K so that its largest term is near 1 (row_exp);
//      on short rows the maxima contribute exactly 1 each to the accumulators, which keeps rest
//      accurate enough unless the max dominates (rest < 2^-12), and such rows are summed again
//      the long rows' way (short_rows_dominated);
//   3. softmax: y_j = e_j * (1 / sum), 1 / sum as a float pair and one FMA, one rounding;
//      log_softmax: y_j = (x_j - m) - log1p(sum - 1) as x_j - (m + L) with m + L a float
//      pair, and -L itself at the maxima (see finish). L by log1p.hpp (~2^-40 relative), a short
//      dependency chain on every row's critical path.
//   The last n % W elements are loaded once, padded with -inf (simd::load_first: a masked load
//   on AVX2, nothing read past the row), and kept in a register for the three passes; in rows
//   without deep terms they take the shallow exponential too, the padding masked out after it;
//   the horizontal max and sums reduce in registers. Short rows are bound by this per-row work,
//   and go several at a time (short_rows).
//   Softmax reads x twice and y once (writing it twice), log_softmax reads x three times and
//   writes y once (with streaming stores where the output is large: see vector_rows). While pass
//   2 runs, the next row's cache lines are prefetched (one prefetch per 64 bytes, into L2 on
//   x86), so that a matrix larger than the caches is read from memory behind the exponentials
//   instead of by pass 1 alone. Pass 2 takes two batches per step and the row is compiled with
//   the pre-allocation scheduler (SIMDACT_SCHEDULE_BEFORE_RA), so that two exponential chains
//   overlap. The online one-pass max-and-sum and the two-pass (mantissa, exponent) sum were
//   measured and not adopted (docs/performance-notes.md): the first loses log_softmax's accuracy
//   for the max element and saves nothing in cache, the second takes two exponentials per
//   element and cancels for the max element of log_softmax.
// Accuracy: softmax within 2 ULP of the exact result (0.5 from storing e_j, 0.5 from the final
// rounding, ~2^-27 from the float exponential and the sum); log_softmax within 2 ULP as well
// (see finish). The coarse exponential moves log_softmax's sum by at most 2^-24.75 relative
// (k is exact: counted, or the maxima's 1s; e^(s - m) adds 2^-36.6), so L = log(k + rest) by at
// most 2^-24.75 rest / (k + rest) <= 2^-24.75 L, which is at most 2^-24.75 of
// |y| = (m - x) + L: 0.6 ULP of y, on top of pass 3's roundings before the last one (x - c_hi:
// up to 1 ULP of y where the two straddle a power of 2; c_lo's: 0.25), 1.85 < 2 in all: within
// 2 ULP still (measured: max 1). Softmax keeps the fine one: its stored e_j already carries a
// float rounding (up to 1 ULP of y), and e_j's and the sum's 2^-24.75 would add 0.6 ULP each.
// log_softmax's rest keeps that relative accuracy at any size: summed times 2^K (its largest
// term near 1), it never meets the subnormal grid nor a float sum's rounding against the max's 1
// (issue 20: 510 ULP at 40,000 columns, 462 ULP for {0, -103.9 x 999}). Terms more than 105 below
// the row's second largest element are left out (below 2^-151 of the largest term).
// Special values (edge rows, documented in simdact.h): any NaN -> the row is NaN; all -inf ->
// zeros (log: -inf); k entries of +inf -> 1/k there and 0 elsewhere (log: -log k and -inf);
// subtracting the max first keeps ±1e30 and other huge values from overflowing.
#pragma once

// The passes live in kernels/softmax/: row_exp.hpp and row_sum.hpp (pass 2), finish.hpp (pass 3),
// rows.hpp (the rows driver and pass 1), edge.hpp (the scalar reference and the edge rows). The
// entry points: softmax::reference_row (the scalar kernel) and softmax::vector_rows<Arch, Log>.
#include "softmax/edge.hpp"
#include "softmax/rows.hpp"
