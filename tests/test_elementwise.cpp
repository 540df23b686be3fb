// SPDX-License-Identifier: Apache-2.0
// Every registry activation x every ISA of this target x both accuracy tiers (the fast one for
// the activations with a fast kernel): shapes, alignment, in place, guards, position
// independence, the accuracy sweep against the reference in the tier's terms, and special values
// (the same in both tiers).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <random>
#include <tuple>

#include "test_support.hpp"

namespace simdact::test {
namespace {

// (index into activations(), isa, tier)
using case_t = std::tuple<std::size_t, simdact_isa, simdact_accuracy>;

class Elementwise : public ::testing::TestWithParam<case_t> {
 protected:
  const activation_info& act() const { return activations()[std::get<0>(GetParam())]; }
  simdact_isa isa() const { return std::get<1>(GetParam()); }
  simdact_accuracy tier() const { return std::get<2>(GetParam()); }
  // The defaults, or the (first) parameter at v, in the tier under test.
  simdact_params params() const { return in_tier(act().defaults()); }
  simdact_params params_at(float v) const { return in_tier(act().with_param(v)); }
  simdact_params in_tier(simdact_params p) const {
    p.accuracy = tier();
    return p;
  }
  int bound() const { return test::bound(act(), isa(), params()); }

  void run(const float* x, float* y, std::size_t n) const {
    const simdact_params p = params();
    ASSERT_EQ(simdact_apply_f32(act().id, &p, x, y, n), SIMDACT_OK);
  }

  // Checks y[i] against the reference of x[i] within the tier's bound.
  void expect_accurate(const std::vector<float>& x, const float* y) const {
    const simdact_params p = params();
    for (std::size_t i = 0; i < x.size(); ++i) {
      ASSERT_LE(tier_error(tier(), y[i], act().reference(x[i], p)), bound())
          << "x[" << i << "] = " << x[i] << " gave " << y[i] << ", reference "
          << reference(act(), x[i], p);
    }
  }
};

const float inf = std::numeric_limits<float>::infinity();
const float nan = std::numeric_limits<float>::quiet_NaN();

// Values over the range where every activation does something interesting, plus specials.
std::vector<float> sample_inputs(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> wide(-30.0f, 30.0f);
  std::vector<float> x(n);
  for (auto& v : x) v = wide(rng);
  return x;
}

TEST_P(Elementwise, ShapesAroundTheVectorWidth) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const std::size_t w = lanes(isa());
  std::vector<std::size_t> sizes;
  for (std::size_t n = 0; n <= 3 * w + 1; ++n) sizes.push_back(n);
  for (std::size_t n : {4 * w, 8 * w, 64 * w, std::size_t{1000}, std::size_t{4099}}) {
    sizes.push_back(n);
  }
  for (std::size_t n : sizes) {
    const std::vector<float> x = sample_inputs(n, static_cast<unsigned>(n));
    std::vector<float> y(n);  // exact size: AddressSanitizer sees any overrun
    run(x.data(), y.data(), n);
    expect_accurate(x, y.data());
  }
}

// One long array (SIMDACT_LONG_ARRAY elements: 10^6 natively, fewer in the slow builds).
TEST_P(Elementwise, LongArray) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const std::vector<float> x = sample_inputs(SIMDACT_LONG_ARRAY, 7);
  std::vector<float> y(x.size());
  run(x.data(), y.data(), x.size());
  expect_accurate(x, y.data());
}

// Arrays of 2^22 elements and more take the streaming-store path (kernels/driver.hpp): its
// alignment head, streamed body and tail give the same bits as calls on short pieces, at a
// misaligned y and in place, and write nothing outside y. AVX2 and AVX-512 stream
// (simd::streams, kernels::stream_from).
TEST_P(Elementwise, LargeArraysStreamed) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  if (!streams(isa())) GTEST_SKIP() << "this ISA writes with plain stores only";
  const std::size_t n = kernels::stream_from + 13;
  const std::vector<float> x = sample_inputs(n, 19);
  std::vector<float> want(n);
  for (std::size_t i = 0; i < n; i += 4096)
    run(x.data() + i, want.data() + i, std::min<std::size_t>(4096, n - i));
  const float guard = from_bits(0x7fa5a5a5u);
  std::vector<float> y(n + 8, guard);
  run(x.data(), y.data() + 3, n);  // y 12 bytes past an allocation's alignment
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(to_bits(y[i + 3]), to_bits(want[i])) << "i = " << i;
  for (std::size_t i : {0, 1, 2}) ASSERT_EQ(to_bits(y[i]), to_bits(guard));
  for (std::size_t i = n + 3; i < y.size(); ++i) ASSERT_EQ(to_bits(y[i]), to_bits(guard));
  std::vector<float> in_place = x;
  run(in_place.data(), in_place.data(), n);
  for (std::size_t i = 0; i < n; ++i)
    ASSERT_EQ(to_bits(in_place[i]), to_bits(want[i])) << "i = " << i;
}

// Arrays from 64 batches on start with a partial batch up to y's batch alignment
// (kernels/driver.hpp): at every float offset of y, and in place, the same bits as calls on
// pieces too short for it, and nothing written outside y.
TEST_P(Elementwise, AlignmentHeadOfLongerArrays) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const std::size_t w = lanes(isa()), n = 64 * w + 3 * w + 5, piece = 16 * w;
  const std::vector<float> x = sample_inputs(n + w, 23);
  const float guard = from_bits(0x7fa5a5a5u);
  for (std::size_t xo : {std::size_t{0}, std::size_t{1}}) {
    std::vector<float> want(n);
    for (std::size_t i = 0; i < n; i += piece)
      run(x.data() + xo + i, want.data() + i, std::min(piece, n - i));
    for (std::size_t yo = 0; yo < w; ++yo) {
      std::vector<float> y(n + 2 * w, guard);
      run(x.data() + xo, y.data() + yo, n);
      for (std::size_t i = 0; i < n; ++i)
        ASSERT_EQ(to_bits(y[yo + i]), to_bits(want[i]))
            << "x + " << xo << ", y + " << yo << ": i = " << i;
      for (std::size_t i = 0; i < yo; ++i) ASSERT_EQ(to_bits(y[i]), to_bits(guard));
      for (std::size_t i = yo + n; i < y.size(); ++i) ASSERT_EQ(to_bits(y[i]), to_bits(guard));
    }
    std::vector<float> in_place(x.begin() + xo, x.begin() + xo + n);
    run(in_place.data(), in_place.data(), n);
    for (std::size_t i = 0; i < n; ++i)
      ASSERT_EQ(to_bits(in_place[i]), to_bits(want[i])) << "in place, x + " << xo << ": i = " << i;
  }
}

TEST_P(Elementwise, GuardsAfterTheOutputStayUntouched) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const float guard = from_bits(0x7fa5a5a5u);  // a signalling-NaN pattern no kernel produces
  for (std::size_t n = 1; n <= 3 * lanes(isa()) + 1; ++n) {
    const std::vector<float> x = sample_inputs(n, 11);
    std::vector<float> y(n + 32, guard);
    run(x.data(), y.data(), n);
    for (std::size_t i = n; i < y.size(); ++i) {
      ASSERT_EQ(to_bits(y[i]), to_bits(guard)) << "n = " << n << ": wrote y[" << i << "]";
    }
  }
}

// Arrays that end where an inaccessible page begins: a read or write past x[n - 1] or y[n - 1]
// would crash the test (AddressSanitizer does not see masked vector loads).
TEST_P(Elementwise, NothingReadOrWrittenPastTheArrays) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const std::size_t most = 3 * lanes(isa()) + 1;
  fenced_memory xm(most), ym(most);
  if (!xm.available() || !ym.available()) GTEST_SKIP() << "no mmap/mprotect here";
  for (std::size_t n = 1; n <= most; ++n) {
    const std::vector<float> x = sample_inputs(n, 17);
    float* xf = xm.end() - n;
    float* yf = ym.end() - n;
    std::copy(x.begin(), x.end(), xf);
    run(xf, yf, n);
    expect_accurate(x, yf);
    run(xf, xf, n);  // in place, at the fence
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(to_bits(xf[i]), to_bits(yf[i])) << "n = " << n;
  }
}

TEST_P(Elementwise, MisalignedPointers) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const std::size_t n = 5 * lanes(isa()) + 3;
  const std::vector<float> src = sample_inputs(n + 4, 3);
  for (std::size_t xo = 0; xo < 4; ++xo) {
    for (std::size_t yo = 0; yo < 4; ++yo) {
      std::vector<float> x(src.begin() + xo, src.begin() + xo + n);
      std::vector<float> out(n + 4);
      run(src.data() + xo, out.data() + yo, n);
      expect_accurate(x, out.data() + yo);
    }
  }
}

TEST_P(Elementwise, InPlace) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  for (std::size_t n : {std::size_t{1}, 3 * lanes(isa()) + 1, std::size_t{4099}}) {
    const std::vector<float> x = sample_inputs(n, 5);
    std::vector<float> y = x;
    run(y.data(), y.data(), n);
    expect_accurate(x, y.data());
  }
}

// Also next to the inputs that some kernels send down another path lane by lane (very negative,
// huge, infinite, NaN, subnormal): each lane's result must depend on its own input only. And in
// runs of ordinary inputs (|x| < 11), for which a kernel may take a cheaper path step by step
// (driver.hpp's common case), next to steps that hold one odd input.
TEST_P(Elementwise, ResultIndependentOfPositionAndLength) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const float odd[] = {-90.0f, -1e30f, 1e30f, inf, -inf, nan, -85.5f, -100.25f, 1e-40f, -3e38f};
  auto check = [&](const std::vector<float>& x) {
    std::vector<float> y(x.size());
    run(x.data(), y.data(), x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      float alone = 0.0f;
      run(&x[i], &alone, 1);
      if (std::isnan(alone)) {
        EXPECT_TRUE(std::isnan(y[i])) << "x = " << x[i] << " at position " << i;
      } else {
        ASSERT_EQ(to_bits(y[i]), to_bits(alone)) << "x = " << x[i] << " at position " << i;
      }
    }
  };
  const std::size_t n = 12 * lanes(isa()) + lanes(isa()) / 2 + 1;  // body, single batch, tail
  std::vector<float> x = sample_inputs(n, 9);
  for (std::size_t i = 0; i < n; i += 5) x[i] = odd[(i / 5) % std::size(odd)];
  check(x);
  std::mt19937 rng(10);
  std::uniform_real_distribution<float> ordinary(-11.0f, 11.0f);
  std::vector<float> runs(64 * lanes(isa()) + 3);
  for (auto& v : runs) v = ordinary(rng);
  for (std::size_t i = 0; i < runs.size(); i += 13 * lanes(isa()))
    runs[i] = odd[i % std::size(odd)];
  check(runs);
}

// 2^SIMDACT_SWEEP_LOG2 inputs (2^22 natively; the environment variable of that name overrides the
// build's value, e.g. under emulation) spread evenly over the float bit space: every exponent,
// both signs, varied mantissas, denormals, infinities and NaNs. Prints the measured maximum and
// the worst input.
unsigned sweep_log2() {
  const char* env = std::getenv("SIMDACT_SWEEP_LOG2");
  const unsigned v = env != nullptr ? static_cast<unsigned>(std::atoi(env)) : SIMDACT_SWEEP_LOG2;
  return std::clamp(v, 12u, 32u);
}

void sweep(const activation_info& a, simdact_isa isa, const simdact_params& params, int bound) {
  const unsigned log2_count = sweep_log2();
  const std::size_t count = std::size_t{1} << log2_count;
  std::vector<float> x(count);
  for (std::size_t k = 0; k < count; ++k) {
    const auto i = static_cast<std::uint32_t>(k);
    x[k] = from_bits(
        log2_count == 32 ? i : (i << (32 - log2_count)) | ((i * 2654435761u) >> log2_count));
  }
  std::vector<float> y(count);
  ASSERT_EQ(simdact_apply_f32(a.id, &params, x.data(), y.data(), count), SIMDACT_OK);
  const float p = a.param_of(params);
  std::int64_t worst = 0;
  std::size_t worst_i = 0, off = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t d = tier_error(params.accuracy, y[i], a.reference(x[i], params));
    off += d != 0;
    if (d > worst) {
      worst = d;
      worst_i = i;
    }
  }
  std::printf(
      "[ accuracy ] %-10s %-6s %-8s param %-6g max %lld ULP (bound %d), %.3f%% not correctly "
      "rounded; worst x = %a -> %a, ref %a\n",
      a.name, simdact_isa_name(isa), params.accuracy == SIMDACT_ACCURACY_FAST ? "fast" : "accurate",
      p, static_cast<long long>(worst), bound, 100.0 * static_cast<double>(off) / count, x[worst_i],
      y[worst_i], reference(a, x[worst_i], params));
  ::testing::Test::RecordProperty("max_ulp", std::to_string(worst));
  EXPECT_LE(worst, bound) << a.name << " on " << simdact_isa_name(isa)
                          << " worst at x = " << x[worst_i];
}

TEST_P(Elementwise, AccuracySweepDefaultParameters) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  sweep(act(), isa(), params(), bound());
}

// Activations with a parameter, swept at other values of it too.
class ParameterizedElementwise : public Elementwise {};

TEST_P(ParameterizedElementwise, AccuracySweepOtherParameters) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  int swept = 0;
  for (float p : {0.2f, -0.5f, 1.702f}) {
    const simdact_params at = params_at(p);
    if (registry::first_invalid(*act().row, at) != nullptr) continue;  // outside the domain
    sweep(act(), isa(), at, bound());
    ++swept;
  }
  EXPECT_GE(swept, 2) << act().name << ": too few parameter values in its domain";
}

// Inputs where a kernel was once found outside its bound (the kernel's hard_inputs), each with the
// 2^12 floats on either side.
class HardInputElementwise : public Elementwise {};

TEST_P(HardInputElementwise, KnownHardInputs) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  ASSERT_FALSE(act().hard_inputs.empty());
  for (const kernels::hard_input& c : act().hard_inputs) {
    std::vector<float> x;
    for (std::int32_t k = -4096; k <= 4096; ++k)
      x.push_back(
          from_bits(static_cast<std::uint32_t>(static_cast<std::int32_t>(to_bits(c.x)) + k)));
    std::vector<float> y(x.size());
    const simdact_params p = params_at(c.param);
    ASSERT_EQ(simdact_apply_f32(act().id, &p, x.data(), y.data(), x.size()), SIMDACT_OK);
    for (std::size_t i = 0; i < x.size(); ++i) {
      ASSERT_LE(tier_error(tier(), y[i], act().reference(x[i], p)), bound())
          << act().name << "(" << x[i] << "; " << c.param << ") = " << y[i];
    }
  }
}

// The documented special values (the kernel's special_values and special_values_at, as the
// README and kernel headers state them); zeros are compared with their sign.
TEST_P(Elementwise, SpecialValues) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  std::vector<kernels::special_value> cases(act().special_values.begin(),
                                            act().special_values.end());
  ASSERT_FALSE(cases.empty()) << act().name << " states no special values";
  cases.push_back({nan, nan});
  cases.push_back({-nan, nan});
  for (const kernels::special_value& c : cases) {
    float y = 0.0f;
    run(&c.x, &y, 1);
    if (std::isnan(c.y)) {
      EXPECT_TRUE(std::isnan(y)) << act().name << "(" << c.x << ") = " << y;
    } else {
      EXPECT_EQ(to_bits(y), to_bits(c.y))
          << act().name << "(" << c.x << ") = " << y << ", documented " << c.y;
    }
  }
}

// The limits at other parameter values: every activation with a parameter must state some.
TEST_P(ParameterizedElementwise, SpecialValuesOtherParameters) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  ASSERT_FALSE(act().special_values_at.empty())
      << act().name << " has a parameter but states no special values at other values of it";
  for (const kernels::special_value_at& c : act().special_values_at) {
    const simdact_params p = params_at(c.param);
    // Alone, and as a whole array of it (the driver's full steps and common cases: a subnormal
    // beta once made swish's common case cover -inf).
    for (std::size_t n : {std::size_t{1}, std::size_t{257}}) {
      const std::vector<float> x(n, c.x);
      std::vector<float> y(n, 0.0f);
      ASSERT_EQ(simdact_apply_f32(act().id, &p, x.data(), y.data(), n), SIMDACT_OK);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(to_bits(y[i]), to_bits(c.y))
            << act().name << "(" << c.x << "; " << c.param << ") = " << y[i] << " at " << i
            << " of " << n << ", documented " << c.y;
      }
    }
  }
}

// Activations with a symmetry between x and -x (at their default parameters).
class SymmetricElementwise : public Elementwise {};

TEST_P(SymmetricElementwise, MirrorImage) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  std::vector<float> x = sample_inputs(4096, 13);
  std::vector<float> neg(x.size());
  std::transform(x.begin(), x.end(), neg.begin(), [](float v) { return -v; });
  std::vector<float> y(x.size()), yn(x.size());
  run(x.data(), y.data(), x.size());
  run(neg.data(), yn.data(), x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    switch (act().symmetric) {
      case kernels::symmetry::odd:
        ASSERT_EQ(to_bits(yn[i]), to_bits(-y[i])) << act().name << " is odd; x = " << x[i];
        break;
      case kernels::symmetry::complement:
        // f(-x) = 1 - f(x), up to the errors of both sides.
        ASSERT_NEAR(yn[i], 1.0f - y[i],
                    2 * std::max(bound(), 1) * std::numeric_limits<float>::epsilon())
            << x[i];
        break;
      case kernels::symmetry::gated:
        // x * g(x) with g(-x) = 1 - g(x): f(x) - f(-x) = x.
        ASSERT_NEAR(
            y[i] - yn[i], x[i],
            4 * std::max(bound(), 1) * std::numeric_limits<float>::epsilon() * std::fabs(x[i]))
            << x[i];
        break;
      case kernels::symmetry::none:
        FAIL() << "instantiated for " << act().name << ", which states no symmetry";
    }
  }
}

// Activations that are monotone (at their default parameters), in the accurate tier (the fast
// one's larger errors need not keep the order of neighbouring results).
class MonotoneElementwise : public Elementwise {};

TEST_P(MonotoneElementwise, NonDecreasing) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  std::vector<float> x;  // a fine grid over [-100, 100], plus the tiniest values around 0
  for (int i = -200000; i <= 200000; ++i) x.push_back(static_cast<float>(i) * 5e-4f);
  for (float v : {-1e-30f, -1e-40f, -0.0f, 0.0f, 1e-40f, 1e-30f}) x.push_back(v);
  std::sort(x.begin(), x.end());
  std::vector<float> y(x.size());
  run(x.data(), y.data(), x.size());
  for (std::size_t i = 1; i < x.size(); ++i) ASSERT_LE(y[i - 1], y[i]) << "at x = " << x[i];
}

std::string case_name(const ::testing::TestParamInfo<case_t>& info) {
  return std::string(activations()[std::get<0>(info.param)].name) + "_" +
         simdact_isa_name(std::get<1>(info.param)) +
         (std::get<2>(info.param) == SIMDACT_ACCURACY_FAST ? "_fast" : "");
}

// Indices of the registry activations for which `keep` holds.
template <class Pred>
std::vector<std::size_t> activation_indices(Pred keep) {
  std::vector<std::size_t> v;
  for (std::size_t i = 0; i < activations().size(); ++i) {
    if (keep(activations()[i])) v.push_back(i);
  }
  return v;
}

auto cases(std::vector<std::size_t> indices, simdact_accuracy tier = SIMDACT_ACCURACY_ACCURATE) {
  std::vector<simdact_isa> isas = target_isas();
  // The scalar table is the reference in both tiers (Api/Tiers.TheDefaultTierIsTheAccurateOne).
  if (tier == SIMDACT_ACCURACY_FAST) std::erase(isas, SIMDACT_ISA_SCALAR);
  return ::testing::Combine(::testing::ValuesIn(indices), ::testing::ValuesIn(isas),
                            ::testing::Values(tier));
}

// The fast tier's cases: the activations with a fast kernel of their own (and `keep`); the others'
// fast tier is their accurate kernel (Api.FastTierWithoutAFastKernelIsTheAccurateOne).
template <class Pred>
auto fast_cases(Pred keep) {
  return cases(activation_indices([&](const activation_info& a) { return a.has_fast && keep(a); }),
               SIMDACT_ACCURACY_FAST);
}

INSTANTIATE_TEST_SUITE_P(Registry, Elementwise,
                         cases(activation_indices([](const activation_info&) { return true; })),
                         case_name);

INSTANTIATE_TEST_SUITE_P(Registry, ParameterizedElementwise,
                         cases(activation_indices([](const activation_info& a) {
                           return a.has_parameter();
                         })),
                         case_name);

INSTANTIATE_TEST_SUITE_P(Registry, HardInputElementwise,
                         cases(activation_indices([](const activation_info& a) {
                           return !a.hard_inputs.empty();
                         })),
                         case_name);

INSTANTIATE_TEST_SUITE_P(Registry, SymmetricElementwise,
                         cases(activation_indices([](const activation_info& a) {
                           return a.symmetric != kernels::symmetry::none;
                         })),
                         case_name);

INSTANTIATE_TEST_SUITE_P(Fast, Elementwise, fast_cases([](const activation_info&) { return true; }),
                         case_name);

INSTANTIATE_TEST_SUITE_P(Fast, ParameterizedElementwise,
                         fast_cases([](const activation_info& a) { return a.has_parameter(); }),
                         case_name);

INSTANTIATE_TEST_SUITE_P(Fast, HardInputElementwise, fast_cases([](const activation_info& a) {
                           return !a.hard_inputs.empty();
                         }),
                         case_name);

INSTANTIATE_TEST_SUITE_P(Fast, SymmetricElementwise, fast_cases([](const activation_info& a) {
                           return a.symmetric != kernels::symmetry::none;
                         }),
                         case_name);

// softplus's second parameter, which no sweep varies: x itself exactly where beta x > threshold
// (PyTorch's rule, the product exact), log1p(e^(beta x)) / beta within the bound elsewhere, at
// thresholds that cut where the two still differ in float (negative ones included), in both tiers.
class SoftplusThreshold : public ::testing::TestWithParam<simdact_isa> {};

TEST_P(SoftplusThreshold, XItselfAboveIt) {
  SIMDACT_REQUIRE_ISA(scope, GetParam());
  const activation_info& a = activations()[SIMDACT_SOFTPLUS];
  std::vector<float> x;
  for (float v = -12.0f; v <= 12.0f; v += 0x1p-7f) x.push_back(v);
  std::vector<float> y(x.size());
  for (simdact_accuracy tier : {SIMDACT_ACCURACY_ACCURATE, SIMDACT_ACCURACY_FAST}) {
    for (const auto& [beta, threshold] : {std::pair{1.0f, 2.0f}, std::pair{2.5f, -3.0f},
                                          std::pair{0.25f, 0.5f}, std::pair{1.0f, 0.0f}}) {
      simdact_params p = simdact_default_params(SIMDACT_SOFTPLUS);
      p.beta = beta;
      p.threshold = threshold;
      p.accuracy = tier;
      ASSERT_EQ(simdact_apply_f32(SIMDACT_SOFTPLUS, &p, x.data(), y.data(), x.size()), SIMDACT_OK);
      for (std::size_t i = 0; i < x.size(); ++i) {
        const double t = static_cast<double>(beta) * x[i];
        if (t > threshold) {
          ASSERT_EQ(to_bits(y[i]), to_bits(x[i]))
              << "softplus(" << x[i] << "; " << beta << ", " << threshold << ") = " << y[i];
        } else {
          ASSERT_LE(tier_error(tier, y[i], a.reference(x[i], p)), bound(a, GetParam(), p))
              << "softplus(" << x[i] << "; " << beta << ", " << threshold << ") = " << y[i];
          ASSERT_NE(to_bits(y[i]), to_bits(x[i])) << "below the threshold at " << x[i];
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllIsas, SoftplusThreshold, ::testing::ValuesIn(target_isas()),
                         [](const ::testing::TestParamInfo<simdact_isa>& i) {
                           return std::string(simdact_isa_name(i.param));
                         });

INSTANTIATE_TEST_SUITE_P(
    Registry, MonotoneElementwise,
    cases(activation_indices([](const activation_info& a) { return a.monotone; })), case_name);

}  // namespace
}  // namespace simdact::test
