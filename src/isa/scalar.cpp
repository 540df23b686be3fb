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

bool has_fast_kernel(int id) {
  static constexpr bool facts[] = {
#define SIMDACT_ACTIVATION(id, name, NAME, count, params) kernels::has_fast<kernels::name>,
#include "simdact/activations.def"
  };
  return facts[id];
}

bool can_gate(int id) {
  static constexpr bool facts[] = {
#define SIMDACT_ACTIVATION(id, name, NAME, count, params) kernels::has_gate<kernels::name>,
#include "simdact/activations.def"
  };
  return facts[id];
}

}  // namespace simdact::scalar
