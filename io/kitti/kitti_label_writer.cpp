#include "io/kitti/kitti_label_writer.h"

#include <stdexcept>
#include <string>
#include <unordered_map>

#include "io/common/atomic_file.h"
#include "io/common/text_tokens.h"
#include "io/kitti/kitti_object_writer.h"

namespace fuselabel {
namespace {

double attribute_number(const CuboidLabel& label, const char* key, double absent) {
  const auto found = label.attributes.find(key);
  return found == label.attributes.end() ? absent : std::stod(found->second);
}

int track_number(const std::string& track_id, const std::string& label_id) {
  const auto number = parse_integer<int>(track_id);
  if (!number || *number < 0)
    throw std::invalid_argument("KITTI label writer: label " + label_id + " has track id '" + track_id +
                                "', not a non-negative integer");
  return *number;
}

// The columns of a region without a 3D box, as KITTI's own DontCare lines of each benchmark
// have them (the object files: -1 -1 -1 -1000 -1000 -1000 -10; tracking: -1000 x3 -10 -1 -1 -1).
KittiObjectLabel dont_care(const ImageBoxLabel& box, KittiLabelFlavour flavour) {
  const bool tracking = flavour == KittiLabelFlavour::Tracking;
  KittiObjectLabel label;
  label.type = "DontCare";
  label.truncated = -1, label.occluded = -1, label.alpha = -10;
  label.box2d = box.box;
  label.height = label.width = label.length = tracking ? -1000 : -1;
  label.location = tracking ? Vec3<double>{-10, -1, -1} : Vec3<double>{-1000, -1000, -1000};
  label.rotation_y = tracking ? -1 : -10;
  return label;
}

}  // namespace

std::vector<KittiTrackingLabel> kitti_label_lines(const LabelSet& labels,
                                                  const std::function<const KittiCalib&(int64_t frame)>& calib_of,
                                                  KittiLabelFlavour flavour) {
  std::unordered_map<std::string, const CuboidLabel*> cuboids;
  for (const CuboidLabel& c : labels.boxes) cuboids.emplace(c.id, &c);
  std::vector<KittiTrackingLabel> out;
  size_t written_cuboids = 0;
  for (const ImageBoxLabel& box : labels.boxes_2d) {
    KittiTrackingLabel line;
    line.frame = int(box.frame);
    if (box.cuboid_id.empty()) {
      if (labels.class_of(box) != "DontCare")
        throw std::invalid_argument("KITTI label writer: 2D box " + box.id + " (" + labels.class_of(box) +
                                    ") has no 3D box, and KITTI writes both in one line");
      line.object = dont_care(box, flavour);
      out.push_back(line);
      continue;
    }
    const auto found = cuboids.find(box.cuboid_id);
    if (found == cuboids.end())
      throw std::invalid_argument("KITTI label writer: the 3D box of label " + box.cuboid_id +
                                  " is gone while its 2D box stays; KITTI writes both in one line");
    const CuboidLabel& cuboid = *found->second;
    line.frame = int(cuboid.frame);
    if (flavour == KittiLabelFlavour::Tracking) line.track_id = track_number(cuboid.track_id, cuboid.id);
    line.object = lidar_cuboid_to_kitti_label(cuboid.box, calib_of(cuboid.frame), labels.class_of(cuboid));
    line.object.truncated = attribute_number(cuboid, kKittiTruncated, 0);
    line.object.occluded = int(attribute_number(cuboid, kKittiOccluded, 0));
    if (cuboid.source == LabelSource::Keyframe) line.object.alpha = attribute_number(cuboid, kKittiAlpha, line.object.alpha);
    line.object.box2d = box.box;
    if (cuboid.confidence != 1.0) line.object.score = cuboid.confidence;
    out.push_back(line);
    ++written_cuboids;
  }
  if (written_cuboids != labels.boxes.size())
    throw std::invalid_argument("KITTI label writer: " + std::to_string(labels.boxes.size() - written_cuboids) +
                                " 3D boxes have no 2D box, and KITTI writes both in one line");
  return out;
}

void write_kitti_tracking_labels(const std::filesystem::path& file, const std::vector<KittiTrackingLabel>& labels) {
  std::string out;
  for (const KittiTrackingLabel& l : labels)
    out += std::to_string(l.frame) + " " + std::to_string(l.track_id) + " " + kitti_label_columns(l.object, file, KittiLabelFlavour::Tracking) + "\n";
  write_file_atomic(file, out);
}

}  // namespace fuselabel
