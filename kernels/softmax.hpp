// softmax(x)_i = e^(x_i - m) / sum_j e^(x_j - m), m = max_j x_j, over each row of a matrix;
// log_softmax(x)_i = x_i - m - log(sum_j e^(x_j - m)).
//
// Reference: three passes per row in double (max; sum of exponentials; scale), exact enough that
// rounding to float is the correctly rounded result but in rare double-rounding cases. The sum
// is kept as 1 + rest so that log_softmax of the max element is -log1p(rest), not log(1 + rest)
// rounded to 0.
// Vector kernel: none yet; every ISA runs the reference.
// Edge rows (documented in simdact.h): any NaN -> the row is NaN; all -inf -> zeros (log: -inf);
// k entries of +inf -> 1/k there and 0 elsewhere (log: -log k and -inf); subtracting the max
// first keeps ±1e30 and other huge values from overflowing.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>

namespace simdact::kernels {

struct softmax {
  // One row of n >= 1 elements; y may equal x.
  static void reference_row(const float* x, float* y, std::size_t n, bool log) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    double m = -inf;
    bool nan = false;
    std::size_t infinite = 0;
    for (std::size_t j = 0; j < n; ++j) {
      nan |= std::isnan(x[j]);
      infinite += x[j] == inf;
      m = std::fmax(m, x[j]);
    }
    if (nan || m == -inf || m == inf) {
      const double k = static_cast<double>(infinite);
      for (std::size_t j = 0; j < n; ++j) {
        const bool hit = m == inf && x[j] == inf;
        const double v = nan   ? std::numeric_limits<double>::quiet_NaN()
                         : log ? (hit ? -std::log(k) : -inf)
                               : (hit ? 1.0 / k : 0.0);
        y[j] = static_cast<float>(v);
      }
      return;
    }
    // sum = 1 + rest, the 1 from the (first) maximum; log(sum) as log1p(rest) keeps the max
    // element's log_softmax, -log1p(rest), accurate when rest is tiny.
    double rest = 0.0;
    bool seen_max = false;
    for (std::size_t j = 0; j < n; ++j) {
      if (!seen_max && x[j] == m) {
        seen_max = true;
        continue;
      }
      rest += std::exp(x[j] - m);
    }
    const double sum = 1.0 + rest;
    const double log_sum = std::log1p(rest);
    for (std::size_t j = 0; j < n; ++j) {
      const double d = x[j] - m;
      y[j] = static_cast<float>(log ? d - log_sum : std::exp(d) / sum);
    }
  }
};

}  // namespace simdact::kernels
