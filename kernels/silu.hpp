// silu(x) = x * sigmoid(x): swish with beta = 1, under its own name.
//
// Reference, vector kernel, accuracy (1 ULP) and special values: those of swish (swish.hpp) at
// beta = 1, where beta * x is exact and needs no remainder, and with the coarse exponential
// (expf.hpp; the hazard that keeps swish on the fine one needs |beta| >= ~1e4); x < -80 and NaN
// take the double path.
#pragma once

#include <limits>

#include "swish.hpp"

namespace simdact::kernels {

struct silu {
  static constexpr int max_ulp = swish::max_ulp;

  static double reference(double x, double /*unused*/) { return swish::reference(x, 1.0); }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, D /*unused*/) {
    return swish::eval_double(x, D(1.0));
  }

  // x clamped to 87 (as expf.hpp's logistic needs), and to FLT_MAX where it multiplies the
  // logistic's correction: at x = +inf, q is about 1 and the correction tiny, which would give
  // inf - inf. So +inf needs no double path and one comparison picks the lanes that do.
  template <class B>
  SIMDACT_INLINE static B eval(B x, B p) {
    const B big(std::numeric_limits<float>::max());
    const B fast = times_logistic(x, logistic<exp_accuracy::coarse>(simd::min(x, B(87.0f))),
                                  simd::min(x, big));
    return simd::patch<silu>(x, p, x >= B(-80.0f), fast);
  }

  // |x| <= 80: neither clamp does anything and no lane takes the double path (see driver.hpp).
  // AVX2, AMD Zen 3, rdtsc, interleaved, best of 300-400 at n = 4096 and of 40-60 at 262144:
  // 1.04-1.16x faster over two runs.
  struct common : simd::covers_up_to<80> {
    template <class B>
    SIMDACT_INLINE static B eval(B x, B /*unused*/) {
      return times_logistic(x, logistic<exp_accuracy::coarse>(x), x);
    }
  };
};

}  // namespace simdact::kernels
