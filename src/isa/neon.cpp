// AArch64 NEON table: Advanced SIMD is part of the architecture, so no extra flags.
#define SIMDACT_BUILDING_TABLE
#include "../kernel_table.hpp"

namespace simdact::detail {

const kernel_table& neon_table() {
  static constexpr kernel_table table =
      make_vector_table<xsimd::neon64>(SIMDACT_ISA_NEON, cpu::neon);
  return table;
}

}  // namespace simdact::detail
