// SPDX-License-Identifier: Apache-2.0
// Every argument error of the C and C++ APIs: the right status or exception, a message naming
// the argument, and nothing written to y. Also the C++ wrappers and spans.
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "simdact/simdact.hpp"
#include "test_support.hpp"

namespace simdact::test {
namespace {

const float sentinel = 42.0f;

TEST(CApi, ElementwiseArgumentErrorsWriteNothing) {
  std::array<float, 8> buf{};
  buf.fill(1.0f);
  std::array<float, 8> y{};
  y.fill(sentinel);
  const float* x = buf.data();
  EXPECT_EQ(simdact_sigmoid_f32(nullptr, y.data(), 4), SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_sigmoid_f32(x, nullptr, 4), SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_leaky_relu_f32(x, y.data(), 4, std::numeric_limits<float>::quiet_NaN()),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_elu_f32(x, y.data(), 4, std::numeric_limits<float>::infinity()),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_swish_f32(x, y.data(), 4, -std::numeric_limits<float>::infinity()),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_apply_f32(static_cast<simdact_activation>(SIMDACT_ACTIVATION_COUNT), nullptr, x,
                              y.data(), 4),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_apply_f32(static_cast<simdact_activation>(-1), nullptr, x, y.data(), 4),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_relu_f32(x, y.data(), SIZE_MAX / 2), SIMDACT_ERROR_INVALID_ARGUMENT);
  for (float v : y) EXPECT_EQ(v, sentinel);
  // Partial overlap, both directions; nothing written.
  std::array<float, 16> z{};
  z.fill(sentinel);
  EXPECT_EQ(simdact_relu_f32(z.data(), z.data() + 1, 8), SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_relu_f32(z.data() + 3, z.data(), 8), SIMDACT_ERROR_INVALID_ARGUMENT);
  for (float v : z) EXPECT_EQ(v, sentinel);
  // Adjacent (not overlapping) ranges are fine.
  EXPECT_EQ(simdact_relu_f32(z.data(), z.data() + 8, 8), SIMDACT_OK);
}

// Sizes whose range wraps around the end of the address space are errors, not crashes (issue
// 20's reproducers: relu in place with n = SIZE_MAX / 4, in-place softmax with that many
// columns), and so are enum values outside the registry (a C caller may pass any int).
TEST(CApi, WrappingSizesAndUnknownEnumValuesAreErrors) {
  std::array<float, 8> buf{};
  buf.fill(sentinel);
  float* p = buf.data() + 4;
  EXPECT_EQ(simdact_relu_f32(p, p, SIZE_MAX / 4), SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_relu_f32(p, p, SIZE_MAX / 4 - 1), SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_relu_f32(p, buf.data(), SIZE_MAX / 4 - 8), SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_softmax_f32(p, p, 1, SIZE_MAX / 4, SIZE_MAX / 4, SIZE_MAX / 4),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_log_softmax_f32(p, p, 2, 4, SIZE_MAX / 4 - 8, SIZE_MAX / 4 - 8),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  for (float v : buf) EXPECT_EQ(v, sentinel);
  EXPECT_EQ(simdact_apply_f32(static_cast<simdact_activation>(100), nullptr, p, p, 1),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_apply_f32(static_cast<simdact_activation>(INT32_MIN), nullptr, p, p, 1),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_activation_name(static_cast<simdact_activation>(100)), nullptr);
  EXPECT_EQ(simdact_set_isa(static_cast<simdact_isa>(100)), SIMDACT_ERROR_UNSUPPORTED_ISA);
  EXPECT_EQ(simdact_isa_name(static_cast<simdact_isa>(-7)), nullptr);
  EXPECT_STREQ(simdact_status_string(static_cast<simdact_status>(1000)), "unknown status");
}

TEST(CApi, EmptyCallsSucceedAndTouchNothing) {
  EXPECT_EQ(simdact_sigmoid_f32(nullptr, nullptr, 0), SIMDACT_OK);
  EXPECT_EQ(simdact_apply_f32(SIMDACT_GELU, nullptr, nullptr, nullptr, 0), SIMDACT_OK);
  EXPECT_EQ(simdact_softmax_f32(nullptr, nullptr, 0, 10, 10, 10), SIMDACT_OK);
  EXPECT_EQ(simdact_log_softmax_f32(nullptr, nullptr, 10, 0, 0, 0), SIMDACT_OK);
  // An invalid parameter is reported even when n is 0: the call is wrong whatever its size.
  EXPECT_EQ(simdact_elu_f32(nullptr, nullptr, 0, std::numeric_limits<float>::quiet_NaN()),
            SIMDACT_ERROR_INVALID_ARGUMENT);
}

TEST(CApi, SoftmaxArgumentErrorsWriteNothing) {
  std::array<float, 32> x{};
  std::array<float, 32> y{};
  y.fill(sentinel);
  EXPECT_EQ(simdact_softmax_f32(nullptr, y.data(), 2, 4, 4, 4), SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_softmax_f32(x.data(), nullptr, 2, 4, 4, 4), SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_softmax_f32(x.data(), y.data(), 2, 4, 3, 4), SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_log_softmax_f32(x.data(), y.data(), 2, 4, 4, 3),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_softmax_f32(x.data(), y.data(), SIZE_MAX / 2, 4, 4, 4),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_softmax_f32(x.data(), y.data(), 3, 4, SIZE_MAX / 4, 4),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_softmax_f32(x.data(), y.data(), 1, SIZE_MAX, SIZE_MAX, SIZE_MAX),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  for (float v : y) EXPECT_EQ(v, sentinel);
  // Overlap other than exact in place (same pointer and stride).
  EXPECT_EQ(simdact_softmax_f32(y.data(), y.data() + 2, 2, 4, 4, 4),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(simdact_softmax_f32(y.data(), y.data(), 2, 4, 8, 4), SIMDACT_ERROR_INVALID_ARGUMENT);
  for (float v : y) EXPECT_EQ(v, sentinel);
  EXPECT_EQ(simdact_softmax_f32(y.data(), y.data(), 2, 4, 8, 8), SIMDACT_OK);
}

TEST(CApi, NamesAndStatusStrings) {
  EXPECT_STREQ(simdact_status_string(SIMDACT_OK), "ok");
  EXPECT_STREQ(simdact_status_string(SIMDACT_ERROR_INVALID_ARGUMENT), "invalid argument");
  EXPECT_NE(simdact_status_string(SIMDACT_ERROR_UNSUPPORTED_ISA), nullptr);
  EXPECT_STREQ(simdact_status_string(static_cast<simdact_status>(99)), "unknown status");
  EXPECT_STREQ(simdact_isa_name(SIMDACT_ISA_AVX512), "avx512");
  EXPECT_EQ(simdact_isa_name(static_cast<simdact_isa>(99)), nullptr);
  EXPECT_STREQ(simdact_activation_name(SIMDACT_GELU_TANH), "gelu_tanh");
  EXPECT_EQ(simdact_activation_name(static_cast<simdact_activation>(99)), nullptr);
  EXPECT_STRNE(simdact_version(), "");
  EXPECT_EQ(simdact_default_params(SIMDACT_LEAKY_RELU).alpha, 0.01f);
  EXPECT_EQ(simdact_default_params(SIMDACT_ELU).alpha, 1.0f);
  EXPECT_EQ(simdact_default_params(SIMDACT_SWISH).beta, 1.0f);
}

// The registry's parameters as the API shows them: names, defaults, and the fields that
// simdact_default_params() fills (each activation's own, every other field 0).
TEST(CApi, ParametersFromTheRegistry) {
  EXPECT_EQ(simdact_parameter_count(SIMDACT_SIGMOID), 0u);
  EXPECT_EQ(simdact_parameter_name(SIMDACT_SIGMOID, 0), nullptr);
  EXPECT_EQ(simdact_parameter_count(SIMDACT_ELU), 1u);
  EXPECT_STREQ(simdact_parameter_name(SIMDACT_ELU, 0), "alpha");
  EXPECT_EQ(simdact_parameter_default(SIMDACT_ELU, 0), 1.0f);
  EXPECT_STREQ(simdact_parameter_name(SIMDACT_SWISH, 0), "beta");
  EXPECT_EQ(simdact_parameter_name(SIMDACT_SWISH, 1), nullptr);
  EXPECT_EQ(simdact_parameter_count(static_cast<simdact_activation>(99)), 0u);
  EXPECT_EQ(simdact_parameter_name(static_cast<simdact_activation>(99), 0), nullptr);
  for (const activation_info& a : activations()) {
    ASSERT_EQ(simdact_parameter_count(a.id), a.row->parameter_count) << a.name;
    const simdact_params d = simdact_default_params(a.id);
    simdact_params expected{};
    for (std::size_t k = 0; k < a.row->parameter_count; ++k) {
      const registry::parameter& q = a.row->parameters[k];
      EXPECT_STREQ(simdact_parameter_name(a.id, k), q.name);
      EXPECT_EQ(simdact_parameter_default(a.id, k), q.default_value);
      expected.*q.field = q.default_value;
    }
    EXPECT_EQ(registry::first_invalid(*a.row, d), nullptr) << a.name << ": invalid defaults";
    EXPECT_EQ(std::memcmp(&d, &expected, sizeof d), 0) << a.name;
  }
}

// Each parameter's domain is enforced, whichever entry point takes it; nothing is written.
TEST(CApi, ParametersOutsideTheirDomainWriteNothing) {
  const float x[4] = {1.0f, -2.0f, 3.0f, -4.0f};
  for (const activation_info& a : activations()) {
    for (std::size_t k = 0; k < a.row->parameter_count; ++k) {
      const registry::parameter& q = a.row->parameters[k];
      for (float bad : {NAN, INFINITY, -INFINITY, 0.0f, -1.0f, -2.0f, 2.0f}) {
        simdact_params p = simdact_default_params(a.id);
        p.*q.field = bad;
        if (registry::first_invalid(*a.row, p) == nullptr) continue;
        float y[4] = {sentinel, sentinel, sentinel, sentinel};
        EXPECT_EQ(simdact_apply_f32(a.id, &p, x, y, 4), SIMDACT_ERROR_INVALID_ARGUMENT)
            << a.name << " " << q.name << " = " << bad;
        for (float v : y) EXPECT_EQ(v, sentinel);
      }
    }
  }
}

// The C++ exception's message must name the argument.
template <class F>
void expect_invalid(F f, const std::string& argument) {
  try {
    f();
    ADD_FAILURE() << "no exception; expected one naming " << argument;
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(argument + ":"), std::string::npos) << e.what();
  }
}

TEST(CxxApi, ErrorsThrowNamingTheArgument) {
  std::array<float, 16> x{};
  std::array<float, 16> y{};
  y.fill(sentinel);
  expect_invalid([&] { simdact::sigmoid(nullptr, y.data(), 4); }, "x");
  expect_invalid([&] { simdact::tanh(x.data(), nullptr, 4); }, "y");
  expect_invalid([&] { simdact::leaky_relu(x.data(), y.data(), 4, NAN); }, "alpha");
  expect_invalid([&] { simdact::swish(x.data(), y.data(), 4, INFINITY); }, "beta");
  expect_invalid([&] { simdact::hardtanh(x.data(), y.data(), 4, 1.0f, -1.0f); }, "max_val");
  expect_invalid([&] { simdact::hardshrink(x.data(), y.data(), 4, -0.5f); }, "lambda");
  expect_invalid([&] { simdact::relu(x.data(), x.data() + 1, 4); }, "y");
  expect_invalid([&] { simdact::softmax(x.data(), y.data(), 2, 4, 2, 4); }, "x_row_stride");
  expect_invalid([&] { simdact::log_softmax(x.data(), y.data(), 2, 4, 4, 2); }, "y_row_stride");
  expect_invalid(
      [&] { simdact::apply(static_cast<simdact::activation>(77), x.data(), y.data(), 1); },
      "activation");
  expect_invalid([&] { simdact::set_isa(static_cast<simdact::isa>(77)); }, "isa");
  for (float v : y) EXPECT_EQ(v, sentinel);
}

TEST(CxxApi, WrappersMatchTheCApi) {
  std::vector<float> x = {-3.0f, -0.5f, 0.0f, 0.25f, 2.0f};
  std::vector<float> a(x.size()), b(x.size());
  simdact::elu(x.data(), a.data(), x.size(), 0.5f);
  ASSERT_EQ(simdact_elu_f32(x.data(), b.data(), x.size(), 0.5f), SIMDACT_OK);
  EXPECT_EQ(a, b);
  simdact::leaky_relu(x.data(), a.data(), x.size());  // default alpha 0.01
  EXPECT_EQ(a[0], -0.03f);
  simdact::swish(x.data(), a.data(), x.size());  // default beta 1 is silu
  simdact::silu(x.data(), b.data(), x.size());
  EXPECT_EQ(a, b);
  simdact::apply(SIMDACT_GELU, x.data(), a.data(), x.size());
  simdact::gelu(x.data(), b.data(), x.size());
  EXPECT_EQ(a, b);
}

#ifdef SIMDACT_HAS_SPAN
TEST(CxxApi, Spans) {
  std::vector<float> x = {1.0f, 2.0f, 3.0f, 6.0f};
  std::vector<float> y(4), z(4);
  simdact::sigmoid(std::span<const float>(x), std::span<float>(y));
  simdact::sigmoid(x.data(), z.data(), x.size());
  EXPECT_EQ(y, z);
  simdact::elu(std::span<const float>(x), std::span<float>(y), 2.0f);
  simdact::elu(x.data(), z.data(), x.size(), 2.0f);
  EXPECT_EQ(y, z);
  simdact::softmax(std::span<const float>(x), std::span<float>(y));
  EXPECT_NEAR(y[3], 0.93037047f, 1e-6f);
  std::vector<float> shorter(3);
  expect_invalid([&] { simdact::relu(std::span<const float>(x), std::span<float>(shorter)); }, "y");
}
#endif

}  // namespace
}  // namespace simdact::test

// The headers declare every registry activation by name (generated from the registry,
// cmake/SimdactApiHeaders.cmake) with the entry point's exact signature, in C and in C++; and the
// C++ defaults are the registry's: a call without parameters equals apply() with the defaults.
namespace simdact::test {
namespace {

#define SIMDACT_ACTIVATION(id, name, NAME, count, plist)                                           \
  static_assert(                                                                                   \
      std::is_same_v<decltype(&simdact_##name##_f32),                                              \
                     simdact_status (*)(const float*, float*, size_t SIMDACT_ARGS_##count plist)>, \
      "simdact.h: simdact_" #name "_f32 differs from the registry");                               \
  static_assert(                                                                                   \
      std::is_same_v<decltype(static_cast<void (*)(const float*, float*,                           \
                                                   std::size_t SIMDACT_ARGS_##count plist)>(       \
                         &simdact::name)),                                                         \
                     void (*)(const float*, float*, std::size_t SIMDACT_ARGS_##count plist)>,      \
      "simdact.hpp: simdact::" #name " differs from the registry");
#include "simdact/activations.def"

TEST(Api, DeclaredDefaultsAreTheRegistrys) {
  const std::array<float, 6> x = {-3.0f, -0.5f, -0.0f, 0.25f, 2.0f, 7.0f};
  std::array<float, 6> by_name{}, by_apply{};
#define SIMDACT_ACTIVATION(id, name, NAME, count, plist)              \
  simdact::name(x.data(), by_name.data(), x.size());                  \
  simdact::apply(SIMDACT_##NAME, x.data(), by_apply.data(), x.size(), \
                 simdact_default_params(SIMDACT_##NAME));             \
  EXPECT_EQ(0, std::memcmp(by_name.data(), by_apply.data(), sizeof by_name)) << #name;
#include "simdact/activations.def"
}

// The accuracy tiers: the default (0, simdact_default_params, a NULL params, the named entry
// points, the C++ overloads without a tier) is the accurate tier, on every ISA; simdact::fast and
// params.accuracy select the fast one; an activation without a fast kernel gives the accurate
// kernel's bits in both tiers, and so do softmax and log_softmax (whose fast tier runs their
// accurate kernels).
std::vector<float> tier_inputs() {
  std::vector<float> x;
  for (int i = -4000; i <= 4000; ++i) x.push_back(static_cast<float>(i) * 0.0237f);
  for (float v : {1e-40f, -1e-40f, 0.0f, -0.0f, 95.0f, -95.0f, 1e30f, -1e30f}) x.push_back(v);
  return x;
}

// Per ISA, skipped visibly where the CPU lacks it.
class Tiers : public ::testing::TestWithParam<simdact_isa> {};

TEST_P(Tiers, TheDefaultTierIsTheAccurateOne) {
  static_assert(SIMDACT_ACCURACY_ACCURATE == 0, "zero-initialised params are the accurate tier");
  const simdact_isa isa = GetParam();
  SIMDACT_REQUIRE_ISA(scope, isa);
  const std::vector<float> x = tier_inputs();
  const std::size_t n = x.size();
  for (const activation_info& a : activations()) {
    simdact_params accurate = a.defaults(), fast = a.defaults();
    EXPECT_EQ(simdact_default_params(a.id).accuracy, SIMDACT_ACCURACY_ACCURATE) << a.name;
    fast.accuracy = SIMDACT_ACCURACY_FAST;
    std::vector<float> want(n), got(n), quick(n);
    ASSERT_EQ(simdact_apply_f32(a.id, &accurate, x.data(), want.data(), n), SIMDACT_OK);
    ASSERT_EQ(simdact_apply_f32(a.id, nullptr, x.data(), got.data(), n), SIMDACT_OK);
    ASSERT_EQ(simdact_apply_f32(a.id, &fast, x.data(), quick.data(), n), SIMDACT_OK);
    bool differ = false;
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_EQ(to_bits(got[i]), to_bits(want[i])) << a.name << " " << x[i];
      differ |= to_bits(quick[i]) != to_bits(want[i]);
    }
    // The fast tier is another kernel where there is one (on the vector ISAs: the scalar
    // table is the reference in both), and the accurate one elsewhere.
    EXPECT_EQ(differ, a.has_fast && isa != SIMDACT_ISA_SCALAR)
        << a.name << " on " << simdact_isa_name(isa);
    EXPECT_EQ(simdact_has_fast_kernel(a.id), a.has_fast ? 1 : 0) << a.name;
  }
  EXPECT_EQ(simdact_has_fast_kernel(static_cast<simdact_activation>(-1)), 0);
}

INSTANTIATE_TEST_SUITE_P(Api, Tiers, ::testing::ValuesIn(target_isas()),
                         [](const ::testing::TestParamInfo<simdact_isa>& param) {
                           return std::string(simdact_isa_name(param.param));
                         });

TEST(Api, TiersInTheNamedEntryPoints) {
  const std::vector<float> x = tier_inputs();
  const std::size_t n = x.size();
  std::vector<float> c_default(n), cxx_default(n), cxx_fast(n), applied_fast(n);
  ASSERT_EQ(simdact_swish_f32(x.data(), c_default.data(), n, 1.702f), SIMDACT_OK);
  simdact::swish(x.data(), cxx_default.data(), n, 1.702f);
  simdact::swish(simdact::fast, x.data(), cxx_fast.data(), n, 1.702f);
  simdact_params p = simdact_default_params(SIMDACT_SWISH);
  p.beta = 1.702f;
  p.accuracy = SIMDACT_ACCURACY_FAST;
  ASSERT_EQ(simdact_apply_f32(SIMDACT_SWISH, &p, x.data(), applied_fast.data(), n), SIMDACT_OK);
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(to_bits(cxx_default[i]), to_bits(c_default[i])) << x[i];
    ASSERT_EQ(to_bits(cxx_fast[i]), to_bits(applied_fast[i])) << x[i];
  }
#ifdef SIMDACT_HAS_SPAN
  std::vector<float> span_fast(n);
  simdact::swish(simdact::fast, std::span<const float>(x), std::span<float>(span_fast), 1.702f);
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(to_bits(span_fast[i]), to_bits(applied_fast[i]));
#endif
  EXPECT_TRUE(simdact::has_fast_kernel(SIMDACT_SIGMOID));
  EXPECT_FALSE(simdact::has_fast_kernel(SIMDACT_RELU));
}

TEST(Api, SoftmaxFastTierRunsTheAccurateKernel) {
  const std::size_t rows = 3, cols = 1000;
  std::vector<float> x(rows * cols);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(static_cast<float>(i)) * 30.0f;
  for (bool log : {false, true}) {
    std::vector<float> want(x.size()), got(x.size()), cxx(x.size());
    const auto plain = log ? simdact_log_softmax_f32 : simdact_softmax_f32;
    const auto ex = log ? simdact_log_softmax_ex_f32 : simdact_softmax_ex_f32;
    ASSERT_EQ(plain(x.data(), want.data(), rows, cols, cols, cols), SIMDACT_OK);
    ASSERT_EQ(ex(x.data(), got.data(), rows, cols, cols, cols, SIMDACT_ACCURACY_FAST), SIMDACT_OK);
    if (log) {
      simdact::log_softmax(simdact::fast, x.data(), cxx.data(), rows, cols);
    } else {
      simdact::softmax(simdact::fast, x.data(), cxx.data(), rows, cols);
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      ASSERT_EQ(to_bits(got[i]), to_bits(want[i])) << i;
      ASSERT_EQ(to_bits(cxx[i]), to_bits(want[i])) << i;
    }
  }
}

TEST(Api, AnUnknownTierIsAnErrorAndWritesNothing) {
  std::array<float, 8> x{}, y{};
  y.fill(sentinel);
  simdact_params p = simdact_default_params(SIMDACT_SIGMOID);
  p.accuracy = static_cast<simdact_accuracy>(2);
  EXPECT_EQ(simdact_apply_f32(SIMDACT_SIGMOID, &p, x.data(), y.data(), 4),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  p.accuracy = static_cast<simdact_accuracy>(-1);
  EXPECT_EQ(simdact_apply_f32(SIMDACT_SIGMOID, &p, x.data(), y.data(), 4),
            SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(
      simdact_softmax_ex_f32(x.data(), y.data(), 2, 4, 4, 4, static_cast<simdact_accuracy>(7)),
      SIMDACT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(
      simdact_log_softmax_ex_f32(x.data(), y.data(), 2, 4, 4, 4, static_cast<simdact_accuracy>(7)),
      SIMDACT_ERROR_INVALID_ARGUMENT);
  for (float v : y) EXPECT_EQ(v, sentinel);
  EXPECT_THROW(simdact::sigmoid(static_cast<simdact::accuracy>(3), x.data(), y.data(), 4),
               std::invalid_argument);
  EXPECT_THROW(simdact::softmax(static_cast<simdact::accuracy>(3), x.data(), y.data(), 2, 4),
               std::invalid_argument);
  for (float v : y) EXPECT_EQ(v, sentinel);
}

}  // namespace
}  // namespace simdact::test
