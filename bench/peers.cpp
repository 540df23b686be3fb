// SPDX-License-Identifier: Apache-2.0
// What users would otherwise call: oneDNN's eltwise and softmax primitives, XNNPACK's operators
// and Eigen's array expressions (peers_eigen.cpp), each compiled in when CMake found it
// (SIMDACT_BENCH_<PEER>), and the naive formulas compiled with -ffast-math (peers_fastmath.cpp).
// Every peer runs single-threaded, like simdact.
#include <cmath>
#include <string>

#include "bench.hpp"

#ifdef SIMDACT_BENCH_ONEDNN
#include <oneapi/dnnl/dnnl.hpp>
#endif
#ifdef SIMDACT_BENCH_XNNPACK
#include <xnnpack.h>
#endif

namespace simdact::bench {
namespace {

#ifdef SIMDACT_BENCH_ONEDNN
// oneDNN at the highest ISA it finds (cap it with ONEDNN_MAX_CPU_ISA=AVX2 to compare AVX2).
void register_onednn() {
  using namespace dnnl;
  struct eltwise {
    const char* name;
    algorithm alg;
    float alpha;
    float beta;
  };
  // (oneDNN 2.7 has no hardsigmoid, hardshrink, softshrink, softsign or tanhshrink.)
  const eltwise ops[] = {
      {"sigmoid", algorithm::eltwise_logistic, 0.0f, 0.0f},
      {"tanh", algorithm::eltwise_tanh, 0.0f, 0.0f},
      {"relu", algorithm::eltwise_relu, 0.0f, 0.0f},
      {"leaky_relu", algorithm::eltwise_relu, 0.01f, 0.0f},
      {"elu", algorithm::eltwise_elu, 1.0f, 0.0f},
      {"swish", algorithm::eltwise_swish, 1.0f, 0.0f},
      {"silu", algorithm::eltwise_swish, 1.0f, 0.0f},
      {"swish_b1.702", algorithm::eltwise_swish, 1.702f, 0.0f},
      {"quick_gelu", algorithm::eltwise_swish, 1.702f, 0.0f},
      {"gelu", algorithm::eltwise_gelu_erf, 0.0f, 0.0f},
      {"gelu_tanh", algorithm::eltwise_gelu_tanh, 0.0f, 0.0f},
      {"relu6", algorithm::eltwise_bounded_relu, 6.0f, 0.0f},
      {"hardtanh", algorithm::eltwise_clip, -1.0f, 1.0f},
      // selu as the elu it scales (alpha = 1.6733, without the scale: less work than selu).
      {"selu", algorithm::eltwise_elu, 1.6732632f, 0.0f},
      {"celu", algorithm::eltwise_elu, 1.0f, 0.0f},  // celu at its default alpha = 1 is elu
      {"hardswish", algorithm::eltwise_hardswish, 0.0f, 0.0f},
      {"softplus", algorithm::eltwise_soft_relu, 0.0f, 0.0f},  // beta = 1, no threshold
      {"mish", algorithm::eltwise_mish, 0.0f, 0.0f},
      {"logsigmoid", algorithm::eltwise_logsigmoid, 0.0f, 0.0f},
  };
  const eltwise gated_ops[] = {
      {"swiglu", algorithm::eltwise_swish, 1.0f, 0.0f},
      {"geglu", algorithm::eltwise_gelu_erf, 0.0f, 0.0f},
      {"geglu_tanh", algorithm::eltwise_gelu_tanh, 0.0f, 0.0f},
      {"reglu", algorithm::eltwise_relu, 0.0f, 0.0f},
      {"glu", algorithm::eltwise_logistic, 0.0f, 0.0f},
  };
  // onednn/<op>/eltwise/<n>; with_mul (the gated activations, as oneDNN users write them):
  // onednn/<op>/eltwise+binary/<n>, the eltwise primitive on the gate, then the binary
  // primitive's multiply by up, two passes over memory.
  auto register_eltwise = [](const eltwise& op, std::size_t n, bool with_mul) {
    const std::string name = std::string("onednn/") + op.name +
                             (with_mul ? "/eltwise+binary/" : "/eltwise/") + std::to_string(n);
    benchmark::RegisterBenchmark(name.c_str(), [op, n, with_mul](benchmark::State& state) {
      engine eng(engine::kind::cpu, 0);
      stream s(eng);
      const memory::desc md({static_cast<memory::dim>(n)}, memory::data_type::f32,
                            memory::format_tag::a);
      const eltwise_forward::primitive_desc pd(
          eltwise_forward::desc(prop_kind::forward_inference, op.alg, md, op.alpha, op.beta), eng);
      const binary::primitive_desc mul(binary::desc(algorithm::binary_mul, md, md, md), eng);
      eltwise_forward prim(pd);
      binary times(mul);
      buffers& b = data(n);
      memory src(md, eng, b.x.data()), up(md, eng, b.up.data()), dst(md, eng, b.y.data());
      for (auto _ : state) {
        prim.execute(s, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
        if (with_mul) {
          times.execute(s, {{DNNL_ARG_SRC_0, dst}, {DNNL_ARG_SRC_1, up}, {DNNL_ARG_DST, dst}});
        }
        s.wait();
        benchmark::ClobberMemory();
      }
      set_counters(state, n);
      std::string label = pd.impl_info_str();
      if (with_mul) label += std::string(" + ") + mul.impl_info_str();
      state.SetLabel(label);
    });
  };
  for (std::size_t n : gated_sizes) {
    for (const eltwise& op : gated_ops) register_eltwise(op, n, true);
  }
  for (std::size_t n : sizes) {
    for (const eltwise& op : ops) register_eltwise(op, n, false);
    for (std::size_t cols : softmax_cols) {
      const std::size_t rows = rows_for(n, cols);
      for (bool log : {false, true}) {
        const std::string name = std::string("onednn/") + (log ? "log_softmax" : "softmax") +
                                 "/primitive/" + std::to_string(rows) + "x" + std::to_string(cols);
        benchmark::RegisterBenchmark(name.c_str(), [rows, cols, log](benchmark::State& state) {
          engine eng(engine::kind::cpu, 0);
          stream s(eng);
          const memory::desc md({static_cast<memory::dim>(rows), static_cast<memory::dim>(cols)},
                                memory::data_type::f32, memory::format_tag::ab);
          buffers& b = data(rows * cols);
          memory src(md, eng, b.x.data()), dst(md, eng, b.y.data());
          primitive prim;
          std::string impl;
          if (log) {
            logsoftmax_forward::primitive_desc pd(
                logsoftmax_forward::desc(prop_kind::forward_inference, md, 1), eng);
            prim = logsoftmax_forward(pd);
            impl = pd.impl_info_str();
          } else {
            softmax_forward::primitive_desc pd(
                softmax_forward::desc(prop_kind::forward_inference, md, 1), eng);
            prim = softmax_forward(pd);
            impl = pd.impl_info_str();
          }
          for (auto _ : state) {
            prim.execute(s, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
            s.wait();
            benchmark::ClobberMemory();
          }
          set_counters(state, rows * cols);
          state.SetLabel(impl);
        });
      }
    }
  }
}
#endif

#ifdef SIMDACT_BENCH_XNNPACK
// XNNPACK's operators that match our activations (clamp for relu6 and hardtanh, elu for celu at
// alpha = 1; it has no tanh,
// swish or gelu in this version), run without a thread pool.
void register_xnnpack() {
  if (xnn_initialize(nullptr) != xnn_status_success) return;
  using create_fn = std::function<xnn_status(std::size_t, xnn_operator_t*)>;
  using setup_fn = xnn_status (*)(xnn_operator_t, std::size_t, const float*, float*, pthreadpool_t);
  struct op {
    const char* name;
    create_fn create;
    setup_fn setup;
  };
  const op ops[] = {
      {"sigmoid",
       [](std::size_t c, xnn_operator_t* o) { return xnn_create_sigmoid_nc_f32(c, c, c, 0, o); },
       xnn_setup_sigmoid_nc_f32},
      {"leaky_relu",
       [](std::size_t c, xnn_operator_t* o) {
         return xnn_create_leaky_relu_nc_f32(c, c, c, 0.01f, 0, o);
       },
       xnn_setup_leaky_relu_nc_f32},
      {"elu",
       [](std::size_t c, xnn_operator_t* o) { return xnn_create_elu_nc_f32(c, c, c, 1.0f, 0, o); },
       xnn_setup_elu_nc_f32},
      {"relu6",
       [](std::size_t c, xnn_operator_t* o) {
         return xnn_create_clamp_nc_f32(c, c, c, 0.0f, 6.0f, 0, o);
       },
       xnn_setup_clamp_nc_f32},
      {"hardtanh",
       [](std::size_t c, xnn_operator_t* o) {
         return xnn_create_clamp_nc_f32(c, c, c, -1.0f, 1.0f, 0, o);
       },
       xnn_setup_clamp_nc_f32},
      {"hardswish",
       [](std::size_t c, xnn_operator_t* o) { return xnn_create_hardswish_nc_f32(c, c, c, 0, o); },
       xnn_setup_hardswish_nc_f32},
      {"celu",
       [](std::size_t c, xnn_operator_t* o) { return xnn_create_elu_nc_f32(c, c, c, 1.0f, 0, o); },
       xnn_setup_elu_nc_f32},
  };
  for (std::size_t n : sizes) {
    for (const op& o : ops) {
      const std::string name = std::string("xnnpack/") + o.name + "/nc/" + std::to_string(n);
      benchmark::RegisterBenchmark(name.c_str(), [o, n](benchmark::State& state) {
        xnn_operator_t handle = nullptr;
        buffers& b = data(n);
        if (o.create(n, &handle) != xnn_status_success ||
            o.setup(handle, 1, b.x.data(), b.y.data(), nullptr) != xnn_status_success) {
          state.SkipWithError("xnnpack operator setup failed");
          return;
        }
        for (auto _ : state) {
          xnn_run_operator(handle, nullptr);
          benchmark::ClobberMemory();
        }
        set_counters(state, n);
        xnn_delete_operator(handle);
      });
    }
    for (std::size_t cols : softmax_cols) {
      const std::size_t rows = rows_for(n, cols);
      const std::string name =
          "xnnpack/softmax/nc/" + std::to_string(rows) + "x" + std::to_string(cols);
      benchmark::RegisterBenchmark(name.c_str(), [rows, cols](benchmark::State& state) {
        xnn_operator_t handle = nullptr;
        buffers& b = data(rows * cols);
        if (xnn_create_softmax_nc_f32(cols, cols, cols, 0, &handle) != xnn_status_success ||
            xnn_setup_softmax_nc_f32(handle, rows, b.x.data(), b.y.data(), nullptr) !=
                xnn_status_success) {
          state.SkipWithError("xnnpack operator setup failed");
          return;
        }
        for (auto _ : state) {
          xnn_run_operator(handle, nullptr);
          benchmark::ClobberMemory();
        }
        set_counters(state, rows * cols);
        xnn_delete_operator(handle);
      });
    }
  }
}
#endif

// A peer compiled apart: <peer>/<fn>/array/<n> for each of its functions and size, and its
// softmax rows where it has them.
void register_compiled(const compiled_peer& peer) {
  for (std::size_t n : sizes) {
    for (std::size_t i = 0; i < peer.count; ++i) {
      register_elementwise(bench_name({peer.name, peer.ops[i].name, "array", std::to_string(n)}), n,
                           peer.ops[i].f);
    }
    if (peer.rows == nullptr) continue;
    for (std::size_t cols : softmax_cols) {
      const std::size_t rows = rows_for(n, cols);
      for (bool log : {false, true}) {
        register_elementwise(
            bench_name({peer.name, log ? "log_softmax" : "softmax", "array",
                        std::to_string(rows) + "x" + std::to_string(cols)}),
            rows * cols, [f = peer.rows, log, rows, cols](const float* x, float* y, std::size_t) {
              f(x, y, rows, cols, log);
            });
      }
    }
  }
}

}  // namespace

void register_peers() {
#ifdef SIMDACT_BENCH_ONEDNN
  register_onednn();
#endif
#ifdef SIMDACT_BENCH_XNNPACK
  register_xnnpack();
#endif
#ifdef SIMDACT_BENCH_EIGEN
  register_compiled(eigen_native());
#endif
#ifdef SIMDACT_BENCH_EIGEN_AVX2
  register_compiled(simdact_bench_eigen_avx2());
#endif
  register_compiled(fastmath_native());
  register_compiled(fastmath_avx2());
}

}  // namespace simdact::bench
