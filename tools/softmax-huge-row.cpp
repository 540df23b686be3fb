// SPDX-License-Identifier: Apache-2.0
// softmax and log_softmax of one row longer than 2^32 elements, in place, against a long-double
// oracle: issue 20's row of 2^32 + 2^20 + 7 elements (log_softmax was 67,131 ULP off on AVX2).
// The row is x_j = -10 + 20 ((j * 2654435761) mod 2^16) / 2^16 with one dominant element x = 40
// (its log_softmax is -log1p(rest), rest ~ 2e-5 at that length) or without it: the values repeat
// with period 2^16 in j, so the oracle sums 2^16 exponentials times their counts. Checks the max's
// output and every 2^20-th one; prints the largest ULP distance per ISA and function.
// Needs about 17.2 GB of memory (one float per element, y = x).
//   g++ -O2 -std=c++17 -Iinclude -Ibuild/include tools/softmax-huge-row.cpp -Lbuild/src -lsimdact \
//     -o /tmp/huge
//   LD_LIBRARY_PATH=build/src /tmp/huge [n, default 2^32 + 2^20 + 7]
#include <simdact/simdact.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

float value(std::uint64_t j) {
  const auto h = static_cast<std::uint32_t>(j * 2654435761u) % 65536u;
  return -10.0f + 20.0f * static_cast<float>(h) / 65536.0f;
}

std::int64_t ordered(float f) {
  std::int32_t i;
  std::memcpy(&i, &f, sizeof i);
  return i < 0 ? -static_cast<std::int64_t>(i & 0x7fffffff) : i;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n =
      argc > 1 ? std::strtoull(argv[1], nullptr, 0) : (std::uint64_t{1} << 32) + (1u << 20) + 7;
  const std::uint64_t dominant_at = n / 3;
  std::vector<float> y(n);
  int status = 0;
  for (int dominant = 0; dominant < 2; ++dominant) {
    // The oracle: the sum as 1 + rest, rest over every element but the first maximum.
    float mx = dominant ? 40.0f : value(0);
    for (std::uint64_t r = 0; r < 65536 && r < n; ++r) mx = std::fmax(mx, value(r));
    std::uint64_t first = dominant ? dominant_at : 0;
    while (!dominant && value(first) != mx) ++first;
    long double rest = 0;
    for (std::uint64_t r = 0; r < 65536 && r < n; ++r) {
      std::uint64_t count = (n - r + 65535) / 65536;  // the j = r mod 2^16
      if (r == first % 65536) --count;                // the first max, or the dominant value
      rest += static_cast<long double>(count) * std::exp(static_cast<long double>(value(r)) - mx);
    }
    for (simdact_isa isa : {SIMDACT_ISA_AVX2, SIMDACT_ISA_AVX512}) {
      if (simdact_set_isa(isa) != SIMDACT_OK) {
        std::printf("%s: skipped (not supported by this CPU)\n", simdact_isa_name(isa));
        continue;
      }
      for (int log = 0; log < 2; ++log) {
        for (std::uint64_t j = 0; j < n; ++j) y[j] = value(j);
        if (dominant) y[dominant_at] = 40.0f;
        const simdact_status s = log ? simdact_log_softmax_f32(y.data(), y.data(), 1, n, n, n)
                                     : simdact_softmax_f32(y.data(), y.data(), 1, n, n, n);
        if (s != SIMDACT_OK) return 2;
        auto ulp = [&](std::uint64_t j) {
          const long double d = static_cast<long double>(j == first ? mx : value(j)) - mx;
          const auto want =
              static_cast<float>(log ? d - std::log1p(rest) : std::exp(d) / (1 + rest));
          return std::llabs(ordered(y[j]) - ordered(want));
        };
        std::int64_t worst = ulp(first);
        const std::int64_t at_max = worst;
        for (std::uint64_t j = 0; j < n; j += 1u << 20) {
          if (j != dominant_at || !dominant) worst = std::max<std::int64_t>(worst, ulp(j));
        }
        std::printf("n = %llu, %s, %s, %s: max %lld ULP over the sample (the max's output: %lld)\n",
                    static_cast<unsigned long long>(n),
                    dominant ? "one dominant value" : "no dominant value", simdact_isa_name(isa),
                    log ? "log_softmax" : "softmax", static_cast<long long>(worst),
                    static_cast<long long>(at_max));
        if (worst > 2) status = 1;
      }
    }
  }
  return status;
}
