// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the test files: ULP distance, the ISAs compiled for this target, the softmax
// oracle, the reference values of every activation, and a fixture that forces one ISA (or skips
// visibly).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "../kernels/all.hpp"
#include "../kernels/gated.hpp"
#include "../kernels/protocol.hpp"
#include "../src/isas.hpp"
#include "../src/registry.hpp"
#include "simdact/simdact.h"

#if defined(__unix__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace simdact::test {

// The kernels' scalar facts (reference formulas, bounds, thresholds), as compiled for tests.
namespace kernels = simdact::scalar::kernels;

// Memory followed by an inaccessible page: an array placed to end at end() faults on any read or
// write past its last element, masked vector loads included (which AddressSanitizer does not
// see). POSIX only; elsewhere available() is false and the tests that need it skip.
class fenced_memory {
 public:
  explicit fenced_memory(std::size_t floats) {
#if defined(__unix__)
    page_ = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    bytes_ = (floats * sizeof(float) + page_ - 1) / page_ * page_;
    void* p =
        mmap(nullptr, bytes_ + page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return;
    base_ = static_cast<char*>(p);
    if (mprotect(base_ + bytes_, page_, PROT_NONE) != 0) {
      munmap(base_, bytes_ + page_);
      base_ = nullptr;
    }
#else
    (void)floats;
#endif
  }
  ~fenced_memory() {
#if defined(__unix__)
    if (base_ != nullptr) munmap(base_, bytes_ + page_);
#endif
  }
  fenced_memory(const fenced_memory&) = delete;
  fenced_memory& operator=(const fenced_memory&) = delete;

  bool available() const { return base_ != nullptr; }
  float* end() const { return reinterpret_cast<float*>(base_ + bytes_); }

 private:
  char* base_ = nullptr;
  std::size_t bytes_ = 0, page_ = 0;
};

// Distance in representable floats between a and b on the ordered integer line; ±0 are equal,
// NaN meets NaN at distance 0 and anything else at "infinity".
inline std::int64_t ulp_distance(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) {
    return std::isnan(a) && std::isnan(b) ? 0 : std::numeric_limits<std::int64_t>::max();
  }
  auto ordered = [](float f) {
    std::int32_t i;
    std::memcpy(&i, &f, sizeof i);
    return i < 0 ? std::int64_t{std::numeric_limits<std::int32_t>::min()} - i : std::int64_t{i};
  };
  const std::int64_t d = ordered(a) - ordered(b);
  return d < 0 ? -d : d;
}

inline float from_bits(std::uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

inline std::uint32_t to_bits(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

// The ISAs compiled into the library, in priority order (whether or not the CPU runs them).
inline std::vector<simdact_isa> target_isas() {
  std::vector<simdact_isa> v;
  for (const detail::isa_info& i : detail::isas) {
    if (simdact_compiled_isas() & (1u << i.isa)) v.push_back(i.isa);
  }
  return v;
}

// The softmax oracle: long double accumulation, independent of the library's double reference.
inline void softmax_oracle_row(const float* x, float* y, std::size_t n, bool log) {
  long double m = x[0];
  for (std::size_t j = 1; j < n; ++j) m = std::max<long double>(m, x[j]);
  // sum = 1 + rest (the 1 from the first maximum), so that log(sum) = log1p(rest) stays accurate
  // for the max element when rest is tiny.
  long double rest = 0;
  std::size_t first_max = 0;
  while (x[first_max] != m) ++first_max;
  for (std::size_t j = 0; j < n; ++j) {
    if (j != first_max) rest += std::exp(static_cast<long double>(x[j]) - m);
  }
  for (std::size_t j = 0; j < n; ++j) {
    const long double d = static_cast<long double>(x[j]) - m;
    y[j] = static_cast<float>(log ? d - std::log1p(rest) : std::exp(d) / (1 + rest));
  }
}

// Floats per vector of an ISA (for the shapes around the vector width).
inline std::size_t lanes(simdact_isa isa) { return detail::find_isa(isa)->lanes; }

// Whether an ISA writes large outputs with streaming stores (simd::streams, from
// kernels::stream_from elements on).
inline bool streams(simdact_isa isa) { return detail::find_isa(isa)->streams; }

// Every registry activation with what its kernel states about it (kernels/protocol.hpp): the
// reference (double formula rounded to float), the ULP bound, its parameters (the registry row),
// and the facts the tests check.
struct activation_info {
  simdact_activation id;
  const char* name;
  const registry::activation* row;
  double (*reference)(double, const simdact_params&);
  int max_ulp;       // of the vector kernels; the scalar table is the reference itself (0)
  int fast_max_ulp;  // of the fast tier's vector kernels (max_ulp where there is no fast kernel)
  bool has_fast;     // whether the fast tier has a kernel of its own
  kernels::symmetry symmetric;
  bool monotone;
  std::span<const kernels::special_value> special_values;
  std::span<const kernels::special_value_at> special_values_at;
  std::span<const kernels::hard_input> hard_inputs;

  bool has_parameter() const { return row->parameter_count > 0; }
  simdact_params defaults() const { return row->defaults(); }
  // The defaults with the (first) parameter set to v.
  simdact_params with_param(float v) const {
    simdact_params p = defaults();
    if (has_parameter()) p.*row->parameters[0].field = v;
    return p;
  }
  // The defaults with the (first) parameter set to the first of `candidates` its domain accepts
  // (-0.5 is outside a shrink's lambda >= 0, so callers wanting "some other valid value" list a
  // fallback).
  simdact_params with_valid_param(std::initializer_list<float> candidates) const {
    for (float v : candidates) {
      const simdact_params p = with_param(v);
      if (registry::first_invalid(*row, p) == nullptr) return p;
    }
    ADD_FAILURE() << name << ": none of the candidate parameter values is valid";
    return defaults();
  }
  // The (first) parameter's value in p; 0 without one.
  float param_of(const simdact_params& p) const {
    return has_parameter() ? p.*row->parameters[0].field : 0.0f;
  }
};

template <class K>
activation_info info_of(simdact_activation id) {
  return {id,
          registry::activations[id].name,
          &registry::activations[id],
          &K::reference,
          K::max_ulp,
          kernels::fast_kernel<K>::max_ulp,
          kernels::has_fast<K>,
          K::symmetric,
          K::monotone,
          K::special_values,
          kernels::special_values_at<K>(),
          kernels::hard_inputs<K>()};
}

inline const std::vector<activation_info>& activations() {
  static const std::vector<activation_info> all = {
#define SIMDACT_ACTIVATION(id, name, NAME, count, params) info_of<kernels::name>(SIMDACT_##NAME),
#include "simdact/activations.def"
  };
  return all;
}

inline float reference(const activation_info& a, float x, const simdact_params& p) {
  return static_cast<float>(a.reference(x, p));
}

// The ULP bound of an activation's vector kernels in the tier p.accuracy (the scalar table is
// the reference in both: 0).
inline int bound(const activation_info& a, simdact_isa isa, const simdact_params& p) {
  if (isa == SIMDACT_ISA_SCALAR) return 0;
  return p.accuracy == SIMDACT_ACCURACY_FAST ? a.fast_max_ulp : a.max_ulp;
}

// The error of y against the exact value `exact` (the reference in double) in the tier's terms
// (simdact.h): the ULP distance to the correctly rounded value; in the fast tier, where |exact| <
// FLT_MIN, 0 if y is within FLT_MIN of it (a zero with exact's sign included: flushing is allowed
// there) and "infinity" otherwise.
inline std::int64_t tier_error(simdact_accuracy tier, float y, double exact) {
  constexpr double tiny = std::numeric_limits<float>::min();
  if (tier == SIMDACT_ACCURACY_FAST && std::fabs(exact) < tiny) {
    const bool sign_ok = y != 0.0f || std::signbit(y) == std::signbit(exact);
    return std::fabs(y - exact) <= tiny && sign_ok ? 0 : std::numeric_limits<std::int64_t>::max();
  }
  return ulp_distance(y, static_cast<float>(exact));
}

// The gated activations' oracle, the exact product f(gate) * up: f's double reference times up,
// rounded to a double by rounding to odd (kernels::times_to_odd), so that its conversion to float
// is the correctly rounded product.
// simdact.h's special values: NaN anywhere is NaN; a zero factor (f(gate) exactly 0 or its limit,
// or up = ±0) gives a zero with the product's sign, the infinities included.
inline double exact_product(const activation_info& a, float gate, float up,
                            const simdact_params& p) {
  if (std::isnan(gate) || std::isnan(up)) return std::numeric_limits<double>::quiet_NaN();
  const double f = a.reference(gate, p);
  if (f == 0.0 || up == 0.0f) return std::signbit(f) != std::signbit(up) ? -0.0 : 0.0;
  return kernels::times_to_odd(f, up);
}

// The gated kernels' bound in the tier: 1 ULP (accurate), 4 ULP where the exact product is normal
// (fast; tier_error above); the scalar table is the reference itself.
inline int gated_bound(simdact_isa isa, simdact_accuracy tier) {
  if (isa == SIMDACT_ISA_SCALAR) return 0;
  return tier == SIMDACT_ACCURACY_FAST ? 4 : 1;
}

// Forces the ISA under test for the duration of a test; skips (visibly, with the reason) when
// the library or the CPU cannot run it.
class isa_scope {
 public:
  explicit isa_scope(simdact_isa isa) : ok_(simdact_set_isa(isa) == SIMDACT_OK) {}
  ~isa_scope() { simdact_set_isa(SIMDACT_ISA_AUTO); }
  bool ok() const { return ok_; }

 private:
  bool ok_;
};

#define SIMDACT_REQUIRE_ISA(scope, isa)                                               \
  isa_scope scope(isa);                                                               \
  if (!scope.ok())                                                                    \
  GTEST_SKIP() << simdact_isa_name(isa) << " is not supported here (CPU features: \"" \
               << simdact_cpu_features() << "\")"

}  // namespace simdact::test
