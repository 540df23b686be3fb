// SPDX-License-Identifier: Apache-2.0
// Shared pieces of the benchmark binary: input buffers, sizes, counters, registration helpers.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace simdact::bench {

// L1-resident, L2-resident and DRAM-sized arrays.
inline const std::vector<std::size_t> sizes = {4096, 262144, 16777216};
// The gated activations: the same, and 2048, whose three arrays (gate, up, y: 24 KiB) fit a 32 KiB
// L1D (AMD Zen 3 and 4, most Intel cores), where those of 4096 (48 KiB) do not, while each pass of
// the unfused pair (two arrays, 32 KiB) does.
inline const std::vector<std::size_t> gated_sizes = {2048, 4096, 262144, 16777216};
// The gated activations' row layout, (rows, d): a token's feed-forward block of LLaMA-7B
// (d = 11008), a batch of 32 of them, and 512 tokens of Mistral-7B (d = 14336).
inline const std::vector<std::pair<std::size_t, std::size_t>> gated_rows = {
    {1, 11008}, {32, 11008}, {512, 14336}};
inline const std::vector<std::size_t> softmax_cols = {10, 1000, 32000};

// Input x (uniform in [-10, 10], fixed seed) and output y of n elements, made once per size;
// and the gated activations' second input, up (uniform in [-2, 2]), x being their gate.
struct buffers {
  std::vector<float> x, y, up;
};
buffers& data(std::size_t n);

// "a/b/c" from its parts (a plain loop of appends: GCC 12 at -O3 warns falsely on chains of
// string operator+, see its bug 105329).
inline std::string bench_name(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) {
    if (!s.empty()) s += '/';
    s.append(p.data(), p.size());
  }
  return s;
}

// Elements and bytes (4 read + 4 written per element) per second.
void set_counters(benchmark::State& state, std::size_t elements);

// Registers "name" running body(x, y, n) in a loop over the buffers of size n (a softmax body
// captures its rows and columns, with rows * cols = n).
using kernel = std::function<void(const float* x, float* y, std::size_t n)>;
void register_elementwise(const std::string& name, std::size_t n, kernel body);

// Rows of `cols` columns that make up about `total` elements (at least one row).
inline std::size_t rows_for(std::size_t total, std::size_t cols) {
  return total / cols > 0 ? total / cols : 1;
}

// Peers found at configure time (peers.cpp): oneDNN, XNNPACK, Eigen.
// A peer compiled apart, with its own flags (peers_eigen.cpp, peers_fastmath.cpp): its name in
// the benchmark names, its elementwise functions by activation name, and its softmax rows.
struct peer_op {
  const char* name;
  void (*f)(const float* x, float* y, std::size_t n);
};
struct compiled_peer {
  const char* name;  // "eigen", "eigen-avx2", "fastmath", "fastmath-avx2"
  const peer_op* ops;
  std::size_t count;
  // Softmax (log: log_softmax) of `rows` contiguous rows of `cols`; null where the peer has none.
  void (*rows)(const float* x, float* y, std::size_t rows, std::size_t cols, bool log);
};

compiled_peer eigen_native();  // Eigen with this machine's -march flags
compiled_peer fastmath_native();
compiled_peer fastmath_avx2();  // without AVX-512

#ifdef SIMDACT_BENCH_EIGEN_AVX2
// Eigen without AVX-512, from the shared library simdact_bench_eigen_avx2 (peers_eigen.cpp).
extern "C" compiled_peer simdact_bench_eigen_avx2();
#endif

void register_peers();

}  // namespace simdact::bench
