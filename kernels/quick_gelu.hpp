// SPDX-License-Identifier: Apache-2.0
// quick_gelu(x) = x * sigmoid(1.702 * x) (CLIP's QuickGELU), 1.702 being the float nearest it,
// 0x1.b3b646p0, as in PyTorch's float32 `x * torch.sigmoid(1.702 * x)`.
//
// Reference, vector kernel, accuracy and special values: swish's (swish.hpp) at that beta, whose
// `moderate` kernel (0 < beta <= 2^12: the coarse exponential, beta x reduced without forming it)
// runs here through driver.hpp's with_params, which fixes beta for the call.
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0.
// The fast tier: swish's fast kernel at the same beta, x / (1 + e^-(1.702 x)), bound 3 ULP.
#pragma once

#include <cmath>

#include "driver.hpp"
#include "logistic.hpp"
#include "protocol.hpp"
#include "swish.hpp"

namespace simdact::SIMDACT_ISA::kernels {

// swish's beta fixed at 1.702 (a parameter quick_gelu's caller does not pass).
struct quick_gelu_beta {
  static constexpr float beta = 0x1.b3b646p0f;
  static params apply(params p) {
    p.beta = beta;
    return p;
  }
};

struct quick_gelu : with_params<swish::moderate, quick_gelu_beta> {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::gated;
  static constexpr bool monotone = false;
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -0.0f}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
  static float naive(float x) { return x / (1.0f + std::exp(-1.702f * x)); }

  static double reference(double x, const params& /*unused*/) {
    return x_times_logistic_reference(x, quick_gelu_beta::beta);
  }

  struct fast : with_params<fast_x_times_logistic<swish, true>, quick_gelu_beta> {
    static constexpr int max_ulp = 3;
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
