// SPDX-License-Identifier: Apache-2.0
// mish(x) = x tanh(softplus(x)) = x tanh(log(1 + e^x)).
// Not monotone (a minimum of -0.3088 at x = -1.1924); x e^x below about -17, x above about 9.
//
// Reference: x tanh(log1p(e^x)) in long double (x itself above 40).
// Vector kernel, in double over the two halves of the batch (driver.hpp's map_double), with no
// logarithm: tanh(log(1 + e)) = ((1 + e)^2 - 1) / ((1 + e)^2 + 1) = n / (n + 2), n = e (e + 2), so
//   mish(x) = x n / (n + 2), e = e^x by exp_f64.hpp (2^-30 relative).
// n's relative error is e's plus two roundings (e + 2 > 0 cancels nothing), and n / (n + 2)
// has condition number 2 / (n + 2) < 1 in n: the quotient is within 2^-29.9 relative, the
// product and the narrowing to float leave max 1 ULP. x is clamped to [-200, 40] inside e^x and
// to -200 in the product: below -200 the result is -0 in float anyway (x e^x < 2^-280), and above
// 40 n / (n + 2) is 1 in double; -inf then gives -0, not -inf * 0.
// Accuracy: max 1 ULP over all floats (exhaustive, every vector ISA).
// Special values: NaN -> NaN; +inf -> +inf; -inf -> -0; ±0 -> ±0; subnormals -> 0.6 x.
#pragma once

#include <cmath>
#include <limits>

#include "driver.hpp"
#include "exp_f64.hpp"
#include "expf_fast.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct mish : fast_loop {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::none;
  static constexpr bool monotone = false;
  static constexpr special_value special_values[] = {
      {infinity, infinity},     {-infinity, -0.0f}, {0.0f, 0.0f},
      {-0.0f, -0.0f},           {-200.0f, -0.0f},   {100.0f, 100.0f},
      {0x1p-140f, 0x1.33p-141f}};
  static float naive(float x) { return x * std::tanh(std::log1p(std::exp(x))); }

  static double reference(double x, const params& /*unused*/) {
    if (std::isnan(x)) return x;
    if (x == -std::numeric_limits<double>::infinity()) return -0.0;
    if (x > 40) return x;  // tanh(log1p(e^x)) is 1 in long double, and e^x could overflow
    const long double xl = x;
    return static_cast<double>(xl * std::tanh(std::log1p(std::exp(xl))));
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, const params& /*unused*/) {
    const D xc = simd::max(x, D(-200.0));
    const D e = exp_f64(simd::min(xc, D(40.0)));
    const D n = e * (e + D(2.0));
    return xc * simd::div(n, n + D(2.0));
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return map_double<mish>(x, p);
  }

  // The fast tier: the same formula in float for x >= -87 (where e^x is normal; x e^x stays
  // normal down to -92.6), e^x by fast_exp (x clamped to 20 inside it: above, n / (n + 2) is 1
  // in float), n = e e + 2e in one FMA, the quotient correctly rounded; the other lanes (and
  // NaN) by the double path (driver.hpp's patch). Bound 4 ULP where the result is normal (4
  // measured: all floats on AVX2 and AVX-512, NEON's sweep).
  struct fast : fast_loop {
    static constexpr int max_ulp = 4;
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& p) {
      const B e = fast_exp<false, true>(simd::min(simd::max(x, B(-87.0f)), B(20.0f)));
      const B n = simd::fmadd(e, e, e + e);
      return patch<mish>(x, p, x >= B(-87.0f), x * simd::div(n, n + B(2.0f)));
    }
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
