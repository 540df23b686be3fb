/* SPDX-License-Identifier: Apache-2.0 */
/* A downstream C program, built with the flags pkg-config gives for an installed simdact. */
#include <math.h>
#include <simdact/simdact.h>
#include <stdio.h>

int main(void) {
  const float x[4] = {-2.0f, -0.5f, 0.5f, 2.0f};
  float y[4];
  if (simdact_gelu_f32(x, y, 4) != SIMDACT_OK) return 1;
  const int ok = fabsf(y[3] - 1.9544997f) < 1e-6f && fabsf(y[0] + 0.0455003f) < 1e-6f;
  printf("consumer (C, pkg-config): simdact %s on %s: %s\n", simdact_version(),
         simdact_isa_name(simdact_active_isa()), ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
