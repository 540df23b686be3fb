// SPDX-License-Identifier: Apache-2.0
// simdact-softmax-accuracy: how the vector softmax and log_softmax round, against the long-double
// oracle of the tests, on 400 rows (10 to 5000 normal values, spread 0.01 to 100, centred at 0 or
// 1000) per vector ISA of this target: the share of outputs 0, 1, 2 and more ULP away. An ISA the
// CPU lacks is reported as skipped. Exits non-zero above the documented 2 ULP. Not part of the
// default suite (ctest label "exhaustive"); takes seconds.
#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

#include "test_support.hpp"

using namespace simdact::test;

namespace {

std::int64_t histogram(bool log, std::int64_t (&counts)[4]) {
  std::int64_t worst = 0;
  for (unsigned seed = 0; seed < 400; ++seed) {
    std::mt19937 rng(seed);
    const std::size_t n = std::vector<std::size_t>{10, 100, 1000, 5000}[seed % 4];
    const float scale = std::vector<float>{0.01f, 1.0f, 5.0f, 30.0f, 100.0f}[seed % 5];
    std::normal_distribution<float> dist(seed % 3 == 0 ? 1000.0f : 0.0f, scale);
    std::vector<float> x(n), y(n), want(n);
    for (auto& v : x) v = dist(rng);
    if (log) {
      simdact_log_softmax_f32(x.data(), y.data(), 1, n, n, n);
    } else {
      simdact_softmax_f32(x.data(), y.data(), 1, n, n, n);
    }
    softmax_oracle_row(x.data(), want.data(), n, log);
    for (std::size_t j = 0; j < n; ++j) {
      const std::int64_t d = ulp_distance(y[j], want[j]);
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
  for (simdact_isa isa : target_isas()) {
    if (isa == SIMDACT_ISA_SCALAR) continue;  // the reference formulas themselves
    isa_scope scope(isa);
    if (!scope.ok()) {
      std::printf("| softmax, log_softmax | %s | skipped: not supported by this CPU | | | | | |\n",
                  simdact_isa_name(isa));
      continue;
    }
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
