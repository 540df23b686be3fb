// softmax(x)_i = e^(x_i - m) / sum_j e^(x_j - m), m = max_j x_j, over each row of a matrix;
// log_softmax(x)_i = x_i - m - log(sum_j e^(x_j - m)).
//
// Reference: three passes per row in double (max; sum of exponentials; scale), exact enough that
// rounding to float is the correctly rounded result but in rare double-rounding cases.
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
    double sum = 0.0;
    for (std::size_t j = 0; j < n; ++j) sum += std::exp(x[j] - m);
    const double log_sum = std::log(sum);
    for (std::size_t j = 0; j < n; ++j) {
      const double d = x[j] - m;
      y[j] = static_cast<float>(log ? d - log_sum : std::exp(d) / sum);
    }
  }
};

}  // namespace simdact::kernels
