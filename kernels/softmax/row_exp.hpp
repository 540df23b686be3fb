// SPDX-License-Identifier: Apache-2.0
// Pass 2's exponential: e = exp(v - s) for a row's elements v, shifted by s near the row's
// maximum, shallow or general (see softmax.hpp for the algorithm and its accuracy).
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "../expf.hpp"
#include "../parts.hpp"
#include "../simd.hpp"

namespace simdact::SIMDACT_ISA::kernels::softmax {

// Softmax takes the fine exponential (expf.hpp), log_softmax the coarse one (see the accuracy
// note at the top).
template <bool Log>
constexpr exp_accuracy accuracy = Log ? exp_accuracy::coarse : exp_accuracy::fine;

// An exponential as s (1 + p), unrounded, times 2^64 on the lanes of `tiny`.
template <class B>
struct scaled_exp {
  unrounded_exp<B> e;
  simd::mask_t<B> tiny;
};

// A row's e = exp(v - s) for a shift s near its max m, for its elements v <= m, shallow
// (General = false: every e at least 2^-92 (shallow) and |m| < 2^10 (shallow_serves); e as
// s (1 + p), unrounded, which row_sum rounds) or general (any v, -inf and padding included: their
// e is 0; e < 2^-92 computed times 2^64 and scaled back, so that it is rounded once; row_sum
// rounds the others as the shallow path's, to the same bits). The e are e^(v - m) times the
// row's constant e^(m - s), in [0.70, 1.42] (so that row_sum's Fast2Sum still holds): softmax's
// cancels in e / sum, log_softmax's is taken out of the sum in double (sum_factor).
//   - |m| < 2^10: s = N ln2, N = round(m / ln2): e = e^v 2^-N, v reduced as it is (its k and r
//     as accurate as for v - m: r1 exact, k ln2_8_lo's error below 2^-33 for |v| < 2^11), -N
//     added to the exponent field of every entry of the exponential's table once per row
//     (modulo 2^32, like the reduction's own integer add), so that a batch costs no more than
//     e^v: no subtraction, no add of -N (53 instructions per two batches instead of 57, and
//     no constant reloaded from the stack);
//   - |m| >= 2^10: s = m, v - m exact (Sterbenz: v and m within a factor 2 for every v >= m -
//     245 that matters; below, v - m rounds lower still and is clamped); such rows take the
//     general path.
//   Six instructions fewer per batch than taking v - m as d + d_lo exactly (TwoSum) and e^(d +
//   d_lo), which log_softmax did until it left its maxima out of the sum (row_sum).
// Apart (log_softmax's long rows, and its short rows where the max dominates): the max's result
// is -log1p(rest), which needs rest, the others' sum, to its full relative accuracy however
// small. So the maxima are left out (s zeroed, counted per lane) and the others scaled by 2^K,
// K = floor((m - r) / ln2) for r the row's largest element below m, so that the largest of them
// is in (0.5, 1] before the row factor (K joins -N in the exponent field): the sum starts at 1
// like softmax's and rounds at 2^-24 of rest, not of the max's 1, and terms subnormal against 1
// stay normal. The lines below which e is scaled by 2^64 (z_deep, 64 below r) or dropped
// (z_min, 105 below r: e < 2^-151 of the largest term) follow r. The maxima's own e, up to
// e^(m - r) 2^K, are never used as floats: their s, whose exponent field wraps, is zeroed right
// after the integer add (without_maxima). m - r is capped at max_gap: beyond, rest < 2^-156 on
// any row memory can hold (2^46 floats) and the max's result rounds to -0 anyway. The sum is
// taken back by e^(s - m) 2^-K in double once per row (sum_factor).
// Not Apart (log_softmax's short rows; RowTable = false: every short row goes through
// short_rows, single rows too, so that a row's form depends on its length only): the TwoSum
// d + d_lo = v - m, where the row factor's per-row work costs more than the TwoSum of one to
// four batches, and the maxima's e (exactly 1 each) summed with the others, which is accurate
// enough unless the max dominates; short_rows sums such rows again Apart, its 2^K through ext
// (counting the maxima and finding r on every short row cost more than that: see
// docs/performance-notes.md).
//   RowTable = false (short rows, where building the table per row costs more than it saves):
//   -N added per batch instead, as ext.
template <class B, bool Log, bool RowTable = true, bool Apart = Log&& RowTable>
struct row_exp {
  static_assert(Log || !Apart, "only log_softmax sums its maxima apart");
  static constexpr exp_accuracy A = accuracy<Log>;
  static constexpr double ln2 = 0.69314718055994530942;
  // log_softmax's two forms: on long rows (RowTable) e^(v - s); on short rows e^(d + d_lo),
  // d + d_lo = v - m exactly (TwoSum); counted: Apart.
  static constexpr bool log = Log, counted = Apart, two_sum = Log && !RowTable;
  static constexpr double max_gap = 140.0;
  float m;
  B mb;
  // z (v - sub, sub = 0 or m; two_sum: d) is reduced by the table `shifted` (its exponents
  // shifted by -N + K where RowTable, else as it is and that in ext); general rows clamp z at
  // z_min (e^(z_min - s) 2^K < e^-105 rounds to 0) and scale it below z_deep.
  B sub = B(0.0f), z_min = B(-105.0f), z_deep = B(-64.0f);
  simd::ibatch<B> ext = simd::ibatch<B>(0);
  float deep_line = -64.0f;  // z_deep's value
  int scale = 0;             // K (Apart), else 0
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

  // Whether the table reduction may take a row of max m: where it reduces v itself.
  SIMDACT_INLINE static bool shallow_serves(float m) { return two_sum || std::fabs(m) < 0x1p10f; }
  // N for a row of max m (shallow_serves(m); else the shift is m itself).
  SIMDACT_INLINE static double shift_n(float m) {
    return std::nearbyint(static_cast<double>(m) * (1.0 / ln2));
  }

  // m, the row's max; below (Apart), its largest element below m (m where the lanes cannot
  // tell, a lane holding m twice: then k >= 2, L >= log 2, and rest needs no scaling; -inf
  // where there is none).
  SIMDACT_INLINE explicit row_exp(float row_max, float below = 0.0f) : m(row_max), mb(row_max) {
    double gap = 0.0;  // m - r, capped
    if constexpr (Apart) {
      gap = std::min(static_cast<double>(m) - static_cast<double>(below), max_gap);
      scale = static_cast<int>(gap * (1.0 / ln2));
    }
    const std::uint32_t scale_bits = static_cast<std::uint32_t>(scale) << 23;
    if constexpr (RowTable) shifted = expf_detail::exp_table::t_shifted;
    std::uint32_t exponent = scale_bits;
    if (!two_sum && shallow_serves(m)) {
      const double n = shift_n(m);
      // -N << 23, modulo 2^32 (through int32: a negative double to uint32 is undefined, and 0
      // on AArch64).
      exponent += static_cast<std::uint32_t>(-static_cast<std::int32_t>(n)) << 23;
      z_min = B(static_cast<float>(n * ln2 - 105.0 - gap));
      deep_line = static_cast<float>(static_cast<double>(m) - gap) - 64.0f;
    } else {
      if constexpr (!two_sum) sub = mb;
      z_min = B(static_cast<float>((two_sum ? -104.0 : -105.0) - gap));
      deep_line = static_cast<float>(-gap) - 64.0f;
    }
    z_deep = B(deep_line);
    if constexpr (RowTable) {
      for (float& t : shifted.v) {
        t = std::bit_cast<float>(std::bit_cast<std::uint32_t>(t) + exponent);
      }
    } else {
      ext = simd::ibatch<B>(static_cast<std::int32_t>(exponent));
    }
  }

  // Whether pass 2 may take the shallow path, from the row's smallest element `low` (over
  // lanes): the table reduction serves, and no z is below z_deep (z is monotone in v).
  SIMDACT_INLINE bool shallow(B low) const {
    if (!shallow_serves(m)) return false;
    const float v = -simd::reduce_max(-low);
    return (two_sum ? v - m : v) >= deep_line;
  }

  // Apart: what takes the row's sum back to the others' e^(v - m) summed: e^(s - m) 2^-K,
  // e^t for t = N ln2 - m, |t| <= ln2/2, by Taylor's degree 9 in Estrin's form (2^-36.6
  // relative, a short chain on the row's path to its log; N ln2 in double: 2^-43 absolute at
  // |N| < 2^11); 2^-K exact.
  SIMDACT_INLINE double sum_factor() const {
    const double two_minus_k =
        std::bit_cast<double>(static_cast<std::uint64_t>(1023 - scale) << 52);
    if (two_sum || !shallow_serves(m)) return two_minus_k;
    const double t = shift_n(m) * ln2 - static_cast<double>(m), t2 = t * t, t4 = t2 * t2;
    const double p01 = 1.0 + t, p23 = std::fma(t, 1.0 / 6, 0.5),
                 p45 = std::fma(t, 1.0 / 120, 1.0 / 24), p67 = std::fma(t, 1.0 / 5040, 1.0 / 720),
                 p89 = std::fma(t, 1.0 / 362880, 1.0 / 40320);
    const double lo = std::fma(p23, t2, p01), hi = std::fma(std::fma(p89, t2, p67), t2, p45);
    return std::fma(hi, t4, lo) * two_minus_k;
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
        const auto tiny = d < z_deep;  // e < 2^-92 before 2^K: computed times 2^64 (expf.hpp)
        const unrounded_exp<B> e = expf_detail::exp_scale_and_rest<true, A>(
            simd::max(d, z_min), simd::keep_where(d >= z_min, d_lo),
            ext + expf_detail::times_2p64_where<B>(tiny));
        return scaled_exp<B>{unrounded_exp<B>{without_maxima(v, e.s), e.p}, tiny};
      } else {
        const unrounded_exp<B> e = expf_detail::exp_scale_and_rest<true, A>(d, d_lo, ext);
        return unrounded_exp<B>{without_maxima(v, e.s), e.p};
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

}  // namespace simdact::SIMDACT_ISA::kernels::softmax
