// AVX-512F table (compiled with -mavx512f -mavx2 -mfma: GCC's -mavx512f does not imply FMA, so
// every flag is spelled out and every one is required at dispatch).
#define SIMDACT_BUILDING_TABLE
#include "../kernel_table.hpp"

namespace simdact::detail {

const kernel_table& avx512_table() {
  static constexpr kernel_table table = make_vector_table<xsimd::avx512f>(
      SIMDACT_ISA_AVX512, cpu::avx512f | cpu::avx2 | cpu::fma | cpu::os_ymm | cpu::os_zmm);
  return table;
}

}  // namespace simdact::detail
