#!/usr/bin/env bash
# The main job on the committed sample drive (README, first command): installs what is missing,
# builds, then describes the drive, projects a frame's LiDAR and radar into its three cameras
# (pinhole, Brown–Conrady, fisheye) and inspects that frame's labelled cuboids.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DCMAKE_BUILD_TYPE=Release
drive=data-samples/drive
out=${1:-out/sample}
build/tools/fuselabel info --drive "$drive"
build/tools/fuselabel project --drive "$drive" --frame 20 --out "$out/project" --device auto
build/tools/fuselabel inspect --drive "$drive" --frame 20 --out "$out/inspect" --device auto
