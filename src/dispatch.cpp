// SPDX-License-Identifier: Apache-2.0
#include "dispatch.hpp"

#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>

#include "isas.hpp"

namespace simdact::detail {
namespace {

// The tables this build has (SIMDACT_HAVE_<ISA>), highest priority first, as in isas.hpp.
constexpr std::array compiled = {
#ifdef SIMDACT_HAVE_AVX512
    &avx512::table,
#endif
#ifdef SIMDACT_HAVE_AVX2
    &avx2::table,
#endif
#ifdef SIMDACT_HAVE_NEON
    &neon::table,
#endif
    &scalar::table,
};

// For SIMDACT_MAX_ISA: an ISA is allowed when its rank is at most the cap's.
constexpr int rank(simdact_isa isa) { return find_isa(isa)->rank; }

const kernel_table* find(simdact_isa isa) {
  for (auto table : compiled) {
    if (table().isa == isa) return &table();
  }
  return nullptr;
}

bool supported(const kernel_table& t) {
  return (cpu::detected() & t.required_features) == t.required_features;
}

// The cap from SIMDACT_MAX_ISA; an unset or unrecognised value caps nothing (the library never
// prints or aborts, so a typo cannot be reported here: simdact_active_isa() shows the effect).
int cap_rank() {
  const char* env = std::getenv("SIMDACT_MAX_ISA");
  constexpr int no_cap = isas[0].rank;
  if (env == nullptr) return no_cap;
  for (const isa_info& i : isas) {
    if (std::strcmp(env, i.name) == 0) return i.rank;
  }
  return no_cap;
}

const kernel_table* automatic() {
  const int cap = cap_rank();
  for (auto table : compiled) {
    const kernel_table* t = find(table().isa);
    if (supported(*t) && rank(t->isa) <= cap) return t;
  }
  return find(SIMDACT_ISA_SCALAR);  // unreachable: scalar needs nothing
}

std::atomic<const kernel_table*> active{nullptr};

}  // namespace

const kernel_table& active_table() {
  const kernel_table* t = active.load(std::memory_order_acquire);
  if (t == nullptr) {
    const kernel_table* chosen = automatic();
    // Another thread may have chosen first (the same table, or a forced one): keep theirs.
    t = active.compare_exchange_strong(t, chosen, std::memory_order_acq_rel) ? chosen : t;
  }
  return *t;
}

bool force_isa(simdact_isa isa) {
  if (isa == SIMDACT_ISA_AUTO) {
    active.store(automatic(), std::memory_order_release);
    return true;
  }
  const kernel_table* t = find(isa);
  if (t == nullptr || !supported(*t)) return false;
  active.store(t, std::memory_order_release);
  return true;
}

unsigned supported_mask() {
  unsigned mask = 0;
  for (auto table : compiled) {
    if (supported(table())) mask |= 1u << table().isa;
  }
  return mask;
}

unsigned compiled_mask() {
  unsigned mask = 0;
  for (auto table : compiled) mask |= 1u << table().isa;
  return mask;
}

}  // namespace simdact::detail
