#!/usr/bin/env bash
# GPU checks for a session that is lent a device machine (an H100/H200 with CUDA, CMake and
# ninja, but no PCL, OpenCV or yaml-cpp, and no network).
#   here:        scripts/device-check.sh build   # core-only build for sm_90 into build-device/
#   on the GPU:  scripts/device-check.sh run     # carry build-device; tests, sanitizer, benchmarks
# The build links only the C++ runtime, static cudart and static GoogleTest; Debian ships Google
# Benchmark as a shared library only, so it is copied beside the binaries (found via rpath).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-device

case "${1:-}" in
build)
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFUSELABEL_CORE_ONLY=ON -DFUSELABEL_CUDA=ON \
    -DCMAKE_CUDA_ARCHITECTURES=90 -DCMAKE_BUILD_RPATH='$ORIGIN/../lib' >/dev/null
  cmake --build "$build" -j "$(nproc)"
  mkdir -p "$build/lib"
  cp -L /usr/lib/x86_64-linux-gnu/libbenchmark.so.1debian "$build/lib/"
  du -sh "$build"
  ;;
run)
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  status=0
  "$build/tests/projection_tests" --gtest_brief=1 || status=1
  "$build/tests/kernels_tests" --gtest_brief=1 || status=1
  sanitizer=$(command -v compute-sanitizer || echo /usr/local/cuda/bin/compute-sanitizer)
  if [[ -x "$sanitizer" ]]; then
    "$sanitizer" --tool memcheck --error-exitcode 3 "$build/tests/kernels_tests" --gtest_brief=1 \
      --gtest_filter='*cuda*:*Cuda*' || status=1
    "$sanitizer" --tool racecheck --error-exitcode 3 "$build/tests/kernels_tests" --gtest_brief=1 \
      --gtest_filter='*RenderDepth*cuda*:*PointsInBoxes*cuda*' || status=1
  else
    echo "compute-sanitizer not found" && status=1
  fi
  "$build/bench/bench_project_points" --benchmark_min_time=0.5 --benchmark_color=false \
    --benchmark_filter='cuda|1core|cv_' | sed 's/\x1b\[[0-9;]*m//g' | grep -E "real_time|x  \(" || status=1
  # Core-only build: no PCL peer here; the CUDA rows compare with the CPU rows of the same run.
  "$build/bench/bench_points_in_boxes" --benchmark_min_time=0.5 --benchmark_color=false \
    | sed 's/\x1b\[[0-9;]*m//g' | grep -E "real_time" || status=1
  echo "device-check status: $status"
  exit "$status"
  ;;
*)
  echo "usage: $0 build|run" >&2
  exit 2
  ;;
esac
