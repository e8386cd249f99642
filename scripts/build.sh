#!/usr/bin/env bash
# Configures (once) and builds one build tree. Usage: scripts/build.sh BUILD_DIR [cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=$1
shift
if [[ ! -f "$build_dir/build.ninja" ]]; then
  cmake -S . -B "$build_dir" -G Ninja "$@" >/dev/null
fi
jobs=$(nproc)
cmake --build "$build_dir" -j "$jobs"
