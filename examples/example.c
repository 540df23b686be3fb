/* SPDX-License-Identifier: Apache-2.0 */
/* simdact from C: status codes instead of exceptions, parameters in simdact_params.
 * Build: cc -std=c99 example.c $(pkg-config --cflags --libs simdact) */
#include <simdact/simdact.h>
#include <stdio.h>

int main(void) {
  const float x[4] = {-3.0f, -0.5f, 0.5f, 3.0f};
  float y[4];

  simdact_status s = simdact_sigmoid_f32(x, y, 4);
  if (s != SIMDACT_OK) {
    fprintf(stderr, "simdact: %s\n", simdact_status_string(s));
    return 1;
  }
  printf("sigmoid: %g %g %g %g\n", y[0], y[1], y[2], y[3]);

  /* Any activation by its id, with parameters: start from the defaults. */
  simdact_params p = simdact_default_params(SIMDACT_SWISH);
  p.beta = 1.702f;
  s = simdact_apply_f32(SIMDACT_SWISH, &p, x, y, 4);
  printf("swish(beta = 1.702): %g %g %g %g (%s)\n", y[0], y[1], y[2], y[3],
         simdact_status_string(s));

  /* The fast tier, for this call only: within 3 ULP where the result is normal. */
  p.accuracy = SIMDACT_ACCURACY_FAST;
  s = simdact_apply_f32(SIMDACT_SWISH, &p, x, y, 4);
  printf("swish, fast tier: %g %g %g %g (%s)\n", y[0], y[1], y[2], y[3], simdact_status_string(s));

  /* log_softmax over one row of 4, in place. */
  float row[4] = {1.0f, 2.0f, 3.0f, 4.0f};
  s = simdact_log_softmax_f32(row, row, 1, 4, 4, 4);
  printf("log_softmax: %g %g %g %g (%s)\n", row[0], row[1], row[2], row[3],
         simdact_status_string(s));
  return s == SIMDACT_OK ? 0 : 1;
}
