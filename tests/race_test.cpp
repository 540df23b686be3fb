// SPDX-License-Identifier: Apache-2.0
// simdact-race: the library under ThreadSanitizer (built with SIMDACT_SANITIZE=thread; a plain
// build runs it too, without the race detection). Two phases:
//   1. the first use raced: many fresh threads released at once make the process's first calls
//      (dispatch chooses its table on first use);
//   2. worker threads call every activation and softmax / log_softmax in a loop while another
//      thread switches the ISA (simdact_set_isa) among the supported ones and back to automatic.
// Every result is checked against the scalar reference within the function's bound (all ISAs
// agree within it, so a result is right whichever table served its call). Prints
// "N passed, M failed" and exits non-zero on any failure; ThreadSanitizer aborts on a race.
#include <atomic>
#include <barrier>
#include <cstdio>
#include <thread>
#include <vector>

#include "test_support.hpp"

using namespace simdact::test;

namespace {

std::atomic<int> passed{0}, failed{0};

std::vector<float> sample(std::size_t n, int seed) {
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i)
    x[i] =
        -12.0f + 24.0f * static_cast<float>((i * 2654435761u + seed * 40503u) % 65536) / 65536.0f;
  return x;
}

// One round of every function on the thread's own buffers; counts passes and failures.
void every_function(int seed) {
  const std::vector<float> x = sample(1000 + seed % 7, seed);
  std::vector<float> y(x.size());
  for (const activation_info& a : activations()) {
    const simdact_params p = a.defaults();
    if (simdact_apply_f32(a.id, &p, x.data(), y.data(), x.size()) != SIMDACT_OK) {
      ++failed;
      continue;
    }
    bool ok = true;
    for (std::size_t i = 0; i < x.size(); ++i)
      ok = ok && ulp_distance(y[i], reference(a, x[i], p)) <= a.max_ulp;
    ++(ok ? passed : failed);
  }
  const std::size_t cols = 37;
  for (bool log : {false, true}) {
    const auto f = log ? simdact_log_softmax_f32 : simdact_softmax_f32;
    const std::size_t rows = x.size() / cols;
    std::vector<float> want(cols);
    bool ok = f(x.data(), y.data(), rows, cols, cols, cols) == SIMDACT_OK;
    for (std::size_t r = 0; ok && r < rows; ++r) {
      softmax_oracle_row(x.data() + r * cols, want.data(), cols, log);
      for (std::size_t j = 0; j < cols; ++j) ok = ok && ulp_distance(y[r * cols + j], want[j]) <= 2;
    }
    ++(ok ? passed : failed);
  }
}

}  // namespace

int main() {
  // Phase 1: the process's first calls, from many threads at once.
  {
    constexpr int threads = 16;
    std::barrier start(threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&start, t] {
        start.arrive_and_wait();
        every_function(t);
      });
    }
    for (auto& th : pool) th.join();
  }
  // Phase 2: calls while the ISA is switched under them.
  {
    std::vector<simdact_isa> isas = {SIMDACT_ISA_AUTO};
    for (simdact_isa i : target_isas()) {
      if (simdact_supported_isas() & (1u << i)) isas.push_back(i);
    }
    std::atomic<bool> done{false};
    std::thread switcher([&] {
      for (std::size_t k = 0; !done; ++k) simdact_set_isa(isas[k % isas.size()]);
    });
    std::vector<std::thread> pool;
    for (int t = 0; t < 4; ++t) {
      pool.emplace_back([t] {
        for (int round = 0; round < 25; ++round) every_function(100 * t + round);
      });
    }
    for (auto& th : pool) th.join();
    done = true;
    switcher.join();
    simdact_set_isa(SIMDACT_ISA_AUTO);
  }
  std::printf("%d passed, %d failed\n", passed.load(), failed.load());
  return failed == 0 ? 0 : 1;
}
