// Pass 2's exponential: e = exp(v - s) for a row's elements v, shifted by s near the row's
// maximum, shallow or general (see softmax.hpp for the algorithm and its accuracy).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "../expf.hpp"
#include "../parts.hpp"
#include "../simd.hpp"

namespace simdact::SIMDACT_ISA::kernels::softmax {

// Whether every x - m is >= -64 (the usual case), from the lanes' smallest x and the max m:
// then no e is below 2^-92, and pass 2 skips the 2^64 scaling and its masks (about 8
// instructions per batch).
template <class B>
SIMDACT_INLINE bool is_shallow(B low, float m) {
  return static_cast<double>(-simd::reduce_max(-low)) - m >= -64.0;
}

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
//     no constant reloaded from the stack);
//   - |m| >= 2^10: s = m, v - m exact (Sterbenz: v and m within a factor 2 for every v >= m -
//     105 that matters; below, v - m rounds to -105 or less and is clamped); such rows take
//     the general path.
//   Six instructions fewer per batch than taking v - m as d + d_lo exactly (TwoSum) and e^(d +
//   d_lo), which log_softmax did until it left its maxima out of the sum (row_sum).
//   log_softmax on long rows (RowTable) takes the same e^(v - s), its maxima left out of the
//   sum (zeroed, counted per lane) and the rest taken back by e^(s - m) in double once per row
//   (shift_factor). On short rows the count, its reduction and e^(s - m) cost more than the
//   TwoSum of one to four batches, so short_rows keeps the TwoSum (two_sum), and every short row
//   goes through short_rows (single rows too), so that a row's form depends on its length only.
//   RowTable = false (short rows, where building the table per row costs more than it saves):
//   -N added per batch instead, as ext.
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
        return scaled_exp<B>{expf_detail::exp_scale_and_rest<true, A>(
                                 simd::max(d, B(-104.0f)), simd::keep_where(d >= B(-104.0f), d_lo),
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

}  // namespace simdact::SIMDACT_ISA::kernels::softmax
