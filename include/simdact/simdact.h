/* SPDX-License-Identifier: Apache-2.0 */
/** \file simdact.h
 * simdact — SIMD-vectorized activation functions, C API (C99).
 *
 * Every function is thread-safe and never prints, aborts or allocates. The kernel set (scalar,
 * AVX2, AVX-512, NEON) is chosen once, on first use, from the CPU's features; see
 * simdact_set_isa() and the SIMDACT_MAX_ISA environment variable.
 *
 * Contract of every elementwise function simdact_<name>_f32(x, y, n, ...):
 *   - y[i] = f(x[i]) for i in [0, n). Nothing outside [x, x + n) is read, nothing outside
 *     [y, y + n) is written.
 *   - Any alignment is accepted. n == 0 succeeds and touches nothing (x and y may then be NULL).
 *   - In place (y == x) is allowed; any other overlap of the two ranges is an error.
 *   - NaN in gives NaN out; the infinities map to the function's limits; denormal inputs and
 *     outputs are computed, not flushed.
 *   - Floating-point environment: every call computes in the default one (round to nearest, no
 *     FTZ/DAZ, exceptions masked) whatever the caller's, so results do not depend on the
 *     rounding mode or FTZ/DAZ and the caller's traps never fire inside it. On return the
 *     caller's control state is restored; of the flags, only FE_INEXACT and FE_UNDERFLOW are
 *     raised (by every call, spuriously where the results were exact).
 *   - Accuracy: each result is within the activation's documented ULP bound (README) of the
 *     correctly rounded value. That is the accurate tier, the default; the fast tier, chosen per
 *     call (simdact_params.accuracy, simdact_softmax_ex_f32), has looser bounds: see
 *     simdact_accuracy.
 *   - Errors (SIMDACT_ERROR_INVALID_ARGUMENT, and nothing is written to y): x or y NULL with
 *     n > 0, partially overlapping x and y, n so large that x + n or y + n wraps around the
 *     address space, a parameter outside its domain (non-finite, or as the registry states for
 *     it: simdact/activations.def), an unknown activation.
 *   - From n = 2^22 on, the AVX2 and AVX-512 kernels write y with streaming (non-temporal)
 *     stores, which bypass the caches (such an output does not fit in them anyway), and fence
 *     them before returning.
 *
 * Softmax (rows x cols, each row normalised on its own):
 *   y[r*ys + j] = exp(x[r*xs + j] - max_r) / sum_k exp(x[r*xs + k] - max_r)
 *   log_softmax: y = x - max_r - log(sum_k exp(x_k - max_r)).
 *   Row strides are in elements and must be >= cols. In place (y == x, equal strides) is
 *   allowed; otherwise the extents [x, x + (rows - 1) * x_row_stride + cols) and the same of y
 *   must not overlap, even where the rows themselves would interleave without touching (x with
 *   stride 2, y = x + 1): that is an error. rows == 0 or cols == 0 succeeds and touches nothing.
 *   A row of all -inf gives zeros (log_softmax: -inf); +inf entries share the mass equally and
 *   the others get 0 (log_softmax: -log(count) and -inf); a NaN anywhere makes the row NaN.
 *   Errors: NULL pointers with rows*cols > 0, a stride < cols, sizes whose extent overflows or
 *   wraps around the address space.
 *
 * Gated activations, fused (swiglu, geglu, geglu_tanh, reglu, glu: simdact/gated.def):
 *   y[i] = f(gate[i]) * up[i] in one pass (f = silu, gelu, gelu_tanh, relu, sigmoid), each result
 *   within 1 ULP of the correctly rounded value of the exact product f(gate) * up (not of the
 *   product of a rounded f(gate)); in the fast tier within 4 ULP where that product is normal.
 *   Any activation that can gate (simdact_can_gate: also swish, for swiglu with beta) through
 *   simdact_apply_gated_f32. y may equal gate or up (in place); any other overlap of y with
 *   either is an error (gate and up, both read only, may overlap each other).
 *   Rows (simdact_<name>_rows_f32): x is rows x 2d, row r holding d gate values then d up values
 *   (SIMDACT_GATE_FIRST, torch.nn.functional.glu's order) or the other way round
 *   (SIMDACT_UP_FIRST), at x + r * x_row_stride; row r's d results at y + r * y_row_stride.
 *   Strides in elements, x_row_stride >= 2d, y_row_stride >= d. In place: y == x with
 *   y_row_stride <= x_row_stride; any other overlap of the two extents is an error.
 *   Special values: NaN in either input gives NaN. A zero factor gives a zero product with the
 *   product's sign, whatever the other factor, the infinities included: where f(gate) is exactly
 *   0 (relu of a gate <= 0; the gate ±0 for silu, gelu, gelu_tanh) or its limit is (silu, gelu,
 *   gelu_tanh and sigmoid at gate = -inf), and where up is ±0 (swiglu(-inf, 5) = -0,
 *   reglu(-1, inf) = +0, swiglu(inf, 0) = +0); otherwise the infinities follow the product's
 *   rule (swiglu(inf, -2) = -inf).
 */
#ifndef SIMDACT_SIMDACT_H
#define SIMDACT_SIMDACT_H

#include <stddef.h>

#include "simdact/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The enums have int's representation in C and C++ alike; in C++ they are declared with int as
 * their underlying type, so that any int a C caller passes (an unknown activation, say) is a value
 * of the enum there too, which the library reports instead of undefined behaviour. */
#ifdef __cplusplus
#define SIMDACT_ENUM(name) enum name : int
#else
#define SIMDACT_ENUM(name) enum name
#endif

/** Result of every call that can fail. */
typedef SIMDACT_ENUM(simdact_status){
    SIMDACT_OK = 0,
    SIMDACT_ERROR_INVALID_ARGUMENT = 1, /**< a NULL pointer, overlap, bad parameter or size */
    SIMDACT_ERROR_UNSUPPORTED_ISA = 2   /**< the ISA is not compiled in or the CPU lacks it */
} simdact_status;

/** The elementwise activations, one constant per row of simdact/activations.def. The values
 * are ABI and never change. */
typedef SIMDACT_ENUM(simdact_activation){
#define SIMDACT_ACTIVATION(id, name, NAME, count, plist) SIMDACT_##NAME = id,
#include "simdact/activations.def"
    SIMDACT_ACTIVATION_COUNT} simdact_activation;

/** Which half of a row of the gated activations' row layout holds the gate. */
typedef SIMDACT_ENUM(simdact_gate_order){
    SIMDACT_GATE_FIRST = 0, /**< the d gate values, then the d up values (torch glu's order) */
    SIMDACT_UP_FIRST = 1    /**< the d up values, then the d gate values */
} simdact_gate_order;

/** Instruction sets a kernel table is built for. SIMDACT_ISA_AUTO means "the best the CPU
 * supports" (capped by SIMDACT_MAX_ISA). */
typedef SIMDACT_ENUM(simdact_isa){
    SIMDACT_ISA_AUTO = 0,
    SIMDACT_ISA_SCALAR = 1, /**< portable C++: the reference formulas, evaluated in double */
    SIMDACT_ISA_AVX2 = 2,   /**< x86-64 AVX2 + FMA */
    SIMDACT_ISA_AVX512 = 3, /**< x86-64 AVX-512F (+ AVX2, FMA) */
    SIMDACT_ISA_NEON = 4    /**< AArch64 Advanced SIMD */
} simdact_isa;

/** Accuracy tiers, chosen per call: the field `accuracy` of simdact_params for the elementwise
 * activations (simdact_apply_f32), the last argument of simdact_softmax_ex_f32 and
 * simdact_log_softmax_ex_f32. The default, and 0, is the accurate tier. */
typedef SIMDACT_ENUM(simdact_accuracy){
    /** Every result within 1 ULP of the correctly rounded value (each activation's documented
     * bound), on every input. */
    SIMDACT_ACCURACY_ACCURATE = 0,
    /** Faster kernels where the activation has one (simdact_has_fast_kernel()): each result
     * whose exact value is at least FLT_MIN in magnitude within 4 ULP of the correctly rounded
     * value (the activation's documented bound); smaller results within FLT_MIN absolute, and
     * they may be flushed to a zero of their sign. NaN, the infinities and the zeros give exactly
     * what the accurate tier gives. Activations without a fast kernel run the accurate one. */
    SIMDACT_ACCURACY_FAST = 1} simdact_accuracy;

/** Parameters of the parameterised activations, one field per named parameter of the registry
 * (simdact/activations.def): each activation reads its own and ignores the others. Start from
 * simdact_default_params(activation), which fills every field an activation reads with its
 * default; a NULL simdact_params* means the defaults. While simdact is at 0.x, a minor version may
 * append fields (and changes the SONAME when it does). */
typedef struct simdact_params {
  float alpha;     /**< leaky_relu (default 0.01), elu (default 1): finite */
  float beta;      /**< swish (default 1): finite; softplus (default 1): positive */
  float threshold; /**< softplus (default 20): finite; x itself where beta * x > threshold */
  float min_val;   /**< hardtanh (default -1): finite */
  float max_val;   /**< hardtanh (default 1): finite, at least min_val */
  float lambda;    /**< hardshrink, softshrink (default 0.5): finite, at least 0 */
  /** The accuracy tier (default SIMDACT_ACCURACY_ACCURATE); any other value than the enum's is
   * SIMDACT_ERROR_INVALID_ARGUMENT. Read by simdact_apply_f32; the named entry points
   * simdact_<name>_f32 always compute the accurate tier. */
  simdact_accuracy accuracy;
} simdact_params;

/* Elementwise activations, each declared by name and documented: simdact_<name>_f32(x, y, n)
 * and, for the parameterised ones, the parameters after n in the registry's order
 * (simdact_leaky_relu_f32(x, y, n, alpha), simdact_elu_f32(x, y, n, alpha),
 * simdact_swish_f32(x, y, n, beta)); and the gated ones, y[i] = f(gate[i]) * up[i] in the
 * accurate tier, f at its default parameters: simdact_swiglu_f32(gate, up, y, n) (f = silu),
 * simdact_geglu_f32 (gelu), simdact_geglu_tanh_f32, simdact_reglu_f32 (relu), simdact_glu_f32
 * (sigmoid), each with simdact_<name>_rows_f32(x, y, rows, d, x_row_stride, y_row_stride,
 * order); generated from the registries (simdact/activations.def, simdact/gated.def). */
#include "simdact/activations.h"

/** Applies `activation` with `params` (NULL: defaults). An unknown activation is
 * SIMDACT_ERROR_INVALID_ARGUMENT. */
SIMDACT_EXPORT simdact_status simdact_apply_f32(simdact_activation activation,
                                                const simdact_params* params, const float* x,
                                                float* y, size_t n);

/** Default parameters of an activation: the fields it reads at their defaults, the others 0 (all
 * 0 for an unknown activation). */
SIMDACT_EXPORT simdact_params simdact_default_params(simdact_activation activation);

/** How many parameters an activation takes (0 for an unknown one), their names (the fields of
 * simdact_params and the arguments of simdact_<name>_f32, in that order; NULL for an index out of
 * range) and their defaults (0 out of range). For bindings and tools that list them. */
SIMDACT_EXPORT size_t simdact_parameter_count(simdact_activation activation);
/** The name of an activation's parameter `index` (see simdact_parameter_count()). */
SIMDACT_EXPORT const char* simdact_parameter_name(simdact_activation activation, size_t index);
/** The default of an activation's parameter `index` (see simdact_parameter_count()). */
SIMDACT_EXPORT float simdact_parameter_default(simdact_activation activation, size_t index);

/** Lower-case name of an activation ("sigmoid", ...), or NULL for an unknown one. */
SIMDACT_EXPORT const char* simdact_activation_name(simdact_activation activation);

/** Row-wise softmax of a rows x cols matrix; strides in elements (see the contract above). */
SIMDACT_EXPORT simdact_status simdact_softmax_f32(const float* x, float* y, size_t rows,
                                                  size_t cols, size_t x_row_stride,
                                                  size_t y_row_stride);

/** Row-wise log-softmax; same arguments and rules as simdact_softmax_f32. */
SIMDACT_EXPORT simdact_status simdact_log_softmax_f32(const float* x, float* y, size_t rows,
                                                      size_t cols, size_t x_row_stride,
                                                      size_t y_row_stride);

/** simdact_softmax_f32 in the accuracy tier `accuracy`. An accuracy outside the enum is
 * SIMDACT_ERROR_INVALID_ARGUMENT. */
SIMDACT_EXPORT simdact_status simdact_softmax_ex_f32(const float* x, float* y, size_t rows,
                                                     size_t cols, size_t x_row_stride,
                                                     size_t y_row_stride,
                                                     simdact_accuracy accuracy);

/** simdact_log_softmax_f32 in the accuracy tier `accuracy` (see simdact_softmax_ex_f32). */
SIMDACT_EXPORT simdact_status simdact_log_softmax_ex_f32(const float* x, float* y, size_t rows,
                                                         size_t cols, size_t x_row_stride,
                                                         size_t y_row_stride,
                                                         simdact_accuracy accuracy);

/** y[i] = activation(gate[i]; params) * up[i] for i < n, fused, in the tier params->accuracy
 * (params NULL: the defaults, accurate). An activation that cannot gate (simdact_can_gate) is
 * SIMDACT_ERROR_INVALID_ARGUMENT, as are the elementwise functions' errors. */
SIMDACT_EXPORT simdact_status simdact_apply_gated_f32(simdact_activation activation,
                                                      const simdact_params* params,
                                                      const float* gate, const float* up, float* y,
                                                      size_t n);

/** simdact_apply_gated_f32 over rows (see the contract above). */
SIMDACT_EXPORT simdact_status simdact_apply_gated_rows_f32(
    simdact_activation activation, const simdact_params* params, const float* x, float* y,
    size_t rows, size_t d, size_t x_row_stride, size_t y_row_stride, simdact_gate_order order);

/** 1 if `activation` can gate (simdact_apply_gated_f32 accepts it: sigmoid, relu, swish, silu,
 * gelu, gelu_tanh), 0 otherwise. */
SIMDACT_EXPORT int simdact_can_gate(simdact_activation activation);

/** 1 if `activation` has a kernel of its own in the fast tier (SIMDACT_ACCURACY_FAST), 0 if the
 * fast tier runs its accurate kernel (or the activation is unknown). */
SIMDACT_EXPORT int simdact_has_fast_kernel(simdact_activation activation);

/** A static English description of a status ("ok", "invalid argument", ...). */
SIMDACT_EXPORT const char* simdact_status_string(simdact_status status);

/** Forces the kernel set used by every later call in the process (SIMDACT_ISA_AUTO restores
 * automatic selection). Returns SIMDACT_ERROR_UNSUPPORTED_ISA, and changes nothing, when the
 * ISA is not compiled into the library or the CPU (and OS) lack it; an explicit choice is not
 * capped by SIMDACT_MAX_ISA. */
SIMDACT_EXPORT simdact_status simdact_set_isa(simdact_isa isa);

/** The ISA whose kernels the next call will use (never SIMDACT_ISA_AUTO). */
SIMDACT_EXPORT simdact_isa simdact_active_isa(void);

/** The ISA of the kernel that computes `activation` under the active ISA: the active ISA itself
 * (every ISA has a kernel of its own for every activation); SIMDACT_ISA_AUTO for an unknown
 * activation. */
SIMDACT_EXPORT simdact_isa simdact_kernel_isa(simdact_activation activation);

/** Bit mask of the ISAs this library has kernels for and this CPU can run: bit (1u << isa). */
SIMDACT_EXPORT unsigned simdact_supported_isas(void);

/** Bit mask of the ISAs compiled into this library, whatever the CPU: bit (1u << isa). */
SIMDACT_EXPORT unsigned simdact_compiled_isas(void);

/** "auto", "scalar", "avx2", "avx512" or "neon"; NULL for a value outside the enum. */
SIMDACT_EXPORT const char* simdact_isa_name(simdact_isa isa);

/** The CPU features detection found, as words ("avx2 fma os-ymm ..."); "" when none. */
SIMDACT_EXPORT const char* simdact_cpu_features(void);

/** The library version, "MAJOR.MINOR.PATCH". */
SIMDACT_EXPORT const char* simdact_version(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SIMDACT_SIMDACT_H */
