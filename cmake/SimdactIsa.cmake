# SPDX-License-Identifier: Apache-2.0
# Which ISA tables to build for the target, their compile flags, and a helper that compiles one
# ISA's translation unit with exactly those flags.
# xsimd's headers only: its CMake target may also pull in xtl, which the kernels do not use.
add_library(simdact_xsimd INTERFACE)
if(CMAKE_CROSSCOMPILING)
  include(SimdactHostHeaders)
  simdact_header_only(xsimd_include_dirs xsimd xsimd.hpp)
else()
  find_package(xsimd 8.1 REQUIRED)
  get_target_property(xsimd_include_dirs xsimd INTERFACE_INCLUDE_DIRECTORIES)
endif()
target_include_directories(simdact_xsimd SYSTEM INTERFACE ${xsimd_include_dirs})

set(SIMDACT_ISAS scalar)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  list(APPEND SIMDACT_ISAS avx2 avx512)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
  list(APPEND SIMDACT_ISAS neon)
endif()

# Every flag an ISA's code may use; dispatch requires exactly the matching CPU bits
# (src/isa/<isa>.cpp). GCC's -mavx512f implies neither FMA nor AVX2, hence all three.
set(SIMDACT_FLAGS_scalar "")
set(SIMDACT_FLAGS_avx2 -mavx2 -mfma)
set(SIMDACT_FLAGS_avx512 -mavx512f -mavx2 -mfma)
# GCC 12.2's AVX-512 intrinsics trip its own -W(maybe-)uninitialized (_mm512_undefined_*, GCC bug 105593,
# fixed in 12.3): silence those warnings in that one translation unit.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 12.3)
  list(APPEND SIMDACT_FLAGS_avx512 -Wno-uninitialized -Wno-maybe-uninitialized)
endif()
set(SIMDACT_FLAGS_neon "")

# Functions and loops of the kernels start on a 64-byte line, so that their speed moves less with
# the size of the code placed before them (docs/performance-notes.md).
set(SIMDACT_ALIGN_FLAGS -falign-functions=64 -falign-loops=64)

# simdact_add_isa(<isa>): object library simdact_isa_<isa> from src/isa/<isa>.cpp. Kernels are
# compiled with -ffp-contract=off: every FMA is written explicitly, so results do not depend on
# the compiler's contraction choices.
function(simdact_add_isa isa)
  set(target simdact_isa_${isa})
  add_library(${target} OBJECT ${PROJECT_SOURCE_DIR}/src/isa/${isa}.cpp)
  # Optimised in every configuration: in a Debug (or unset) build type the kernels at -O0 ran
  # gelu ~380x slower; the API code around them stays as the configuration says, debuggable.
  target_compile_options(${target} PRIVATE ${SIMDACT_FLAGS_${isa}} ${SIMDACT_ALIGN_FLAGS}
                                           -ffp-contract=off
                                           $<$<NOT:$<CONFIG:Release,RelWithDebInfo,MinSizeRel>>:-O3>)
  target_compile_features(${target} PRIVATE cxx_std_20)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/include
                                               ${PROJECT_BINARY_DIR}/include)
  target_link_libraries(${target} PRIVATE simdact_xsimd simdact_warnings)
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON
                                             CXX_VISIBILITY_PRESET hidden
                                             VISIBILITY_INLINES_HIDDEN ON)
endfunction()
