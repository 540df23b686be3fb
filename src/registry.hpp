// SPDX-License-Identifier: Apache-2.0
// The registry (include/simdact/activations.def) as C++ data: each activation's name and its
// parameters with their simdact_params field, default and domain. The C and C++ APIs read it for
// the defaults and the argument checks, the kernels for their parameters (simdact_params itself),
// the tests and the tour for what to call and print.
#pragma once

#include <cmath>
#include <cstddef>
#include <iterator>

#include "simdact/simdact.h"

namespace simdact::registry {

// The values a parameter accepts; each is finite too. not_below_previous: at least the value of
// the parameter before it (hardtanh's max_val >= min_val).
enum class domain { finite, positive, nonnegative, nonzero, not_below_previous };

// Whether v is in domain d, previous being the value of the parameter before it (where d refers to
// it).
constexpr bool in_domain(float v, domain d, float previous = 0.0f) {
  if (!(v - v == 0.0f)) return false;  // NaN or infinite (constexpr: no std::isfinite)
  switch (d) {
    case domain::positive:
      return v > 0.0f;
    case domain::nonnegative:
      return v >= 0.0f;
    case domain::nonzero:
      return v != 0.0f;
    case domain::not_below_previous:
      return v >= previous;
    default:
      return true;
  }
}

constexpr const char* domain_text(domain d) {
  switch (d) {
    case domain::positive:
      return "must be finite and positive";
    case domain::nonnegative:
      return "must be finite and non-negative";
    case domain::nonzero:
      return "must be finite and non-zero";
    case domain::not_below_previous:
      return "must be finite and not below the parameter before it";
    default:
      return "must be finite";
  }
}

// Whether a value (taken as an integer: a C caller may pass any) is one of simdact_accuracy's.
constexpr bool is_accuracy(int a) {
  return a == SIMDACT_ACCURACY_ACCURATE || a == SIMDACT_ACCURACY_FAST;
}

struct parameter {
  const char* name;              // the argument's name, and the field's
  float simdact_params::*field;  // where simdact_apply_f32 takes it from
  float default_value;
  domain accepted;
};

inline constexpr std::size_t max_parameters = 2;

struct activation {
  simdact_activation id;
  const char* name;
  std::size_t parameter_count;
  parameter parameters[max_parameters];
  // The defaults of this activation's parameters, every other field 0 (filled in below).
  simdact_params default_params;

  constexpr const simdact_params& defaults() const { return default_params; }
};

constexpr activation with_defaults(activation a) {
  a.default_params = {};
  for (std::size_t i = 0; i < a.parameter_count; ++i) {
    a.default_params.*a.parameters[i].field = a.parameters[i].default_value;
  }
  return a;
}

// For the per-activation entry points of the C and C++ APIs (src/c_api.cpp, src/api.cpp), from a
// row's parameter list: SIMDACT_ARGS_n, the arguments after n; SIMDACT_ASSIGN_n, those arguments
// stored into the simdact_params p that holds the row's defaults; SIMDACT_PASS_n, the arguments
// passed on.
#define SIMDACT_ARGS_0()
#define SIMDACT_ARGS_1(a, a_default, a_domain) , float a
#define SIMDACT_ARGS_2(a, a_default, a_domain, b, b_default, b_domain) , float a, float b
#define SIMDACT_PASS_0()
#define SIMDACT_PASS_1(a, a_default, a_domain) , a
#define SIMDACT_PASS_2(a, a_default, a_domain, b, b_default, b_domain) , a, b
#define SIMDACT_ASSIGN_0() (void)p
#define SIMDACT_ASSIGN_1(a, a_default, a_domain) p.a = a
#define SIMDACT_ASSIGN_2(a, a_default, a_domain, b, b_default, b_domain) (p.a = a, p.b = b)

#define SIMDACT_PARAMS_0() \
  {}
#define SIMDACT_PARAMS_1(a, a_default, a_domain) \
  { {#a, &simdact_params::a, a_default, domain::a_domain}, }
#define SIMDACT_PARAMS_2(a, a_default, a_domain, b, b_default, b_domain) \
  {                                                                      \
    {#a, &simdact_params::a, a_default, domain::a_domain},               \
        {#b, &simdact_params::b, b_default, domain::b_domain},           \
  }
inline constexpr activation activations[] = {
#define SIMDACT_ACTIVATION(id, name, NAME, count, params) \
  with_defaults({SIMDACT_##NAME, #name, count, SIMDACT_PARAMS_##count params, {}}),
#include "simdact/activations.def"
};

inline constexpr std::size_t count = std::size(activations);

// Ids are ABI: rows keep their ids, appended in order, so that an id indexes the kernel tables.
constexpr bool ids_are_indices() {
  for (std::size_t i = 0; i < count; ++i) {
    if (activations[i].id != static_cast<int>(i)) return false;
  }
  return count == SIMDACT_ACTIVATION_COUNT;
}
static_assert(ids_are_indices(), "activations.def: ids must be 0, 1, 2, ... in row order");

// The first of a's parameters that p holds outside its domain, or nullptr if they are all valid.
constexpr const parameter* first_invalid(const activation& a, const simdact_params& p) {
  for (std::size_t i = 0; i < a.parameter_count; ++i) {
    const parameter& q = a.parameters[i];
    const float previous = i > 0 ? p.*a.parameters[i - 1].field : 0.0f;
    if (!in_domain(p.*q.field, q.accepted, previous)) return &q;
  }
  return nullptr;
}

// The row of id `a`, or nullptr for a value outside the registry (taken as an integer first: a C
// caller may pass any value of the enum's underlying type).
constexpr const activation* find(int a) {
  return a >= 0 && static_cast<std::size_t>(a) < count ? &activations[a] : nullptr;
}

}  // namespace simdact::registry
