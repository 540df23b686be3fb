// SPDX-License-Identifier: Apache-2.0
#include "checked.hpp"

#include <cstdint>
#include <limits>

#include "dispatch.hpp"
#include "fp_env.hpp"
#include "registry.hpp"

namespace simdact::detail {
namespace {

constexpr std::size_t max_elements = std::numeric_limits<std::size_t>::max() / sizeof(float);

// Whether [p, p + n) lies in the address space without wrapping around its end.
bool fits(const float* p, std::size_t n) {
  const auto a = reinterpret_cast<std::uintptr_t>(p);
  return n <= (std::numeric_limits<std::uintptr_t>::max() - a) / sizeof(float);
}

bool overlap(const float* a, std::size_t na, const float* b, std::size_t nb) {
  const auto a0 = reinterpret_cast<std::uintptr_t>(a);
  const auto b0 = reinterpret_cast<std::uintptr_t>(b);
  return a0 < b0 + nb * sizeof(float) && b0 < a0 + na * sizeof(float);
}

// Elements spanned by `rows` rows of `cols` with `stride`, or 0 on overflow (rows, cols > 0).
std::size_t extent(std::size_t rows, std::size_t cols, std::size_t stride) {
  if (rows - 1 > (max_elements - cols) / stride) return 0;
  return (rows - 1) * stride + cols;
}

}  // namespace

error run_elementwise(int a, const float* x, float* y, std::size_t n,
                      const simdact_params* params) {
  const registry::activation* row = registry::find(a);
  if (row == nullptr) return {"activation", "unknown id"};
  // By reference: a copy of the caller's struct, just written field by field, would wait for
  // those stores to retire (a wide load cannot take its data from several narrower stores).
  const simdact_params& p = params ? *params : row->defaults();
  if (const registry::parameter* q = registry::first_invalid(*row, p)) {
    return {q->name, domain_text(q->accepted)};
  }
  if (!registry::is_accuracy(p.accuracy)) return {"accuracy", "not a simdact_accuracy value"};
  if (n == 0) return {};
  if (x == nullptr) return {"x", "null pointer with n > 0"};
  if (y == nullptr) return {"y", "null pointer with n > 0"};
  if (!fits(x, n) || !fits(y, n)) {
    return {"n", "too large for the address space (x + n or y + n wraps around)"};
  }
  if (x != y && overlap(x, n, y, n)) return {"y", "overlaps x partially (only y == x is allowed)"};
  const fp_scope environment;  // the default one, whatever the caller's (fp_env.hpp)
  const kernel_table& t = active_table();
  (p.accuracy == SIMDACT_ACCURACY_FAST ? t.fast : t.elementwise)[a](x, y, n, p);
  return {};
}

error run_softmax(bool log, const float* x, float* y, std::size_t rows, std::size_t cols,
                  std::size_t x_row_stride, std::size_t y_row_stride, simdact_accuracy accuracy) {
  if (!registry::is_accuracy(accuracy)) return {"accuracy", "not a simdact_accuracy value"};
  if (rows == 0 || cols == 0) return {};
  if (x == nullptr) return {"x", "null pointer with rows * cols > 0"};
  if (y == nullptr) return {"y", "null pointer with rows * cols > 0"};
  if (x_row_stride < cols) return {"x_row_stride", "smaller than cols"};
  if (y_row_stride < cols) return {"y_row_stride", "smaller than cols"};
  if (cols > max_elements) return {"cols", "too large for the address space"};
  const std::size_t nx = extent(rows, cols, x_row_stride);
  const std::size_t ny = extent(rows, cols, y_row_stride);
  if (nx == 0 || ny == 0 || !fits(x, nx) || !fits(y, ny)) {
    return {"rows", "the rows' extent overflows the address space"};
  }
  const bool in_place = x == y && x_row_stride == y_row_stride;
  if (!in_place && overlap(x, nx, y, ny)) {
    return {"y", "overlaps x (only y == x with equal strides is allowed)"};
  }
  const kernel_table& t = active_table();
  const fp_scope environment;
  (log ? t.log_softmax : t.softmax)(x, y, rows, cols, x_row_stride, y_row_stride);
  return {};
}

}  // namespace simdact::detail
