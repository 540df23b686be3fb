// SPDX-License-Identifier: Apache-2.0
// Dispatch: the default is the best supported ISA under the SIMDACT_MAX_ISA cap (ctest runs this
// file with several caps), forcing works for supported ISAs and fails for the others.
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "test_support.hpp"

namespace simdact::test {
namespace {

int rank(simdact_isa isa) {
  return isa == SIMDACT_ISA_AVX512 ? 2 : (isa == SIMDACT_ISA_AVX2 || isa == SIMDACT_ISA_NEON);
}

TEST(Dispatch, DefaultIsTheBestSupportedIsaUnderTheCap) {
  // A cap names a rank, on any architecture: "neon" on x86 caps at AVX2, "avx2" on ARM at NEON.
  const char* cap_env = std::getenv("SIMDACT_MAX_ISA");
  int cap = 2;
  for (simdact_isa isa :
       {SIMDACT_ISA_SCALAR, SIMDACT_ISA_AVX2, SIMDACT_ISA_AVX512, SIMDACT_ISA_NEON}) {
    if (cap_env && std::string(cap_env) == simdact_isa_name(isa)) cap = rank(isa);
  }
  simdact_isa want = SIMDACT_ISA_SCALAR;
  for (simdact_isa isa : target_isas()) {
    const bool supported = simdact_supported_isas() & (1u << isa);
    if (supported && rank(isa) <= cap && rank(isa) >= rank(want)) want = isa;
  }
  std::printf("[ dispatch ] cap %s, CPU features \"%s\", active %s\n", cap_env ? cap_env : "(none)",
              simdact_cpu_features(), simdact_isa_name(simdact_active_isa()));
  EXPECT_EQ(simdact_active_isa(), want) << "expected " << simdact_isa_name(want);
}

// Where the test run knows the machine (SIMDACT_EXPECT_ISA: the emulated AVX2-only CPU of the
// qemu Haswell lane), the automatic choice is that ISA.
TEST(Dispatch, AutomaticChoiceIsTheExpectedIsa) {
  const char* expected = std::getenv("SIMDACT_EXPECT_ISA");
  if (expected == nullptr) GTEST_SKIP() << "SIMDACT_EXPECT_ISA is not set: no machine to expect";
  ASSERT_EQ(simdact_set_isa(SIMDACT_ISA_AUTO), SIMDACT_OK);
  EXPECT_STREQ(simdact_isa_name(simdact_active_isa()), expected)
      << "CPU features \"" << simdact_cpu_features() << "\"";
}

// What a build for this architecture must hold (the tests iterate the library's own list).
TEST(Dispatch, ScalarIsAlwaysSupportedAndTheArchitecturesIsasAreCompiled) {
  EXPECT_TRUE(simdact_supported_isas() & (1u << SIMDACT_ISA_SCALAR));
  EXPECT_EQ(simdact_supported_isas() & ~simdact_compiled_isas(), 0u);
  std::vector<simdact_isa> expected = {SIMDACT_ISA_SCALAR};
#if defined(__x86_64__)
  expected.insert(expected.end(), {SIMDACT_ISA_AVX2, SIMDACT_ISA_AVX512});
#elif defined(__aarch64__)
  expected.push_back(SIMDACT_ISA_NEON);
#endif
  for (simdact_isa isa : expected) {
    EXPECT_TRUE(simdact_compiled_isas() & (1u << isa)) << simdact_isa_name(isa);
  }
}

TEST(Dispatch, ForcingFollowsSupport) {
  for (int i = SIMDACT_ISA_SCALAR; i <= SIMDACT_ISA_NEON + 1; ++i) {
    const auto isa = static_cast<simdact_isa>(i);
    const bool supported = i <= SIMDACT_ISA_NEON && (simdact_supported_isas() & (1u << i));
    const simdact_isa before = simdact_active_isa();
    const simdact_status s = simdact_set_isa(isa);
    if (supported) {
      EXPECT_EQ(s, SIMDACT_OK) << i;
      EXPECT_EQ(simdact_active_isa(), isa);
    } else {
      EXPECT_EQ(s, SIMDACT_ERROR_UNSUPPORTED_ISA) << i;
      EXPECT_EQ(simdact_active_isa(), before) << "a failed set_isa must change nothing";
    }
  }
  EXPECT_EQ(simdact_set_isa(SIMDACT_ISA_AUTO), SIMDACT_OK);
}

// Every ISA has every activation's kernel (the table builders require it at compile time), so
// the kernel's ISA is the active one; an unknown activation has none.
TEST(Dispatch, KernelIsaIsTheActiveIsa) {
  for (simdact_isa isa : target_isas()) {
    isa_scope scope(isa);
    if (!scope.ok()) {
      std::printf("[ skipped  ] %s: not supported here\n", simdact_isa_name(isa));
      continue;
    }
    for (int a = 0; a < SIMDACT_ACTIVATION_COUNT; ++a) {
      EXPECT_EQ(simdact_kernel_isa(static_cast<simdact_activation>(a)), isa);
    }
  }
  EXPECT_EQ(simdact_kernel_isa(static_cast<simdact_activation>(SIMDACT_ACTIVATION_COUNT)),
            SIMDACT_ISA_AUTO);
}

TEST(Dispatch, IsaOfAnotherArchitectureIsUnsupported) {
#if defined(__x86_64__)
  EXPECT_EQ(simdact_set_isa(SIMDACT_ISA_NEON), SIMDACT_ERROR_UNSUPPORTED_ISA);
#elif defined(__aarch64__)
  EXPECT_EQ(simdact_set_isa(SIMDACT_ISA_AVX2), SIMDACT_ERROR_UNSUPPORTED_ISA);
  EXPECT_EQ(simdact_set_isa(SIMDACT_ISA_AVX512), SIMDACT_ERROR_UNSUPPORTED_ISA);
#else
  GTEST_SKIP() << "no vector ISA on this architecture";
#endif
}

}  // namespace
}  // namespace simdact::test
