// SPDX-License-Identifier: Apache-2.0
// Eigen's array expressions as users write them, compiled twice: into the benchmark with this
// machine's -march flags (eigen_native(), "eigen"), and into the shared library
// simdact_bench_eigen_avx2 without AVX-512 (simdact_bench_eigen_avx2(), "eigen-avx2"): a library
// of its own, with hidden symbols, so that the two builds' copies of Eigen's templates never
// stand in for each other at link time.
#include <Eigen/Core>
#include <cmath>
#include <unsupported/Eigen/SpecialFunctions>

#include "bench.hpp"

namespace simdact::bench {
namespace {

using Eigen::ArrayXf;
using in_t = Eigen::Map<const ArrayXf>;
using out_t = Eigen::Map<ArrayXf>;

template <class F>
void apply(const float* x, float* y, std::size_t n, F f) {
  const in_t in(x, static_cast<Eigen::Index>(n));
  out_t out(y, static_cast<Eigen::Index>(n));
  f(in, out);
}

#define SIMDACT_EIGEN_OP(name, expr)                                    \
  {                                                                     \
    name, [](const float* x, float* y, std::size_t n) {                 \
      apply(x, y, n, [](const in_t& in, out_t& out) { out = (expr); }); \
    }                                                                   \
  }
// (`in` is the input array in each expression.)
const peer_op ops[] = {
    SIMDACT_EIGEN_OP("sigmoid", in.logistic()),
    SIMDACT_EIGEN_OP("tanh", in.tanh()),
    SIMDACT_EIGEN_OP("relu", in.max(0.0f)),
    SIMDACT_EIGEN_OP("leaky_relu", (in > 0.0f).select(in, 0.01f * in)),
    SIMDACT_EIGEN_OP("elu", (in > 0.0f).select(in, in.expm1())),
    SIMDACT_EIGEN_OP("swish", in* in.logistic()),
    SIMDACT_EIGEN_OP("silu", in* in.logistic()),
    SIMDACT_EIGEN_OP("gelu", 0.5f * in * (1.0f + (in * 0.70710678f).erf())),
    SIMDACT_EIGEN_OP("gelu_tanh",
                     0.5f * in * (1.0f + (0.7978845608f * (in + 0.044715f * in.cube())).tanh())),
    SIMDACT_EIGEN_OP("quick_gelu", in*(1.702f * in).logistic()),
    SIMDACT_EIGEN_OP("relu6", in.max(0.0f).min(6.0f)),
    SIMDACT_EIGEN_OP("hardtanh", in.max(-1.0f).min(1.0f)),
    SIMDACT_EIGEN_OP("hardsigmoid", ((in + 3.0f).max(0.0f).min(6.0f)) / 6.0f),
    SIMDACT_EIGEN_OP("hardshrink", (in.abs() > 0.5f).select(in, 0.0f)),
    SIMDACT_EIGEN_OP(
        "selu", 1.0507009873554805f * (in > 0.0f).select(in, 1.6732632423543772f * in.expm1())),
    SIMDACT_EIGEN_OP("celu", (in > 0.0f).select(in, in.expm1())),
    SIMDACT_EIGEN_OP("softsign", in / (1.0f + in.abs())),
    SIMDACT_EIGEN_OP("hardswish", in*((in + 3.0f).max(0.0f).min(6.0f)) / 6.0f),
    SIMDACT_EIGEN_OP("tanhshrink", in - in.tanh()),
    // softplus with PyTorch's threshold (and the stable form below it, as frameworks write it).
    SIMDACT_EIGEN_OP("softplus", (in > 20.0f).select(in, in.max(0.0f) + (-in.abs()).exp().log1p())),
    SIMDACT_EIGEN_OP("mish", in*(in.exp().log1p()).tanh()),
    SIMDACT_EIGEN_OP("logsigmoid", in.min(0.0f) - (-in.abs()).exp().log1p()),
    SIMDACT_EIGEN_OP("softshrink",
                     (in > 0.5f).select(in - 0.5f, (in < -0.5f).select(in + 0.5f, 0.0f))),
};
#undef SIMDACT_EIGEN_OP

void rows(const float* x, float* y, std::size_t r, std::size_t c, bool log) {
  const auto cc = static_cast<Eigen::Index>(c);
  for (std::size_t i = 0; i < r; ++i) {
    const in_t in(x + i * c, cc);
    out_t out(y + i * c, cc);
    const float m = in.maxCoeff();
    if (log) {
      out = in - m;
      out -= std::log(out.exp().sum());
    } else {
      out = (in - m).exp();
      out /= out.sum();
    }
  }
}

}  // namespace

#ifdef SIMDACT_EIGEN_AVX2
extern "C" __attribute__((visibility("default"))) compiled_peer simdact_bench_eigen_avx2() {
  return {"eigen-avx2", ops, std::size(ops), &rows};
}
#else
compiled_peer eigen_native() { return {"eigen", ops, std::size(ops), &rows}; }
#endif

}  // namespace simdact::bench
