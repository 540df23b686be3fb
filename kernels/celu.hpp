// SPDX-License-Identifier: Apache-2.0
// celu(x; alpha) = max(0, x) + min(0, alpha * (e^(x / alpha) - 1)) = x if x > 0, else
// alpha * (e^(x / alpha) - 1). Default alpha = 1; any finite alpha other than 0. For alpha > 0
// the output range is (-alpha, inf]; for alpha < 0, x < 0 gives alpha (e^(x / alpha) - 1), which
// falls to -inf as e^(x / alpha) overflows.
//
// Reference: alpha * expm1(x / alpha) in double.
// Vector kernel: at alpha = 1, elu's kernel (the same function; driver.hpp's variants). At other
// alphas, the double path for every lane (driver.hpp's map_double): x / alpha in double (relative
// error 2^-53), clamped to [-700, 700] where the float result is -alpha or ±inf long before;
// e^z - 1 by exp_f64.hpp's expm1_f64 (2^-30 relative), times alpha, one rounding to float.
// celu at alpha = 1 is what models use (PyTorch's default); other alphas are served exactly
// rather than fast, in both tiers.
// Accuracy: max 1 ULP over all floats (exhaustive at alpha = 1, 0.001, 2 and -0.5, every vector
// ISA).
// Special values (alpha > 0): NaN -> NaN; +inf -> +inf; -inf -> -alpha; ±0 -> ±0. alpha < 0:
// -inf -> -inf.
#pragma once

#include <cmath>
#include <tuple>

#include "driver.hpp"
#include "elu.hpp"
#include "exp_f64.hpp"
#include "protocol.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct celu {
  static constexpr int max_ulp = 1;
  static constexpr symmetry symmetric = symmetry::none;
  static constexpr bool monotone = true;  // at the default alpha
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, -1.0f}, {0.0f, 0.0f}, {-0.0f, -0.0f}, {-1e-40f, -1e-40f}};
  static constexpr special_value_at special_values_at[] = {
      {2.0f, -infinity, -2.0f},      {0.001f, -infinity, -0.001f}, {2.0f, infinity, infinity},
      {-0.5f, -infinity, -infinity}, {-0.5f, infinity, infinity},  {-0.5f, 0.0f, 0.0f},
      {-0.5f, -0.0f, -0.0f},         {2.0f, -0.0f, -0.0f},         {0.001f, 3.0f, 3.0f}};
  static float naive(float x) { return x > 0.0f ? x : std::expm1(x); }

  static double reference(double x, const params& p) {
    return x > 0 ? x : p.alpha * std::expm1(x / p.alpha);
  }

  template <class D>
  SIMDACT_INLINE static D eval_double(D x, const params& p) {
    const D alpha(p.alpha);
    const D z = simd::min(simd::max(x / alpha, D(-700.0)), D(700.0));
    return simd::select(x >= D(0.0), x, alpha * expm1_f64(z));  // ±0: x itself
  }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& p) {
    return map_double<celu>(x, p);
  }

  using variants = std::tuple<elu>;
  static int variant(const params& p) { return p.alpha == 1.0f ? 0 : -1; }

  // The fast tier: elu's at alpha = 1 (bound 4 ULP), the accurate kernel elsewhere.
  struct fast {
    static constexpr int max_ulp = elu::fast::max_ulp;
    template <class B>
    SIMDACT_INLINE static B eval(B x, const params& p) {
      return celu::eval(x, p);
    }
    using variants = std::tuple<elu::fast>;
    static int variant(const params& p) { return celu::variant(p); }
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
