# SPDX-License-Identifier: Apache-2.0
# install(): libraries, public headers, the CMake package (find_package(simdact)) and simdact.pc.
include(CMakePackageConfigHelpers)

set(targets simdact)
if(SIMDACT_BUILD_STATIC)
  list(APPEND targets simdact_static)
endif()

install(TARGETS ${targets} EXPORT simdact-targets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        PUBLIC_HEADER DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/simdact)

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/simdact)
install(EXPORT simdact-targets NAMESPACE simdact:: DESTINATION ${config_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/simdact-config.cmake.in
                              ${PROJECT_BINARY_DIR}/simdact-config.cmake
                              INSTALL_DESTINATION ${config_dir})
# At 0.x a minor version may change the ABI (see src/CMakeLists.txt): only the same minor matches.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(compatibility SameMinorVersion)
else()
  set(compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/simdact-config-version.cmake
                                 COMPATIBILITY ${compatibility})
install(FILES ${PROJECT_BINARY_DIR}/simdact-config.cmake
              ${PROJECT_BINARY_DIR}/simdact-config-version.cmake
        DESTINATION ${config_dir})

configure_file(${PROJECT_SOURCE_DIR}/cmake/simdact.pc.in ${PROJECT_BINARY_DIR}/simdact.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/simdact.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
