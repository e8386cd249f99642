// Label_02 lines as the model's label set: one conversion for the sequence's own labels and for
// replacement labels given on the command line (prelabel --labels), so both get the same ids,
// tracks and frame.
#include <algorithm>
#include <set>
#include <string>

#include "io/common/file_read.h"
#include "io/kitti/kitti_tracking_drive.h"
#include "io/openlabel/openlabel_file.h"
#include "io/openlabel/openlabel_labels_for_drive.h"
#include "model/input_error.h"

namespace fuselabel {
namespace {

// A label set JSON (or any JSON) where label_02 lines are expected: named as such rather than
// as a line with the wrong number of columns. Only the file's head is read.
void refuse_json(const std::filesystem::path& file) {
  const std::string head = read_file_ends(file, 256, 0).head;
  const size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || (head[first] != '{' && head[first] != '[')) return;
  const auto line = 1 + std::count(head.begin(), head.begin() + std::ptrdiff_t(first), '\n');
  throw InputError(file, "line " + std::to_string(line),
                   "a JSON file, not KITTI tracking label lines (17 whitespace-separated columns: frame, track id, "
                   "type, ...); label set JSON is for native drives; an OpenLABEL file ({\"openlabel\": ...}) is also read");
}

}  // namespace

LabelSet KittiTrackingDrive::label_set(const std::vector<KittiTrackingLabel>& labels) const {
  LabelSet set;
  set.name = "label_02";
  set.taxonomy = "kitti";
  set.frame = LabelFrame::Lidar;
  std::set<int> tracks;
  for (const KittiTrackingLabel& label : labels) {
    const std::string id = std::to_string(label.frame);
    const std::string label_id = sequence_ + ":" + id + ":" + std::to_string(label.object.line);
    const std::string track_id = label.track_id >= 0 ? std::to_string(label.track_id) : "";
    add_kitti_label(label.object, calib_, label_id, track_id, kCameraName, label.frame,
                    int64_t(label.frame) * kFramePeriodUs, set);
    // A KITTI track keeps its first class; a line naming another keeps its own (CuboidLabel::class_name).
    if (label.track_id >= 0 && tracks.insert(label.track_id).second) set.tracks.push_back({track_id, label.object.type, {}});
  }
  std::stable_sort(set.boxes.begin(), set.boxes.end(), [](const CuboidLabel& a, const CuboidLabel& b) { return a.frame < b.frame; });
  std::stable_sort(set.boxes_2d.begin(), set.boxes_2d.end(),
                   [](const ImageBoxLabel& a, const ImageBoxLabel& b) { return a.frame < b.frame; });
  return set;
}

LabelSet KittiTrackingDrive::read_replacement_labels(const std::string& value) const {
  if (value.empty()) throw InputError(drive_.root, "--labels", "empty: expected a file of label_02 lines");
  const std::filesystem::path file = value;
  if (is_openlabel_file(file)) return openlabel_labels_for(drive_, file);
  refuse_json(file);
  const std::vector<KittiTrackingLabel> labels = read_kitti_tracking_labels(file);
  const size_t frame_count = drive_.frames.size();
  for (const KittiTrackingLabel& label : labels)
    if (size_t(label.frame) >= frame_count)
      throw InputError(file, "line " + std::to_string(label.object.line) + ", field 'frame'",
                       "frame " + std::to_string(label.frame) + " is beyond sequence " + sequence_ + "'s frames 0.." +
                           std::to_string(frame_count - 1));
  return label_set(labels);
}

}  // namespace fuselabel
