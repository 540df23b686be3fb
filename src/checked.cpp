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

// The call's parameters (params, or a's defaults where it is NULL) into *p, or the error of a or
// of a parameter.
error checked_params(int a, const simdact_params* params, const simdact_params** p) {
  const registry::activation* row = registry::find(a);
  if (row == nullptr) return {"activation", "unknown id"};
  // By reference: a copy of the caller's struct, just written field by field, would wait for
  // those stores to retire (a wide load cannot take its data from several narrower stores).
  *p = params ? params : &row->defaults();
  if (const registry::parameter* q = registry::first_invalid(*row, **p)) {
    return {q->name, domain_text(q->accepted)};
  }
  if (!registry::is_accuracy((*p)->accuracy)) return {"accuracy", "not a simdact_accuracy value"};
  return {};
}

// The gated kernel of activation a (valid) in p's tier, or null where a cannot gate.
gated_fn gated_kernel(int a, const simdact_params& p) {
  const kernel_table& t = active_table();
  return (p.accuracy == SIMDACT_ACCURACY_FAST ? t.gated_fast : t.gated)[a];
}

}  // namespace

error run_elementwise(int a, const float* x, float* y, std::size_t n,
                      const simdact_params* params) {
  const simdact_params* checked = nullptr;
  if (error e = checked_params(a, params, &checked)) return e;
  const simdact_params& p = *checked;
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

error run_gated(int a, const simdact_params* params, const float* gate, const float* up, float* y,
                std::size_t n) {
  const simdact_params* checked = nullptr;
  if (error e = checked_params(a, params, &checked)) return e;
  const simdact_params& p = *checked;
  const gated_fn kernel = gated_kernel(a, p);
  if (kernel == nullptr) return {"activation", "cannot gate (see simdact_can_gate)"};
  if (n == 0) return {};
  if (gate == nullptr) return {"gate", "null pointer with n > 0"};
  if (up == nullptr) return {"up", "null pointer with n > 0"};
  if (y == nullptr) return {"y", "null pointer with n > 0"};
  if (!fits(gate, n) || !fits(up, n) || !fits(y, n)) {
    return {"n", "too large for the address space (an array's end wraps around)"};
  }
  if (y != gate && overlap(gate, n, y, n)) {
    return {"y", "overlaps gate partially (only y == gate or y == up is allowed)"};
  }
  if (y != up && overlap(up, n, y, n)) {
    return {"y", "overlaps up partially (only y == gate or y == up is allowed)"};
  }
  const fp_scope environment;
  kernel(gate, up, y, n, p);
  return {};
}

error run_gated_rows(int a, const simdact_params* params, const float* x, float* y,
                     std::size_t rows, std::size_t d, std::size_t x_row_stride,
                     std::size_t y_row_stride, int order) {
  const simdact_params* checked = nullptr;
  if (error e = checked_params(a, params, &checked)) return e;
  const simdact_params& p = *checked;
  const gated_fn kernel = gated_kernel(a, p);
  if (kernel == nullptr) return {"activation", "cannot gate (see simdact_can_gate)"};
  if (order != SIMDACT_GATE_FIRST && order != SIMDACT_UP_FIRST) {
    return {"order", "not a simdact_gate_order value"};
  }
  if (rows == 0 || d == 0) return {};
  if (x == nullptr) return {"x", "null pointer with rows * d > 0"};
  if (y == nullptr) return {"y", "null pointer with rows * d > 0"};
  if (d > max_elements / 2) return {"d", "too large for the address space"};
  if (x_row_stride < 2 * d) return {"x_row_stride", "smaller than 2 * d"};
  if (y_row_stride < d) return {"y_row_stride", "smaller than d"};
  const std::size_t nx = extent(rows, 2 * d, x_row_stride);
  const std::size_t ny = extent(rows, d, y_row_stride);
  if (nx == 0 || ny == 0 || !fits(x, nx) || !fits(y, ny)) {
    return {"rows", "the rows' extent overflows the address space"};
  }
  // In place, each row's results land at or before its own inputs, after the rows before it: the
  // kernels load every element before they store over it.
  const bool in_place = x == y && y_row_stride <= x_row_stride;
  if (!in_place && overlap(x, nx, y, ny)) {
    return {"y", "overlaps x (only y == x with y_row_stride <= x_row_stride is allowed)"};
  }
  const std::size_t gate_at = order == SIMDACT_GATE_FIRST ? 0 : d;
  const fp_scope environment;
  for (std::size_t r = 0; r < rows; ++r) {
    const float* row = x + r * x_row_stride;
    kernel(row + gate_at, row + (d - gate_at), y + r * y_row_stride, d, p);
  }
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
