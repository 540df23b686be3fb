// SPDX-License-Identifier: Apache-2.0
// What an elementwise kernel states about its activation, beside its algorithms: the facts the
// tests, benchmarks and tour read from the kernel struct (through the registry, never a list of
// names of their own), and the protocol as a concept, checked for every registry row on every ISA
// (src/isa/make_table.hpp), so that a missing or misspelt member is a compile error.
//
// A kernel struct K has:
//   reference(double x, const params& p)   the formula in double: the scalar kernel, and the
//                                           oracle the tests hold the vector kernels to;
//   eval(B x, const params& p)             the vector algorithm over a batch (driver.hpp);
//   max_ulp                                 the bound of the vector kernels against the
//                                           correctly rounded value (the reference rounded);
//   symmetric, monotone                     shape facts at the default parameters;
//   special_values                          documented values at the default parameters;
//   naive(float x)                          the textbook formula in float, as a user would write
//                                           it without simdact (the benchmark's baseline);
// and where they apply (the tests fail where one is expected but missing):
//   special_values_at                       documented values at other values of its parameter
//                                           (required where the registry gives it one);
//   hard_inputs                             inputs where a kernel was once found off its bound;
//   eval_double(D x, const params& p)       the double path for the lanes its float one leaves;
//   fast                                    the fast tier's kernel (SIMDACT_ACCURACY_FAST), a
//                                           vector kernel of its own (eval, and any of the
//                                           driver's options) with its bound `max_ulp` where the
//                                           exact result is at least FLT_MIN in magnitude (below
//                                           it: FLT_MIN absolute, simdact.h); without one, the
//                                           fast tier runs the accurate kernel;
//   gate                                    the activation as the gate of a fused gated kernel,
//                                           f(gate) * up (gated.hpp): covers(x, p), the gates
//                                           whose value(x, p) gives f unrounded as hi + lo (a
//                                           split, or a scaled_split) to a relative error below
//                                           2^-24, possibly its own `common`, and, in
//                                           `fast`, covers and times(x, up, p); where it is
//                                           missing, the activation cannot gate.
#pragma once

#include <concepts>
#include <limits>
#include <span>

#include "driver.hpp"

namespace simdact::SIMDACT_ISA::kernels {

inline constexpr float infinity = std::numeric_limits<float>::infinity();

// How f(-x) relates to f(x) at the default parameters.
enum class symmetry {
  none,
  odd,         // f(-x) = -f(x), bit for bit
  complement,  // f(-x) = 1 - f(x), up to the rounding of both sides
  gated,       // f(x) = x g(x) with g(-x) = 1 - g(x): f(x) - f(-x) = x, up to rounding
};

// f(x) = y at the default parameters; y compared bit for bit (zeros with their sign).
struct special_value {
  float x, y;
};

// f(x; param) = y, param the value of the activation's (first) parameter.
struct special_value_at {
  float param, x, y;
};

// An input where a kernel was once found outside its bound, at param (the first parameter's
// value; ignored by activations without one): the tests check it and 2^12 floats on either side.
struct hard_input {
  float param, x;
};

template <class K>
concept elementwise_kernel = requires(double x, float xf, const params& p) {
  { K::reference(x, p) } -> std::same_as<double>;
  { K::max_ulp } -> std::convertible_to<int>;
  { K::symmetric } -> std::convertible_to<symmetry>;
  { K::monotone } -> std::convertible_to<bool>;
  std::span<const special_value>(K::special_values);
  { K::naive(xf) } -> std::same_as<float>;
};

// The optional facts, empty where a kernel states none.
template <class K>
constexpr std::span<const special_value_at> special_values_at() {
  if constexpr (requires { K::special_values_at; }) {
    return K::special_values_at;
  } else {
    return {};
  }
}

template <class K>
constexpr std::span<const hard_input> hard_inputs() {
  if constexpr (requires { K::hard_inputs; }) {
    return K::hard_inputs;
  } else {
    return {};
  }
}

// The fast tier: K::fast where K has one, K itself otherwise.
template <class K>
constexpr bool has_fast = requires {
  typename K::fast;
};

template <class K>
struct fast_of {
  using type = K;
};
template <class K>
requires has_fast<K>
struct fast_of<K> {
  using type = typename K::fast;
};
template <class K>
using fast_kernel = typename fast_of<K>::type;

}  // namespace simdact::SIMDACT_ISA::kernels
