// SPDX-License-Identifier: Apache-2.0
// Bit-for-bit comparison of two library builds, for refactors that must not move an output bit.
// Both libraries are dlopen'ed side by side (give them different file names) and called through
// the C API on the same inputs, with the same ISA forced in each (simdact_set_isa):
//   elementwise: every activation, all 2^32 inputs (or every STRIDE-th), at its default
//                parameter and at each extra NAME=VALUE given (swish=1.702 elu=0.2);
//   softmax:     softmax and log_softmax on ROWS random matrices (default 10^6 rows in all) of
//                the shapes and values the kernels branch on: 1 to 70 columns and long rows,
//                groups of rows, strides, deep terms, huge maxima, +-inf and NaN.
// Compares every output bit (NaN payloads included); prints one line per case and exits 1 on
// the first difference of any case (after printing it), 2 on a usage error.
//   g++ -O2 -std=c++20 -pthread tools/lib-bits.cpp -ldl -o /tmp/lib-bits
//   cp base/src/libsimdact.so /tmp/a.so; cp build/src/libsimdact.so /tmp/b.so
//   /tmp/lib-bits /tmp/a.so /tmp/b.so avx2 avx512 -- swish=1.702 elu=0.2
//   STRIDE=251 ROWS=100000 /tmp/lib-bits ...   (a sample: NEON under qemu)
//   MIN_COLS=2 ...   (rows of at least 2 columns)
//   ROWS_FN=softmax ...   (only softmax, or only log_softmax, of the two row functions)
//   TIER=fast ...   (the elementwise functions in the fast tier)
#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

// The C API's types, restated: this tool links neither library, and the two may differ in their
// simdact_params (a 0.x minor version may append fields). A case's parameter goes into every
// float field (the six of 0.1's struct), of which each library reads those it has; the accuracy
// tier (0.2's seventh field, 0: accurate) is TIER (TIER=fast: 1, for builds that both have it);
// the defaults are asked for by a null pointer, or in the fast tier from library a's
// simdact_default_params.
struct params {
  float field[6];
  std::int32_t accuracy;
  float unused[9];
};
using apply_fn = int (*)(int, const params*, const float*, float*, std::size_t);
using default_params_fn = params (*)(int);
using name_fn = const char* (*)(int);
using set_isa_fn = int (*)(int);
using isa_name_fn = const char* (*)(int);
using rows_fn = int (*)(const float*, float*, std::size_t, std::size_t, std::size_t, std::size_t);

struct library {
  const char* path;
  apply_fn apply;
  default_params_fn default_params;
  name_fn name;
  set_isa_fn set_isa;
  isa_name_fn isa_name;
  rows_fn softmax, log_softmax;

  template <class F>
  static F symbol(void* h, const char* path, const char* s) {
    void* p = dlsym(h, s);
    if (p == nullptr) {
      std::fprintf(stderr, "lib-bits: %s has no %s\n", path, s);
      std::exit(2);
    }
    return reinterpret_cast<F>(p);
  }

  explicit library(const char* file) : path(file) {
    void* h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (h == nullptr) {
      std::fprintf(stderr, "lib-bits: %s\n", dlerror());
      std::exit(2);
    }
    apply = symbol<apply_fn>(h, file, "simdact_apply_f32");
    default_params = symbol<default_params_fn>(h, file, "simdact_default_params");
    name = symbol<name_fn>(h, file, "simdact_activation_name");
    set_isa = symbol<set_isa_fn>(h, file, "simdact_set_isa");
    isa_name = symbol<isa_name_fn>(h, file, "simdact_isa_name");
    softmax = symbol<rows_fn>(h, file, "simdact_softmax_f32");
    log_softmax = symbol<rows_fn>(h, file, "simdact_log_softmax_f32");
  }
};

std::uint32_t bits(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

float from_bits(std::uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

// The first index where a and b differ, or n.
std::size_t first_difference(const float* a, const float* b, std::size_t n) {
  if (std::memcmp(a, b, n * sizeof(float)) == 0) return n;
  std::size_t i = 0;
  while (bits(a[i]) == bits(b[i])) ++i;
  return i;
}

// Every STRIDE-th bit pattern through activation `id` of both libraries; false on a difference.
bool compare_elementwise(const library& a, const library& b, int id, const params* p,
                         std::uint64_t stride) {
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::atomic<bool> same{true};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      constexpr std::size_t chunk = std::size_t{1} << 16;
      std::vector<float> x(chunk), ya(chunk), yb(chunk);
      const std::uint64_t total = (std::uint64_t{1} << 32) / stride;
      for (std::uint64_t base = t * chunk; base < total && same; base += threads * chunk) {
        const std::size_t n =
            static_cast<std::size_t>(std::min<std::uint64_t>(chunk, total - base));
        for (std::size_t i = 0; i < n; ++i)
          x[i] = from_bits(static_cast<std::uint32_t>((base + i) * stride));
        a.apply(id, p, x.data(), ya.data(), n);
        b.apply(id, p, x.data(), yb.data(), n);
        const std::size_t i = first_difference(ya.data(), yb.data(), n);
        if (i < n && same.exchange(false)) {
          std::printf("  DIFFERENT at x = %a (0x%08x): %a (0x%08x) against %a (0x%08x)\n", x[i],
                      bits(x[i]), ya[i], bits(ya[i]), yb[i], bits(yb[i]));
        }
      }
    });
  }
  for (auto& th : pool) th.join();
  return same;
}

// A random matrix of the kinds of rows softmax's code paths tell apart.
struct matrix {
  std::size_t rows, cols, xs, ys;
  std::vector<float> x;
};

matrix random_matrix(std::mt19937_64& rng, std::size_t min_cols) {
  auto pick = [&](std::uint64_t n) { return static_cast<std::size_t>(rng() % n); };
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  matrix m{};
  const std::size_t kind = pick(100);
  m.cols = kind < 90 ? 1 + pick(70) : kind < 98 ? 71 + pick(1000) : 2000 + pick(40000);
  m.cols = std::max(m.cols, min_cols);
  m.rows = m.cols > 1000 ? 1 : 1 + pick(9);
  m.xs = m.cols + (pick(4) == 0 ? pick(5) : 0);
  m.ys = m.cols + (pick(4) == 0 ? pick(5) : 0);
  m.x.resize((m.rows - 1) * m.xs + m.cols);
  // Per matrix: a spread (up to deep terms below max - 104), a centre (maxima past 2^10 too),
  // and rare special values.
  const float spreads[] = {1.0f, 10.0f, 60.0f, 100.0f, 200.0f, 1e4f};
  const float spread = spreads[pick(6)];
  const float centre = pick(8) == 0 ? (unit(rng) - 0.5f) * 1e5f : (unit(rng) - 0.5f) * 20.0f;
  const std::size_t special = pick(16);
  for (float& v : m.x) {
    v = centre + (unit(rng) - 0.5f) * spread;
    if (special == 0 && pick(50) == 0) {
      const float odd[] = {INFINITY, -INFINITY, NAN, 3e38f, -3e38f, 1e-40f, 0.0f, -0.0f};
      v = odd[pick(8)];
    } else if (special == 1) {
      v = centre;  // many equal maxima
    }
  }
  return m;
}

bool compare_softmax(const library& a, const library& b, std::size_t total_rows,
                     std::size_t min_cols) {
  std::mt19937_64 rng(20261206);
  const char* only = std::getenv("ROWS_FN");
  std::size_t rows = 0, calls = 0;
  std::vector<float> ya, yb;
  while (rows < total_rows) {
    const matrix m = random_matrix(rng, min_cols);
    const std::size_t extent = (m.rows - 1) * m.ys + m.cols;
    for (int log = 0; log < 2; ++log) {
      if (only != nullptr && std::string(only) != (log ? "log_softmax" : "softmax")) continue;
      ya.assign(extent, 0.0f);
      yb.assign(extent, 0.0f);
      (log ? a.log_softmax : a.softmax)(m.x.data(), ya.data(), m.rows, m.cols, m.xs, m.ys);
      (log ? b.log_softmax : b.softmax)(m.x.data(), yb.data(), m.rows, m.cols, m.xs, m.ys);
      const std::size_t i = first_difference(ya.data(), yb.data(), extent);
      if (i < extent) {
        std::printf("  DIFFERENT: %s, %zux%zu (strides %zu, %zu), output %zu: %a against %a\n",
                    log ? "log_softmax" : "softmax", m.rows, m.cols, m.xs, m.ys, i, ya[i], yb[i]);
        return false;
      }
    }
    rows += m.rows;
    ++calls;
  }
  std::printf("  %zu rows in %zu matrices, %s: identical\n", rows, calls,
              only != nullptr ? only : "softmax and log_softmax");
  return true;
}

int isa_by_name(const library& lib, const std::string& s) {
  for (int i = 1; i < 16; ++i) {
    const char* n = lib.isa_name(i);
    if (n != nullptr && s == n) return i;
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: [STRIDE=s] [ROWS=r] %s <a.so> <b.so> <isa>... [-- name=param...]\n",
                 argv[0]);
    return 2;
  }
  const library a(argv[1]), b(argv[2]);
  std::vector<int> isas;
  std::vector<std::pair<std::string, float>> extra;
  bool after_dashes = false;
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      after_dashes = true;
    } else if (after_dashes) {
      const std::size_t eq = arg.find('=');
      if (eq == std::string::npos) return std::fprintf(stderr, "lib-bits: %s?\n", argv[i]), 2;
      extra.emplace_back(arg.substr(0, eq), std::strtof(arg.c_str() + eq + 1, nullptr));
    } else {
      const int isa = isa_by_name(a, arg);
      if (isa < 0) return std::fprintf(stderr, "lib-bits: no ISA %s\n", argv[i]), 2;
      isas.push_back(isa);
    }
  }
  const std::uint64_t stride =
      std::getenv("STRIDE") ? std::strtoull(std::getenv("STRIDE"), nullptr, 10) : 1;
  const std::size_t rows =
      std::getenv("ROWS") ? std::strtoull(std::getenv("ROWS"), nullptr, 10) : 1000000;
  // MIN_COLS=2: leave out the rows that a change of the one-column rule moves on purpose.
  const std::size_t min_cols =
      std::getenv("MIN_COLS") ? std::strtoull(std::getenv("MIN_COLS"), nullptr, 10) : 1;
  const char* tier_env = std::getenv("TIER");
  const std::int32_t tier = tier_env != nullptr && std::string(tier_env) == "fast" ? 1 : 0;
  bool ok = true;
  for (int isa : isas) {
    if (a.set_isa(isa) != 0 || b.set_isa(isa) != 0) {
      std::printf("%s: skipped, not supported by this CPU\n", a.isa_name(isa));
      continue;
    }
    for (int id = 0; a.name(id) != nullptr; ++id) {
      const std::string name = a.name(id);
      params defaults{};
      if (tier != 0) {
        defaults = a.default_params(id);
        defaults.accuracy = tier;
      }
      std::vector<std::pair<std::string, params>> cases = {{"defaults", defaults}};
      for (const auto& [n, v] : extra) {
        if (n != name) continue;
        params p{};
        std::fill(std::begin(p.field), std::end(p.field), v);
        p.accuracy = tier;
        cases.emplace_back("parameter " + std::to_string(v), p);
      }
      for (const auto& [what, p] : cases) {
        const bool same =
            compare_elementwise(a, b, id, what == "defaults" && tier == 0 ? nullptr : &p, stride);
        std::printf("%s %s (%s), every %llu-th of 2^32 inputs: %s\n", a.isa_name(isa), name.c_str(),
                    what.c_str(), static_cast<unsigned long long>(stride),
                    same ? "identical" : "DIFFERENT");
        std::fflush(stdout);
        ok &= same;
      }
    }
    std::printf("%s softmax:\n", a.isa_name(isa));
    ok &= compare_softmax(a, b, rows, min_cols);
    std::fflush(stdout);
  }
  std::printf(ok ? "all identical\n" : "DIFFERENCES FOUND\n");
  return ok ? 0 : 1;
}
