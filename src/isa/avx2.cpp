// SPDX-License-Identifier: Apache-2.0
// AVX2 + FMA table (compiled with -mavx2 -mfma). fma3<avx2> is the xsimd arch that fuses.
#define SIMDACT_ISA avx2
#include "make_table.hpp"

namespace simdact::avx2 {

const detail::kernel_table& table() {
  static constexpr detail::kernel_table table = make_vector_table<xsimd::fma3<xsimd::avx2>>(
      SIMDACT_ISA_AVX2, detail::cpu::avx2 | detail::cpu::fma | detail::cpu::os_ymm);
  return table;
}

}  // namespace simdact::avx2
