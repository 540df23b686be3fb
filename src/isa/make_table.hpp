// The table builders, in the namespace of the ISA being compiled (simdact::SIMDACT_ISA): included
// only by src/isa/<isa>.cpp, which defines SIMDACT_ISA first. Only these pull in the kernels and
// xsimd.
#pragma once

#include <type_traits>

#include "../../kernels/all.hpp"
#include "../../kernels/driver.hpp"
#include "../kernel_table.hpp"

namespace simdact::SIMDACT_ISA {

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
constexpr detail::elementwise_fn vector_entry() {
  if constexpr (has_eval<K, simd::batch<Arch>>) {
    return kernels::elementwise_entry<Arch, K>();
  } else {
    return nullptr;
  }
}

constexpr detail::kernel_table make_scalar_table() {
  detail::kernel_table t{SIMDACT_ISA_SCALAR,   0, {}, {}, &scalar_softmax<false>,
                         &scalar_softmax<true>};
#define SIMDACT_ACTIVATION(id, name, NAME, param, def) \
  t.elementwise[id] = &scalar_elementwise<kernels::name>;
#include "simdact/activations.def"
  return t;
}

// softmax and log_softmax: vector_rows of Arch unless the ISA's file passes its own.
template <class Arch>
constexpr detail::kernel_table make_vector_table(
    simdact_isa isa, unsigned required_features,
    detail::softmax_fn softmax = &kernels::softmax::vector_rows<Arch, false>,
    detail::softmax_fn log_softmax = &kernels::softmax::vector_rows<Arch, true>) {
  detail::kernel_table t{isa, required_features, {}, {}, softmax, log_softmax};
#define SIMDACT_ACTIVATION(id, name, NAME, param, def) \
  t.elementwise[id] = vector_entry<Arch, kernels::name>();
#include "simdact/activations.def"
  return t;
}

}  // namespace simdact::SIMDACT_ISA
