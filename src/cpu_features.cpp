// SPDX-License-Identifier: Apache-2.0
#include "cpu_features.hpp"

#include <string>

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>
#endif

namespace simdact::detail::cpu {
namespace {

#if defined(__x86_64__)
unsigned detect() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
  const bool has_fma = ecx & (1u << 12);
  const bool osxsave = ecx & (1u << 27);
  const bool has_avx = ecx & (1u << 28);
  unsigned f = has_fma ? unsigned{fma} : 0u;
  if (osxsave && has_avx) {
    unsigned xcr0_lo = 0, xcr0_hi = 0;
    // XGETBV(0): which register states the OS saves; the intrinsic would need -mxsave.
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    if ((xcr0_lo & 0x6u) == 0x6u) f |= os_ymm;
    if ((xcr0_lo & 0xE6u) == 0xE6u) f |= os_zmm;
  }
  if (__get_cpuid_max(0, nullptr) >= 7) {
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    if (ebx & (1u << 5)) f |= avx2;
    if (ebx & (1u << 16)) f |= avx512f;
  }
  return f;
}
#elif defined(__aarch64__)
unsigned detect() { return neon; }
#else
unsigned detect() { return 0; }
#endif

}  // namespace

unsigned detected() {
  static const unsigned features = detect();
  return features;
}

const char* detected_names() {
  static constexpr struct {
    feature bit;
    const char* name;
  } names[] = {{avx2, "avx2"},     {fma, "fma"},       {avx512f, "avx512f"},
               {os_ymm, "os-ymm"}, {os_zmm, "os-zmm"}, {neon, "neon"}};
  static const std::string text = [] {
    std::string t;
    for (const auto& n : names) {
      if (!(detected() & n.bit)) continue;
      if (!t.empty()) t += ' ';
      t += n.name;
    }
    return t;
  }();
  return text.c_str();
}

}  // namespace simdact::detail::cpu
