// SPDX-License-Identifier: Apache-2.0
// simdact from C++: an activation over an array, one with a parameter, softmax over the rows of
// a matrix, and a gated activation.
// Build: g++ -std=c++17 example.cpp $(pkg-config --cflags --libs simdact)
#include <cstdio>
#include <simdact/simdact.hpp>
#include <stdexcept>
#include <vector>

int main() {
  const std::vector<float> x = {-6.0f, -2.0f, -0.5f, 0.0f, 0.5f, 2.0f, 6.0f};
  std::vector<float> y(x.size());

  simdact::gelu(x.data(), y.data(), x.size());  // y = x * Phi(x), within 1 ULP
  for (std::size_t i = 0; i < x.size(); ++i) std::printf("gelu(%g) = %.9g\n", x[i], y[i]);

  simdact::elu(x.data(), y.data(), x.size(), 0.5f);  // alpha = 0.5
  simdact::silu(y.data(), y.data(), y.size());       // in place: y == x is allowed

  // The fast tier, chosen per call: within 3 ULP where the result is normal, and faster.
  simdact::sigmoid(simdact::fast, x.data(), y.data(), x.size());
  std::printf("sigmoid, fast tier: %g %g %g\n", y[0], y[3], y[6]);

  // Softmax over each row of a 2 x 3 matrix (row strides default to cols).
  const std::vector<float> logits = {1.0f, 2.0f, 3.0f, 10.0f, 0.0f, -10.0f};
  std::vector<float> probs(logits.size());
  simdact::softmax(logits.data(), probs.data(), 2, 3);
  std::printf("softmax: %.6f %.6f %.6f | %.6f %.6f %.6f\n", probs[0], probs[1], probs[2], probs[3],
              probs[4], probs[5]);

  // SwiGLU, fused, over rows holding d gate values then d up values (torch's glu layout):
  // silu(gate) * up, each result within 1 ULP of the exact product.
  const std::size_t d = 2;
  const std::vector<float> hidden = {1.0f, -1.0f, 3.0f, 0.5f, 2.0f, 0.0f, -1.0f, 4.0f};
  std::vector<float> out(2 * d);
  simdact::swiglu_rows(hidden.data(), out.data(), 2, d, 2 * d, d);
  std::printf("swiglu: %g %g | %g %g\n", out[0], out[1], out[2], out[3]);

  try {  // bad arguments throw, and nothing is written: here y overlaps x partially
    simdact::gelu(y.data(), y.data() + 1, y.size() - 1);
  } catch (const std::invalid_argument& e) {
    std::printf("%s\n", e.what());
  }
  std::printf("simdact %s, running on %s\n", simdact::version(),
              simdact::isa_name(simdact::active_isa()));
}
