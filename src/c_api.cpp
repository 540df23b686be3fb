// SPDX-License-Identifier: Apache-2.0
// The C API (simdact.h): argument checks and dispatch live in checked.cpp; failures become
// status codes.
#include "checked.hpp"
#include "cpu_features.hpp"
#include "dispatch.hpp"
#include "isas.hpp"
#include "kernel_table.hpp"
#include "registry.hpp"
#include "simdact/simdact.h"

using simdact::detail::run_elementwise;
using simdact::detail::run_gated;
using simdact::detail::run_gated_rows;
using simdact::detail::run_softmax;

namespace {

simdact_status status(simdact::detail::error e) {
  return e ? SIMDACT_ERROR_INVALID_ARGUMENT : SIMDACT_OK;
}

}  // namespace

extern "C" {

// simdact_<name>_f32(x, y, n, parameters...): the activation's defaults, its arguments over them.
#define SIMDACT_ACTIVATION(id, name, NAME, count, plist)                     \
  simdact_status simdact_##name##_f32(const float* x, float* y,              \
                                      size_t n SIMDACT_ARGS_##count plist) { \
    simdact_params p = simdact::registry::activations[id].defaults();        \
    SIMDACT_ASSIGN_##count plist;                                            \
    return status(run_elementwise(id, x, y, n, &p));                         \
  }
#include "simdact/activations.def"

simdact_status simdact_apply_f32(simdact_activation activation, const simdact_params* params,
                                 const float* x, float* y, size_t n) {
  return status(run_elementwise(activation, x, y, n, params));
}

#define SIMDACT_GATED(name, activation, ACTIVATION)                                             \
  simdact_status simdact_##name##_f32(const float* gate, const float* up, float* y, size_t n) { \
    return status(run_gated(SIMDACT_##ACTIVATION, nullptr, gate, up, y, n));                    \
  }                                                                                             \
  simdact_status simdact_##name##_rows_f32(const float* x, float* y, size_t rows, size_t d,     \
                                           size_t x_row_stride, size_t y_row_stride,            \
                                           simdact_gate_order order) {                          \
    return status(run_gated_rows(SIMDACT_##ACTIVATION, nullptr, x, y, rows, d, x_row_stride,    \
                                 y_row_stride, order));                                         \
  }
#include "simdact/gated.def"

simdact_status simdact_apply_gated_f32(simdact_activation activation, const simdact_params* params,
                                       const float* gate, const float* up, float* y, size_t n) {
  return status(run_gated(activation, params, gate, up, y, n));
}

simdact_status simdact_apply_gated_rows_f32(simdact_activation activation,
                                            const simdact_params* params, const float* x, float* y,
                                            size_t rows, size_t d, size_t x_row_stride,
                                            size_t y_row_stride, simdact_gate_order order) {
  return status(
      run_gated_rows(activation, params, x, y, rows, d, x_row_stride, y_row_stride, order));
}

int simdact_can_gate(simdact_activation activation) {
  if (simdact::registry::find(activation) == nullptr) return 0;
  return simdact::scalar::can_gate(activation) ? 1 : 0;
}

simdact_params simdact_default_params(simdact_activation activation) {
  const simdact::registry::activation* row = simdact::registry::find(activation);
  return row ? row->defaults() : simdact_params{};
}

size_t simdact_parameter_count(simdact_activation activation) {
  const simdact::registry::activation* row = simdact::registry::find(activation);
  return row ? row->parameter_count : 0;
}

const char* simdact_parameter_name(simdact_activation activation, size_t index) {
  const simdact::registry::activation* row = simdact::registry::find(activation);
  return row && index < row->parameter_count ? row->parameters[index].name : nullptr;
}

float simdact_parameter_default(simdact_activation activation, size_t index) {
  const simdact::registry::activation* row = simdact::registry::find(activation);
  return row && index < row->parameter_count ? row->parameters[index].default_value : 0.0f;
}

const char* simdact_activation_name(simdact_activation activation) {
  const simdact::registry::activation* row = simdact::registry::find(activation);
  return row ? row->name : nullptr;
}

simdact_status simdact_softmax_f32(const float* x, float* y, size_t rows, size_t cols,
                                   size_t x_row_stride, size_t y_row_stride) {
  return status(run_softmax(false, x, y, rows, cols, x_row_stride, y_row_stride));
}

simdact_status simdact_log_softmax_f32(const float* x, float* y, size_t rows, size_t cols,
                                       size_t x_row_stride, size_t y_row_stride) {
  return status(run_softmax(true, x, y, rows, cols, x_row_stride, y_row_stride));
}

simdact_status simdact_softmax_ex_f32(const float* x, float* y, size_t rows, size_t cols,
                                      size_t x_row_stride, size_t y_row_stride,
                                      simdact_accuracy accuracy) {
  return status(run_softmax(false, x, y, rows, cols, x_row_stride, y_row_stride, accuracy));
}

simdact_status simdact_log_softmax_ex_f32(const float* x, float* y, size_t rows, size_t cols,
                                          size_t x_row_stride, size_t y_row_stride,
                                          simdact_accuracy accuracy) {
  return status(run_softmax(true, x, y, rows, cols, x_row_stride, y_row_stride, accuracy));
}

int simdact_has_fast_kernel(simdact_activation activation) {
  if (simdact::registry::find(activation) == nullptr) return 0;
  return simdact::scalar::has_fast_kernel(activation) ? 1 : 0;
}

const char* simdact_status_string(simdact_status s) {
  switch (s) {
    case SIMDACT_OK:
      return "ok";
    case SIMDACT_ERROR_INVALID_ARGUMENT:
      return "invalid argument";
    case SIMDACT_ERROR_UNSUPPORTED_ISA:
      return "ISA not supported by this library build or CPU";
  }
  return "unknown status";
}

simdact_status simdact_set_isa(simdact_isa isa) {
  return simdact::detail::force_isa(isa) ? SIMDACT_OK : SIMDACT_ERROR_UNSUPPORTED_ISA;
}

simdact_isa simdact_active_isa(void) { return simdact::detail::active_table().isa; }

simdact_isa simdact_kernel_isa(simdact_activation activation) {
  if (simdact::registry::find(activation) == nullptr) return SIMDACT_ISA_AUTO;
  return simdact::detail::active_table().isa;  // every ISA has a kernel of its own for each
}

unsigned simdact_supported_isas(void) { return simdact::detail::supported_mask(); }

unsigned simdact_compiled_isas(void) { return simdact::detail::compiled_mask(); }

const char* simdact_isa_name(simdact_isa isa) {
  if (isa == SIMDACT_ISA_AUTO) return "auto";
  const simdact::detail::isa_info* i = simdact::detail::find_isa(isa);
  return i ? i->name : nullptr;
}

const char* simdact_cpu_features(void) { return simdact::detail::cpu::detected_names(); }

const char* simdact_version(void) { return SIMDACT_VERSION_STRING; }

}  // extern "C"
