// Umbrella header: every kernel named in include/simdact/activations.def, plus softmax. A
// registry row whose kernel is missing here fails to compile in src/kernel_table.hpp.
#pragma once

#include "elu.hpp"
#include "gelu.hpp"
#include "gelu_tanh.hpp"
#include "leaky_relu.hpp"
#include "relu.hpp"
#include "sigmoid.hpp"
#include "silu.hpp"
#include "softmax.hpp"
#include "swish.hpp"
#include "tanh.hpp"
