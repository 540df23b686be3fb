// SPDX-License-Identifier: Apache-2.0
// simdact — SIMD-vectorized activation functions, C++ API (C++17; std::span overloads in C++20).
//
// The same operations as the C API (simdact.h, whose contract applies word for word: any
// alignment, n == 0 is a no-op, y == x in place is allowed, nothing outside [x, x+n) and
// [y, y+n) is touched, NaN/inf/denormal behaviour, ULP bounds), with errors reported as
// std::invalid_argument whose message names the offending argument. When a call throws, y has
// not been written.
#ifndef SIMDACT_SIMDACT_HPP
#define SIMDACT_SIMDACT_HPP

#include <cstddef>

#include "simdact/simdact.h"

#if __cplusplus >= 202002L && __has_include(<span>)
#include <span>
#define SIMDACT_HAS_SPAN 1
#endif

namespace simdact {

using activation = simdact_activation;
using isa = simdact_isa;
using params = simdact_params;

// Elementwise activations: sigmoid(x, y, n), tanh, relu, leaky_relu(x, y, n, alpha = 0.01),
// elu(x, y, n, alpha = 1), swish(x, y, n, beta = 1), silu, gelu, gelu_tanh: the parameters after
// n in the registry's order, with its defaults.
#define SIMDACT_CXX_PARAMS_0()
#define SIMDACT_CXX_PARAMS_1(a, a_default, a_domain) , float a = a_default
#define SIMDACT_CXX_PARAMS_2(a, a_default, a_domain, b, b_default, b_domain) \
  , float a = a_default, float b = b_default
#define SIMDACT_ACTIVATION(id, name, NAME, count, plist) \
  SIMDACT_EXPORT void name(const float* x, float* y,     \
                           std::size_t n SIMDACT_CXX_PARAMS_##count plist);
#include "simdact/activations.def"

/// Applies any registry activation; `p` defaults to the activation's default parameters.
SIMDACT_EXPORT void apply(activation a, const float* x, float* y, std::size_t n);
SIMDACT_EXPORT void apply(activation a, const float* x, float* y, std::size_t n, const params& p);

/// Row-wise softmax of a rows x cols matrix with row strides in elements (>= cols).
SIMDACT_EXPORT void softmax(const float* x, float* y, std::size_t rows, std::size_t cols,
                            std::size_t x_row_stride, std::size_t y_row_stride);
/// Row-wise log-softmax; same arguments as softmax.
SIMDACT_EXPORT void log_softmax(const float* x, float* y, std::size_t rows, std::size_t cols,
                                std::size_t x_row_stride, std::size_t y_row_stride);

/// Contiguous rows (strides equal to cols).
inline void softmax(const float* x, float* y, std::size_t rows, std::size_t cols) {
  softmax(x, y, rows, cols, cols, cols);
}
inline void log_softmax(const float* x, float* y, std::size_t rows, std::size_t cols) {
  log_softmax(x, y, rows, cols, cols, cols);
}

/// Forces an ISA for every later call (SIMDACT_ISA_AUTO restores automatic choice); throws
/// std::invalid_argument if it is not compiled in or the CPU lacks it.
SIMDACT_EXPORT void set_isa(isa i);
/// The ISA the next call uses.
inline isa active_isa() noexcept { return simdact_active_isa(); }
/// The ISA whose kernel computes `a` now (the active one: every ISA has every kernel).
inline isa kernel_isa(activation a) noexcept { return simdact_kernel_isa(a); }
/// "scalar", "avx2", "avx512", "neon" (or "auto").
inline const char* isa_name(isa i) noexcept { return simdact_isa_name(i); }
/// Lower-case activation name, e.g. "gelu_tanh".
inline const char* name(activation a) noexcept { return simdact_activation_name(a); }
/// Bit masks (1u << isa) of the ISAs this CPU can run, and of those compiled in.
inline unsigned supported_isas() noexcept { return simdact_supported_isas(); }
inline unsigned compiled_isas() noexcept { return simdact_compiled_isas(); }
/// "MAJOR.MINOR.PATCH"
inline const char* version() noexcept { return simdact_version(); }

#ifdef SIMDACT_HAS_SPAN
/// Span form of apply and of the softmax functions on one contiguous row; y.size() must equal
/// x.size().
SIMDACT_EXPORT void apply(activation a, std::span<const float> x, std::span<float> y,
                          const params& p);
inline void apply(activation a, std::span<const float> x, std::span<float> y) {
  apply(a, x, y, simdact_default_params(a));
}
SIMDACT_EXPORT void softmax(std::span<const float> x, std::span<float> y);
SIMDACT_EXPORT void log_softmax(std::span<const float> x, std::span<float> y);

#define SIMDACT_CXX_ASSIGN_0() (void)p
#define SIMDACT_CXX_ASSIGN_1(a, a_default, a_domain) p.a = a
#define SIMDACT_CXX_ASSIGN_2(a, a_default, a_domain, b, b_default, b_domain) (p.a = a, p.b = b)
#define SIMDACT_ACTIVATION(id, name, NAME, count, plist)                  \
  inline void name(std::span<const float> x,                              \
                   std::span<float> y SIMDACT_CXX_PARAMS_##count plist) { \
    params p = simdact_default_params(SIMDACT_##NAME);                    \
    SIMDACT_CXX_ASSIGN_##count plist;                                     \
    apply(SIMDACT_##NAME, x, y, p);                                       \
  }
#include "simdact/activations.def"
#undef SIMDACT_CXX_ASSIGN_0
#undef SIMDACT_CXX_ASSIGN_1
#undef SIMDACT_CXX_ASSIGN_2
#endif  // SIMDACT_HAS_SPAN
#undef SIMDACT_CXX_PARAMS_0
#undef SIMDACT_CXX_PARAMS_1
#undef SIMDACT_CXX_PARAMS_2

}  // namespace simdact

#endif  // SIMDACT_SIMDACT_HPP
