# PCL as imported targets fuselabel::pcl_common, fuselabel::pcl_io and fuselabel::pcl_filters,
# found directly rather than through PCLConfig.cmake: on Debian 12 that config pulls in VTK's,
# whose targets reference MPI packages that a minimal install lacks, and fuselabel uses none of
# PCL's visualisation.
if(TARGET fuselabel::pcl_common)
  return()
endif()
find_path(FUSELABEL_PCL_INCLUDE_DIR pcl/point_types.h PATH_SUFFIXES pcl-1.13 pcl-1.12 pcl-1.14 REQUIRED)
find_path(FUSELABEL_EIGEN_INCLUDE_DIR Eigen/Core PATH_SUFFIXES eigen3 REQUIRED)
foreach(component common io filters)
  find_library(FUSELABEL_PCL_${component}_LIBRARY pcl_${component} REQUIRED)
  add_library(fuselabel::pcl_${component} UNKNOWN IMPORTED)
  set_target_properties(fuselabel::pcl_${component} PROPERTIES
    IMPORTED_LOCATION ${FUSELABEL_PCL_${component}_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES "${FUSELABEL_PCL_INCLUDE_DIR};${FUSELABEL_EIGEN_INCLUDE_DIR}")
endforeach()
