// simdact-softmax-accuracy: how the vector softmax and log_softmax round, against a long-double
// oracle, on 400 rows (10 to 5000 normal values, spread 0.01 to 100, centred at 0 or 1000) per
// vector ISA this CPU runs: the share of outputs 0, 1, 2 and more ULP away. Exits non-zero above
// the documented 2 ULP. Not part of the default suite (ctest label "exhaustive"); takes seconds.
#include <cstdio>
#include <random>
#include <vector>

#include "test_support.hpp"

using namespace simdact::test;

namespace {

// The oracle of test_softmax.cpp: long double, log_softmax of a max element as -log1p(rest).
float oracle(const std::vector<float>& x, std::size_t j, long double m, long double rest,
             bool log) {
  const long double d = static_cast<long double>(x[j]) - m;
  return static_cast<float>(log ? d - std::log1p(rest) : std::exp(d) / (1 + rest));
}

std::int64_t histogram(bool log, std::int64_t (&counts)[4]) {
  std::int64_t worst = 0;
  for (unsigned seed = 0; seed < 400; ++seed) {
    std::mt19937 rng(seed);
    const std::size_t n = std::vector<std::size_t>{10, 100, 1000, 5000}[seed % 4];
    const float scale = std::vector<float>{0.01f, 1.0f, 5.0f, 30.0f, 100.0f}[seed % 5];
    std::normal_distribution<float> dist(seed % 3 == 0 ? 1000.0f : 0.0f, scale);
    std::vector<float> x(n), y(n);
    for (auto& v : x) v = dist(rng);
    if (log) {
      simdact_log_softmax_f32(x.data(), y.data(), 1, n, n, n);
    } else {
      simdact_softmax_f32(x.data(), y.data(), 1, n, n, n);
    }
    long double m = x[0];
    for (float v : x) m = std::max<long double>(m, v);
    std::size_t first_max = 0;
    while (x[first_max] != m) ++first_max;
    long double rest = 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (j != first_max) rest += std::exp(static_cast<long double>(x[j]) - m);
    }
    for (std::size_t j = 0; j < n; ++j) {
      const std::int64_t d = ulp_distance(y[j], oracle(x, j, m, rest, log));
      ++counts[std::min<std::int64_t>(d, 3)];
      worst = std::max(worst, d);
    }
  }
  return worst;
}

}  // namespace

int main() {
  int status = 0;
  std::printf("| function | ISA | outputs | 0 ULP | 1 ULP | 2 ULP | more | max |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (simdact_isa isa : {SIMDACT_ISA_AVX2, SIMDACT_ISA_AVX512, SIMDACT_ISA_NEON}) {
    isa_scope scope(isa);
    if (!scope.ok()) continue;
    for (bool log : {false, true}) {
      std::int64_t counts[4] = {};
      const std::int64_t worst = histogram(log, counts);
      const double total = static_cast<double>(counts[0] + counts[1] + counts[2] + counts[3]);
      std::printf("| %s | %s | %.0f | %.2f%% | %.2f%% | %.4f%% | %.4f%% | %lld |\n",
                  log ? "log_softmax" : "softmax", simdact_isa_name(isa), total,
                  100 * counts[0] / total, 100 * counts[1] / total, 100 * counts[2] / total,
                  100 * counts[3] / total, static_cast<long long>(worst));
      if (worst > 2) status = 1;
    }
  }
  return status;
}
