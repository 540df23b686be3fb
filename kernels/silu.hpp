// silu(x) = x * sigmoid(x): swish with beta = 1, under its own name.
//
// Reference and special values: those of swish (swish.hpp) at beta = 1.
// Vector kernel: none yet; every ISA runs the reference (0 ULP).
#pragma once

#include "swish.hpp"

namespace simdact::kernels {

struct silu {
  static constexpr int max_ulp = swish::max_ulp;

  static double reference(double x, double /*unused*/) { return swish::reference(x, 1.0); }
};

}  // namespace simdact::kernels
