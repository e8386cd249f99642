#!/usr/bin/env bash
# Installs the Debian 12 packages fuselabel builds against, only those that are missing, so a
# second run costs one dpkg query. CUDA is not a Debian package here: when /usr/local/cuda
# exists the CUDA backend is built, otherwise the CPU backend alone.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libpcl-dev libopencv-dev libeigen3-dev libyaml-cpp-dev
  libgtest-dev libbenchmark-dev libcli11-dev nlohmann-json3-dev libsimdjson-dev libtbb-dev libhwy-dev
  python3 python3-jsonschema time
  chromium fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
