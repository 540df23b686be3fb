// SPDX-License-Identifier: Apache-2.0
// The C++ API (simdact.hpp): the checks of checked.cpp, failures thrown as
// std::invalid_argument.
#include <stdexcept>

#include "checked.hpp"
#include "registry.hpp"
#include "simdact/simdact.hpp"

namespace simdact {
namespace {

void check(detail::error e) {
  if (e) throw std::invalid_argument(std::string("simdact: ") + e.argument + ": " + e.problem);
}

}  // namespace

#define SIMDACT_ACTIVATION(id, name, NAME, count, plist)                                         \
  void name(accuracy tier, const float* x, float* y, std::size_t n SIMDACT_ARGS_##count plist) { \
    params p = registry::activations[id].defaults();                                             \
    SIMDACT_ASSIGN_##count plist;                                                                \
    p.accuracy = tier;                                                                           \
    check(detail::run_elementwise(id, x, y, n, &p));                                             \
  }                                                                                              \
  void name(const float* x, float* y, std::size_t n SIMDACT_ARGS_##count plist) {                \
    name(accurate, x, y, n SIMDACT_PASS_##count plist);                                          \
  }
#include "simdact/activations.def"

void apply(activation a, const float* x, float* y, std::size_t n) {
  check(detail::run_elementwise(a, x, y, n, nullptr));
}

void apply(activation a, const float* x, float* y, std::size_t n, const params& p) {
  check(detail::run_elementwise(a, x, y, n, &p));
}

void apply_gated(activation a, const float* gate, const float* up, float* y, std::size_t n,
                 const params& p) {
  check(detail::run_gated(a, &p, gate, up, y, n));
}

void apply_gated_rows(activation a, const params& p, const float* x, float* y, std::size_t rows,
                      std::size_t d, std::size_t x_row_stride, std::size_t y_row_stride,
                      gate_order order) {
  check(detail::run_gated_rows(a, &p, x, y, rows, d, x_row_stride, y_row_stride, order));
}

void softmax(const float* x, float* y, std::size_t rows, std::size_t cols, std::size_t x_row_stride,
             std::size_t y_row_stride) {
  check(detail::run_softmax(false, x, y, rows, cols, x_row_stride, y_row_stride));
}

void log_softmax(const float* x, float* y, std::size_t rows, std::size_t cols,
                 std::size_t x_row_stride, std::size_t y_row_stride) {
  check(detail::run_softmax(true, x, y, rows, cols, x_row_stride, y_row_stride));
}

void softmax(accuracy tier, const float* x, float* y, std::size_t rows, std::size_t cols,
             std::size_t x_row_stride, std::size_t y_row_stride) {
  check(detail::run_softmax(false, x, y, rows, cols, x_row_stride, y_row_stride, tier));
}

void log_softmax(accuracy tier, const float* x, float* y, std::size_t rows, std::size_t cols,
                 std::size_t x_row_stride, std::size_t y_row_stride) {
  check(detail::run_softmax(true, x, y, rows, cols, x_row_stride, y_row_stride, tier));
}

void set_isa(isa i) {
  if (simdact_set_isa(i) != SIMDACT_OK) {
    const char* name = simdact_isa_name(i);
    throw std::invalid_argument(std::string("simdact: isa: ") + (name ? name : "unknown value") +
                                " is not supported by this library build or CPU");
  }
}

#ifdef SIMDACT_HAS_SPAN
namespace {
void check_sizes(std::size_t nx, std::size_t ny) {
  if (nx != ny) throw std::invalid_argument("simdact: y: size differs from x's");
}
}  // namespace

void apply(activation a, std::span<const float> x, std::span<float> y, const params& p) {
  check_sizes(x.size(), y.size());
  apply(a, x.data(), y.data(), x.size(), p);
}

void apply_gated(activation a, std::span<const float> gate, std::span<const float> up,
                 std::span<float> y, const params& p) {
  if (up.size() != gate.size())
    throw std::invalid_argument("simdact: up: size differs from gate's");
  if (y.size() != gate.size()) throw std::invalid_argument("simdact: y: size differs from gate's");
  apply_gated(a, gate.data(), up.data(), y.data(), gate.size(), p);
}

void softmax(std::span<const float> x, std::span<float> y) {
  check_sizes(x.size(), y.size());
  softmax(x.data(), y.data(), 1, x.size(), x.size(), y.size());
}

void log_softmax(std::span<const float> x, std::span<float> y) {
  check_sizes(x.size(), y.size());
  log_softmax(x.data(), y.data(), 1, x.size(), x.size(), y.size());
}

void softmax(accuracy tier, std::span<const float> x, std::span<float> y) {
  check_sizes(x.size(), y.size());
  softmax(tier, x.data(), y.data(), 1, x.size(), x.size(), y.size());
}

void log_softmax(accuracy tier, std::span<const float> x, std::span<float> y) {
  check_sizes(x.size(), y.size());
  log_softmax(tier, x.data(), y.data(), 1, x.size(), x.size(), y.size());
}
#endif

}  // namespace simdact
