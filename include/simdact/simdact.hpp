// SPDX-License-Identifier: Apache-2.0
/// \file simdact.hpp
/// simdact — SIMD-vectorized activation functions, C++ API (C++17; std::span overloads in C++20).
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

/// The C++ API: the C API's operations with exceptions for errors and default parameters.
namespace simdact {

using activation = simdact_activation;  ///< The activations (simdact_activation).
using isa = simdact_isa;                ///< The instruction sets (simdact_isa).
using params = simdact_params;          ///< An activation's parameters (simdact_params).
using accuracy = simdact_accuracy;      ///< The accuracy tiers (simdact_accuracy).

/// The accurate tier, the default: every result within 1 ULP of the correctly rounded value.
inline constexpr accuracy accurate = SIMDACT_ACCURACY_ACCURATE;
/// The fast tier: within 4 ULP where the result is normal, FLT_MIN absolute below (simdact.h).
/// Chosen per call as the first argument: `simdact::sigmoid(simdact::fast, x, y, n)`; in apply()
/// as params::accuracy.
inline constexpr accuracy fast = SIMDACT_ACCURACY_FAST;

/// Whether `a` has a kernel of its own in the fast tier (else the fast tier runs the accurate one).
inline bool has_fast_kernel(activation a) noexcept { return simdact_has_fast_kernel(a) != 0; }

/// Applies any registry activation with its default parameters.
SIMDACT_EXPORT void apply(activation a, const float* x, float* y, std::size_t n);
/// Applies any registry activation with the parameters `p` (start from simdact_default_params()).
SIMDACT_EXPORT void apply(activation a, const float* x, float* y, std::size_t n, const params& p);

/// Which half of a row holds the gate in the gated activations' row layout (simdact_gate_order).
using gate_order = simdact_gate_order;
/// The d gate values first, then the d up values (torch.nn.functional.glu's order).
inline constexpr gate_order gate_first = SIMDACT_GATE_FIRST;
/// The d up values first, then the d gate values.
inline constexpr gate_order up_first = SIMDACT_UP_FIRST;

/// Whether `a` can gate: apply_gated() accepts it (sigmoid, relu, swish, silu, gelu, gelu_tanh).
inline bool can_gate(activation a) noexcept { return simdact_can_gate(a) != 0; }

/// y[i] = a(gate[i]; p) * up[i], fused, in the tier p.accuracy (simdact.h's contract of the gated
/// activations: within 1 ULP of the exact product in the accurate tier).
SIMDACT_EXPORT void apply_gated(activation a, const float* gate, const float* up, float* y,
                                std::size_t n, const params& p);
/// apply_gated() with a's default parameters, accurate tier.
inline void apply_gated(activation a, const float* gate, const float* up, float* y, std::size_t n) {
  apply_gated(a, gate, up, y, n, simdact_default_params(a));
}
/// apply_gated() over rows: row r of x holds d gate and d up values (in `order`), its d results
/// go to y + r * y_row_stride (strides in elements; in place: y == x, y_row_stride <=
/// x_row_stride).
SIMDACT_EXPORT void apply_gated_rows(activation a, const params& p, const float* x, float* y,
                                     std::size_t rows, std::size_t d, std::size_t x_row_stride,
                                     std::size_t y_row_stride, gate_order order = gate_first);

/// Row-wise softmax of a rows x cols matrix with row strides in elements (>= cols).
SIMDACT_EXPORT void softmax(const float* x, float* y, std::size_t rows, std::size_t cols,
                            std::size_t x_row_stride, std::size_t y_row_stride);
/// Row-wise log-softmax; same arguments as softmax.
SIMDACT_EXPORT void log_softmax(const float* x, float* y, std::size_t rows, std::size_t cols,
                                std::size_t x_row_stride, std::size_t y_row_stride);

/// softmax in the accuracy tier `tier`.
SIMDACT_EXPORT void softmax(accuracy tier, const float* x, float* y, std::size_t rows,
                            std::size_t cols, std::size_t x_row_stride, std::size_t y_row_stride);
/// log_softmax in the accuracy tier `tier`.
SIMDACT_EXPORT void log_softmax(accuracy tier, const float* x, float* y, std::size_t rows,
                                std::size_t cols, std::size_t x_row_stride,
                                std::size_t y_row_stride);

/// Softmax of contiguous rows (strides equal to cols).
inline void softmax(const float* x, float* y, std::size_t rows, std::size_t cols) {
  softmax(x, y, rows, cols, cols, cols);
}
/// Log-softmax of contiguous rows (strides equal to cols).
inline void log_softmax(const float* x, float* y, std::size_t rows, std::size_t cols) {
  log_softmax(x, y, rows, cols, cols, cols);
}

/// Softmax of contiguous rows in the accuracy tier `tier`.
inline void softmax(accuracy tier, const float* x, float* y, std::size_t rows, std::size_t cols) {
  softmax(tier, x, y, rows, cols, cols, cols);
}
/// Log-softmax of contiguous rows in the accuracy tier `tier`.
inline void log_softmax(accuracy tier, const float* x, float* y, std::size_t rows,
                        std::size_t cols) {
  log_softmax(tier, x, y, rows, cols, cols, cols);
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
/// Bit mask (1u << isa) of the ISAs this CPU can run.
inline unsigned supported_isas() noexcept { return simdact_supported_isas(); }
/// Bit mask (1u << isa) of the ISAs compiled into the library.
inline unsigned compiled_isas() noexcept { return simdact_compiled_isas(); }
/// "MAJOR.MINOR.PATCH"
inline const char* version() noexcept { return simdact_version(); }

#ifdef SIMDACT_HAS_SPAN
/// apply() over spans, with parameters; y.size() must equal x.size().
SIMDACT_EXPORT void apply(activation a, std::span<const float> x, std::span<float> y,
                          const params& p);
/// apply() over spans, with the activation's default parameters.
inline void apply(activation a, std::span<const float> x, std::span<float> y) {
  apply(a, x, y, simdact_default_params(a));
}
/// Softmax of x as one contiguous row; y.size() must equal x.size().
SIMDACT_EXPORT void softmax(std::span<const float> x, std::span<float> y);
/// Log-softmax of x as one contiguous row; y.size() must equal x.size().
SIMDACT_EXPORT void log_softmax(std::span<const float> x, std::span<float> y);
/// Softmax of x as one contiguous row in the accuracy tier `tier`.
SIMDACT_EXPORT void softmax(accuracy tier, std::span<const float> x, std::span<float> y);
/// Log-softmax of x as one contiguous row in the accuracy tier `tier`.
SIMDACT_EXPORT void log_softmax(accuracy tier, std::span<const float> x, std::span<float> y);

/// apply_gated() over spans: gate, up and y of one size.
SIMDACT_EXPORT void apply_gated(activation a, std::span<const float> gate,
                                std::span<const float> up, std::span<float> y, const params& p);
#endif  // SIMDACT_HAS_SPAN

// The elementwise activations by name, each documented: sigmoid(x, y, n), tanh, relu,
// leaky_relu(x, y, n, alpha = 0.01), elu(x, y, n, alpha = 1), swish(x, y, n, beta = 1), silu, gelu,
// gelu_tanh, their span forms, and each with an accuracy tier first (sigmoid(fast, x, y, n)); the
// gated ones, swiglu(gate, up, y, n), geglu, geglu_tanh, reglu, glu, each with a tier first, span
// forms and <name>_rows(x, y, rows, d, x_row_stride, y_row_stride, order = gate_first);
// generated from the registries (simdact/activations.def, simdact/gated.def).
#include "simdact/activations.hpp"

}  // namespace simdact

#endif  // SIMDACT_SIMDACT_HPP
