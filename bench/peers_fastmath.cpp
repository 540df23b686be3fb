// SPDX-License-Identifier: Apache-2.0
// The naive formulas (each kernel's naive(), kernels/protocol.hpp) in a loop compiled with
// -ffast-math, as users write them when they accept its accuracy: GCC vectorises the loops and
// calls glibc's vector math (libmvec) for exp, expm1, tanh and erf. Compiled twice, with this
// machine's -march flags ("fastmath") and without AVX-512 (SIMDACT_FASTMATH_AVX2,
// "fastmath-avx2"), each in a namespace of its own (SIMDACT_ISA), so that the inline naive()
// compiled with -ffast-math never stands in for the benchmark's own.
#ifdef SIMDACT_FASTMATH_AVX2
#define SIMDACT_ISA fastmath_avx2
#else
#define SIMDACT_ISA fastmath
#endif
#include "bench.hpp"
#include "kernels/all.hpp"
#include "kernels/protocol.hpp"

namespace simdact::bench {
namespace {

namespace kernels = simdact::SIMDACT_ISA::kernels;

template <class K>
void loop(const float* __restrict x, float* __restrict y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = K::naive(x[i]);
}

const peer_op ops[] = {
#define SIMDACT_ACTIVATION(id, name, NAME, count, params) {#name, &loop<kernels::name>},
#include "simdact/activations.def"
};

}  // namespace

#ifdef SIMDACT_FASTMATH_AVX2
compiled_peer fastmath_avx2() { return {"fastmath-avx2", ops, std::size(ops), nullptr}; }
#else
compiled_peer fastmath_native() { return {"fastmath", ops, std::size(ops), nullptr}; }
#endif

}  // namespace simdact::bench
