// leaky_relu(x; alpha) = x if x > 0, else alpha * x. Default alpha = 0.01; any finite alpha.
//
// Vector kernel: x > 0 ? x : alpha * x, one multiply, one compare, one blend. The float product
// is correctly rounded, as is the reference's double product rounded to float (24 + 24 bits fit
// in a double), so the kernel is exact (0 ULP), denormal products included. Memory-bound.
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -inf * alpha (-inf for alpha > 0, +inf for
// alpha < 0, NaN for alpha = 0); ±0 -> alpha * ±0.
#pragma once

#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct leaky_relu {
  static constexpr int max_ulp = 0;

  static double reference(double x, double alpha) { return x > 0 ? x : alpha * x; }

  template <class B>
  SIMDACT_INLINE static B eval(B x, B alpha) {
    return simd::select(x > simd::broadcast<B>(0.0f), x, alpha * x);
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
