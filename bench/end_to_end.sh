#!/usr/bin/env bash
# End to end on a simulated drive: `fuselabel simulate`, then `prelabel` and `check` over it, each
# timed with its peak resident memory (the figures of docs/PERFORMANCE.md, issue 15).
#   bench/end_to_end.sh [CONFIG] [WORK_DIR] [DEVICE: auto|cpu|cuda]
# CONFIG defaults to data-samples/configs/end-to-end-1000.yaml (1,000 sweeps of 35,200 rays, six
# cameras); WORK_DIR (default /tmp/fuselabel-end-to-end) is replaced.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-data-samples/configs/end-to-end-1000.yaml}
work=${2:-/tmp/fuselabel-end-to-end}
device=${3:-auto}
bin=build/tools/fuselabel
[[ -x $bin ]] || { echo "end_to_end.sh: build first (scripts/build.sh build)" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work"

# "<seconds> <peak RSS KiB>" of one command, its own output in WORK_DIR/NAME.log.
timed() {
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" > "$work/$name.log" 2>&1 || [[ $name == check ]]
  tail -n 1 "$work/$name.time"  # after "Command exited with non-zero status 1" (check: errors found)
}

read -r sim_s sim_kb < <(timed simulate "$bin" simulate --config "$config" --out "$work/drive")
frames=$(find "$work/drive/sensors" -path '*LIDAR*' -name '*.bin' | wc -l)
read -r pre_s pre_kb < <(timed prelabel "$bin" prelabel --drive "$work/drive" --labels keyframes \
  --out "$work/prelabel" --device "$device" --quiet)
read -r chk_s chk_kb < <(timed check "$bin" check --drive "$work/drive" --labels "$work/prelabel" \
  --out "$work/check" --device "$device" --quiet)
echo "drive: $config, $frames LiDAR frames ($(du -sh "$work/drive" | cut -f1))"
awk -v f="$frames" -v r="simulate $sim_s $sim_kb prelabel $pre_s $pre_kb check $chk_s $chk_kb" 'BEGIN {
  n = split(r, v, " ")
  printf "%-15s %9s %10s %14s\n", "step", "seconds", "frames/s", "peak RSS MiB"
  for (i = 1; i <= n; i += 3) printf "%-15s %9.1f %10.1f %14.0f\n", v[i], v[i + 1], f / v[i + 1], v[i + 2] / 1024
  printf "%-15s %9.1f %10.1f\n", "prelabel+check", v[5] + v[8], f / (v[5] + v[8])
}'
