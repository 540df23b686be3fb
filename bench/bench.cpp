// SPDX-License-Identifier: Apache-2.0
// The simdact benchmark suite: every registry activation x compiled ISA x size, the public
// dispatched path, a naive std:: loop, a memcpy baseline per size, softmax rows, and the peers
// found at configure time (peers.cpp). Names: <who>/<function>/<variant>/<n or rows x cols>.
// An ISA the CPU lacks is reported as skipped ("error_message") and not timed.
#include "bench.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>

#include "kernels/all.hpp"
#include "simdact/simdact.hpp"

namespace simdact::bench {

namespace kernels = simdact::scalar::kernels;

buffers& data(std::size_t n) {
  static std::map<std::size_t, buffers> all;
  auto it = all.find(n);
  if (it == all.end()) {
    buffers b{std::vector<float>(n), std::vector<float>(n), std::vector<float>(n)};
    std::mt19937 rng(42);
    std::uniform_real_distribution<float> d(-10.0f, 10.0f), u(-2.0f, 2.0f);
    for (auto& v : b.x) v = d(rng);
    for (auto& v : b.up) v = u(rng);
    it = all.emplace(n, std::move(b)).first;
  }
  return it->second;
}

void set_counters(benchmark::State& state, std::size_t elements) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * elements));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * elements * 8));
}

namespace {

// The timed loop of every benchmark: body over the buffers of size n.
void time_loop(benchmark::State& state, std::size_t n, const kernel& body) {
  buffers& b = data(n);
  for (auto _ : state) {
    body(b.x.data(), b.y.data(), n);
    benchmark::DoNotOptimize(b.y.data());
    benchmark::ClobberMemory();
  }
  set_counters(state, n);
}

}  // namespace

void register_elementwise(const std::string& name, std::size_t n, kernel body) {
  benchmark::RegisterBenchmark(name.c_str(),
                               [n, body](benchmark::State& state) { time_loop(state, n, body); });
}

namespace {

// The textbook formula in float with <cmath>, as a user would write it without simdact: each
// kernel's naive() (kernels/protocol.hpp), called through a pointer as before.
float (*const naive[])(float) = {
#define SIMDACT_ACTIVATION(id, name, NAME, count, params) &kernels::name::naive,
#include "simdact/activations.def"
};

// A copy the compiler vectorises but does not turn into memcpy (GCC: the attribute; clang:
// the loop pragma).
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
void copy_loop(const float* __restrict x, float* __restrict y, std::size_t n) {
#if defined(__clang__)
#pragma clang loop vectorize(enable)
#endif
  for (std::size_t i = 0; i < n; ++i) y[i] = x[i];
}

// simdact/<fn>/<isa><tier>/<shape> for every ISA compiled in, each forcing its ISA (skipped
// with a message where the CPU lacks it), and, in the accurate tier (tier ""),
// simdact/<fn>/dispatch/<shape>, the public path as is. The fast tier's rows have tier "-fast",
// the gated activations' unfused pairs "-unfused".
void register_per_isa(const std::string& fn, const std::string& shape, std::size_t n, kernel body,
                      const std::string& tier = "") {
  for (unsigned bit = 0; bit < 32; ++bit) {
    if (!(simdact_compiled_isas() & (1u << bit))) continue;
    const auto isa = static_cast<simdact_isa>(bit);
    if (isa == SIMDACT_ISA_SCALAR && !tier.empty()) continue;  // the reference in both tiers
    const std::string name = bench_name({"simdact", fn, simdact_isa_name(isa) + tier, shape});
    benchmark::RegisterBenchmark(name.c_str(), [isa, n, body](benchmark::State& state) {
      if (simdact_set_isa(isa) != SIMDACT_OK) {
        std::string why = simdact_isa_name(isa);
        why += " is not supported by this CPU: skipped";
        state.SkipWithError(why.c_str());
        return;
      }
      time_loop(state, n, body);
      simdact_set_isa(SIMDACT_ISA_AUTO);
    });
  }
  if (tier.empty()) register_elementwise(bench_name({"simdact", fn, "dispatch", shape}), n, body);
}

// y[i] *= up[i]: the second pass of an unfused gated activation, as a user would write it
// (vectorised by the compiler).
void multiply(float* __restrict y, const float* __restrict up, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] *= up[i];
}

// The gated activations (simdact/gated.def): fused, in both tiers; unfused, the activation's
// call then the multiply loop (simdact/<name>/<isa>-unfused/<n>); and the row layout
// (simdact/<name>_rows/<isa>[-fast]/<rows>x<d>), gate first.
void register_gated() {
  struct gated_row {
    const char* name;
    activation act;
  };
  const gated_row all[] = {
#define SIMDACT_GATED(name, activation, ACTIVATION) {#name, SIMDACT_##ACTIVATION},
#include "simdact/gated.def"
  };
  for (const gated_row& g : all) {
    for (simdact_accuracy tier : {SIMDACT_ACCURACY_ACCURATE, SIMDACT_ACCURACY_FAST}) {
      simdact_params p = simdact_default_params(g.act);
      p.accuracy = tier;
      const std::string suffix = tier == SIMDACT_ACCURACY_FAST ? "-fast" : "";
      for (std::size_t n : gated_sizes) {
        const float* up = data(n).up.data();
        register_per_isa(
            g.name, std::to_string(n), n,
            [act = g.act, p, up](const float* x, float* y, std::size_t m) {
              simdact_apply_gated_f32(act, &p, x, up, y, m);
            },
            suffix);
        if (tier == SIMDACT_ACCURACY_ACCURATE) {
          register_per_isa(
              g.name, std::to_string(n), n,
              [act = g.act, up](const float* x, float* y, std::size_t m) {
                simdact_apply_f32(act, nullptr, x, y, m);
                multiply(y, up, m);
              },
              "-unfused");
        }
      }
      for (const auto& [rows, d] : gated_rows) {
        register_per_isa(
            std::string(g.name) + "_rows", std::to_string(rows) + "x" + std::to_string(d), rows * d,
            [act = g.act, p, rows = rows, d = d](const float*, float* y, std::size_t) {
              const float* x = data(2 * rows * d).x.data();
              simdact_apply_gated_rows_f32(act, &p, x, y, rows, d, 2 * d, d, SIMDACT_GATE_FIRST);
            },
            suffix);
      }
    }
  }
}

void register_simdact() {
  for (std::size_t n : sizes) {
    const std::string size = std::to_string(n);
    // Two copies: glibc's memcpy, and a loop of vector loads and stores; the table script takes
    // the faster as the memory-speed baseline (memcpy's rep-movsb path is slow on some CPUs, by
    // 20x here on an AMD EPYC VM at 16 KiB).
    register_elementwise(
        bench_name({"copy", "memcpy", size}), n,
        [](const float* x, float* y, std::size_t m) { std::memcpy(y, x, m * sizeof(float)); });
    register_elementwise(bench_name({"copy", "loop", size}), n, copy_loop);
    for (int a = 0; a < SIMDACT_ACTIVATION_COUNT; ++a) {
      const auto act = static_cast<activation>(a);
      const std::string fn = simdact_activation_name(act);
      register_per_isa(fn, size, n, [act](const float* x, float* y, std::size_t m) {
        simdact_apply_f32(act, nullptr, x, y, m);
      });
      if (simdact_has_fast_kernel(act)) {
        simdact_params p = simdact_default_params(act);
        p.accuracy = SIMDACT_ACCURACY_FAST;
        register_per_isa(
            fn, size, n,
            [act, p](const float* x, float* y, std::size_t m) {
              simdact_apply_f32(act, &p, x, y, m);
            },
            "-fast");
      }
      register_elementwise(bench_name({"naive", fn, "std", size}), n,
                           [g = naive[a]](const float* x, float* y, std::size_t m) {
                             for (std::size_t i = 0; i < m; ++i) y[i] = g(x[i]);
                           });
    }
    // swish at beta = 1 (its default, above) runs silu's kernel; the moderate one at 1.702, the
    // beta of the gelu approximation x sigmoid(1.702 x).
    for (simdact_accuracy tier : {SIMDACT_ACCURACY_ACCURATE, SIMDACT_ACCURACY_FAST}) {
      register_per_isa(
          "swish_b1.702", size, n,
          [tier](const float* x, float* y, std::size_t m) {
            simdact_params p = simdact_default_params(SIMDACT_SWISH);
            p.beta = 1.702f;
            p.accuracy = tier;
            simdact_apply_f32(SIMDACT_SWISH, &p, x, y, m);
          },
          tier == SIMDACT_ACCURACY_FAST ? "-fast" : "");
    }
    for (std::size_t cols : softmax_cols) {
      const std::size_t rows = rows_for(n, cols);
      const std::string shape = std::to_string(rows) + "x" + std::to_string(cols);
      for (bool log : {false, true}) {
        const auto f = log ? simdact_log_softmax_f32 : simdact_softmax_f32;
        register_per_isa(log ? "log_softmax" : "softmax", shape, rows * cols,
                         [f, rows, cols](const float* x, float* y, std::size_t) {
                           f(x, y, rows, cols, cols, cols);
                         });
      }
    }
  }
}

}  // namespace
}  // namespace simdact::bench

int main(int argc, char** argv) {
  // simdact runs on one thread; so must the peers. oneDNN's OpenMP runtime reads
  // OMP_NUM_THREADS when it is loaded, before main, hence the re-execution with it set.
  if (std::getenv("OMP_NUM_THREADS") == nullptr) {
    setenv("OMP_NUM_THREADS", "1", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: then run as we are
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  simdact::bench::register_simdact();
  simdact::bench::register_gated();
  simdact::bench::register_peers();
  benchmark::AddCustomContext("simdact_cpu_features", simdact_cpu_features());
  benchmark::AddCustomContext("simdact_active_isa", simdact_isa_name(simdact_active_isa()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
