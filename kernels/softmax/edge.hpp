// SPDX-License-Identifier: Apache-2.0
// softmax and log_softmax of one row in double (the scalar kernel and the reference), and the
// documented results of the edge rows (a NaN, an infinite maximum) that every ISA shares.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>

#include "../simd.hpp"

namespace simdact::SIMDACT_ISA::kernels::softmax {

// The rows whose maximum is infinite or that hold a NaN: the documented limits.
inline void edge_row(const float* x, float* y, std::size_t n, bool log, bool nan, double m) {
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
inline void reference_row(const float* x, float* y, std::size_t n, bool log) {
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

}  // namespace simdact::SIMDACT_ISA::kernels::softmax
