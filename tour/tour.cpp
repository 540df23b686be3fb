// SPDX-License-Identifier: Apache-2.0
// simdact-tour: a short demonstration of the library on this machine. For each activation it
// prints sample values, the maximum ULP distance of every ISA the CPU runs from the scalar
// reference on a quick sweep of the float bit space, and the throughput of every ISA, in each
// accuracy tier the activation has a kernel for (the fast tier: where the result is at least
// FLT_MIN; below it the fast tier's contract is an absolute error, which the line checks too).
// Then the same for the gated activations (swiglu, ...: f(gate) * up fused, against the exact
// product, with the unfused pair's throughput beside the fused one's), and softmax.
//   simdact-tour [--no-speed]   (--no-speed: leave out the timings, e.g. under an emulator)
#include <fmt/core.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <simdact/simdact.hpp>
#include <string>
#include <vector>

namespace {

std::vector<simdact::isa> runnable_isas() {
  std::vector<simdact::isa> v;
  for (unsigned i = 0; i < 32; ++i) {
    if (simdact::supported_isas() & (1u << i)) v.push_back(static_cast<simdact::isa>(i));
  }
  return v;
}

std::int64_t ulp_distance(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : INT64_MAX;
  auto ordered = [](float f) {
    std::int32_t i;
    std::memcpy(&i, &f, sizeof i);
    return i < 0 ? std::int64_t{INT32_MIN} - i : std::int64_t{i};
  };
  return std::llabs(ordered(a) - ordered(b));
}

// The error of got against want in the tier's terms: ULP where want is at least FLT_MIN (fast
// tier) or anywhere (accurate tier); in the fast tier, below FLT_MIN, 0 if within FLT_MIN of want
// and "infinity" otherwise.
std::int64_t tier_error(simdact::accuracy tier, float got, float want) {
  const float tiny = 0x1p-126f;
  if (tier == simdact::fast && std::fabs(want) < tiny) {
    return std::fabs(got - want) <= tiny ? 0 : INT64_MAX;
  }
  return ulp_distance(got, want);
}

// 2^20 inputs spread over every exponent and both signs.
std::vector<float> sweep_inputs() {
  std::vector<float> x(std::size_t{1} << 20);
  for (std::uint32_t i = 0; i < x.size(); ++i) {
    const std::uint32_t bits = (i << 12) | ((i * 2654435761u) >> 20);
    std::memcpy(&x[i], &bits, sizeof bits);
  }
  return x;
}

// Elements per nanosecond of `f` on a 4096-element, L1-resident array.
template <class F>
double throughput(F f) {
  constexpr std::size_t n = 4096;
  std::vector<float> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = -8.0f + 16.0f * static_cast<float>(i) / n;
  using clock = std::chrono::steady_clock;
  double best = 0.0;
  for (int round = 0; round < 5; ++round) {
    const auto start = clock::now();
    constexpr int reps = 200;
    for (int r = 0; r < reps; ++r) f(x.data(), y.data(), n);
    const double ns = std::chrono::duration<double, std::nano>(clock::now() - start).count();
    best = std::max(best, reps * n / ns);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const bool speed = !(argc > 1 && std::strcmp(argv[1], "--no-speed") == 0);
  const auto isas = runnable_isas();
  fmt::print("simdact {} — SIMD activation functions\n", simdact::version());
  fmt::print("CPU features: {}\n", *simdact_cpu_features() ? simdact_cpu_features() : "(none)");
  std::string names;
  for (auto i : isas) names += std::string(names.empty() ? "" : ", ") + simdact::isa_name(i);
  fmt::print("ISAs this CPU runs: {}; active: {}\n\n", names,
             simdact::isa_name(simdact::active_isa()));

  const std::vector<float> samples = {-INFINITY, -5.0f, -1.0f, -0.5f, 0.0f, 0.5f, 1.0f, 5.0f};
  const std::vector<float> sweep = sweep_inputs();
  std::vector<float> want(sweep.size()), got(sweep.size());

  for (int a = 0; a < SIMDACT_ACTIVATION_COUNT; ++a) {
    const auto act = static_cast<simdact::activation>(a);
    std::string param;
    for (std::size_t k = 0; k < simdact_parameter_count(act); ++k) {
      param += fmt::format("{}{} = {}", k == 0 ? " (" : ", ", simdact_parameter_name(act, k),
                           simdact_parameter_default(act, k));
    }
    fmt::print("{}{}\n", simdact::name(act), param.empty() ? "" : param + ")");

    std::vector<float> y(samples.size());
    simdact::apply(act, samples.data(), y.data(), samples.size());
    fmt::print("  x:    ");
    for (float v : samples) fmt::print("{:>13.6g}", v);
    fmt::print("\n  f(x): ");
    for (float v : y) fmt::print("{:>13.6g}", v);
    fmt::print("\n");

    simdact::set_isa(SIMDACT_ISA_SCALAR);
    simdact::apply(act, sweep.data(), want.data(), sweep.size());
    for (auto i : isas) {
      simdact::set_isa(i);
      // The scalar table is the reference in both tiers.
      std::vector<simdact::accuracy> tiers = {simdact::accurate};
      if (simdact::has_fast_kernel(act) && i != SIMDACT_ISA_SCALAR) tiers.push_back(simdact::fast);
      for (simdact::accuracy tier : tiers) {
        simdact::params p = simdact_default_params(act);
        p.accuracy = tier;
        simdact::apply(act, sweep.data(), got.data(), sweep.size(), p);
        std::int64_t worst = 0;
        for (std::size_t k = 0; k < sweep.size(); ++k) {
          worst = std::max(worst, tier_error(tier, got[k], want[k]));
        }
        fmt::print("  {:<7} {:<8} max {} ULP vs reference", simdact::isa_name(i),
                   tier == simdact::fast ? "fast" : "accurate", worst);
        if (speed) {
          const double rate = throughput([&](const float* x, float* out, std::size_t n) {
            simdact::apply(act, x, out, n, p);
          });
          fmt::print(", {:6.2f} elements/ns", rate);
        }
        fmt::print("\n");
      }
    }
    simdact::set_isa(SIMDACT_ISA_AUTO);
    fmt::print("\n");
  }

  // The gated activations: up = 2 on the samples; the sweep's gates with ups spread over
  // [-4, 4] (every exponent of the gate, products that are ordinary).
  struct gated {
    const char* name;
    simdact::activation act;
  };
  const gated all_gated[] = {
#define SIMDACT_GATED(name, activation, ACTIVATION) {#name, SIMDACT_##ACTIVATION},
#include <simdact/gated.def>
  };
  std::vector<float> ups(sweep.size());
  for (std::size_t k = 0; k < ups.size(); ++k) {
    ups[k] = -4.0f + 8.0f * static_cast<float>((k * 40503u) % 65536u) / 65536.0f;
  }
  for (const gated& g : all_gated) {
    fmt::print("{}: {}(gate) * up, fused\n", g.name, simdact::name(g.act));
    const std::vector<float> two(samples.size(), 2.0f);
    std::vector<float> y(samples.size());
    simdact::apply_gated(g.act, samples.data(), two.data(), y.data(), samples.size());
    fmt::print("  gate: ");
    for (float v : samples) fmt::print("{:>13.6g}", v);
    fmt::print("\n  up 2: ");
    for (float v : y) fmt::print("{:>13.6g}", v);
    fmt::print("\n");
    simdact::set_isa(SIMDACT_ISA_SCALAR);  // the exact product, rounded once
    simdact::apply_gated(g.act, sweep.data(), ups.data(), want.data(), sweep.size());
    for (auto i : isas) {
      simdact::set_isa(i);
      std::vector<simdact::accuracy> tiers = {simdact::accurate};
      if (simdact::has_fast_kernel(g.act) && i != SIMDACT_ISA_SCALAR) {
        tiers.push_back(simdact::fast);
      }
      for (simdact::accuracy tier : tiers) {
        simdact::params p = simdact_default_params(g.act);
        p.accuracy = tier;
        simdact::apply_gated(g.act, sweep.data(), ups.data(), got.data(), sweep.size(), p);
        std::int64_t worst = 0;
        for (std::size_t k = 0; k < sweep.size(); ++k) {
          worst = std::max(worst, tier_error(tier, got[k], want[k]));
        }
        fmt::print("  {:<7} {:<8} max {} ULP vs the exact product", simdact::isa_name(i),
                   tier == simdact::fast ? "fast" : "accurate", worst);
        if (speed) {
          const double fused = throughput([&](const float* x, float* out, std::size_t n) {
            simdact::apply_gated(g.act, x, ups.data(), out, n, p);
          });
          const double unfused = throughput([&](const float* x, float* out, std::size_t n) {
            simdact::apply(g.act, x, out, n, p);
            for (std::size_t k = 0; k < n; ++k) out[k] *= ups[k];
          });
          fmt::print(", {:6.2f} elements/ns (unfused: {:.2f})", fused, unfused);
        }
        fmt::print("\n");
      }
    }
    simdact::set_isa(SIMDACT_ISA_AUTO);
    fmt::print("\n");
  }

  for (bool log : {false, true}) {
    const auto run = log ? &simdact_log_softmax_f32 : &simdact_softmax_f32;
    const std::vector<float> x = {1.0f, 2.0f, 3.0f, 6.0f};
    std::vector<float> y(x.size());
    run(x.data(), y.data(), 1, x.size(), x.size(), x.size());
    fmt::print("{} of [1, 2, 3, 6]: ", log ? "log_softmax" : "softmax");
    for (float v : y) fmt::print("{:.8f} ", v);
    fmt::print("\n");
    for (auto i : isas) {
      if (!speed) break;
      simdact::set_isa(i);
      const std::size_t cols = 1000;
      const double rate = throughput([&](const float* in, float* out, std::size_t n) {
        run(in, out, n / cols, cols, cols, cols);
      });
      fmt::print("  {:<7} {:6.2f} elements/ns on rows of {} columns\n", simdact::isa_name(i), rate,
                 cols);
    }
    simdact::set_isa(SIMDACT_ISA_AUTO);
  }
  return 0;
}
