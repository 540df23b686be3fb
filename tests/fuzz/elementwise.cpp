// SPDX-License-Identifier: Apache-2.0
// libFuzzer target over the elementwise C API: the activation, its parameter, the ISA, the
// length, the alignment and in place come from the input, then its floats. Every output is held
// to the scalar reference within the activation's bound (NaN where the reference is NaN), an
// argument error must leave y untouched, and nothing around y may be written.
//   input: [activation] [isa] [flags: bit 0 in place, bits 1-3 offset, bit 4 params NULL]
//          [parameter: 4 bytes, a float's bits] [x: 4 bytes a float]...
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "../test_support.hpp"

using namespace simdact::test;

namespace {

constexpr std::size_t guard = 16;
constexpr float sentinel = -12345.678f;

[[noreturn]] void fail(const char* what, const activation_info& a, float x, float y, float want) {
  std::fprintf(stderr, "elementwise fuzzer: %s: %s(%a) = %a, want %a\n", what, a.name, x, y, want);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 7) return 0;
  const auto& all = activations();
  const std::size_t pick = data[0] % (all.size() + 1);  // one past the end: an unknown id
  const std::vector<simdact_isa> isas = target_isas();
  const simdact_isa isa = isas[data[1] % isas.size()];
  const bool in_place = data[2] & 1, null_params = data[2] & 16;
  const std::size_t offset = (data[2] >> 1) & 7;
  float param;
  std::memcpy(&param, data + 3, sizeof param);
  const std::size_t n = (size - 7) / sizeof(float);
  std::vector<float> x(n);
  if (n > 0) std::memcpy(x.data(), data + 7, n * sizeof(float));

  if (simdact_set_isa(isa) != SIMDACT_OK) return 0;  // not on this CPU
  std::vector<float> buf(offset + n + 2 * guard, sentinel);
  float* y = buf.data() + guard + offset;
  if (in_place && n > 0) std::memcpy(y, x.data(), n * sizeof(float));
  const float* in = in_place ? y : x.data();

  if (pick == all.size()) {
    const auto id = static_cast<simdact_activation>(SIMDACT_ACTIVATION_COUNT + data[1]);
    if (simdact_apply_f32(id, nullptr, in, y, n) != SIMDACT_ERROR_INVALID_ARGUMENT) std::abort();
    return 0;
  }
  const activation_info& a = all[pick];
  const simdact_params p = null_params ? a.defaults() : a.with_param(param);
  const simdact_status s = simdact_apply_f32(a.id, null_params ? nullptr : &p, in, y, n);
  const bool valid = simdact::registry::first_invalid(*a.row, p) == nullptr;
  if (!valid) {
    if (s != SIMDACT_ERROR_INVALID_ARGUMENT) std::abort();
    for (std::size_t i = 0; i < n; ++i)
      if (std::memcmp(&y[i], in_place ? &x[i] : &sentinel, sizeof(float)) != 0) std::abort();
  } else {
    if (s != SIMDACT_OK) std::abort();
    const int bound = isa == SIMDACT_ISA_SCALAR ? 0 : a.max_ulp;
    for (std::size_t i = 0; i < n; ++i) {
      const float want = reference(a, x[i], p);
      if (std::isnan(want) != std::isnan(y[i])) fail("NaN-ness", a, x[i], y[i], want);
      if (ulp_distance(y[i], want) > bound) fail("beyond the bound", a, x[i], y[i], want);
    }
  }
  for (std::size_t i = 0; i < guard + offset; ++i)
    if (std::memcmp(&buf[i], &sentinel, sizeof(float)) != 0) std::abort();
  for (std::size_t i = guard + offset + n; i < buf.size(); ++i)
    if (std::memcmp(&buf[i], &sentinel, sizeof(float)) != 0) std::abort();
  return 0;
}
