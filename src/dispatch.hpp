// SPDX-License-Identifier: Apache-2.0
// Run-time choice of the kernel table (DESIGN.md §6).
#pragma once

#include "kernel_table.hpp"

namespace simdact::detail {

// The table every call uses now: chosen once on first use (best supported ISA, capped by
// SIMDACT_MAX_ISA) unless simdact_set_isa() chose one. Entries are never null.
const kernel_table& active_table();

// Forces `isa` (SIMDACT_ISA_AUTO: automatic choice again); false if unsupported.
bool force_isa(simdact_isa isa);

// Bit masks (1u << isa).
unsigned supported_mask();
unsigned compiled_mask();

}  // namespace simdact::detail
