#!/usr/bin/env bash
# The main job on the committed sample (README, first command): installs what is missing,
# builds, then describes the sample drive and projects its LiDAR into its camera.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DCMAKE_BUILD_TYPE=Release
drive=data-samples/kitti-object/training
out=${1:-out/sample}
build/tools/fuselabel info --drive "$drive"
build/tools/fuselabel project --drive "$drive" --frame 000000 --out "$out" --device auto
