// The C API (simdact.h): argument checks and dispatch live in checked.cpp; failures become
// status codes.
#include "checked.hpp"
#include "cpu_features.hpp"
#include "dispatch.hpp"
#include "simdact/simdact.h"

using simdact::detail::run_elementwise;
using simdact::detail::run_softmax;

namespace {

simdact_status status(const char* error) {
  return error ? SIMDACT_ERROR_INVALID_ARGUMENT : SIMDACT_OK;
}

}  // namespace

extern "C" {

#define SIMDACT_PARAM_none
#define SIMDACT_PARAM_alpha , float alpha
#define SIMDACT_PARAM_beta , float beta
#define SIMDACT_PARAMS_none nullptr
#define SIMDACT_PARAMS_alpha &p
#define SIMDACT_PARAMS_beta &p
#define SIMDACT_ACTIVATION(id, name, NAME, param, def)                                            \
  simdact_status simdact_##name##_f32(const float* x, float* y, size_t n SIMDACT_PARAM_##param) { \
    [[maybe_unused]] const simdact_params p{SIMDACT_VALUE_##param};                               \
    return status(run_elementwise(SIMDACT_##NAME, x, y, n, SIMDACT_PARAMS_##param));              \
  }
#define SIMDACT_VALUE_none 0.0f, 0.0f
#define SIMDACT_VALUE_alpha alpha, 0.0f
#define SIMDACT_VALUE_beta 0.0f, beta
#include "simdact/activations.def"

simdact_status simdact_apply_f32(simdact_activation activation, const simdact_params* params,
                                 const float* x, float* y, size_t n) {
  return status(run_elementwise(activation, x, y, n, params));
}

simdact_params simdact_default_params(simdact_activation activation) {
  switch (activation) {
#define SIMDACT_ACTIVATION(id, name, NAME, param, def) \
  case SIMDACT_##NAME:                                 \
    return simdact_params{SIMDACT_DEFAULT_##param(def)};
#define SIMDACT_DEFAULT_none(def) 0.0f, 0.0f
#define SIMDACT_DEFAULT_alpha(def) def, 0.0f
#define SIMDACT_DEFAULT_beta(def) 0.0f, def
#include "simdact/activations.def"
    default:
      return simdact_params{0.0f, 0.0f};
  }
}

const char* simdact_activation_name(simdact_activation activation) {
  switch (activation) {
#define SIMDACT_ACTIVATION(id, name, NAME, param, def) \
  case SIMDACT_##NAME:                                 \
    return #name;
#include "simdact/activations.def"
    default:
      return nullptr;
  }
}

simdact_status simdact_softmax_f32(const float* x, float* y, size_t rows, size_t cols,
                                   size_t x_row_stride, size_t y_row_stride) {
  return status(run_softmax(false, x, y, rows, cols, x_row_stride, y_row_stride));
}

simdact_status simdact_log_softmax_f32(const float* x, float* y, size_t rows, size_t cols,
                                       size_t x_row_stride, size_t y_row_stride) {
  return status(run_softmax(true, x, y, rows, cols, x_row_stride, y_row_stride));
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
  if (static_cast<unsigned>(activation) >= SIMDACT_ACTIVATION_COUNT) return SIMDACT_ISA_AUTO;
  return simdact::detail::active_table().elementwise_isa[activation];
}

unsigned simdact_supported_isas(void) { return simdact::detail::supported_mask(); }

unsigned simdact_compiled_isas(void) { return simdact::detail::compiled_mask(); }

const char* simdact_isa_name(simdact_isa isa) {
  switch (isa) {
    case SIMDACT_ISA_AUTO:
      return "auto";
    case SIMDACT_ISA_SCALAR:
      return "scalar";
    case SIMDACT_ISA_AVX2:
      return "avx2";
    case SIMDACT_ISA_AVX512:
      return "avx512";
    case SIMDACT_ISA_NEON:
      return "neon";
  }
  return nullptr;
}

const char* simdact_cpu_features(void) { return simdact::detail::cpu::detected_names(); }

const char* simdact_version(void) { return SIMDACT_VERSION_STRING; }

}  // extern "C"
