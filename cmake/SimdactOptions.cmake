# SPDX-License-Identifier: Apache-2.0
# Compiler settings shared by every target of the project (not by consumers).
include(GNUInstallDirs)
# Release where simdact is the top-level project and no build type is given; embedded, the
# parent's choice stands (the kernels are optimised in every configuration: SimdactIsa.cmake).
if(PROJECT_IS_TOP_LEVEL AND NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_C_EXTENSIONS OFF)

add_library(simdact_warnings INTERFACE)
target_compile_options(simdact_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       $<$<BOOL:${SIMDACT_WERROR}>:-Werror>)

# AddressSanitizer keeps its heap, global and stack-overflow checks; its use-after-scope
# instrumentation is left out: on the long, fully inlined float kernels it took GCC 12 four
# minutes per ISA file (14 s without), and no kernel lets a pointer to a local escape its scope.
# float-cast-overflow, which -fsanitize=undefined leaves out, catches a float converted to an
# integer type that cannot hold it: a negative double cast to uint32 gave the intended modular
# value on x86 and 0 on AArch64 (softmax's exponent shift, found by the NEON suite under qemu).
# With clang, UndefinedBehaviorSanitizer also checks loads of enum values outside their range
# (part of its -fsanitize=undefined) and implicit integer conversions that truncate a value (its
# sign-change check is left out: xsimd converts masks between signed and unsigned on purpose).
# SIMDACT_SANITIZE=thread: ThreadSanitizer instead (tests/race_test.cpp).
if(SIMDACT_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(SIMDACT_SANITIZE)
  set(checks address,undefined,float-cast-overflow)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    string(APPEND checks ",implicit-integer-truncation")
  endif()
  add_compile_options(-fsanitize=${checks} -fno-sanitize-recover=all
                      -fno-sanitize-address-use-after-scope -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${checks})
endif()
# The fuzzers' coverage reaches into the library: it is compiled for it too.
if(SIMDACT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR NOT SIMDACT_SANITIZE OR
     SIMDACT_SANITIZE STREQUAL "thread")
    message(FATAL_ERROR "SIMDACT_FUZZ needs clang and SIMDACT_SANITIZE=ON")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
