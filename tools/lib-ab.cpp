// SPDX-License-Identifier: Apache-2.0
// A/B timing of whole library builds in one process, for a noisy machine: each library is
// dlopen'ed (copies under different file names, so that the loader keeps them apart), and
// simdact_<fn>_f32 of each (the elementwise ones through simdact_apply_f32 with their default
// parameters) is timed by rdtsc in turn, call by call, keeping the best time per library.
// Interleaving at that grain, the ratios repeat within 1-2% where whole-bench runs alternated
// move by 5-10% (AMD Zen 3 VM). x in [-10, 10), like the benchmark suite's.
//   g++ -O2 -std=c++17 tools/lib-ab.cpp -ldl -o /tmp/lib-ab
//   cp build/src/libsimdact.so /tmp/b.so   # and the base build's library as /tmp/a.so
//   PARAM=1.702 /tmp/lib-ab swish 4096 400 /tmp/a.so /tmp/b.so   # fn, n, rounds, libraries
//   /tmp/lib-ab softmax 262x1000 100 /tmp/a.so /tmp/b.so   # softmax, log_softmax: rows x cols
// Prints tsc ticks per 8 elements and each library's speed relative to the first (> 1: faster).
// PARAM sets alpha and beta (else the defaults; ignored by the functions without them); SCALE
// widens x; REPEAT=5 prints the median ratio of five whole measurements in one process and their
// range (the commits from 52947be on quote the median of five runs of this tool, 100 rounds each).
// TIER=fast: the elementwise functions in the fast tier.
// The gated functions (swiglu, geglu, geglu_tanh, reglu, glu) take gate = x and up in [-4, 4)
// (TIER=fast: through simdact_apply_gated_f32).
#include <dlfcn.h>
#include <x86intrin.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using rows_fn_t = int (*)(const float*, float*, std::size_t, std::size_t, std::size_t, std::size_t);
// simdact_params restated (its float parameters, then the accuracy tier), and the calls that
// take it.
struct params_t {
  float field[6];
  int accuracy;
  float unused[9];
};
using apply_fn_t = int (*)(int, const params_t*, const float*, float*, std::size_t);
using gated_fn_t = int (*)(const float*, const float*, float*, std::size_t);
using apply_gated_fn_t = int (*)(int, const params_t*, const float*, const float*, float*,
                                 std::size_t);
using name_fn_t = const char* (*)(int);
using default_params_fn_t = params_t (*)(int);

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: [PARAM=p] %s <fn> <n or RxC> <rounds> <library>...\n", argv[0]);
    return 2;
  }
  const std::string symbol = std::string("simdact_") + argv[1] + "_f32";
  // "RxC" (rows x cols) or C (one row) for the row-wise functions (softmax, log_softmax), else n.
  const bool by_rows = symbol.find("softmax") != std::string::npos;
  // A gated function's name, and its gate activation's (include/simdact/gated.def).
  const std::string gates[][2] = {
#define SIMDACT_GATED(name, activation, ACTIVATION) {#name, #activation},
#include "../include/simdact/gated.def"
#undef SIMDACT_GATED
  };
  std::string activation = argv[1];
  bool gated = false;
  for (const auto& g : gates) {
    if (activation == g[0]) {
      activation = g[1];
      gated = true;
    }
  }
  char* after = nullptr;
  std::size_t rows = 1, cols = std::strtoul(argv[2], &after, 10);
  if (by_rows && *after == 'x') {
    rows = cols;
    cols = std::strtoul(after + 1, nullptr, 10);
  }
  const std::size_t n = rows * cols;
  const int rounds = std::atoi(argv[3]);
  const char* param_text = std::getenv("PARAM");
  const float param = param_text ? std::strtof(param_text, nullptr) : 1.0f;
  const bool fast = std::getenv("TIER") && std::string(std::getenv("TIER")) == "fast";
  // The elementwise functions and the fast gated ones go through the apply entry points, with the
  // activation's default parameters (PARAM: alpha and beta instead), so that every parameter of
  // a function with several (softplus's threshold) is a valid one.
  const bool by_apply = !by_rows && (fast || !gated);
  params_t p{};
  int id = -1;
  std::vector<void*> fns;
  for (int i = 4; i < argc; ++i) {
    void* lib = dlopen(argv[i], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      std::fprintf(stderr, "%s\n", dlerror());
      return 1;
    }
    if (by_apply) {
      const auto name = reinterpret_cast<name_fn_t>(dlsym(lib, "simdact_activation_name"));
      for (int a = 0; name && name(a) != nullptr; ++a) {
        if (activation == name(a)) id = a;
      }
      const auto defaults =
          reinterpret_cast<default_params_fn_t>(dlsym(lib, "simdact_default_params"));
      if (id >= 0 && defaults) {
        p = defaults(id);
        if (param_text) p.field[0] = p.field[1] = param;
        p.accuracy = fast ? 1 : 0;
      }
      fns.push_back(id < 0 ? nullptr
                           : dlsym(lib, gated ? "simdact_apply_gated_f32" : "simdact_apply_f32"));
    } else {
      fns.push_back(dlsym(lib, symbol.c_str()));
    }
    if (!fns.back()) {
      std::fprintf(stderr, "%s: no %s\n", argv[i], symbol.c_str());
      return 1;
    }
  }
  std::vector<float> up(n);
  for (std::size_t i = 0; i < n; ++i) up[i] = -4.0f + 8.0f * ((i * 40503u) % 65536) / 65536.0f;
  auto call = [&](void* f, const float* x, float* y) {
    if (gated && fast) {
      reinterpret_cast<apply_gated_fn_t>(f)(id, &p, x, up.data(), y, n);
    } else if (gated) {
      reinterpret_cast<gated_fn_t>(f)(x, up.data(), y, n);
    } else if (by_rows) {
      reinterpret_cast<rows_fn_t>(f)(x, y, rows, cols, cols, cols);
    } else {
      reinterpret_cast<apply_fn_t>(f)(id, &p, x, y, n);
    }
  };
  std::vector<float> x(n), y(n);
  // SCALE=s: x in [-10 s, 10 s) (e.g. softmax rows whose spread passes 64: its general path).
  const float scale = std::getenv("SCALE") ? std::strtof(std::getenv("SCALE"), nullptr) : 1.0f;
  for (std::size_t i = 0; i < n; ++i)
    x[i] = scale * (-10.0f + 20.0f * ((i * 2654435761u) % 65536) / 65536.0f);
  const int calls = n <= 8192 ? 20 : 1;  // per timing: in cache, 20 calls; larger, one
  // REPEAT=r: the whole best-of measurement r times, then each library's median ratio to the
  // first and its range (the machine's speed states move single runs by several percent).
  const int repeats = std::getenv("REPEAT") ? std::atoi(std::getenv("REPEAT")) : 1;
  std::vector<std::vector<double>> ratios(fns.size());
  std::vector<double> best;
  for (int rep = 0; rep < repeats; ++rep) {
    best.assign(fns.size(), 1e300);
    for (int r = 0; r < rounds; ++r) {
      for (std::size_t k = 0; k < fns.size(); ++k) {
        call(fns[k], x.data(), y.data());  // warm
        const unsigned long long start = __rdtsc();
        for (int i = 0; i < calls; ++i) call(fns[k], x.data(), y.data());
        const double t = static_cast<double>(__rdtsc() - start) / calls / (n / 8.0);
        if (t < best[k]) best[k] = t;
      }
    }
    for (std::size_t k = 0; k < fns.size(); ++k) ratios[k].push_back(best[0] / best[k]);
  }
  for (std::size_t k = 0; k < fns.size(); ++k) {
    std::vector<double>& q = ratios[k];
    std::sort(q.begin(), q.end());
    std::printf("%-40s %8.2f tsc per 8 elements  %.3fx", argv[k + 4], best[k], q[q.size() / 2]);
    if (repeats > 1) std::printf("  [%.3f-%.3f] over %d runs", q.front(), q.back(), repeats);
    std::printf("\n");
  }
}
