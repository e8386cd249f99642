# cmake -P script: install the build into a scratch prefix, then configure and build a tiny
# consumer project that finds it with find_package(fuselabel) and runs it.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
  RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc})")
endif()
# Public headers only: kernel bodies and per-device entry points are internal.
file(GLOB_RECURSE internal_headers ${WORK_DIR}/prefix/include/fuselabel/*_impl.h
  ${WORK_DIR}/prefix/include/fuselabel/*_backends.h)
if(internal_headers)
  message(FATAL_ERROR "internal headers installed: ${internal_headers}")
endif()
if(NOT EXISTS ${WORK_DIR}/prefix/include/fuselabel/kernels/points_in_boxes.h)
  message(FATAL_ERROR "public header kernels/points_in_boxes.h not installed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the consumer failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the consumer failed (${rc})")
endif()
execute_process(COMMAND ${WORK_DIR}/build/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "in_image=1")
  message(FATAL_ERROR "consumer failed (${rc}): ${out}")
endif()
message(STATUS "consumer: ${out}")
