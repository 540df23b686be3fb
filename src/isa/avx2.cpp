// AVX2 + FMA table (compiled with -mavx2 -mfma). fma3<avx2> is the xsimd arch that fuses.
#define SIMDACT_BUILDING_TABLE
#include "../kernel_table.hpp"

namespace simdact::detail {

const kernel_table& avx2_table() {
  static constexpr kernel_table table = make_vector_table<xsimd::fma3<xsimd::avx2>>(
      SIMDACT_ISA_AVX2, cpu::avx2 | cpu::fma | cpu::os_ymm);
  return table;
}

}  // namespace simdact::detail
