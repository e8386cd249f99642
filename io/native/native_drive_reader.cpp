#include "io/native/native_drive_reader.h"

#include <algorithm>
#include <cctype>
#include <system_error>

#include "io/common/point_file.h"
#include "io/openlabel/openlabel_file.h"
#include "io/openlabel/openlabel_labels_for_drive.h"
#include "model/input_error.h"

namespace fuselabel {

Drive native_drive_model(const NativeDrive& native, LabelSet labels) {
  Drive drive;
  drive.format = "native";
  drive.root = native.root;
  drive.name = native.name;
  drive.trajectory.provenance = native.ego_poses.empty() ? PoseProvenance::None : PoseProvenance::Dataset;
  drive.trajectory.world_frame = native.world_frame;
  drive.trajectory.source = native.root / (native.ego_pose_file.empty() ? "drive.yaml" : native.ego_pose_file);
  drive.trajectory.poses = native.ego_poses;
  Rig rig;
  for (const NativeSensor& s : native.sensors) {
    rig.sensors.push_back({s.name, s.kind, s.T_ego_sensor, s.camera, 0.0});
    SensorTimeline& timeline = drive.timelines[s.name];
    timeline.sensor = s.name;
    for (const NativeSample& sample : s.samples) timeline.add({sample.timestamp_us, native.root / sample.file, {}, {}});
  }
  drive.rigs.push_back(std::move(rig));
  const NativeSensor& lidar = native.lidar();
  for (size_t i = 0; i < lidar.samples.size(); ++i)
    drive.frames.push_back({std::to_string(i), lidar.samples[i].timestamp_us, 0, int64_t(i), {}});
  labels.frame = native.ego_poses.empty() ? LabelFrame::Ego : LabelFrame::World;
  drive.labels = std::move(labels);
  drive.timing_faults = native.timing_faults;
  return drive;
}

namespace {

std::string label_set_names(const NativeDrive& native) {
  std::string names;
  for (const auto& [name, file] : native.label_sets) names += (names.empty() ? "" : ", ") + name;
  return names.empty() ? "none" : names;
}

// The set drive.yaml lists as `name` (which it must list).
LabelSet read_listed_label_set(const NativeDrive& native, const std::string& name) {
  LabelSet labels = read_label_set(native.root / native.label_sets.at(name), native);
  labels.name = name;
  return labels;
}

}  // namespace

NativeDriveReader::NativeDriveReader(const std::filesystem::path& root, const std::string& label_set,
                                     bool keep_timing_faults)
    : native_(read_native_drive(root, keep_timing_faults)) {
  LabelSet labels;
  if (!label_set.empty() || !native_.label_sets.empty()) {
    const std::string name = label_set.empty() ? kDefaultLabelSet : label_set;
    if (!native_.label_sets.count(name))
      throw InputError(root / "drive.yaml", "label_sets",
                       "no label set '" + name + "' (available: " + label_set_names(native_) + ")");
    labels = read_listed_label_set(native_, name);
  }
  drive_ = native_drive_model(native_, std::move(labels));
}

LabelSet NativeDriveReader::read_replacement_labels(const std::string& value) const {
  LabelSet labels;
  std::error_code ec;
  if (native_.label_sets.count(value)) {
    labels = read_listed_label_set(native_, value);
  } else if (is_openlabel_file(value)) {
    return openlabel_labels_for(drive_, value);
  } else if (!value.empty() && std::filesystem::is_regular_file(value, ec)) {
    labels = read_label_set(value, native_);
    labels.name = std::filesystem::path(value).stem().string();
  } else {
    throw InputError(native_.root / "drive.yaml", "label_sets",
                     "--labels '" + value + "' is neither a label set of the drive (available: " +
                         label_set_names(native_) + ") nor a label set JSON file");
  }
  labels.frame = drive_.labels.frame;  // the model's frame for this drive's sets (world, or ego without poses)
  return labels;
}

bool NativeDriveReader::recognises(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "drive.yaml", ec);
}

size_t NativeDriveReader::frame_index(const std::string& id) const {
  const size_t count = drive_.frames.size();
  const bool canonical = !id.empty() && id.size() <= 18 && (id == "0" || id[0] != '0') &&
                         std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c); });
  if (canonical && std::stoull(id) < count) return static_cast<size_t>(std::stoull(id));
  throw InputError(native_.root / native_.lidar().index_file, "frame '" + id + "'",
                   "unknown frame id (the drive's frames are 0.." + std::to_string(count) + " exclusive)");
}

void NativeDriveReader::write_labels(const LabelSet& labels, const std::filesystem::path& dir) const {
  if (labels.name.empty()) throw std::invalid_argument("write_labels: the label set has no name");
  write_label_set(dir / "labels" / (labels.name + ".json"), labels);
}

PointSweep NativeDriveReader::load_points(const Sensor& sensor, const SensorSample& sample) const {
  const std::vector<std::string>& fields = sensor.kind == SensorKind::Lidar ? kNativeLidarFields : kNativeRadarFields;
  PointSweep sweep;
  sweep.fields = fields;
  sweep.records = read_float_records(sample.file, fields);
  return sweep;
}

}  // namespace fuselabel
