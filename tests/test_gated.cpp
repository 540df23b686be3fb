// SPDX-License-Identifier: Apache-2.0
// The gated activations (kernels/gated.hpp): every activation that can gate x every ISA of this
// target x both tiers: the accuracy sweep over (gate, up) pairs spread over the whole float plane
// and over every gate at fixed ups, against the exact product f(gate) * up; special values; shapes,
// alignment, in place, guards, position independence; the row layout in both orders, with strides
// and in place; the argument checks, the named entry points and the C++ API.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "simdact/simdact.hpp"
#include "test_support.hpp"

namespace simdact::test {
namespace {

const float inf = std::numeric_limits<float>::infinity();
const float nan = std::numeric_limits<float>::quiet_NaN();

// (index into activations(), the parameter value (swish: beta; ignored by the others), isa, tier)
using case_t = std::tuple<std::size_t, float, simdact_isa, simdact_accuracy>;

class Gated : public ::testing::TestWithParam<case_t> {
 protected:
  const activation_info& act() const { return activations()[std::get<0>(GetParam())]; }
  simdact_isa isa() const { return std::get<2>(GetParam()); }
  simdact_accuracy tier() const { return std::get<3>(GetParam()); }
  simdact_params params() const {
    simdact_params p = act().with_param(std::get<1>(GetParam()));
    p.accuracy = tier();
    return p;
  }
  int bound() const { return gated_bound(isa(), tier()); }

  void run(const float* gate, const float* up, float* y, std::size_t n) const {
    const simdact_params p = params();
    ASSERT_EQ(simdact_apply_gated_f32(act().id, &p, gate, up, y, n), SIMDACT_OK);
  }

  // The worst error of y against the exact products, with where it is; fails past the bound.
  void check(const std::vector<float>& gate, const std::vector<float>& up, const float* y,
             const char* what) const {
    if (gate.empty()) return;
    const simdact_params p = params();
    std::int64_t worst = 0;
    std::size_t worst_i = 0, off = 0;
    for (std::size_t i = 0; i < gate.size(); ++i) {
      const std::int64_t d = tier_error(tier(), y[i], exact_product(act(), gate[i], up[i], p));
      off += d != 0;
      if (d > worst) {
        worst = d;
        worst_i = i;
      }
    }
    std::printf(
        "[ accuracy ] gated %-10s %-6s %-8s %-12s max %lld ULP (bound %d), %.4f%% not correctly "
        "rounded; worst gate = %a, up = %a -> %a, exact %a\n",
        act().name, simdact_isa_name(isa()), tier() == SIMDACT_ACCURACY_FAST ? "fast" : "accurate",
        what, static_cast<long long>(worst), bound(),
        100.0 * static_cast<double>(off) / static_cast<double>(gate.size()), gate[worst_i],
        up[worst_i], y[worst_i], exact_product(act(), gate[worst_i], up[worst_i], p));
    EXPECT_LE(worst, bound()) << act().name << " on " << simdact_isa_name(isa()) << ": gate "
                              << gate[worst_i] << ", up " << up[worst_i];
  }
};

// n (gate, up) pairs, each uniform in [-12, 12] (a fixed seed per caller).
struct pairs {
  std::vector<float> gate, up;
};
pairs random_pairs(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-12.0f, 12.0f);
  pairs v{std::vector<float>(n), std::vector<float>(n)};
  for (std::size_t i = 0; i < n; ++i) {
    v.gate[i] = d(rng);
    v.up[i] = d(rng);
  }
  return v;
}

unsigned sweep_log2() {
  const char* env = std::getenv("SIMDACT_GATED_SWEEP_LOG2");
  const unsigned v =
      env != nullptr ? static_cast<unsigned>(std::atoi(env)) : SIMDACT_GATED_SWEEP_LOG2;
  return std::clamp(v, 12u, 30u);
}

// 2^SIMDACT_GATED_SWEEP_LOG2 pairs (2^24 natively) for the named gated activations' accurate
// kernels, a quarter of that for the fast tier and swish's betas: every other pair with gate and up
// from every pair of exponents (the biased exponents 0 to 255 each, subnormals, infinities and NaNs
// included), both signs, random mantissas; the others where the kernels' float paths work, gate
// in [-16, 16] and up of exponent -40 to 40 (products that are ordinary, tiny and huge).
TEST_P(Gated, AccuracySweepOverTheFloatPlane) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const bool named = tier() == SIMDACT_ACCURACY_ACCURATE && !act().has_parameter();
  const std::size_t count = std::size_t{1} << (sweep_log2() - (named ? 0 : 2));
  std::vector<float> gate(count), up(count), y(count);
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> ordinary(-16.0f, 16.0f);
  std::uniform_int_distribution<int> exponent(-40, 40);
  for (std::size_t k = 0; k < count; ++k) {
    if (k % 2 == 0) {
      const auto j = static_cast<std::uint32_t>(k / 2);
      const std::uint32_t r = static_cast<std::uint32_t>(rng());
      gate[k] = from_bits((j & 0xFF) << 23 | ((j >> 16) & 1) << 31 | (r & 0x7FFFFF));
      up[k] = from_bits(((j >> 8) & 0xFF) << 23 | ((j >> 17) & 1) << 31 | (r >> 9));
    } else {
      gate[k] = ordinary(rng);
      up[k] = std::ldexp(ordinary(rng), exponent(rng));
    }
  }
  run(gate.data(), up.data(), y.data(), count);
  check(gate, up, y.data(), "float plane");
}

// Every 2^(32 - SIMDACT_GATED_SWEEP_LOG2 + 2)-th gate (tools: simdact-exhaustive --gated sweeps
// all 2^32) at the ups 1, -3.7, 2^100 (products of results far below FLT_MIN that are normal)
// and 2^-140 (products that are subnormal).
TEST_P(Gated, EveryGateAtFixedUps) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const unsigned log2_count = sweep_log2() - 2;
  const std::size_t count = std::size_t{1} << log2_count;
  std::vector<float> gate(count), up(count), y(count);
  for (std::size_t k = 0; k < count; ++k) {
    const auto i = static_cast<std::uint32_t>(k);
    gate[k] = from_bits((i << (32 - log2_count)) | ((i * 2654435761u) >> log2_count));
  }
  for (float u : {1.0f, -3.7f, 0x1p100f, 0x1p-140f}) {
    std::fill(up.begin(), up.end(), u);
    run(gate.data(), up.data(), y.data(), count);
    check(gate, up, y.data(),
          u == 1.0f ? "up 1"
          : u < 0   ? "up -3.7"
          : u > 1   ? "up 2^100"
                    : "up 2^-140");
  }
}

// The special values, bit for bit against the oracle (zeros with their sign), and the documented
// examples literally.
TEST_P(Gated, SpecialValues) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  // 2^-149 and 2^-148: tiny gates whose value rounds to 0 in float (silu(2^-149) = 2^-150), times
  // 2^100 a normal product (simdact-exhaustive gated found them off).
  const float specials[] = {inf,
                            -inf,
                            0.0f,
                            -0.0f,
                            nan,
                            1.0f,
                            -1.0f,
                            3.0f,
                            -3.0f,
                            1e-40f,
                            -1e-40f,
                            0x1p-149f,
                            -0x1p-149f,
                            0x1p-148f,
                            0x1p100f,
                            -3.7f,
                            200.0f,
                            -200.0f,
                            std::numeric_limits<float>::max()};
  std::vector<float> gate, up;
  for (float g : specials) {
    for (float u : specials) {
      gate.push_back(g);
      up.push_back(u);
    }
  }
  std::vector<float> y(gate.size());
  run(gate.data(), up.data(), y.data(), gate.size());
  const simdact_params p = params();
  for (std::size_t i = 0; i < gate.size(); ++i) {
    const double exact = exact_product(act(), gate[i], up[i], p);
    const bool finite_nonzero = std::isfinite(exact) && exact != 0.0 &&
                                std::fabs(exact) < std::numeric_limits<float>::max();
    if (finite_nonzero) {
      EXPECT_LE(tier_error(tier(), y[i], exact), bound())
          << act().name << "(" << gate[i] << ") * " << up[i] << " = " << y[i];
    } else if (std::isnan(exact)) {
      EXPECT_TRUE(std::isnan(y[i])) << act().name << "(" << gate[i] << ") * " << up[i];
    } else {
      EXPECT_EQ(to_bits(y[i]), to_bits(static_cast<float>(exact)))
          << act().name << "(" << gate[i] << ") * " << up[i] << " = " << y[i] << ", expected "
          << static_cast<float>(exact);
    }
  }
}

TEST_P(Gated, ShapesAroundTheVectorWidth) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const std::size_t w = lanes(isa());
  for (std::size_t n : {std::size_t{1}, w - 1, w, w + 1, 2 * w - 1, 4 * w + 3, 24 * w + 5,
                        64 * w + 7, std::size_t{1000}, std::size_t{11008}}) {
    const auto [gate, up] = random_pairs(n, 7 + static_cast<unsigned>(n));
    std::vector<float> y(n + 8, -7.0f);
    run(gate.data(), up.data(), y.data(), n);
    check(gate, up, y.data(), "shapes");
    for (std::size_t i = n; i < n + 8; ++i) ASSERT_EQ(y[i], -7.0f) << "written past n = " << n;
  }
}

// In place: y == gate and y == up give what a separate y gets, at lengths with a partial batch.
TEST_P(Gated, InPlace) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const std::size_t n = 64 * lanes(isa()) + 5;
  auto [gate, up] = random_pairs(n, 11);
  std::vector<float> y(n);
  run(gate.data(), up.data(), y.data(), n);
  std::vector<float> on_gate = gate, on_up = up;
  run(on_gate.data(), up.data(), on_gate.data(), n);
  run(gate.data(), on_up.data(), on_up.data(), n);
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(to_bits(on_gate[i]), to_bits(y[i])) << "y == gate, i = " << i;
    ASSERT_EQ(to_bits(on_up[i]), to_bits(y[i])) << "y == up, i = " << i;
  }
}

// Nothing past the arrays is read or written (each ends at an inaccessible page), at every
// misalignment of the three pointers.
TEST_P(Gated, NothingReadOrWrittenPastTheArrays) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  fenced_memory g(4096), u(4096), y(4096);
  if (!g.available() || !u.available() || !y.available()) GTEST_SKIP() << "no mmap here";
  const std::size_t w = lanes(isa());
  for (std::size_t n : {std::size_t{1}, w - 1, w + 3, 5 * w + 1, 70 * w + 3}) {
    float* gp = g.end() - n;
    float* upp = u.end() - n;
    float* yp = y.end() - n;
    for (std::size_t i = 0; i < n; ++i) {
      gp[i] = static_cast<float>(i % 17) - 8.0f;
      upp[i] = 0.5f * static_cast<float>(i % 5) - 1.0f;
    }
    run(gp, upp, yp, n);
    std::vector<float> gv(gp, gp + n), uv(upp, upp + n);
    check(gv, uv, yp, "fenced");
  }
}

// A value's result depends on its own gate and up only: runs mixing ordinary lanes with rare ones
// (which take the reference path) give each element what it gets alone.
TEST_P(Gated, ResultIndependentOfPositionAndNeighbours) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  const float odd[] = {inf, -inf, nan, 0.0f, -0.0f, 1e-30f, -500.0f, 300.0f, 1e38f};
  const std::size_t n = 48 * lanes(isa()) + 3;
  auto [gate, up] = random_pairs(n, 5);
  std::vector<float> y(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 11 == 0) gate[i] = odd[i % std::size(odd)];
    if (i % 13 == 0) up[i] = odd[(i / 13) % std::size(odd)];
  }
  run(gate.data(), up.data(), y.data(), n);
  for (std::size_t i = 0; i < n; ++i) {
    float alone = 0.0f;
    run(&gate[i], &up[i], &alone, 1);
    if (std::isnan(alone)) {
      ASSERT_TRUE(std::isnan(y[i])) << "i = " << i;
    } else {
      ASSERT_EQ(to_bits(y[i]), to_bits(alone))
          << "gate " << gate[i] << ", up " << up[i] << " at i = " << i;
    }
  }
}

// The row layout: each row's halves in either order, padded strides, against the elementwise call
// on the same halves; and in place, with y's stride equal to x's and smaller.
TEST_P(Gated, RowsInBothOrdersWithStridesAndInPlace) {
  SIMDACT_REQUIRE_ISA(scope, isa());
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> d(-12.0f, 12.0f);
  const simdact_params p = params();
  for (const auto& [rows, dim] : {std::pair<std::size_t, std::size_t>{1, 11008},
                                  {3, 17},
                                  {5, 1},
                                  {4, 3 * lanes(isa()) + 1}}) {
    for (simdact_gate_order order : {SIMDACT_GATE_FIRST, SIMDACT_UP_FIRST}) {
      const std::size_t xs = 2 * dim + 3, ys = dim + 2;
      std::vector<float> x(rows * xs);
      for (auto& v : x) v = d(rng);
      std::vector<float> y(rows * ys, -7.0f);
      ASSERT_EQ(
          simdact_apply_gated_rows_f32(act().id, &p, x.data(), y.data(), rows, dim, xs, ys, order),
          SIMDACT_OK);
      std::vector<float> expected(dim);
      for (std::size_t r = 0; r < rows; ++r) {
        const float* row = x.data() + r * xs;
        const float* g = order == SIMDACT_GATE_FIRST ? row : row + dim;
        const float* u = order == SIMDACT_GATE_FIRST ? row + dim : row;
        run(g, u, expected.data(), dim);
        for (std::size_t j = 0; j < dim; ++j) {
          ASSERT_EQ(to_bits(y[r * ys + j]), to_bits(expected[j])) << "row " << r << ", j " << j;
        }
        for (std::size_t j = dim; j < ys; ++j) ASSERT_EQ(y[r * ys + j], -7.0f) << "padding written";
      }
      // In place, y == x, with y's stride equal to x's and half of it.
      for (std::size_t in_ys : {xs, dim}) {
        std::vector<float> inplace = x;
        ASSERT_EQ(simdact_apply_gated_rows_f32(act().id, &p, inplace.data(), inplace.data(), rows,
                                               dim, xs, in_ys, order),
                  SIMDACT_OK);
        for (std::size_t r = 0; r < rows; ++r) {
          for (std::size_t j = 0; j < dim; ++j) {
            ASSERT_EQ(to_bits(inplace[r * in_ys + j]), to_bits(y[r * ys + j]))
                << "in place, y stride " << in_ys << ", row " << r << ", j " << j;
          }
        }
      }
    }
  }
}

std::string case_name(const ::testing::TestParamInfo<case_t>& info) {
  const auto& [index, param, isa, tier] = info.param;
  const activation_info& a = activations()[index];
  std::string name = a.name;
  if (a.has_parameter()) {
    name += (param < 0 ? "_at_minus_" : "_at_") +
            std::to_string(static_cast<int>(std::fabs(param) * 1000));
  }
  name += std::string("_") + simdact_isa_name(isa);
  if (tier == SIMDACT_ACCURACY_FAST) name += "_fast";
  return name;
}

std::vector<case_t> all_cases() {
  std::vector<case_t> v;
  for (std::size_t i = 0; i < activations().size(); ++i) {
    const activation_info& a = activations()[i];
    if (!simdact_can_gate(a.id)) continue;
    // swish at the betas of swiglu with beta: 1.702 (gelu's approximation), a learned one near 1,
    // and a negative one; the others at their defaults.
    const std::vector<float> params =
        a.has_parameter() ? std::vector<float>{1.702f, 0.8f, -0.5f} : std::vector<float>{0.0f};
    for (float p : params) {
      for (simdact_isa isa : target_isas()) {
        v.emplace_back(i, p, isa, SIMDACT_ACCURACY_ACCURATE);
        if (isa != SIMDACT_ISA_SCALAR) v.emplace_back(i, p, isa, SIMDACT_ACCURACY_FAST);
      }
    }
  }
  return v;
}

INSTANTIATE_TEST_SUITE_P(Registry, Gated, ::testing::ValuesIn(all_cases()), case_name);

// Which activations gate: the five named ones' and swish, no other.
TEST(GatedApi, WhichActivationsGate) {
  for (const activation_info& a : activations()) {
    const bool expected = a.id == SIMDACT_SILU || a.id == SIMDACT_SWISH || a.id == SIMDACT_GELU ||
                          a.id == SIMDACT_GELU_TANH || a.id == SIMDACT_RELU ||
                          a.id == SIMDACT_SIGMOID;
    EXPECT_EQ(simdact_can_gate(a.id), expected ? 1 : 0) << a.name;
    EXPECT_EQ(simdact::can_gate(a.id), expected) << a.name;
  }
  EXPECT_EQ(simdact_can_gate(static_cast<simdact_activation>(-1)), 0);
  EXPECT_EQ(simdact_can_gate(SIMDACT_ACTIVATION_COUNT), 0);
}

// The named entry points are their activation through simdact_apply_gated_f32, bit for bit, in
// both layouts; and the documented special values.
TEST(GatedApi, NamedEntryPoints) {
  std::vector<float> gate, up;
  for (float g = -20.0f; g <= 20.0f; g += 0.37f) {
    gate.push_back(g);
    up.push_back(1.5f - 0.1f * g);
  }
  const std::size_t n = gate.size();
  std::vector<float> x(2 * n);
  std::copy(gate.begin(), gate.end(), x.begin());
  std::copy(up.begin(), up.end(), x.begin() + static_cast<std::ptrdiff_t>(n));
  struct named {
    simdact_activation a;
    simdact_status (*flat)(const float*, const float*, float*, size_t);
    simdact_status (*rows)(const float*, float*, size_t, size_t, size_t, size_t,
                           simdact_gate_order);
  };
  const named all[] = {{SIMDACT_SILU, simdact_swiglu_f32, simdact_swiglu_rows_f32},
                       {SIMDACT_GELU, simdact_geglu_f32, simdact_geglu_rows_f32},
                       {SIMDACT_GELU_TANH, simdact_geglu_tanh_f32, simdact_geglu_tanh_rows_f32},
                       {SIMDACT_RELU, simdact_reglu_f32, simdact_reglu_rows_f32},
                       {SIMDACT_SIGMOID, simdact_glu_f32, simdact_glu_rows_f32}};
  for (const named& k : all) {
    std::vector<float> expected(n), y(n), y_rows(n);
    ASSERT_EQ(simdact_apply_gated_f32(k.a, nullptr, gate.data(), up.data(), expected.data(), n),
              SIMDACT_OK);
    ASSERT_EQ(k.flat(gate.data(), up.data(), y.data(), n), SIMDACT_OK);
    ASSERT_EQ(k.rows(x.data(), y_rows.data(), 1, n, 2 * n, n, SIMDACT_GATE_FIRST), SIMDACT_OK);
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_EQ(to_bits(y[i]), to_bits(expected[i])) << simdact_activation_name(k.a);
      ASSERT_EQ(to_bits(y_rows[i]), to_bits(expected[i])) << simdact_activation_name(k.a);
    }
  }
  // simdact.h's examples.
  auto one = [](auto f, float g, float u) {
    float y = 1.0f;
    EXPECT_EQ(f(&g, &u, &y, 1), SIMDACT_OK);
    return y;
  };
  EXPECT_EQ(to_bits(one(simdact_swiglu_f32, -inf, 5.0f)), to_bits(-0.0f));
  EXPECT_EQ(to_bits(one(simdact_swiglu_f32, -inf, inf)), to_bits(-0.0f));
  EXPECT_EQ(to_bits(one(simdact_reglu_f32, -1.0f, inf)), to_bits(0.0f));
  EXPECT_EQ(to_bits(one(simdact_reglu_f32, -1.0f, -2.0f)), to_bits(-0.0f));
  EXPECT_EQ(to_bits(one(simdact_swiglu_f32, inf, 0.0f)), to_bits(0.0f));
  EXPECT_EQ(one(simdact_swiglu_f32, inf, -2.0f), -inf);
  EXPECT_EQ(to_bits(one(simdact_glu_f32, -inf, -inf)), to_bits(-0.0f));
  EXPECT_EQ(one(simdact_glu_f32, inf, 3.0f), 3.0f);
  EXPECT_TRUE(std::isnan(one(simdact_geglu_f32, nan, 0.0f)));
  EXPECT_TRUE(std::isnan(one(simdact_geglu_tanh_f32, 0.0f, nan)));
}

// Every bad argument is an error that writes nothing.
TEST(GatedApi, ArgumentErrorsWriteNothing) {
  std::vector<float> buf(64, 1.0f), y(32, -7.0f);
  const float* g = buf.data();
  const float* u = buf.data() + 32;
  auto untouched = [&y] {
    return std::all_of(y.begin(), y.end(), [](float v) { return v == -7.0f; });
  };
  const simdact_status bad = SIMDACT_ERROR_INVALID_ARGUMENT;
  EXPECT_EQ(simdact_swiglu_f32(nullptr, u, y.data(), 4), bad);
  EXPECT_EQ(simdact_swiglu_f32(g, nullptr, y.data(), 4), bad);
  EXPECT_EQ(simdact_swiglu_f32(g, u, nullptr, 4), bad);
  EXPECT_EQ(simdact_swiglu_f32(nullptr, nullptr, nullptr, 0), SIMDACT_OK);
  EXPECT_EQ(simdact_apply_gated_f32(SIMDACT_TANH, nullptr, g, u, y.data(), 4), bad);
  EXPECT_EQ(
      simdact_apply_gated_f32(static_cast<simdact_activation>(99), nullptr, g, u, y.data(), 4),
      bad);
  EXPECT_EQ(simdact_apply_gated_f32(SIMDACT_TANH, nullptr, g, u, y.data(), 0), bad);
  simdact_params p = simdact_default_params(SIMDACT_SWISH);
  p.beta = inf;
  EXPECT_EQ(simdact_apply_gated_f32(SIMDACT_SWISH, &p, g, u, y.data(), 4), bad);
  p = simdact_default_params(SIMDACT_SILU);
  p.accuracy = static_cast<simdact_accuracy>(7);
  EXPECT_EQ(simdact_apply_gated_f32(SIMDACT_SILU, &p, g, u, y.data(), 4), bad);
  const std::size_t huge = std::numeric_limits<std::size_t>::max() / 2;
  EXPECT_EQ(simdact_swiglu_f32(g, u, y.data(), huge), bad);
  // Partial overlaps of y with gate or with up (y == gate and y == up are in place).
  std::vector<float> z(64, 2.0f);
  EXPECT_EQ(simdact_swiglu_f32(z.data(), z.data() + 32, z.data() + 1, 8), bad);
  EXPECT_EQ(simdact_swiglu_f32(z.data(), z.data() + 32, z.data() + 30, 8), bad);
  EXPECT_TRUE(std::all_of(z.begin(), z.end(), [](float v) { return v == 2.0f; }));
  // gate and up may overlap each other: both are only read.
  EXPECT_EQ(simdact_swiglu_f32(g, g + 1, y.data(), 4), SIMDACT_OK);
  std::fill(y.begin(), y.end(), -7.0f);
  // Rows: strides, order, overlap, sizes.
  EXPECT_EQ(simdact_swiglu_rows_f32(g, y.data(), 2, 8, 15, 8, SIMDACT_GATE_FIRST), bad);
  EXPECT_EQ(simdact_swiglu_rows_f32(g, y.data(), 2, 8, 16, 7, SIMDACT_GATE_FIRST), bad);
  EXPECT_EQ(simdact_swiglu_rows_f32(g, y.data(), 2, 8, 16, 8, static_cast<simdact_gate_order>(2)),
            bad);
  EXPECT_EQ(simdact_swiglu_rows_f32(nullptr, y.data(), 2, 8, 16, 8, SIMDACT_GATE_FIRST), bad);
  EXPECT_EQ(simdact_swiglu_rows_f32(g, nullptr, 2, 8, 16, 8, SIMDACT_GATE_FIRST), bad);
  EXPECT_EQ(simdact_swiglu_rows_f32(g, y.data(), huge, 8, 16, 8, SIMDACT_GATE_FIRST), bad);
  EXPECT_EQ(simdact_swiglu_rows_f32(g, y.data(), 2, huge, huge, huge, SIMDACT_GATE_FIRST), bad);
  EXPECT_EQ(simdact_swiglu_rows_f32(nullptr, nullptr, 0, 8, 16, 8, SIMDACT_GATE_FIRST), SIMDACT_OK);
  EXPECT_EQ(simdact_apply_gated_rows_f32(SIMDACT_ELU, nullptr, g, y.data(), 2, 8, 16, 8,
                                         SIMDACT_GATE_FIRST),
            bad);
  EXPECT_TRUE(untouched());
  // In place only with y == x and y's stride at most x's.
  EXPECT_EQ(simdact_swiglu_rows_f32(z.data(), z.data(), 2, 8, 16, 17, SIMDACT_GATE_FIRST), bad);
  EXPECT_EQ(simdact_swiglu_rows_f32(z.data(), z.data() + 1, 2, 8, 16, 8, SIMDACT_GATE_FIRST), bad);
  EXPECT_TRUE(std::all_of(z.begin(), z.end(), [](float v) { return v == 2.0f; }));
  EXPECT_EQ(simdact_swiglu_rows_f32(z.data(), z.data(), 2, 8, 16, 8, SIMDACT_UP_FIRST), SIMDACT_OK);
}

// The C++ API: named functions in both tiers, spans, rows, errors thrown with the argument's name.
TEST(GatedApi, CxxApi) {
  std::vector<float> gate = {-3.0f, -0.5f, 0.0f, 0.7f, 2.0f, 9.0f};
  std::vector<float> up = {1.0f, -2.0f, 3.0f, 0.25f, -1.0f, 4.0f};
  std::vector<float> y(gate.size()), expected(gate.size());
  simdact::swiglu(gate.data(), up.data(), y.data(), y.size());
  ASSERT_EQ(simdact_swiglu_f32(gate.data(), up.data(), expected.data(), expected.size()),
            SIMDACT_OK);
  EXPECT_EQ(y, expected);
  simdact::geglu(simdact::fast, gate.data(), up.data(), y.data(), y.size());
  simdact_params p = simdact_default_params(SIMDACT_GELU);
  p.accuracy = SIMDACT_ACCURACY_FAST;
  ASSERT_EQ(simdact_apply_gated_f32(SIMDACT_GELU, &p, gate.data(), up.data(), expected.data(),
                                    expected.size()),
            SIMDACT_OK);
  EXPECT_EQ(y, expected);
  simdact::glu(std::span<const float>(gate), std::span<const float>(up), std::span<float>(y));
  ASSERT_EQ(simdact_glu_f32(gate.data(), up.data(), expected.data(), expected.size()), SIMDACT_OK);
  EXPECT_EQ(y, expected);
  std::vector<float> x(12);
  std::copy(up.begin(), up.end(), x.begin());
  std::copy(gate.begin(), gate.end(), x.begin() + 6);
  std::vector<float> y6(6);
  simdact::reglu_rows(x.data(), y6.data(), 2, 3, 6, 3, simdact::up_first);
  for (std::size_t r = 0; r < 2; ++r) {
    for (std::size_t j = 0; j < 3; ++j) {
      EXPECT_EQ(y6[r * 3 + j], std::max(x[r * 6 + 3 + j], 0.0f) * x[r * 6 + j]);
    }
  }
  simdact_params beta = simdact_default_params(SIMDACT_SWISH);
  beta.beta = 1.702f;
  simdact::apply_gated(SIMDACT_SWISH, gate.data(), up.data(), y.data(), y.size(), beta);
  ASSERT_EQ(simdact_apply_gated_f32(SIMDACT_SWISH, &beta, gate.data(), up.data(), expected.data(),
                                    expected.size()),
            SIMDACT_OK);
  EXPECT_EQ(y, expected);
  EXPECT_NE(y[4], gate[4] / (1.0f + std::exp(-gate[4])) * up[4]) << "beta was not applied";
  EXPECT_THROW(simdact::apply_gated(SIMDACT_TANH, gate.data(), up.data(), y.data(), y.size()),
               std::invalid_argument);
  std::vector<float> shorter(5);
  EXPECT_THROW(simdact::swiglu(std::span<const float>(gate), std::span<const float>(shorter),
                               std::span<float>(y)),
               std::invalid_argument);
  try {
    simdact::swiglu_rows(x.data(), y.data(), 2, 3, 5, 3);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("x_row_stride"), std::string::npos) << e.what();
  }
}

// The default tier is the accurate one, and the fast tier differs from it somewhere (it has
// kernels of its own for swiglu, geglu, geglu_tanh and glu).
TEST(GatedApi, DefaultTierIsAccurate) {
  const std::size_t n = 1 << 14;
  std::vector<float> gate(n), up(n), def(n), acc(n), fast(n);
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> d(-8.0f, 8.0f);
  for (std::size_t i = 0; i < n; ++i) {
    gate[i] = d(rng);
    up[i] = d(rng);
  }
  for (simdact_activation a : {SIMDACT_SILU, SIMDACT_GELU, SIMDACT_GELU_TANH, SIMDACT_SIGMOID}) {
    simdact_params p = simdact_default_params(a);
    ASSERT_EQ(simdact_apply_gated_f32(a, nullptr, gate.data(), up.data(), def.data(), n),
              SIMDACT_OK);
    ASSERT_EQ(simdact_apply_gated_f32(a, &p, gate.data(), up.data(), acc.data(), n), SIMDACT_OK);
    p.accuracy = SIMDACT_ACCURACY_FAST;
    ASSERT_EQ(simdact_apply_gated_f32(a, &p, gate.data(), up.data(), fast.data(), n), SIMDACT_OK);
    EXPECT_EQ(def, acc) << simdact_activation_name(a);
    if (simdact_active_isa() != SIMDACT_ISA_SCALAR) {
      EXPECT_NE(fast, acc) << simdact_activation_name(a) << ": the fast tier is the accurate one";
    }
  }
}

}  // namespace
}  // namespace simdact::test
