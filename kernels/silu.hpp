// SPDX-License-Identifier: Apache-2.0
// silu(x) = x * sigmoid(x): swish with beta = 1, under its own name.
//
// Reference, vector kernel, accuracy (1 ULP) and special values: those of swish (swish.hpp) at
// beta = 1, where beta * x is exact and needs no remainder, and with the coarse exponential
// (expf.hpp; the hazard that keeps swish on the fine one needs |beta| >= ~1e4); x < -80 and NaN
// take the double path.
#pragma once

#include <cmath>

#include "exp_f64.hpp"
#include "logistic.hpp"
#include "protocol.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct silu : x_times_logistic_of_x {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::gated;
  static constexpr bool monotone = false;
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -0.0f}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
  static float naive(float x) { return x / (1.0f + std::exp(-x)); }

  static double reference(double x, const params& /*unused*/) {
    return x_times_logistic_reference(x, 1.0);
  }

  // As a gate (swiglu, gated.hpp): x logistic(x) unrounded, for |x| <= 80, the float path's error
  // 2^-24.7 (swish.hpp).
  struct gate : covers_up_to<80> {
    // The common case (logistic.hpp): |x| <= 40.
    using range = magnitude_up_to<40>;
    template <class B>
    SIMDACT_INLINE static quotient<B> logistic_of(B x, const params& /*unused*/) {
      return logistic<exp_accuracy::coarse>(x);
    }
    using common = x_up_logistic_common<gate>;
    template <class B>
    SIMDACT_INLINE static split<B> value(B x, const params& /*unused*/) {
      return times_logistic_split(x, logistic<exp_accuracy::coarse>(x));
    }
  };

  // The fast tier: x / (1 + e^-x), one division (logistic.hpp, fast_x_times_logistic); |x| > 87
  // and NaN by the double path. Bound 3 ULP; as a gate (x up) / (1 + e^-x), 3.5 ULP: x up's
  // rounding adds 2^-24 to the error before the division's rounding.
  struct fast : fast_x_times_logistic<x_times_logistic_of_x, false> {
    static constexpr int max_ulp = 3;
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
