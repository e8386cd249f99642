#!/usr/bin/env bash
# The label checks on real KITTI tracking labels (docs/QUALITY.md): the clean labels of each
# sequence (how many labels carry an error flag) and the same labels corrupted with
# data-samples/configs/corrupt-kitti.yaml (recall per error type, pooled over the sequences).
# Usage: scripts/eval-checks-kitti-tracking.sh [KITTI_TRACKING_TRAINING] [SEQUENCES...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/tools/fuselabel"
root=${1:-$here/../shared/data/kitti-tracking/training}
shift || true
sequences=("$@")
[ ${#sequences[@]} -gt 0 ] || sequences=(0000 0001 0002 0003 0004 0005 0006 0007 0008 0009 0010)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for s in "${sequences[@]}"; do
  "$cli" check --drive "$root" --sequence "$s" --out "$work/clean-$s" > /dev/null || [ $? -eq 1 ]
  "$cli" corrupt --drive "$root" --sequence "$s" --profile "$here/data-samples/configs/corrupt-kitti.yaml" \
    --out "$work/corrupt-$s" > /dev/null
  "$cli" eval-checks --drive "$root" --sequence "$s" --labels "$work/corrupt-$s" \
    --injected "$work/corrupt-$s/injected_errors.json" --out "$work/scores-$s.json" > /dev/null
  "$cli" eval-checks --drive "$root" --sequence "$s" --labels "$work/corrupt-$s" --min-severity error \
    --injected "$work/corrupt-$s/injected_errors.json" --out "$work/errors-$s.json" > /dev/null
done
python3 - "$work" "${sequences[@]}" <<'PY'
import json, sys
from collections import defaultdict
work, sequences = sys.argv[1], sys.argv[2:]
labels = flagged = 0
injected, found = defaultdict(int), defaultdict(int)
flags = true_flags = error_flags = true_error_flags = 0
for s in sequences:
    report = json.load(open(f"{work}/clean-{s}/report.json"))
    labels += report["labels"]["cuboids"]
    flagged += len({(f["track_id"], f["frame"]) for f in report["flags"] if f["severity"] == "error"})
    scores = json.load(open(f"{work}/scores-{s}.json"))
    for t, v in scores["by_type"].items():
        injected[t] += v["injected"]; found[t] += v["found"]
    flags += scores["flags"]["scored"]; true_flags += scores["flags"]["true"]
    errors = json.load(open(f"{work}/errors-{s}.json"))
    error_flags += errors["flags"]["scored"]; true_error_flags += errors["flags"]["true"]
print(f"clean labels: {flagged} of {labels} cuboids carry an error flag ({100 * flagged / labels:.2f}%)")
print(f"{'error type':16} {'injected':>8} {'found':>6} {'recall':>7}")
for t in sorted(injected):
    print(f"{t:16} {injected[t]:8} {found[t]:6} {found[t] / injected[t]:7.3f}")
total, hit = sum(injected.values()), sum(found.values())
print(f"{'all':16} {total:8} {hit:6} {hit / total:7.3f}")
print(f"precision {true_flags / flags:.3f} ({true_flags} of {flags} flags, warnings included); "
      f"{true_error_flags / error_flags:.3f} of error flags ({true_error_flags} of {error_flags})")
PY
