/* SPDX-License-Identifier: Apache-2.0 */
/* The C API from C99: every entry point called once, results and errors checked. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "simdact/simdact.h"

static int failed = 0;
static int passed = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond) {                                                                \
      ++passed;                                                                \
    } else {                                                                   \
      ++failed;                                                                \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

int main(void) {
  const float x[4] = {1.0f, 2.0f, 3.0f, 6.0f};
  float y[4];
  const float want[4] = {0.00626879f, 0.01704033f, 0.04632042f, 0.93037047f};
  simdact_params p;
  int i;

  CHECK(simdact_softmax_f32(x, y, 1, 4, 4, 4) == SIMDACT_OK);
  for (i = 0; i < 4; ++i) CHECK(fabsf(y[i] - want[i]) < 1e-6f);
  CHECK(simdact_log_softmax_f32(x, y, 1, 4, 4, 4) == SIMDACT_OK);
  CHECK(fabsf(y[3] - logf(want[3])) < 1e-6f);

  CHECK(simdact_sigmoid_f32(x, y, 1) == SIMDACT_OK && fabsf(y[0] - 0.7310586f) < 1e-7f);
  CHECK(simdact_tanh_f32(x, y, 1) == SIMDACT_OK && fabsf(y[0] - 0.7615942f) < 1e-7f);
  CHECK(simdact_relu_f32(x, y, 4) == SIMDACT_OK && y[3] == 6.0f);
  CHECK(simdact_silu_f32(x, y, 1) == SIMDACT_OK && fabsf(y[0] - 0.7310586f) < 1e-7f);
  CHECK(simdact_gelu_f32(x, y, 1) == SIMDACT_OK && fabsf(y[0] - 0.8413447f) < 1e-7f);
  CHECK(simdact_gelu_tanh_f32(x, y, 1) == SIMDACT_OK && fabsf(y[0] - 0.8411920f) < 1e-6f);
  CHECK(simdact_leaky_relu_f32(x, y, 4, 0.1f) == SIMDACT_OK && y[0] == 1.0f);
  CHECK(simdact_elu_f32(x, y, 4, 1.0f) == SIMDACT_OK && y[1] == 2.0f);
  CHECK(simdact_swish_f32(x, y, 1, 2.0f) == SIMDACT_OK && fabsf(y[0] - 0.8807971f) < 1e-7f);

  p = simdact_default_params(SIMDACT_ELU);
  CHECK(p.alpha == 1.0f);
  CHECK(simdact_parameter_count(SIMDACT_ELU) == 1);
  CHECK(strcmp(simdact_parameter_name(SIMDACT_ELU, 0), "alpha") == 0);
  CHECK(simdact_parameter_default(SIMDACT_LEAKY_RELU, 0) == 0.01f);
  p.alpha = -1.0f / 0.0f;
  CHECK(simdact_apply_f32(SIMDACT_ELU, &p, x, y, 4) == SIMDACT_ERROR_INVALID_ARGUMENT);
  CHECK(simdact_apply_f32(SIMDACT_RELU, NULL, x, y, 4) == SIMDACT_OK);
  CHECK(simdact_sigmoid_f32(NULL, y, 4) == SIMDACT_ERROR_INVALID_ARGUMENT);
  CHECK(simdact_sigmoid_f32(NULL, NULL, 0) == SIMDACT_OK);
  CHECK(strcmp(simdact_status_string(SIMDACT_ERROR_INVALID_ARGUMENT), "invalid argument") == 0);
  CHECK(strcmp(simdact_activation_name(SIMDACT_SILU), "silu") == 0);

  CHECK(simdact_set_isa(SIMDACT_ISA_SCALAR) == SIMDACT_OK);
  CHECK(simdact_active_isa() == SIMDACT_ISA_SCALAR);
  CHECK(simdact_set_isa(SIMDACT_ISA_AUTO) == SIMDACT_OK);
  CHECK(simdact_isa_name(simdact_active_isa()) != NULL);
  CHECK((simdact_supported_isas() & (1u << SIMDACT_ISA_SCALAR)) != 0);
  CHECK(strlen(simdact_version()) >= 5);

  printf("C API (%s, active ISA %s): %d passed, %d failed\n", simdact_version(),
         simdact_isa_name(simdact_active_isa()), passed, failed);
  return failed == 0 ? 0 : 1;
}
