// SPDX-License-Identifier: Apache-2.0
// AArch64 NEON table: Advanced SIMD is part of the architecture, so no extra flags.
#define SIMDACT_ISA neon
#include "make_table.hpp"

namespace simdact::neon {

const detail::kernel_table& table() {
  static constexpr detail::kernel_table table =
      make_vector_table<xsimd::neon64>(SIMDACT_ISA_NEON, detail::cpu::neon);
  return table;
}

}  // namespace simdact::neon
