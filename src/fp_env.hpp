// SPDX-License-Identifier: Apache-2.0
// The floating-point environment of a call. The kernels run in the default environment whatever
// the caller's: round to nearest, no flush-to-zero and no denormals-are-zero, every exception
// masked, so that the results are those of the contract in any rounding mode and under FTZ/DAZ,
// and a caller's traps never fire on the kernels' intermediates (their padding lanes, clamped
// lanes, and the like compute inf - inf or overflow where the result is finite). On return the
// caller's environment is restored as it was, with FE_INEXACT and FE_UNDERFLOW set: those two are
// raised by every call, spuriously where its results were exact; no other flag is raised at all.
// (Setting them without reading what the call raised saves a read of the status register, which
// waits for every floating-point instruction in flight.)
//   x86-64: MXCSR (SSE; the kernels use no x87). AArch64: FPCR and FPSR. Elsewhere the caller's
//   environment is used as it is.
// Cost: one read of the control register and one write per call, a second write where the
// caller's mode is not the default (docs/performance-notes.md).
#pragma once

#if defined(__x86_64__) || defined(_M_X64)
#include <xmmintrin.h>
#endif

#include <cstdint>

namespace simdact::detail {

class fp_scope {
 public:
#if defined(__x86_64__) || defined(_M_X64)
  // MXCSR: flags in bits 0-5 (IE DE ZE OE UE PE), masks 7-12, rounding 13-14, FTZ 15, DAZ 6.
  static constexpr std::uint32_t flags = 0x3F, allowed_flags = 0x30, default_control = 0x1F80;

  fp_scope() : saved_(_mm_getcsr()) {
    if ((saved_ & ~flags) != default_control) _mm_setcsr(default_control | (saved_ & flags));
  }
  ~fp_scope() { _mm_setcsr(saved_ | allowed_flags); }

 private:
  std::uint32_t saved_;
#elif defined(__aarch64__)
  // FPSR: flags in bits 0-4 (IOC DZC OFC UFC IXC) and 7 (IDC). FPCR: the default is 0 (round to
  // nearest, no flush-to-zero, no default NaN, no traps).
  static constexpr std::uint64_t allowed_flags = 0x18;

  fp_scope() {
    asm volatile("mrs %0, fpcr" : "=r"(control_));
    asm volatile("mrs %0, fpsr" : "=r"(status_));
    if (control_ != 0) asm volatile("msr fpcr, %0" : : "r"(std::uint64_t{0}));
  }
  ~fp_scope() {
    asm volatile("msr fpsr, %0" : : "r"(status_ | allowed_flags));
    if (control_ != 0) asm volatile("msr fpcr, %0" : : "r"(control_));
  }

 private:
  std::uint64_t control_, status_;
#endif
};

}  // namespace simdact::detail
