// The argument checks and the dispatched call, shared by the C and the C++ API. Each function
// returns nullptr on success, or a message naming the bad argument, in which case nothing was
// written. The C API maps a message to a status code, the C++ API throws it.
#pragma once

#include <cstddef>

#include "simdact/simdact.h"

namespace simdact::detail {

const char* run_elementwise(simdact_activation a, const float* x, float* y, std::size_t n,
                            const simdact_params* params);

const char* run_softmax(bool log, const float* x, float* y, std::size_t rows, std::size_t cols,
                        std::size_t x_row_stride, std::size_t y_row_stride);

}  // namespace simdact::detail
