// SPDX-License-Identifier: Apache-2.0
// AVX-512F table (compiled with -mavx512f -mavx2 -mfma: GCC's -mavx512f does not imply FMA, so
// every flag is spelled out and every one is required at dispatch).
#define SIMDACT_ISA avx512
#include "make_table.hpp"

namespace simdact::avx512 {
namespace {

// Short rows go to the AVX2 kernels, through AVX2's table (every AVX-512 CPU has AVX2, and no
// AVX2 code is compiled here): a 16-lane batch holding a row of 10 has 6 lanes masked off, and
// its reductions are 16 lanes wide. The limits are where AVX-512 overtakes (softmax at 24 columns,
// log_softmax at 10; docs/performance-notes.md).
template <bool Log>
void softmax_rows(const float* x, float* y, std::size_t rows, std::size_t cols, std::size_t xs,
                  std::size_t ys) {
  if (cols <= (Log ? 8 : 20)) {
    const detail::kernel_table& t = avx2::table();
    return (Log ? t.log_softmax : t.softmax)(x, y, rows, cols, xs, ys);
  }
  kernels::softmax::vector_rows<xsimd::avx512f, Log>(x, y, rows, cols, xs, ys);
}

}  // namespace

const detail::kernel_table& table() {
  static constexpr detail::kernel_table table = make_vector_table<xsimd::avx512f>(
      SIMDACT_ISA_AVX512,
      detail::cpu::avx512f | detail::cpu::avx2 | detail::cpu::fma | detail::cpu::os_ymm |
          detail::cpu::os_zmm,
      &softmax_rows<false>, &softmax_rows<true>);
  return table;
}

}  // namespace simdact::avx512
