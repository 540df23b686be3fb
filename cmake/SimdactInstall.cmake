# SPDX-License-Identifier: Apache-2.0
# install(): libraries, public headers, the CMake package (find_package(simdact)) and simdact.pc.
include(CMakePackageConfigHelpers)

set(targets simdact)
if(TARGET simdact_static)
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

# simdact.pc, relocatable: its prefix is found from its own place (${pcfiledir}), so that a tree
# installed with `cmake --install --prefix DIR` (or moved) is found where it is. That needs the
# library and include directories inside the prefix; an absolute one outside it is written as it
# is. A static libsimdact also needs its users to define SIMDACT_STATIC_DEFINE and to link the
# C++ runtime.
set(pc_prefix ${CMAKE_INSTALL_PREFIX})
foreach(dir LIBDIR INCLUDEDIR)
  set(full ${CMAKE_INSTALL_${dir}})
  if(NOT IS_ABSOLUTE "${full}")
    set(full ${CMAKE_INSTALL_PREFIX}/${full})
  endif()
  file(RELATIVE_PATH rel ${CMAKE_INSTALL_PREFIX} ${full})
  if(rel MATCHES "^\\.\\./" OR IS_ABSOLUTE "${rel}")
    set(pc_${dir} ${full})  # outside the prefix: absolute
  else()
    set(pc_${dir} "\${prefix}/${rel}")
  endif()
endforeach()
set(libdir_full ${CMAKE_INSTALL_LIBDIR})
if(NOT IS_ABSOLUTE "${libdir_full}")
  set(libdir_full ${CMAKE_INSTALL_PREFIX}/${libdir_full})
endif()
file(RELATIVE_PATH pc_up ${libdir_full}/pkgconfig ${CMAKE_INSTALL_PREFIX})
if(pc_LIBDIR MATCHES "^\\$" AND pc_INCLUDEDIR MATCHES "^\\$")
  string(REGEX REPLACE "/$" "" pc_up "${pc_up}")
  set(pc_prefix "\${pcfiledir}/${pc_up}")
endif()
set(pc_cflags "")
set(pc_libs "")
get_target_property(simdact_type simdact TYPE)
if(NOT simdact_type STREQUAL "SHARED_LIBRARY")
  set(pc_cflags " -DSIMDACT_STATIC_DEFINE")
  set(pc_libs " -lstdc++ -lm")  # a C program links the C++ runtime only if told
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/simdact.pc.in ${PROJECT_BINARY_DIR}/simdact.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/simdact.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
