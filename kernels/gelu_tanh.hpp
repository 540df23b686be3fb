// gelu_tanh(x) = 0.5 * x * (1 + tanh(u)), u = sqrt(2 / pi) * (x + 0.044715 * x^3): the tanh
// approximation of gelu (Hendrycks & Gimpel), a function of its own, not an approximation of ours.
//
// Reference: 0.5 * (1 + tanh(u)) = sigmoid(2u) exactly, so x * sigmoid(2u) in double: no
// cancellation for u << 0, where 1 + tanh(u) loses every digit. x^3 cannot overflow in double
// for float x.
// Vector kernel: none yet; every ISA runs the reference (0 ULP).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0.
#pragma once

#include <cmath>

#include "sigmoid.hpp"

namespace simdact::kernels {

struct gelu_tanh {
  static constexpr int max_ulp = 0;

  static double reference(double x, double /*unused*/) {
    const double k = 0.79788456080286535588;  // sqrt(2 / pi)
    const double u = k * (x + 0.044715 * x * x * x);
    const double s = sigmoid::reference(2.0 * u, 0.0);
    return s == 0.0 ? std::copysign(0.0, x) : x * s;
  }
};

}  // namespace simdact::kernels
