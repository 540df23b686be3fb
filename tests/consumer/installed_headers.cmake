# SPDX-License-Identifier: Apache-2.0
# Every entry point is declared by name in the installed headers (an IDE or grep finds it):
# `grep -rn simdact_gelu_f32 <prefix>/include`. cmake -DPREFIX=<install prefix> -P
file(GLOB_RECURSE headers ${PREFIX}/include/simdact/*)
foreach(name simdact_gelu_f32 simdact_swish_f32 simdact_softmax_f32 "void gelu_tanh"
             simdact_swiglu_f32 simdact_glu_rows_f32 "void geglu_tanh_rows")
  set(found "")
  foreach(h IN LISTS headers)
    file(STRINGS ${h} hits REGEX "${name}")
    if(hits)
      set(found ${h})
    endif()
  endforeach()
  if(NOT found)
    message(FATAL_ERROR "no declaration of ${name} under ${PREFIX}/include")
  endif()
endforeach()
