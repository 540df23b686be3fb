// SPDX-License-Identifier: Apache-2.0
// CPU feature detection of our own: xsimd 8.1's lacks the XGETBV (OS state) check.
#pragma once

namespace simdact::detail::cpu {

enum feature : unsigned {
  avx2 = 1u << 0,     // CPUID.7.0:EBX[5]
  fma = 1u << 1,      // CPUID.1:ECX[12]
  avx512f = 1u << 2,  // CPUID.7.0:EBX[16]
  os_ymm = 1u << 3,   // OSXSAVE and XCR0 has the SSE and AVX state (bits 1, 2)
  os_zmm = 1u << 4,   // ... and the opmask and ZMM state too (bits 5, 6, 7)
  neon = 1u << 5,     // AArch64: Advanced SIMD is architectural
};

// The features of this CPU and OS, detected once.
unsigned detected();

// The detected features as words, e.g. "avx2 fma os-ymm"; "" when none.
const char* detected_names();

}  // namespace simdact::detail::cpu
