// SPDX-License-Identifier: Apache-2.0
// log1p(s) = log(1 + s) in double for s >= 0, to ~2^-40 relative: log_softmax's once-per-row
// logarithm of the row's sum (softmax.hpp), on the critical path of every row: a short dependency
// chain of table lookup and polynomial, about half the latency of glibc's std::log1p.
//   s < 2^-10: s (1 - s/2 + s^2/3 - s^3/4 + s^4/5), the Taylor series (its first omitted term is
//     s^5/6 relative, < 2^-52);
//   else: u = 1 + s (its rounding, 2^-53 of u, is below 2^-43 of log u >= 2^-10), u = 2^k z with
//     z in [sqrt(1/2), sqrt(2)) from u's bits; z's subinterval i (128 of them, by its top bits)
//     gives c_i and log(c_i) from a table, r = z / c_i - 1 by one FMA with 1 / c_i (c_i is
//     defined as the reciprocal of that double, so that r is exact up to its rounding),
//     |r| < 2^-8; log u = k ln2 + log(c_i) + log1p(r), log1p(r) by Taylor to degree 5 (error
//     r^6/6 < 2^-50.6 absolute against log u >= 2^-10, the roundings ~2^-50).
// The table is computed at compile time (log by its atanh series).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

namespace log1p_detail {

inline constexpr int index_bits = 7;
inline constexpr std::uint64_t sqrt_half_bits = 0x3fe6a09e667f3bcdu;  // sqrt(1/2) rounded

// log(x) for x in [0.7, 1.42], by 2 atanh((x - 1) / (x + 1)), at compile time.
constexpr double log_near_one(double x) {
  const double t = (x - 1.0) / (x + 1.0), t2 = t * t;
  double term = t, sum = 0.0;
  for (int k = 0; k < 40; ++k) {
    sum += term / (2 * k + 1);
    term *= t2;
  }
  return 2.0 * sum;
}

struct entry {
  double inv_c;  // 1 / (the middle of the subinterval), rounded; c is defined as 1 / inv_c
  double log_c;  // log(c) = -log(inv_c)
};

struct table_t {
  entry e[1 << index_bits];
};

constexpr table_t make_table() {
  table_t t{};
  for (std::uint64_t i = 0; i < (1u << index_bits); ++i) {
    const std::uint64_t middle = sqrt_half_bits + ((2 * i + 1) << (51 - index_bits));
    const double inv_c = 1.0 / std::bit_cast<double>(middle);
    t.e[i] = {inv_c, -log_near_one(inv_c)};
  }
  return t;
}

inline constexpr table_t table = make_table();

// log1p(r) by its Taylor series to degree 5 (Estrin's scheme, for a short chain): the first
// omitted term is r^6/6, relative r^5/6 (< 2^-52 for |r| < 2^-10; 2^-50.6 absolute for
// |r| < 2^-8).
inline double taylor(double r) {
  const double r2 = r * r;
  return r + r2 * ((-0.5 + r * (1.0 / 3)) + r2 * (-0.25 + r * 0.2));
}

}  // namespace log1p_detail

// Out of line: called once per row, and inlined into the row code it made log_softmax 3-5% slower
// (docs/performance-notes.md).
[[gnu::noinline]] inline double log1p_nonnegative(double s) {
  if (s < 0x1p-10) return log1p_detail::taylor(s);
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(1.0 + s);
  const std::uint64_t offset = bits - log1p_detail::sqrt_half_bits;
  const auto k = static_cast<double>(static_cast<std::int64_t>(offset) >> 52);
  const double z = std::bit_cast<double>(bits - (offset & (std::uint64_t{0xfff} << 52)));
  const log1p_detail::entry& e =
      log1p_detail::table
          .e[(offset >> (52 - log1p_detail::index_bits)) & ((1u << log1p_detail::index_bits) - 1)];
  return (k * 0x1.62e42fefa39efp-1 + e.log_c) + log1p_detail::taylor(std::fma(z, e.inv_c, -1.0));
}

}  // namespace simdact::SIMDACT_ISA::kernels
