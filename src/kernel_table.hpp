// SPDX-License-Identifier: Apache-2.0
// One kernel table per ISA: function pointers indexed by registry id (one array per accuracy
// tier), plus softmax, and the CPU features the table needs. Each ISA translation unit
// (src/isa/*.cpp) builds its table with src/isa/make_table.hpp under that ISA's compile flags;
// src/dispatch.cpp picks one at run time.
#pragma once

#include <cstddef>

#include "cpu_features.hpp"
#include "simdact/simdact.h"

namespace simdact::detail {

using elementwise_fn = void (*)(const float* x, float* y, std::size_t n, const simdact_params& p);
using gated_fn = void (*)(const float* gate, const float* up, float* y, std::size_t n,
                          const simdact_params& p);
using softmax_fn = void (*)(const float* x, float* y, std::size_t rows, std::size_t cols,
                            std::size_t x_row_stride, std::size_t y_row_stride);

struct kernel_table {
  simdact_isa isa;
  unsigned required_features;  // cpu::feature bits that must all be present
  elementwise_fn elementwise[SIMDACT_ACTIVATION_COUNT];  // by registry id; none is null
  // The fast tier (SIMDACT_ACCURACY_FAST) by registry id: the kernel's own fast one where it has
  // one, else the same entry as `elementwise`.
  elementwise_fn fast[SIMDACT_ACTIVATION_COUNT];
  // The gated kernels, y = f(gate) * up fused (kernels/gated.hpp), by the registry id of f, in
  // each tier; null where f's kernel states no `gate`.
  gated_fn gated[SIMDACT_ACTIVATION_COUNT];
  gated_fn gated_fast[SIMDACT_ACTIVATION_COUNT];
  softmax_fn softmax;
  softmax_fn log_softmax;
};

}  // namespace simdact::detail

// Each ISA's table, defined in src/isa/<isa>.cpp in that ISA's namespace (kernels/simd.hpp); only
// those compiled for the target exist.
namespace simdact::scalar {
const detail::kernel_table& table();
// Whether registry activation `id` (a valid one) has a fast kernel of its own (its kernel struct's
// `fast`): a fact of the kernels, the same on every ISA, read from the scalar unit, which every
// build has.
bool has_fast_kernel(int id);
// Whether registry activation `id` (a valid one) can gate (its kernel states a `gate`), likewise.
bool can_gate(int id);
}  // namespace simdact::scalar
namespace simdact::avx2 {
const detail::kernel_table& table();
}
namespace simdact::avx512 {
const detail::kernel_table& table();
}
namespace simdact::neon {
const detail::kernel_table& table();
}
