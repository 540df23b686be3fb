// SPDX-License-Identifier: Apache-2.0
// relu(x) = max(0, x). Output range [+0, inf].
//
// Vector kernel: x <= 0 ? +0 : x, one compare and one blend: exact (0 ULP). The comparison is
// false for NaN, so NaN passes through, and true for -0, which gives +0. Memory-bound on every
// ISA.
// Special values: NaN -> NaN (same payload); +inf -> +inf; -inf -> +0; ±0 -> +0; positive
// denormals pass through unchanged.
#pragma once

#include <cmath>

#include "driver.hpp"
#include "parts.hpp"
#include "protocol.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

struct relu {
  static constexpr int max_ulp = 0;
  static constexpr symmetry symmetric = symmetry::none;
  static constexpr bool monotone = true;
  static constexpr special_value special_values[] = {
      {infinity, infinity}, {-infinity, 0.0f}, {0.0f, 0.0f}, {-0.0f, 0.0f},
      {1e-40f, 1e-40f},     {-1e-40f, 0.0f},   {-3.0f, 0.0f}};
  static float naive(float x) { return x > 0.0f ? x : 0.0f; }

  static double reference(double x, const params& /*unused*/) { return x <= 0 ? 0.0 : x; }

  template <class B>
  SIMDACT_INLINE static B eval(B x, const params& /*unused*/) {
    const B zero = simd::broadcast<B>(0.0f);
    return simd::zero_where(x <= zero, x);
  }

  // As a gate (reglu, gated.hpp): relu(x) exactly, every gate but NaN.
  struct gate {
    static constexpr bool exact = true;
    template <class B>
    SIMDACT_INLINE static simd::mask_t<B> covers(B x, const params& /*unused*/) {
      return x == x;
    }
    template <class B>
    SIMDACT_INLINE static split<B> value(B x, const params& p) {
      return {eval(x, p), B(0.0f)};
    }
  };
};

}  // namespace simdact::SIMDACT_ISA::kernels
