// SPDX-License-Identifier: Apache-2.0
// The floating-point environment (src/fp_env.hpp): every function, on every ISA this CPU runs, in
// the four rounding modes and with flush-to-zero / denormals-are-zero on and off, gives the bits
// it gives in the default environment, leaves the caller's control state as it was, raises no
// flag but FE_INEXACT and FE_UNDERFLOW, and never traps on FE_INVALID, FE_DIVBYZERO or
// FE_OVERFLOW, on inputs that include infinities, NaN, huge and subnormal values and partial
// batches (issue 20: softmax({1, 2, 3}) raised FE_INVALID, sigmoid of 1e10 FE_OVERFLOW, elu(-1e-10)
// was -3.6e-8 under FE_DOWNWARD, log_softmax was off by a million ULP under FE_UPWARD).
#include <cfenv>
#include <csetjmp>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <string>

#include "test_support.hpp"

#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

namespace simdact::test {
namespace {

// One call of the library on fixed inputs: its outputs.
struct call {
  std::string name;
  std::function<void(std::vector<float>&)> run;
};

std::vector<float> inputs(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-30.0f, 30.0f);
  std::vector<float> x(n);
  for (auto& v : x) v = d(rng);
  const float odd[] = {INFINITY, -INFINITY, NAN,   1e10f,  -1e10f,  3e38f, -3e38f, 1e-40f,
                       -1e-40f,  0.0f,      -0.0f, 100.0f, -100.0f, 88.0f, -88.0f, -1e-10f};
  for (std::size_t i = 0; i < std::size(odd) && 7 * i < n; ++i) x[7 * i] = odd[i];
  return x;
}

std::vector<call> calls() {
  std::vector<call> all;
  for (const activation_info& a : activations()) {
    for (bool other : {false, true}) {
      if (other && !a.has_parameter()) continue;
      const simdact_params p = other ? a.with_valid_param({-0.5f, 2.0f}) : a.defaults();
      // The inputs are drawn here, in the default environment (the draw rounds too).
      const std::vector<float> x = inputs(1003, 7);
      std::string name = a.name;
      if (other) name.append("(").append(std::to_string(a.param_of(p))).append(")");
      all.push_back({name, [a, p, x](std::vector<float>& y) {
                       y.assign(x.size(), 0.0f);
                       ASSERT_EQ(simdact_apply_f32(a.id, &p, x.data(), y.data(), x.size()),
                                 SIMDACT_OK);
                     }});
    }
  }
  for (bool log : {false, true}) {
    for (std::size_t cols : {1, 3, 17, 100, 1001}) {
      std::vector<float> x = inputs(5 * cols, 11);
      // The first row of finite values only; the others as drawn (infinities, NaN, huge values).
      for (std::size_t j = 0; j < cols; ++j) x[j] = std::sin(static_cast<float>(j) * 0.1f) * 20.0f;
      all.push_back({std::string(log ? "log_softmax" : "softmax") + "/" + std::to_string(cols),
                     [log, cols, x](std::vector<float>& y) {
                       y.assign(x.size(), 0.0f);
                       const auto f = log ? simdact_log_softmax_f32 : simdact_softmax_f32;
                       ASSERT_EQ(f(x.data(), y.data(), 5, cols, cols, cols), SIMDACT_OK);
                     }});
    }
  }
  return all;
}

// The control state besides the rounding mode: FTZ and DAZ (x86), FZ (AArch64).
#if defined(__x86_64__)
constexpr unsigned ftz_daz = 0x8040;
unsigned control_word() { return _mm_getcsr() & ~0x3Fu; }
void set_flush(bool on) { _mm_setcsr(on ? (_mm_getcsr() | ftz_daz) : (_mm_getcsr() & ~ftz_daz)); }
#elif defined(__aarch64__)
std::uint64_t control_word() {
  std::uint64_t c;
  asm volatile("mrs %0, fpcr" : "=r"(c));
  return c;
}
void set_flush(bool on) {
  const std::uint64_t c = on ? (control_word() | (1u << 24)) : (control_word() & ~(1ull << 24));
  asm volatile("msr fpcr, %0" : : "r"(c));
}
#else
unsigned control_word() { return 0; }
void set_flush(bool) {}
#endif

class FpEnvironment : public ::testing::TestWithParam<simdact_isa> {};

TEST_P(FpEnvironment, ResultsFlagsAndControlIndependentOfTheCallersEnvironment) {
  SIMDACT_REQUIRE_ISA(scope, GetParam());
  const std::vector<call> all = calls();
  std::vector<std::vector<float>> want(all.size());
  for (std::size_t c = 0; c < all.size(); ++c) all[c].run(want[c]);
  for (int mode : {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO}) {
    for (bool flush : {false, true}) {
      for (std::size_t c = 0; c < all.size(); ++c) {
        ASSERT_EQ(std::fesetround(mode), 0);
        set_flush(flush);
        const auto control = control_word();
        std::feclearexcept(FE_ALL_EXCEPT);
        std::vector<float> y;
        all[c].run(y);
        const int raised = std::fetestexcept(FE_ALL_EXCEPT);
        const auto after = control_word();
        set_flush(false);
        std::fesetround(FE_TONEAREST);
        const std::string where =
            all[c].name + " rounding " + std::to_string(mode) + (flush ? " with FTZ/DAZ" : "");
        EXPECT_EQ(after, control) << where << ": the control state changed";
        EXPECT_EQ(raised & ~(FE_INEXACT | FE_UNDERFLOW), 0)
            << where << ": raised FE_INVALID " << !!(raised & FE_INVALID) << ", FE_OVERFLOW "
            << !!(raised & FE_OVERFLOW) << ", FE_DIVBYZERO " << !!(raised & FE_DIVBYZERO);
        ASSERT_EQ(y.size(), want[c].size());
        for (std::size_t i = 0; i < y.size(); ++i) {
          ASSERT_EQ(to_bits(y[i]), to_bits(want[c][i]))
              << where << ": output " << i << " is " << y[i] << ", " << want[c][i]
              << " in the default environment";
        }
      }
    }
  }
}

#if defined(__x86_64__) && defined(__GLIBC__)
sigjmp_buf trapped;
void on_fpe(int) { siglongjmp(trapped, 1); }

// With FE_INVALID, FE_DIVBYZERO and FE_OVERFLOW traps enabled (glibc's feenableexcept), no call
// traps: every result here is finite or an exact limit.
TEST_P(FpEnvironment, TrapsNeverFire) {
  SIMDACT_REQUIRE_ISA(scope, GetParam());
  const std::vector<call> all = calls();
  struct sigaction action {
  }, old{};
  action.sa_handler = on_fpe;
  sigaction(SIGFPE, &action, &old);
  for (const call& c : all) {
    std::vector<float> y;
    if (sigsetjmp(trapped, 1) == 0) {
      std::feclearexcept(FE_ALL_EXCEPT);
      feenableexcept(FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW);
      c.run(y);
      fedisableexcept(FE_ALL_EXCEPT);
    } else {
      fedisableexcept(FE_ALL_EXCEPT);
      ADD_FAILURE() << c.name << " trapped (SIGFPE)";
    }
  }
  sigaction(SIGFPE, &old, nullptr);
}
#endif

INSTANTIATE_TEST_SUITE_P(AllIsas, FpEnvironment, ::testing::ValuesIn(target_isas()),
                         [](const ::testing::TestParamInfo<simdact_isa>& i) {
                           return std::string(simdact_isa_name(i.param));
                         });

}  // namespace
}  // namespace simdact::test
