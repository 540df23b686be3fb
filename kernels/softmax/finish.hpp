// SPDX-License-Identifier: Apache-2.0
// Pass 3: y from the row's maximum and sum (softmax: e / sum; log_softmax: x - m - log(sum)).
#pragma once

#include "../log1p.hpp"
#include "../simd.hpp"

namespace simdact::SIMDACT_ISA::kernels::softmax {

// Pass 3, from the row's max and sum: softmax scales e by 1 / sum as a float pair; log_softmax
// shifts x by m + L as a float pair, L = log(sum).
//   softmax: e * inv_hi + e * inv_lo in one FMA is e / sum to ~2^-47.
//   log_softmax: y = (x - c_hi) - c_lo with c = m + L = c_hi + c_lo (the double sum split
//   into floats): x - c_hi is exact where x is within a factor 2 of c_hi, and otherwise y is
//   about as large as x - c_hi, so its rounding is within half an ULP of y; with the last
//   rounding and c_lo's (2^-24 of c_lo <= L <= |y|), within 2 ULP. The maxima, where c's
//   double rounding could swallow a tiny L (m = 100, L = 1e-30), get -L directly. (Measured:
//   max 1 ULP against a long-double oracle; the alternatives: docs/performance-notes.md.)
template <class Arch, bool Log>
struct finish {
  using B = simd::batch<Arch>;
  B mb, hi, lo, at_max;
  // s: sum_for_finish's (softmax: the sum; log_softmax: k - 1 + rest).
  SIMDACT_INLINE finish(float m, double s) : mb(m) {
    if constexpr (Log) {
      const double l = log1p_nonnegative(s);  // L = log(k + rest) = log1p(k - 1 + rest)
      const double c = static_cast<double>(m) + l;
      const float c_hi = static_cast<float>(c);
      hi = B(c_hi);
      lo = B(static_cast<float>(c - static_cast<double>(c_hi)));
      at_max = B(static_cast<float>(-l));
    } else {
      const double inv = 1.0 / s;
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

}  // namespace simdact::SIMDACT_ISA::kernels::softmax
