// SPDX-License-Identifier: Apache-2.0
// The table builders, in the namespace of the ISA being compiled (simdact::SIMDACT_ISA): included
// only by src/isa/<isa>.cpp, which defines SIMDACT_ISA first. Only these pull in the kernels and
// xsimd.
#pragma once

#include "../../kernels/all.hpp"
#include "../../kernels/driver.hpp"
#include "../../kernels/gated.hpp"
#include "../../kernels/protocol.hpp"
#include "../kernel_table.hpp"

namespace simdact::SIMDACT_ISA {

template <class K>
void scalar_elementwise(const float* x, float* y, std::size_t n, const simdact_params& p) {
  for (std::size_t i = 0; i < n; ++i) y[i] = static_cast<float>(K::reference(x[i], p));
}

template <class K>
void scalar_gated(const float* gate, const float* up, float* y, std::size_t n,
                  const simdact_params& p) {
  for (std::size_t i = 0; i < n; ++i) y[i] = kernels::gated_reference<K>(gate[i], up[i], p);
}

// The gated kernels of K, null where K cannot gate (kernels/gated.hpp).
template <class K>
constexpr detail::gated_fn scalar_gated_of() {
  if constexpr (kernels::has_gate<K>) {
    return &scalar_gated<K>;
  } else {
    return nullptr;
  }
}

template <class Arch, class K, bool Fast>
constexpr detail::gated_fn vector_gated_of() {
  if constexpr (!kernels::has_gate<K>) {
    return nullptr;
  } else if constexpr (Fast) {
    return kernels::gated_entry<Arch, kernels::gated_fast_kernel<K>>();
  } else {
    return kernels::gated_entry<Arch, kernels::gated<K>>();
  }
}

template <bool Log>
void scalar_softmax(const float* x, float* y, std::size_t rows, std::size_t cols, std::size_t xs,
                    std::size_t ys) {
  for (std::size_t r = 0; r < rows; ++r)
    kernels::softmax::reference_row(x + r * xs, y + r * ys, cols, Log);
}

constexpr detail::kernel_table make_scalar_table() {
  detail::kernel_table t{SIMDACT_ISA_SCALAR,   0, {}, {}, {}, {}, &scalar_softmax<false>,
                         &scalar_softmax<true>};
#define SIMDACT_ACTIVATION(id, name, NAME, count, params)                                    \
  static_assert(kernels::elementwise_kernel<kernels::name>, #name ": kernels/protocol.hpp"); \
  t.elementwise[id] = t.fast[id] = &scalar_elementwise<kernels::name>;                       \
  t.gated[id] = t.gated_fast[id] = scalar_gated_of<kernels::name>();
#include "simdact/activations.def"
  return t;
}

// softmax and log_softmax: vector_rows of Arch unless the ISA's file passes its own.
template <class Arch>
constexpr detail::kernel_table make_vector_table(
    simdact_isa isa, unsigned required_features,
    detail::softmax_fn softmax = &kernels::softmax::vector_rows<Arch, false>,
    detail::softmax_fn log_softmax = &kernels::softmax::vector_rows<Arch, true>) {
  detail::kernel_table t{isa, required_features, {}, {}, {}, {}, softmax, log_softmax};
#define SIMDACT_ACTIVATION(id, name, NAME, count, params)                                    \
  static_assert(kernels::elementwise_kernel<kernels::name>, #name ": kernels/protocol.hpp"); \
  t.elementwise[id] = kernels::elementwise_entry<Arch, kernels::name>();                     \
  t.fast[id] = kernels::elementwise_entry<Arch, kernels::fast_kernel<kernels::name>>();      \
  t.gated[id] = vector_gated_of<Arch, kernels::name, false>();                               \
  t.gated_fast[id] = vector_gated_of<Arch, kernels::name, true>();
#include "simdact/activations.def"
  return t;
}

}  // namespace simdact::SIMDACT_ISA
