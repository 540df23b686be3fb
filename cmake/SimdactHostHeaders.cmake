# SPDX-License-Identifier: Apache-2.0
# simdact_header_only(<var> <subdir> <header>): when cross-compiling, a header-only dependency
# (xsimd, fmt) may exist only for the build machine, in /usr/include. Its headers are valid for
# any target, but /usr/include itself holds the build machine's C library headers, so it must
# not be put on the target's include path: link just <subdir> into a folder of its own and
# return that folder in <var>.
function(simdact_header_only var subdir header)
  find_path(dir ${subdir}/${header} PATHS /usr/include NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  if(NOT dir)
    message(FATAL_ERROR "${subdir}/${header} not found (install the -dev package on this machine)")
  endif()
  set(staged ${PROJECT_BINARY_DIR}/host-headers/${subdir})
  file(MAKE_DIRECTORY ${staged})
  file(CREATE_LINK ${dir}/${subdir} ${staged}/${subdir} SYMBOLIC)
  set(${var} ${staged} PARENT_SCOPE)
  unset(dir CACHE)
endfunction()
