// One kernel table per ISA: function pointers indexed by registry id, plus softmax, and the CPU
// features the table needs. Each ISA translation unit (src/isa/*.cpp) builds its table from the
// templates below with that ISA's compile flags; src/dispatch.cpp picks one at run time.
#pragma once

#include <cstddef>
#include <type_traits>

#include "cpu_features.hpp"
#include "simdact/simdact.h"

namespace simdact::detail {

using elementwise_fn = void (*)(const float* x, float* y, std::size_t n, float param);
using softmax_fn = void (*)(const float* x, float* y, std::size_t rows, std::size_t cols,
                            std::size_t x_row_stride, std::size_t y_row_stride);

struct kernel_table {
  simdact_isa isa;
  unsigned required_features;  // cpu::feature bits that must all be present
  // nullptr where the ISA has no kernel of its own yet: dispatch fills in the scalar one.
  elementwise_fn elementwise[SIMDACT_ACTIVATION_COUNT];
  // The ISA each entry really runs on (filled by dispatch, which knows the fallbacks).
  simdact_isa elementwise_isa[SIMDACT_ACTIVATION_COUNT];
  softmax_fn softmax;  // every table has its own
  softmax_fn log_softmax;
};

// Defined in src/isa/<isa>.cpp; only those compiled for the target exist.
const kernel_table& scalar_table();
const kernel_table& avx2_table();
const kernel_table& avx512_table();
const kernel_table& neon_table();

}  // namespace simdact::detail

// The table builders. Only the ISA translation units include what follows (it pulls in the
// kernels and xsimd).
#ifdef SIMDACT_BUILDING_TABLE
#include "../kernels/all.hpp"
#include "../kernels/driver.hpp"

namespace simdact::detail {

// Whether kernel K has a vector algorithm, i.e. K::eval(B, B) exists.
template <class K, class B, class = void>
inline constexpr bool has_eval = false;
template <class K, class B>
inline constexpr bool has_eval<K, B, std::void_t<decltype(K::eval(B{}, B{}))>> = true;

template <class K>
void scalar_elementwise(const float* x, float* y, std::size_t n, float param) {
  for (std::size_t i = 0; i < n; ++i) y[i] = static_cast<float>(K::reference(x[i], param));
}

template <bool Log>
void scalar_softmax(const float* x, float* y, std::size_t rows, std::size_t cols, std::size_t xs,
                    std::size_t ys) {
  for (std::size_t r = 0; r < rows; ++r)
    kernels::softmax::reference_row(x + r * xs, y + r * ys, cols, Log);
}

template <class Arch, class K>
constexpr elementwise_fn vector_entry() {
  if constexpr (has_eval<K, simd::batch<Arch>>) {
    return kernels::elementwise_entry<Arch, K>();
  } else {
    return nullptr;
  }
}

constexpr kernel_table make_scalar_table() {
  kernel_table t{SIMDACT_ISA_SCALAR, 0, {}, {}, &scalar_softmax<false>, &scalar_softmax<true>};
#define SIMDACT_ACTIVATION(id, name, NAME, param, def) \
  t.elementwise[id] = &scalar_elementwise<kernels::name>;
#include "simdact/activations.def"
  return t;
}

template <class Arch>
constexpr kernel_table make_vector_table(simdact_isa isa, unsigned required_features) {
  kernel_table t{isa,
                 required_features,
                 {},
                 {},
                 &kernels::softmax::vector_rows<Arch, false>,
                 &kernels::softmax::vector_rows<Arch, true>};
#define SIMDACT_ACTIVATION(id, name, NAME, param, def) \
  t.elementwise[id] = vector_entry<Arch, kernels::name>();
#include "simdact/activations.def"
  return t;
}

}  // namespace simdact::detail
#endif  // SIMDACT_BUILDING_TABLE
