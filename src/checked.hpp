// SPDX-License-Identifier: Apache-2.0
// The argument checks and the dispatched call, shared by the C and the C++ API. Each function
// returns no error on success; otherwise the error names the bad argument and what is wrong
// with it, and nothing was written. The C API maps an error to a status code, the C++ API
// throws it.
#pragma once

#include <cstddef>

#include "simdact/simdact.h"

namespace simdact::detail {

struct error {
  const char* argument = nullptr;  // nullptr: no error
  const char* problem = nullptr;
  explicit operator bool() const { return argument != nullptr; }
};

// `a` is taken as an integer: a C caller may pass any value of the enum's underlying type.
error run_elementwise(int a, const float* x, float* y, std::size_t n, const simdact_params* params);

// y = f(gate) * up, f the registry activation `a` (one that can gate) with `params` (NULL: its
// defaults), in the tier params->accuracy.
error run_gated(int a, const simdact_params* params, const float* gate, const float* up, float* y,
                std::size_t n);

// The same over rows of x holding the d gate values and the d up values (in `order`), each
// row's d results in y.
error run_gated_rows(int a, const simdact_params* params, const float* x, float* y,
                     std::size_t rows, std::size_t d, std::size_t x_row_stride,
                     std::size_t y_row_stride, int order);

// The fast tier of softmax and log_softmax runs their accurate kernels (kernels/softmax.hpp).
error run_softmax(bool log, const float* x, float* y, std::size_t rows, std::size_t cols,
                  std::size_t x_row_stride, std::size_t y_row_stride,
                  simdact_accuracy accuracy = SIMDACT_ACCURACY_ACCURATE);

}  // namespace simdact::detail
