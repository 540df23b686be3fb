#include "dispatch.hpp"

#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>

namespace simdact::detail {
namespace {

// Highest priority first. SIMDACT_HAVE_<ISA> comes from the build: which tables exist.
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
constexpr int rank(simdact_isa isa) {
  switch (isa) {
    case SIMDACT_ISA_AVX512:
      return 2;
    case SIMDACT_ISA_AVX2:
    case SIMDACT_ISA_NEON:
      return 1;
    default:
      return 0;
  }
}

// Every compiled table, with the entries it lacks taken from the scalar table.
struct resolved_tables {
  std::array<kernel_table, compiled.size()> tables;
  resolved_tables() {
    const kernel_table& scalar = scalar::table();
    for (std::size_t i = 0; i < compiled.size(); ++i) {
      kernel_table t = compiled[i]();
      for (int a = 0; a < SIMDACT_ACTIVATION_COUNT; ++a) {
        t.elementwise_isa[a] = t.elementwise[a] ? t.isa : SIMDACT_ISA_SCALAR;
        if (!t.elementwise[a]) t.elementwise[a] = scalar.elementwise[a];
      }
      tables[i] = t;
    }
  }
};

const kernel_table* find(simdact_isa isa) {
  static const resolved_tables resolved;
  for (const kernel_table& t : resolved.tables) {
    if (t.isa == isa) return &t;
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
  if (env == nullptr) return rank(SIMDACT_ISA_AVX512);
  for (simdact_isa isa :
       {SIMDACT_ISA_SCALAR, SIMDACT_ISA_AVX2, SIMDACT_ISA_AVX512, SIMDACT_ISA_NEON}) {
    if (std::strcmp(env, simdact_isa_name(isa)) == 0) return rank(isa);
  }
  return rank(SIMDACT_ISA_AVX512);
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
