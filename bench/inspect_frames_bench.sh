#!/usr/bin/env bash
# Wall time of inspecting frames [FIRST, END) of a drive on the CPU, in the same run:
#   1. BEFORE_BIN, one `inspect --frame` process per frame (the only way before --frames),
#   2. AFTER_BIN, the same per-frame loop (what a process start and drive opening cost),
#   3. AFTER_BIN, one `inspect --frames FIRST:END` (batched: N frames per kernel call).
#   bench/inspect_frames_bench.sh BEFORE_BIN AFTER_BIN DRIVE FIRST END [REPEATS]
# Best of REPEATS (default 3) per row; ratios are against row 1.
set -euo pipefail
before=$1 after=$2 drive=$3 first=$4 end=$5 repeats=${6:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
frames=$((end - first))
loop() {
  for ((f = first; f < end; ++f)); do
    "$1" inspect --drive "$drive" --frame "$f" --out "$out/loop/$f" --device cpu >/dev/null
  done
}
batched() { "$1" inspect --drive "$drive" --frames "$first:$end" --out "$out/batch" --device cpu >/dev/null; }
best() {  # command...: best wall seconds of $repeats runs
  local b=1e9 t0 t1
  for ((r = 0; r < repeats; ++r)); do
    t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N)
    b=$(echo "$t1 - $t0" | bc -l | awk -v b="$b" '{print ($1 < b) ? $1 : b}')
  done
  echo "$b"
}
t_before=$(best loop "$before")
t_after_loop=$(best loop "$after")
t_batch=$(best batched "$after")
printf "%-40s %8s %10s %8s\n" "$frames frames of $drive, best of $repeats" "total s" "ms/frame" "ratio"
row() { printf "%-40s %8.2f %10.1f %7.2fx\n" "$1" "$2" "$(echo "$2 * 1000 / $frames" | bc -l)" "$(echo "$t_before / $2" | bc -l)"; }
row "before: inspect --frame, per frame" "$t_before"
row "after: inspect --frame, per frame" "$t_after_loop"
row "after: inspect --frames $first:$end" "$t_batch"
