#!/usr/bin/env bash
# The whole test suite (README, second command): installs what is missing, builds, runs every
# test; then rebuilds the host code under AddressSanitizer + UndefinedBehaviorSanitizer and runs
# the host tests again. CUDA tests skip cleanly on machines without a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

scripts/build.sh build -DCMAKE_BUILD_TYPE=Release
ctest --test-dir build --output-on-failure -j "$jobs"

scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DFUSELABEL_SANITIZE=ON -DFUSELABEL_CUDA=OFF \
  -DFUSELABEL_BUILD_BENCH=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE install
