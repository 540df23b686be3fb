// SPDX-License-Identifier: Apache-2.0
// libFuzzer target over softmax and log_softmax: the function, the ISA, rows, columns, strides and
// in place come from the input, then the values (repeated to fill the matrix). Checked: the
// status (an invalid size is an error with nothing written), that nothing outside the rows is
// written, NaN-ness against the scalar table, every output of a row without NaN or +inf (and
// not all -inf) within the documented 2 ULP of the long-double oracle, and the sum of each such
// softmax row (1 within 2^-10).
//   input: [flags: bit 0 log, bit 1 in place] [isa] [rows - 1] [cols: 2 bytes] [x stride extra]
//          [y stride extra] [values: 4 bytes a float]...
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "../test_support.hpp"

using namespace simdact::test;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 11) return 0;
  const bool log = data[0] & 1, in_place = data[0] & 2;
  const std::vector<simdact_isa> isas = target_isas();
  const simdact_isa isa = isas[data[1] % isas.size()];
  const std::size_t rows = 1 + data[2] % 8;
  const std::size_t cols = 1 + (data[3] | (data[4] << 8)) % 4096;
  const std::size_t xs = cols + data[5] % 4, ys = in_place ? xs : cols + data[6] % 4;
  const std::size_t m = (size - 7) / sizeof(float);
  if (m == 0) return 0;
  std::vector<float> values(m);
  std::memcpy(values.data(), data + 7, m * sizeof(float));
  if (simdact_set_isa(isa) != SIMDACT_OK) return 0;

  const std::size_t nx = (rows - 1) * xs + cols, ny = (rows - 1) * ys + cols;
  constexpr float sentinel = -12345.678f;
  std::vector<float> x(nx, sentinel), buf(ny + 32, sentinel);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t j = 0; j < cols; ++j) x[r * xs + j] = values[(r * cols + j) % m];
  float* y = buf.data() + 16;
  if (in_place) std::memcpy(y, x.data(), nx * sizeof(float));
  const auto f = log ? simdact_log_softmax_f32 : simdact_softmax_f32;
  if (f(in_place ? y : x.data(), y, rows, cols, in_place ? ys : xs, ys) != SIMDACT_OK) std::abort();

  std::vector<float> want(cols), exact(cols);
  for (std::size_t r = 0; r < rows; ++r) {
    const float* xr = x.data() + r * xs;
    simdact::scalar::kernels::softmax::reference_row(xr, want.data(), cols, log);
    double sum = 0.0;
    bool special = false, all_neg_inf = true;
    for (std::size_t j = 0; j < cols; ++j) {
      const float v = y[r * ys + j];
      if (std::isnan(v) != std::isnan(want[j])) std::abort();
      special = special || std::isnan(xr[j]) || xr[j] == INFINITY;
      all_neg_inf = all_neg_inf && xr[j] == -INFINITY;
      sum += v;
    }
    special = special || all_neg_inf;
    if (!special) {
      if (!log && std::fabs(sum - 1.0) > 0x1p-10) std::abort();
      softmax_oracle_row(xr, exact.data(), cols, log);
      for (std::size_t j = 0; j < cols; ++j) {
        if (ulp_distance(y[r * ys + j], exact[j]) > 2) {
          std::fprintf(stderr, "%s on %s, %zux%zu, row %zu, output %zu: %a, want %a\n",
                       log ? "log_softmax" : "softmax", simdact_isa_name(isa), rows, cols, r, j,
                       y[r * ys + j], exact[j]);
          std::abort();
        }
      }
    }
    // Between rows (the strides' gaps) y keeps what it held: x's values in place, else sentinels.
    for (std::size_t j = cols; r + 1 < rows && j < ys; ++j) {
      const float held = in_place ? x[r * xs + j] : sentinel;
      if (std::memcmp(&y[r * ys + j], &held, sizeof(float)) != 0) std::abort();
    }
  }
  for (std::size_t i = 0; i < 16; ++i)
    if (std::memcmp(&buf[i], &sentinel, sizeof(float)) != 0 ||
        std::memcmp(&buf[16 + ny + i], &sentinel, sizeof(float)) != 0)
      std::abort();
  return 0;
}
