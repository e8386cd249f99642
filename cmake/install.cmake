# `cmake --install` puts the libraries, headers and fuselabelConfig.cmake under the prefix, so
# another project can find_package(fuselabel) and link fuselabel::fuselabel.
include(CMakePackageConfigHelpers)

set(FUSELABEL_EXPORTED fuselabel_projection fuselabel_kernels)
if(NOT FUSELABEL_CORE_ONLY)
  list(APPEND FUSELABEL_EXPORTED fuselabel_model fuselabel_io fuselabel_fusion fuselabel_sim)
endif()
add_library(fuselabel INTERFACE)
add_library(fuselabel::fuselabel ALIAS fuselabel)
target_link_libraries(fuselabel INTERFACE ${FUSELABEL_EXPORTED})
install(TARGETS ${FUSELABEL_EXPORTED} fuselabel fuselabel_options EXPORT fuselabelTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Kernel bodies (*_impl.h) and the per-device entry points (*_backends.h) stay internal.
foreach(dir projection kernels model io fusion sim)
  install(DIRECTORY ${dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/fuselabel/${dir}
    FILES_MATCHING PATTERN "*.h" PATTERN "*_impl.h" EXCLUDE PATTERN "*_backends.h" EXCLUDE)
endforeach()
install(EXPORT fuselabelTargets NAMESPACE fuselabel:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/fuselabel)
configure_package_config_file(cmake/fuselabelConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/fuselabelConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/fuselabel)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/fuselabelConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/fuselabelConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/fuselabelConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/fuselabel)
