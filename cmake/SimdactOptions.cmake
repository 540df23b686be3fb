# Compiler settings shared by every target of the project (not by consumers).
include(GNUInstallDirs)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
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
if(SIMDACT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
                      -fno-sanitize-address-use-after-scope -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined,float-cast-overflow)
endif()
