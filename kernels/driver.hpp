// The one elementwise loop: y[i] = Op::eval(x[i]) over a whole array, for any ISA.
//
// Four independent batches per iteration hide the latency of long polynomial chains; then single
// batches; the last n % W elements go through a padded stack copy and the same eval, so that a
// value's result never depends on its position or on the array's length, and nothing outside
// [x, x+n) and [y, y+n) is read or written. Each batch is loaded before it is stored, so y == x
// (in place) is safe.
#pragma once

#include <cstddef>
#include <cstring>

#include "simd.hpp"

namespace simdact::kernels {

template <class Arch, class Op>
void elementwise(const float* x, float* y, std::size_t n, float param) {
  using B = simd::batch<Arch>;
  constexpr std::size_t W = simd::lanes<B>;
  const B p = simd::broadcast<B>(param);
  std::size_t i = 0;
  for (; i + 4 * W <= n; i += 4 * W) {
    const B r0 = Op::eval(simd::load<B>(x + i), p);
    const B r1 = Op::eval(simd::load<B>(x + i + W), p);
    const B r2 = Op::eval(simd::load<B>(x + i + 2 * W), p);
    const B r3 = Op::eval(simd::load<B>(x + i + 3 * W), p);
    simd::store(y + i, r0);
    simd::store(y + i + W, r1);
    simd::store(y + i + 2 * W, r2);
    simd::store(y + i + 3 * W, r3);
  }
  for (; i + W <= n; i += W) {
    simd::store(y + i, Op::eval(simd::load<B>(x + i), p));
  }
  if (i < n) {
    float buf[W] = {};
    std::memcpy(buf, x + i, (n - i) * sizeof(float));
    simd::store(buf, Op::eval(simd::load<B>(buf), p));
    std::memcpy(y + i, buf, (n - i) * sizeof(float));
  }
}

}  // namespace simdact::kernels
