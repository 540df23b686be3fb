// SPDX-License-Identifier: Apache-2.0
// Every ISA simdact knows, highest priority first, with its facts: the one list that dispatch,
// simdact_isa_name() and the tests read (benchmarks and tour iterate the library's masks).
#pragma once

#include <cstddef>

#include "simdact/simdact.h"

namespace simdact::detail {

struct isa_info {
  simdact_isa isa;
  const char* name;
  int rank;           // SIMDACT_MAX_ISA caps by rank, on any architecture ("neon" caps x86 at AVX2)
  std::size_t lanes;  // floats per vector
  bool streams;       // writes large outputs with streaming stores (kernels/driver.hpp)
};

inline constexpr isa_info isas[] = {
    {SIMDACT_ISA_AVX512, "avx512", 2, 16, true},
    {SIMDACT_ISA_AVX2, "avx2", 1, 8, true},
    {SIMDACT_ISA_NEON, "neon", 1, 4, false},
    {SIMDACT_ISA_SCALAR, "scalar", 0, 1, false},
};

// The entry of `isa`, or nullptr (SIMDACT_ISA_AUTO, or a value outside the enum).
constexpr const isa_info* find_isa(int isa) {
  for (const isa_info& i : isas) {
    if (i.isa == isa) return &i;
  }
  return nullptr;
}

}  // namespace simdact::detail
