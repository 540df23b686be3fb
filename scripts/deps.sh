#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages simdact needs that are missing (none when all are there).
# Usage: scripts/deps.sh [--tour] [extra packages...]
#   --tour: only what building the library and the tour needs (the README's first command);
#   otherwise everything the whole test suite needs (its second command).
set -euo pipefail

tour=(
  g++ cmake ninja-build                   # toolchain
  libxsimd-dev                            # SIMD batch types (private build dependency)
  libfmt-dev                              # the tour
)
suite=(
  python3 make pkg-config                 # ISA and licence checks; the pkg-config consumer test
  python3-matplotlib                      # the pictures (tools/plot.py) and their smoke test
  doxygen                                 # the API reference (target docs)
  clang                                   # the second compiler the suite builds with
  libgtest-dev googletest                 # tests (googletest: sources, built for AArch64)
  g++-aarch64-linux-gnu qemu-user         # NEON: cross compiler, and user-mode emulation to test
  libbenchmark-dev                        # benchmarks
  libdnnl-dev libxnnpack-dev libpthreadpool-dev libeigen3-dev  # benchmark peers
  ocl-icd-opencl-dev                      # only Recommended by libdnnl-dev, yet its CMake config
                                          # requires OpenCL (installs skip recommends)
)
packages=("${tour[@]}")
if [ "${1:-}" = "--tour" ]; then
  shift
else
  packages+=("${suite[@]}")
fi
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "simdact: installing missing packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
