// SPDX-License-Identifier: Apache-2.0
// The scalar table: every activation's reference formula in double, rounded to float. It is
// the fallback on any CPU. Baseline flags.
#define SIMDACT_ISA scalar
#include "make_table.hpp"

namespace simdact::scalar {

const detail::kernel_table& table() {
  static constexpr detail::kernel_table table = make_scalar_table();
  return table;
}

}  // namespace simdact::scalar
