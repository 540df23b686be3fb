// gelu_tanh(x) = 0.5 * x * (1 + tanh(u)), u = sqrt(2 / pi) * (x + 0.044715 * x^3): the tanh
// approximation of gelu (Hendrycks & Gimpel), a function of its own, not an approximation of ours.
//
// Reference: 0.5 * (1 + tanh(u)) = sigmoid(2u) exactly, so x * sigmoid(2u) in double: no
// cancellation for u << 0, where 1 + tanh(u) loses every digit. x^3 cannot overflow in double
// for float x.
// Vector kernel: the same in double, x clamped to ±1e39 (as in swish.hpp: the infinities get
// their limits from the arithmetic), 2u clamped to [-200, 200], logistic from exp.hpp, one
// rounding to float.
// Accuracy: max 1 ULP over all floats.
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0.
#pragma once

#include <cmath>

#include "exp.hpp"
#include "sigmoid.hpp"

namespace simdact::kernels {

struct gelu_tanh {
  static constexpr int max_ulp = 1;
  static constexpr double k = 0.79788456080286535588;  // sqrt(2 / pi)

  static double reference(double x, double /*unused*/) {
    const double u = k * (x + 0.044715 * x * x * x);
    const double s = sigmoid::reference(2.0 * u, 0.0);
    return s == 0.0 ? std::copysign(0.0, x) : x * s;
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, D /*unused*/) {
    const D xc = simd::min(simd::max(x, D(-1e39)), D(1e39));
    const D two_u = (D(2.0 * k) * xc) * simd::fmadd(D(0.044715), xc * xc, D(1.0));
    return xc * logistic_f64(two_u);
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, B p) {
    return simd::map_double<gelu_tanh>(x, p);
  }
};

}  // namespace simdact::kernels
