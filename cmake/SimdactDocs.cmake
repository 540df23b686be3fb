# SPDX-License-Identifier: Apache-2.0
# Target docs: the API reference of the public headers with Doxygen (apt-get install doxygen),
# warnings as errors (an undocumented public symbol fails it), into <build>/docs/html.
find_package(Doxygen QUIET)
if(DOXYGEN_FOUND)
  set(SIMDACT_DOCS_DIR ${PROJECT_BINARY_DIR}/docs)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/Doxyfile.in ${PROJECT_BINARY_DIR}/Doxyfile @ONLY)
  add_custom_target(docs COMMAND ${DOXYGEN_EXECUTABLE} ${PROJECT_BINARY_DIR}/Doxyfile
                    WORKING_DIRECTORY ${PROJECT_BINARY_DIR}
                    COMMENT "simdact: API reference in ${SIMDACT_DOCS_DIR}/html" VERBATIM)
endif()
