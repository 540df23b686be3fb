// SPDX-License-Identifier: Apache-2.0
// e^x in double precision (exp_f64) and the logistic built on it (logistic_f64), over a double
// batch D: the double-precision paths of the kernels (gelu, softmax, and the lanes the float
// kernels leave to double: see expf.hpp), which evaluate their formula in double and round once
// to float.
//
// Algorithm, for x in [-700, 700] (callers clamp; NaN gives an unspecified finite value):
//   n = round(x log2 e), by adding and subtracting 1.5 * 2^52;
//   r = x - n ln2 in two FMA steps (ln2 as a double plus its residual), |r| <= ln2/2 (+ tiny);
//   p = expm1(r) = r + r^2 Q(r), Q of degree 5 (tools/sollya/expm1.sollya): relative error
//       below 2^-30.9 on the interval;
//   2^n = the bits (n + 1023) << 52, taken from the low bits of the rounding sum;
//   e^x = 2^n + 2^n p (one FMA).
// Error: relative 2^-30, far below a float ULP (2^-24), which is what lets the kernels round
// once and stay within 1 ULP.
#pragma once

#include "parts.hpp"
#include "simd.hpp"

namespace simdact::SIMDACT_ISA::kernels {

// expm1 on the reduced interval: r + r^2 Q(r).
inline constexpr double expm1_q[] = {
    0x1.0000000b7e318p-1, 0x1.55555527304d3p-3,  0x1.5554e958fdba7p-5,
    0x1.11114bddd95fbp-7, 0x1.6d42ca60db561p-10, 0x1.a072c0193cbafp-13,
};

// e^x as s (1 + p), s = 2^n exactly.
template <class D>
SIMDACT_INLINE unrounded_exp<D> exp_reduce(D x) {
  const D shifter(0x1.8p52);  // adding it rounds x log2 e to an integer kept in the low bits
  const D t = simd::fmadd(x, D(0x1.71547652b82fep0), shifter);
  const D n = t - shifter;
  D r = simd::fnmadd(n, D(0x1.62e42fefa39efp-1), x);  // ln 2 rounded to double
  r = simd::fnmadd(n, D(0x1.abc9e3b39803fp-56), r);   // ln 2 minus that double
  const D p = simd::fmadd(r * r, simd::horner(r, expm1_q), r);
  const D scale = simd::as_double((simd::as_int(t) + 1023) << 52);
  return {scale, p};
}

template <class D>
SIMDACT_INLINE D exp_f64(D x) {
  const unrounded_exp<D> e = exp_reduce(x);
  return simd::fmadd(e.s, e.p, e.s);
}

// e^x - 1, for x in [-700, 700], to the same relative error: s - 1 is exact for the s that
// matter (|n| <= 53) and cancels nothing against s p (n = 0: the result is p itself).
template <class D>
SIMDACT_INLINE D expm1_f64(D x) {
  const unrounded_exp<D> e = exp_reduce(x);
  return simd::fmadd(e.s, e.p, e.s - D(1.0));
}

// The logistic function 1 / (1 + e^-t) in double, as e / (1 + e) with e = e^t and t clamped to
// [-200, 200] (the float result is 0 or 1 long before). One formula for both signs: for t < 0
// it keeps full relative accuracy down to the smallest subnormal float result, and for t > 0
// 1 / (1 + e) cancels nothing that a float result near 1 could see (double has 29 bits more).
// A NaN t gives an unspecified value.
template <class D>
SIMDACT_INLINE D logistic_f64(D t) {
  const D e = exp_f64(simd::min(simd::max(t, D(-200.0)), D(200.0)));
  return simd::div(e, D(1.0) + e);
}

}  // namespace simdact::SIMDACT_ISA::kernels
