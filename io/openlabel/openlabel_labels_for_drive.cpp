#include "io/openlabel/openlabel_labels_for_drive.h"

#include <map>

#include "io/common/text_tokens.h"
#include "io/openlabel/openlabel_file.h"
#include "model/input_error.h"

namespace fuselabel {

std::vector<int64_t> openlabel_frame_numbers(const Drive& drive) {
  std::vector<int64_t> numbers;
  for (const DriveFrame& frame : drive.frames) {
    const std::optional<int64_t> n = parse_integer<int64_t>(frame.id);
    if (!n || *n < 0 || std::to_string(*n) != frame.id || (!numbers.empty() && *n <= numbers.back())) break;
    numbers.push_back(*n);
  }
  if (numbers.size() == drive.frames.size()) return numbers;
  numbers.clear();
  for (size_t f = 0; f < drive.frames.size(); ++f) numbers.push_back(int64_t(f));
  return numbers;
}

LabelSet openlabel_labels_for(const Drive& drive, const std::filesystem::path& file) {
  OpenLabelContent content = read_openlabel_file(file);
  LabelSet labels = std::move(content.labels);
  std::map<int64_t, size_t> index_of_number;
  const std::vector<int64_t> numbers = openlabel_frame_numbers(drive);
  for (size_t f = 0; f < numbers.size(); ++f) index_of_number[numbers[f]] = f;
  const auto drive_frame = [&](int64_t frame, const std::string& id) {
    const int64_t number = content.frames.at(size_t(frame)).number;
    const auto found = index_of_number.find(number);
    if (found == index_of_number.end())
      throw InputError(file, "openlabel.frames." + std::to_string(number),
                       "label " + id + " is in frame " + std::to_string(number) + ", which the drive (frames " +
                           std::to_string(numbers.front()) + ".." + std::to_string(numbers.back()) + ") does not have");
    return found->second;
  };
  const LabelFrame from = labels.frame, to = drive.labels.frame;
  const bool needs_poses = (from == LabelFrame::World) != (to == LabelFrame::World);
  if (needs_poses && !drive.trajectory.has_poses())
    throw InputError(file, "openlabel.coordinate_systems",
                     std::string("its labels are in the ") + label_frame_name(from) + " frame and the drive's in the " +
                         label_frame_name(to) + " frame, but the drive has no ego poses to go between them");
  // T_to_from at drive frame f.
  const auto T_to_from = [&](size_t f) {
    const DriveFrame& frame = drive.frames[f];
    const Rig& rig = drive.rig_of(frame);
    const Transform3d T_ego_lidar = rig.lidar() ? rig.lidar()->T_ego_sensor : Transform3d{};
    const Transform3d T_world_ego = needs_poses ? drive.trajectory.at(frame.timestamp_us) : Transform3d{};
    const Transform3d T_ego_from = from == LabelFrame::World ? T_world_ego.inverse() : Transform3d{};
    const Transform3d T_to_ego = to == LabelFrame::World ? T_world_ego
                                 : to == LabelFrame::Lidar ? T_ego_lidar.inverse()
                                                           : Transform3d{};
    return T_to_ego * T_ego_from;
  };
  for (CuboidLabel& box : labels.boxes) {
    const size_t f = drive_frame(box.frame, box.id);
    const Transform3d T = T_to_from(f);
    box.frame = int64_t(f);
    box.timestamp_us = drive.frames[f].timestamp_us;
    box.box = transform_cuboid(T, box.box);
    if (box.velocity) box.velocity = T.R * *box.velocity;
  }
  const Rig& rig = drive.rigs.front();
  for (ImageBoxLabel& box : labels.boxes_2d) {
    const size_t f = drive_frame(box.frame, box.id);
    const Sensor* camera = rig.find(box.camera);
    if (!camera || !camera->camera)
      throw InputError(file, "openlabel.streams." + box.camera, "the drive has no camera " + box.camera);
    box.frame = int64_t(f);
    if (const SensorSample* sample = drive.associated_sample(f, box.camera)) box.timestamp_us = sample->timestamp_us;
    else box.timestamp_us = drive.frames[f].timestamp_us;
  }
  labels.frame = to;
  return labels;
}

}  // namespace fuselabel
