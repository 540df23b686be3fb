# SPDX-License-Identifier: Apache-2.0
# The README shows examples/example.cpp and examples/example.c as they are (but for their licence
# line), so that its examples are the ones ctest compiles and runs. cmake -DSOURCE_DIR=... -P
file(READ ${SOURCE_DIR}/README.md readme)
foreach(example example.cpp example.c)
  file(READ ${SOURCE_DIR}/examples/${example} text)
  string(REGEX REPLACE "^[^\n]*SPDX-License-Identifier[^\n]*\n" "" text "${text}")
  string(FIND "${readme}" "${text}" at)
  if(at LESS 0)
    message(FATAL_ERROR "README.md does not show examples/${example} as it is")
  endif()
endforeach()
