// silu(x) = x * sigmoid(x): swish with beta = 1, under its own name.
//
// Reference, vector kernel, accuracy (1 ULP) and special values: those of swish (swish.hpp) at
// beta = 1, where beta * x is exact and needs no remainder, and with the coarse exponential
// (expf.hpp; the hazard that keeps swish on the fine one needs |beta| >= ~1e4); x < -80 and NaN
// take the double path.
#pragma once

#include <limits>

#include "exp_f64.hpp"
#include "logistic.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct silu : logistic_of_x<silu> {
  static constexpr int max_ulp = 1;

  static double reference(double x, double /*unused*/) {
    return x_times_logistic_reference(x, 1.0);
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, D /*unused*/) {
    return x_times_logistic_f64(x, D(1.0));
  }

  // eval and the common case (|x| <= 80: neither clamp does anything and no lane takes the
  // double path; AVX2, AMD Zen 3, rdtsc, interleaved, best of 300-400 at n = 4096 and of 40-60 at
  // 262144: 1.04-1.16x faster over two runs) from logistic_of_x (logistic.hpp), with this float
  // path: x clamped to 87 (as logistic.hpp's logistic needs), and to FLT_MAX where it multiplies
  // the logistic's correction: at x = +inf, q is about 1 and the correction tiny, which would give
  // inf - inf. So +inf needs no double path and one comparison picks the lanes that do. In the
  // common case neither clamp.
  template <bool Common, class B>
  SIMDACT_INLINE static B float_path(B x) {
    const B big(std::numeric_limits<float>::max());
    return times_logistic(x, logistic<exp_accuracy::coarse>(Common ? x : simd::min(x, B(87.0f))),
                          Common ? x : simd::min(x, big));
  }
};

}  // namespace simdact::SIMDACT_ISA::kernels
