#!/usr/bin/env bash
# GPU checks for a session that is lent a device machine (an H100/H200 with CUDA, CMake and
# ninja, but no PCL, OpenCV or yaml-cpp, and no network).
#   here:        scripts/device-check.sh build   # core-only sm_90 builds; binaries into build-device/{bin,lib}
#   on the GPU:  scripts/device-check.sh run     # carry build-device/bin and build-device/lib
# Two trees: the normal one, and one whose CUDA grids are capped at 2 blocks x 2 job rows
# (FUSELABEL_CUDA_TEST_MAX_BLOCKS) so the parity tests run every kernel's second grid-stride
# iteration and second job row. Binaries link the C++ runtime, static cudart and static
# GoogleTest; Debian ships Google Benchmark, oneTBB and Highway as shared libraries only, so those are
# copied beside the binaries (found via rpath $ORIGIN/../lib).
set -euo pipefail
cd "$(dirname "$0")/.."
out=build-device

configure() {  # tree, extra cmake arguments
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFUSELABEL_CORE_ONLY=ON -DFUSELABEL_CUDA=ON \
    -DCMAKE_CUDA_ARCHITECTURES=90 -DCMAKE_BUILD_RPATH='$ORIGIN/../lib' "${@:2}" >/dev/null
}

case "${1:-}" in
build)
  configure "$out/full"
  cmake --build "$out/full" -j "$(nproc)"
  configure "$out/capped" -DFUSELABEL_CUDA_TEST_MAX_BLOCKS=2 -DFUSELABEL_BUILD_BENCH=OFF
  cmake --build "$out/capped" -j "$(nproc)" --target kernels_tests
  mkdir -p "$out/bin" "$out/lib"
  cp "$out/full/tests/projection_tests" "$out/full/tests/kernels_tests" "$out/full/bench/bench_project_points" \
    "$out/full/bench/bench_points_in_boxes" "$out/full/bench/bench_cuboid_fit" "$out/full/bench/bench_edge_scores" \
    "$out/full/bench/device_parity_check" \
    "$out/bin/"
  cp "$out/capped/tests/kernels_tests" "$out/bin/kernels_tests_capped"
  cp -L /usr/lib/x86_64-linux-gnu/libbenchmark.so.1debian /usr/lib/x86_64-linux-gnu/libtbb.so.12 \
    /usr/lib/x86_64-linux-gnu/libhwy.so.1 "$out/lib/"
  du -sh "$out/bin" "$out/lib"
  ;;
run)
  bin=$out/bin
  export FUSELABEL_REQUIRE_CUDA=1  # a test that cannot reach the device fails instead of skipping
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "nvidia-smi failed"
  declare -a rows
  step() {  # name, command...
    local name=$1 rc=0
    shift
    "$@" || rc=$?
    rows+=("$(printf '%-36s %s' "$name" "$([[ $rc -eq 0 ]] && echo ok || echo "FAILED (rc $rc)")")")
    [[ $rc -eq 0 ]] || status=1
  }
  status=0
  step "projection_tests" "$bin/projection_tests" --gtest_brief=1
  step "kernels_tests" "$bin/kernels_tests" --gtest_brief=1
  step "kernels_tests, grid capped at 2" "$bin/kernels_tests_capped" --gtest_brief=1
  sanitizer=$(command -v compute-sanitizer || echo /usr/local/cuda/bin/compute-sanitizer)
  # memcheck: out-of-bounds and misaligned accesses; initcheck: reads of device memory never
  # written (grow-only workspace buffers make this the likely bug); racecheck: shared memory,
  # which only edge_scores' block reduction uses.
  for tool in memcheck initcheck; do
    step "compute-sanitizer $tool" "$sanitizer" --tool "$tool" --error-exitcode 3 "$bin/kernels_tests_capped" \
      --gtest_brief=1 --gtest_filter='*cuda*:*Cuda*'
  done
  step "compute-sanitizer racecheck" "$sanitizer" --tool racecheck --error-exitcode 3 "$bin/kernels_tests_capped" \
    --gtest_brief=1 --gtest_filter='*EdgeScores*cuda*'
  step "35M points x 6 cameras, CPU vs CUDA" "$bin/device_parity_check"
  step "bench_project_points" bash -c "'$bin/bench_project_points' --benchmark_min_time=0.5 --benchmark_color=false \
    --benchmark_filter='cuda|1core|cv_' | sed 's/\x1b\[[0-9;]*m//g' | grep -E 'real_time|x  \('"
  # Core-only build: no PCL peer here; the CUDA rows compare with the CPU rows of the same run.
  step "bench_points_in_boxes" bash -c "'$bin/bench_points_in_boxes' --benchmark_min_time=0.5 \
    --benchmark_color=false | sed 's/\x1b\[[0-9;]*m//g' | grep -E 'real_time'"
  step "bench_cuboid_fit" bash -c "'$bin/bench_cuboid_fit' --benchmark_min_time=0.5 \
    --benchmark_color=false | sed 's/\x1b\[[0-9;]*m//g' | grep -E 'real_time'"
  step "bench_edge_scores" bash -c "'$bin/bench_edge_scores' --benchmark_min_time=0.5 \
    --benchmark_color=false | sed 's/\x1b\[[0-9;]*m//g' | grep -E 'real_time'"
  echo
  printf '%s\n' "${rows[@]}"
  echo "device-check status: $status"
  exit "$status"
  ;;
*)
  echo "usage: $0 build|run" >&2
  exit 2
  ;;
esac
