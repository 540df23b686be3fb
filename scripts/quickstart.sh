#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Quick start: install what the tour needs (only that), build simdact (Release) and run the tour.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh --tour
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSIMDACT_BUILD_TESTS=OFF \
  -DSIMDACT_BUILD_BENCH=OFF -DSIMDACT_BUILD_TOUR=ON
cmake --build build --target simdact-tour
./build/tour/simdact-tour
