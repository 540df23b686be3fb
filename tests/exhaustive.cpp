// SPDX-License-Identifier: Apache-2.0
// simdact-exhaustive: every one of the 2^32 float inputs, for every activation (default
// parameters) on every vector ISA this CPU runs, against the reference rounded to float. Prints the
// maximum ULP distance and the worst input per kernel and ISA; exits non-zero if a kernel
// exceeds its documented bound. Not part of the default suite (ctest label "exhaustive"); takes
// minutes per kernel on two cores.
//   simdact-exhaustive [activation ...] [isa ...] [param=V] [fast]
//     (default: all activations, every vector ISA, each activation's default parameters; param=V
//     sets the first parameter to V for every activation that has one, e.g. `swish param=1.702`:
//     swish at beta = 1 runs silu's kernel, one of its variants; `fast`: the fast tier, in its
//     terms (tier_error: results below FLT_MIN within FLT_MIN), for the activations with a fast
//     kernel)
//   simdact-exhaustive gated [name ...] [isa ...] [param=V] [fast]
//     the gated activations (simdact/gated.def, and swish by its own name): every gate at up = 1,
//     -3.7, 2^100 and 2^-140, against the exact product (f's double reference times up in long
//     double), bound 1 ULP (fast: 4 where the product is normal)
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

using namespace simdact::test;

namespace {

struct result {
  std::int64_t worst = 0;
  std::uint32_t worst_bits = 0;
};

// Sweeps [begin, end) of the bit patterns in chunks; returns the worst distance seen. With `up`,
// the gated kernel of a at that up.
result sweep_range(const activation_info& a, const simdact_params& p, std::uint64_t begin,
                   std::uint64_t end, std::optional<float> up) {
  constexpr std::size_t chunk = std::size_t{1} << 16;
  std::vector<float> x(chunk), y(chunk), u(chunk, up.value_or(0.0f));
  result r;
  for (std::uint64_t base = begin; base < end; base += chunk) {
    for (std::size_t i = 0; i < chunk; ++i) x[i] = from_bits(static_cast<std::uint32_t>(base + i));
    if (up) {
      simdact_apply_gated_f32(a.id, &p, x.data(), u.data(), y.data(), chunk);
    } else {
      simdact_apply_f32(a.id, &p, x.data(), y.data(), chunk);
    }
    for (std::size_t i = 0; i < chunk; ++i) {
      const double exact = up ? exact_product(a, x[i], *up, p) : a.reference(x[i], p);
      const std::int64_t d = tier_error(p.accuracy, y[i], exact);
      if (d > r.worst) {
        r.worst = d;
        r.worst_bits = static_cast<std::uint32_t>(base + i);
      }
    }
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> wanted, wanted_isas;
  std::optional<float> param_override;
  simdact_accuracy tier = SIMDACT_ACCURACY_ACCURATE;
  bool gated = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "fast") {
      tier = SIMDACT_ACCURACY_FAST;
      continue;
    }
    if (arg == "gated") {
      gated = true;
      continue;
    }
    // A gated activation by its name: its gate's activation.
#define SIMDACT_GATED(name, activation, ACTIVATION) \
  if (arg == #name) arg = #activation;
#include "simdact/gated.def"
    if (arg.rfind("param=", 0) == 0) {
      char* end = nullptr;
      param_override = std::strtof(arg.c_str() + 6, &end);
      if (end == arg.c_str() + 6 || *end != '\0' || !std::isfinite(*param_override)) {
        std::fprintf(stderr, "simdact-exhaustive: %s: not a finite number\n", arg.c_str());
        return 2;
      }
      continue;
    }
    const auto isas = target_isas();
    const bool is_isa = std::any_of(isas.begin(), isas.end(),
                                    [&](simdact_isa s) { return arg == simdact_isa_name(s); });
    (is_isa ? wanted_isas : wanted).push_back(arg);
  }
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const char* tier_name = tier == SIMDACT_ACCURACY_FAST ? "fast" : "accurate";
  bool ok = true;
  std::printf(
      "| activation | tier | ISA | parameter | max ULP | bound | worst input |\n"
      "|---|---|---|---|---|---|---|\n");
  // The ups of the gated sweep: the ordinary 1 and -3.7, 2^100 (products of results far below
  // FLT_MIN that are normal), 2^-140 (subnormal products).
  const std::vector<std::optional<float>> ups =
      gated ? std::vector<std::optional<float>>{1.0f, -3.7f, 0x1p100f, 0x1p-140f}
            : std::vector<std::optional<float>>{std::nullopt};
  for (const activation_info& a : activations()) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), a.name) == wanted.end())
      continue;
    if (gated && !simdact_can_gate(a.id)) continue;
    const bool has_param = a.has_parameter();
    if (tier == SIMDACT_ACCURACY_FAST && !a.has_fast) {
      std::printf("| %s | fast | all | | none: the fast tier runs the accurate kernel | | |\n",
                  a.name);
      continue;
    }
    simdact_params params =
        has_param && param_override ? a.with_param(*param_override) : a.defaults();
    params.accuracy = tier;
    const float param = a.param_of(params);
    for (simdact_isa isa : target_isas()) {
      if (isa == SIMDACT_ISA_SCALAR) continue;  // the scalar table is the reference itself
      if (!wanted_isas.empty() && std::find(wanted_isas.begin(), wanted_isas.end(),
                                            simdact_isa_name(isa)) == wanted_isas.end())
        continue;
      if (simdact_set_isa(isa) != SIMDACT_OK) {
        std::printf("| %s | %s | %s | | skipped: not supported by this CPU | | |\n", a.name,
                    tier_name, simdact_isa_name(isa));
        continue;
      }
      for (const std::optional<float>& up : ups) {
        std::vector<result> parts(threads);
        std::vector<std::thread> pool;
        const std::uint64_t total = std::uint64_t{1} << 32, step = total / threads;
        for (unsigned t = 0; t < threads; ++t) {
          const std::uint64_t begin = t * step, end = t + 1 == threads ? total : begin + step;
          pool.emplace_back(
              [&, t, begin, end] { parts[t] = sweep_range(a, params, begin, end, up); });
        }
        for (auto& th : pool) th.join();
        result r;
        for (const result& p : parts) {
          if (p.worst > r.worst) r = p;
        }
        const int limit = gated ? gated_bound(isa, tier) : bound(a, isa, params);
        ok &= r.worst <= limit;
        char shown[32] = "-";
        if (has_param) std::snprintf(shown, sizeof shown, "%g", static_cast<double>(param));
        char name[64];
        std::snprintf(name, sizeof name, "%s", a.name);
        if (up) std::snprintf(name, sizeof name, "%s(gate) * %a", a.name, *up);
        std::printf("| %s | %s | %s | %s | %lld | %d | %a |\n", name, tier_name,
                    simdact_isa_name(isa), shown, static_cast<long long>(r.worst), limit,
                    from_bits(r.worst_bits));
        std::fflush(stdout);
      }
    }
  }
  simdact_set_isa(SIMDACT_ISA_AUTO);
  return ok ? 0 : 1;
}
