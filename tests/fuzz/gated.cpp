// SPDX-License-Identifier: Apache-2.0
// libFuzzer target over the gated C API (simdact_apply_gated_f32 and _rows_f32): the activation,
// its parameter, the ISA, the tier, the layout, the aliasing, the strides and y's offset come from
// the input, then the (gate, up) values. Checked: the status (an activation that does not gate, an
// unknown one, an invalid parameter or a partial overlap is an error with nothing written), every
// result within the tier's bound of the exact product f(gate) * up (NaN where it is NaN), and
// nothing written outside the results (guards, row padding, the unused part of x in place).
//   input: [activation] [isa] [flags] [parameter: 4 bytes, a float's bits] [shape]
//          [values: 4 bytes a float]...
//   flags: bit 0 fast tier, bit 1 params NULL, bit 2 rows layout, bits 3-4 aliasing (flat: 1 y ==
//          gate, 2 y == up, 3 y one past gate: an error; rows: bit 3 y == x, bit 4 up first),
//          bits 5-7 y's offset in floats.
//   shape (rows layout): bits 0-1 rows - 1, bits 2-4 x's row stride past 2d, bits 5-7 y's past d.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "../test_support.hpp"

using namespace simdact::test;

namespace {

constexpr std::size_t guard = 16;
constexpr float sentinel = -12345.678f;

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "gated fuzzer: %s\n", what);
  std::abort();
}

[[noreturn]] void fail(const char* what, const activation_info& a, float gate, float up, float y,
                       double want) {
  std::fprintf(stderr, "gated fuzzer: %s: %s(%a) * %a = %a, want %a\n", what, a.name, gate, up, y,
               want);
  std::abort();
}

// One call's memory: every float the call may see, with guards around; `before` is its copy from
// before the call, `result[i]` the index of the (gate, up) pair whose product belongs at i (or -1:
// must not change).
struct arena {
  std::vector<float> mem, before;
  std::vector<std::ptrdiff_t> result;
  explicit arena(std::size_t n) : mem(n + 2 * guard, sentinel), result(n + 2 * guard, -1) {}
  float* at(std::size_t i) { return mem.data() + guard + i; }
  void snapshot() { before = mem; }
  // Nothing changed: an error's contract.
  void expect_untouched() const {
    for (std::size_t i = 0; i < mem.size(); ++i)
      check(same_bits(mem[i], before[i]), "an error wrote to memory");
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 8) return 0;
  const auto& all = activations();
  const std::size_t pick = data[0] % (all.size() + 1);  // one past the end: an unknown id
  const std::vector<simdact_isa> isas = target_isas();
  const simdact_isa isa = isas[data[1] % isas.size()];
  const std::uint8_t flags = data[2], shape = data[7];
  const bool fast = flags & 1, null_params = flags & 2, rows_layout = flags & 4;
  const unsigned alias = (flags >> 3) & 3;
  const std::size_t offset = (flags >> 5) & 7;
  float param;
  std::memcpy(&param, data + 3, sizeof param);
  const std::size_t m = (size - 8) / sizeof(float);
  std::vector<float> values(m);
  if (m > 0) std::memcpy(values.data(), data + 8, m * sizeof(float));
  if (simdact_set_isa(isa) != SIMDACT_OK) return 0;  // not on this CPU

  const simdact_activation id =
      pick == all.size() ? static_cast<simdact_activation>(SIMDACT_ACTIVATION_COUNT + data[1])
                         : all[pick].id;
  // The call's parameters (with params NULL, the defaults: the accurate tier).
  simdact_params p{};
  if (pick < all.size()) p = null_params ? all[pick].defaults() : all[pick].with_param(param);
  if (fast && !null_params) p.accuracy = SIMDACT_ACCURACY_FAST;
  const simdact_params* pp = null_params ? nullptr : &p;
  const bool valid = pick < all.size() && simdact_can_gate(id) &&
                     simdact::registry::first_invalid(*all[pick].row, p) == nullptr;

  // The (gate, up) pairs, and where each one's result goes.
  std::vector<float> gate, up;
  simdact_status s;
  bool overlap = false;
  std::vector<arena> arenas;
  arenas.reserve(3);
  if (!rows_layout) {
    const std::size_t n = m / 2;
    gate.assign(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n));
    up.assign(values.begin() + static_cast<std::ptrdiff_t>(n),
              values.begin() + static_cast<std::ptrdiff_t>(2 * n));
    arenas.emplace_back(offset + n + 1);  // y, and the gate or up it aliases
    arenas.emplace_back(n);               // the inputs y does not alias
    arenas.emplace_back(n);
    arena& ya = arenas[0];
    float* y = ya.at(offset);
    float* g = arenas[1].at(0);
    float* u = arenas[2].at(0);
    if (alias == 1 || alias == 3) g = y + (alias == 3 ? 1 : 0);
    if (alias == 2) u = y;
    if (n > 0) {
      std::memcpy(g, gate.data(), n * sizeof(float));
      std::memcpy(u, up.data(), n * sizeof(float));
    }
    overlap = alias == 3 && n > 1;  // y one past gate overlaps it from two elements on
    for (std::size_t i = 0; i < n; ++i)
      ya.result[guard + offset + i] = static_cast<std::ptrdiff_t>(i);
    for (arena& a : arenas) a.snapshot();
    s = simdact_apply_gated_f32(id, pp, g, u, y, n);
  } else {
    const std::size_t rows = 1 + (shape & 3), x_extra = (shape >> 2) & 7, y_extra = shape >> 5;
    const bool in_place = flags & 8, up_first = flags & 16;
    const std::size_t per_row = m / rows;
    if (per_row <= x_extra + 1) return 0;
    const std::size_t d = (per_row - x_extra) / 2, xs = 2 * d + x_extra;
    // In place, y's stride at most x's.
    const std::size_t ys = in_place ? d + y_extra % (xs - d + 1) : d + y_extra;
    arenas.emplace_back(rows * xs);
    arena& xa = arenas[0];
    std::memcpy(xa.at(0), values.data(), rows * xs * sizeof(float));
    float* x = xa.at(0);
    if (!in_place) arenas.emplace_back(offset + rows * ys);
    arena& ya = arenas.back();
    float* y = in_place ? x : ya.at(offset);
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t j = 0; j < d; ++j) {
        const float* row = values.data() + r * xs;
        gate.push_back(row[up_first ? d + j : j]);
        up.push_back(row[up_first ? j : d + j]);
        ya.result[static_cast<std::size_t>(y - ya.mem.data()) + r * ys + j] =
            static_cast<std::ptrdiff_t>(r * d + j);
      }
    }
    for (arena& a : arenas) a.snapshot();
    s = simdact_apply_gated_rows_f32(id, pp, x, y, rows, d, xs, ys,
                                     up_first ? SIMDACT_UP_FIRST : SIMDACT_GATE_FIRST);
  }

  if (!valid || overlap) {
    check(s == SIMDACT_ERROR_INVALID_ARGUMENT, "an invalid call was not an error");
    for (const arena& a : arenas) a.expect_untouched();
    return 0;
  }
  check(s == SIMDACT_OK, "a valid call failed");
  const activation_info& a = all[pick];
  const simdact_accuracy tier = p.accuracy;
  const int bound = gated_bound(isa, tier);
  for (const arena& ar : arenas) {
    for (std::size_t i = 0; i < ar.mem.size(); ++i) {
      const std::ptrdiff_t k = ar.result[i];
      if (k < 0) {
        check(same_bits(ar.mem[i], ar.before[i]), "written outside the results");
        continue;
      }
      const auto j = static_cast<std::size_t>(k);
      const double want = exact_product(a, gate[j], up[j], p);
      if (tier_error(tier, ar.mem[i], want) > bound)
        fail("beyond the bound", a, gate[j], up[j], ar.mem[i], want);
    }
  }
  return 0;
}
