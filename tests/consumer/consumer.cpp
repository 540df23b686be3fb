// SPDX-License-Identifier: Apache-2.0
// A downstream program: uses the C++ and C APIs through the installed or embedded library.
#include <cmath>
#include <cstdio>
#include <simdact/simdact.hpp>
#include <vector>

int main() {
  const std::vector<float> x = {1.0f, 2.0f, 3.0f, 6.0f};
  std::vector<float> y(x.size());
  simdact::softmax(x.data(), y.data(), 1, x.size());
  float z = 0.0f;
  if (simdact_relu_f32(&x[0], &z, 1) != SIMDACT_OK) return 1;
  const bool ok = std::fabs(y[3] - 0.93037047f) < 1e-6f && z == 1.0f;
  std::printf("consumer: simdact %s on %s: %s\n", simdact::version(),
              simdact::isa_name(simdact::active_isa()), ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
