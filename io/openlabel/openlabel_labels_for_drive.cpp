#include "io/openlabel/openlabel_labels_for_drive.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "io/common/text_tokens.h"
#include "io/openlabel/openlabel_file.h"
#include "model/input_error.h"
#include "projection/camera_model.h"

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

namespace {

// The drive's camera that `camera` (of the file's rig) is: the one of the same name, else the
// one that projects points of the LiDAR frame (the ego frame without a LiDAR) to the same pixels
// within 0.01 px (VCD's rectified CAM_LEFT is KITTI's image_02 with R_rect folded in); nullptr
// when none does.
const Sensor* drive_camera(const Rig& file_rig, const Sensor& camera, const Rig& rig) {
  if (const Sensor* same = rig.find(camera.name)) return same->camera ? same : nullptr;
  const auto T_reference = [](const Rig& r) { return r.lidar() ? r.lidar()->T_ego_sensor : Transform3d{}; };
  const Transform3d T_cam_ref = camera.T_ego_sensor.inverse() * T_reference(file_rig);
  for (const Sensor& candidate : rig.sensors) {
    if (!candidate.camera || candidate.camera->width != camera.camera->width ||
        candidate.camera->height != camera.camera->height)
      continue;
    const Transform3d T_candidate_ref = candidate.T_ego_sensor.inverse() * T_reference(rig);
    bool same = true;
    int seen = 0;
    for (const Vec3<double>& in_camera : {Vec3<double>{0, 0, 10}, Vec3<double>{3, 1, 12}, Vec3<double>{-4, -1, 20}}) {
      const Vec3<double> p = T_cam_ref.inverse() * in_camera;
      Vec2<double> a{}, b{};
      double depth_a = 0, depth_b = 0;
      const bool in_a = project_point(*camera.camera, T_cam_ref * p, a, depth_a);
      const bool in_b = project_point(*candidate.camera, T_candidate_ref * p, b, depth_b);
      same = same && in_a == in_b && (!in_a || (std::abs(a.x - b.x) < 0.01 && std::abs(a.y - b.y) < 0.01));
      seen += in_a;
    }
    if (same && seen > 0) return &candidate;
  }
  return nullptr;
}

}  // namespace

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
  // A drive without ego poses (KITTI tracking's label_02 layout) takes a world-frame file's
  // labels through the file's own poses and LiDAR: in the LiDAR frame of each frame they are the
  // same for both, whatever each calls its ego.
  const bool through_file_lidar = needs_poses && !drive.trajectory.has_poses() && from == LabelFrame::World &&
                                  content.trajectory.has_poses() && content.rig.lidar() != nullptr;
  if (needs_poses && !drive.trajectory.has_poses() && !through_file_lidar)
    throw InputError(file, "openlabel.coordinate_systems",
                     std::string("its labels are in the ") + label_frame_name(from) + " frame and the drive's in the " +
                         label_frame_name(to) + " frame, but neither the drive's ego poses nor the file's own poses and "
                         "LiDAR go between them");
  // T_to_from at drive frame f (label time t in the file).
  const auto T_to_from = [&](size_t f, int64_t t) {
    const DriveFrame& frame = drive.frames[f];
    const Rig& rig = drive.rig_of(frame);
    const Transform3d T_ego_lidar = rig.lidar() ? rig.lidar()->T_ego_sensor : Transform3d{};
    if (through_file_lidar) {
      const Transform3d T_lidar_world = (content.trajectory.at(t) * content.rig.lidar()->T_ego_sensor).inverse();
      return (to == LabelFrame::Ego ? T_ego_lidar : Transform3d{}) * T_lidar_world;
    }
    const Transform3d T_world_ego = needs_poses ? drive.trajectory.at(frame.timestamp_us) : Transform3d{};
    const Transform3d T_ego_from = from == LabelFrame::World ? T_world_ego.inverse() : Transform3d{};
    const Transform3d T_to_ego = to == LabelFrame::World ? T_world_ego
                                 : to == LabelFrame::Lidar ? T_ego_lidar.inverse()
                                                           : Transform3d{};
    return T_to_ego * T_ego_from;
  };
  for (CuboidLabel& box : labels.boxes) {
    const size_t f = drive_frame(box.frame, box.id);
    const Transform3d T = T_to_from(f, box.timestamp_us);
    box.frame = int64_t(f);
    box.timestamp_us = drive.frames[f].timestamp_us;
    box.box = transform_cuboid(T, box.box);
    if (box.velocity) box.velocity = T.R * *box.velocity;
  }
  const Rig& rig = drive.rigs.front();
  std::map<std::string, const Sensor*> cameras;
  for (const Sensor& s : content.rig.sensors)
    if (s.camera) cameras[s.name] = drive_camera(content.rig, s, rig);
  // Boxes of a camera the drive lacks cannot be its labels: left out, and said so.
  std::map<std::string, int64_t> left_out;
  std::vector<ImageBoxLabel> kept;
  for (ImageBoxLabel& box : labels.boxes_2d) {
    const size_t f = drive_frame(box.frame, box.id);
    const Sensor* camera = cameras.at(box.camera);
    if (!camera) {
      ++left_out[box.camera];
      continue;
    }
    box.camera = camera->name;
    box.frame = int64_t(f);
    if (const SensorSample* sample = drive.associated_sample(f, box.camera)) box.timestamp_us = sample->timestamp_us;
    else box.timestamp_us = drive.frames[f].timestamp_us;
    kept.push_back(std::move(box));
  }
  labels.boxes_2d = std::move(kept);
  for (const auto& [camera, count] : left_out)
    std::fprintf(stderr, "fuselabel: note: %s: %lld 2D boxes of camera %s left out: the drive has no such camera, nor one that projects as it does\n",
                 file.string().c_str(), (long long)count, camera.c_str());
  labels.frame = to;
  return labels;
}

}  // namespace fuselabel
