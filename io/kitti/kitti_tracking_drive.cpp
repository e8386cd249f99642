#include "io/kitti/kitti_tracking_drive.h"

#include <algorithm>
#include <cctype>
#include <system_error>
#include <utility>

#include "io/common/image_io.h"
#include "model/input_error.h"
#include "io/kitti/kitti_oxts.h"
#include "io/kitti/kitti_label_writer.h"
#include "io/common/point_file.h"
#include "io/common/text_tokens.h"

namespace fuselabel {
namespace {

constexpr size_t kSequenceDigits = 4, kFrameDigits = 6;

bool is_existing_directory(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

bool is_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Numbers of the entries of `dir` named by exactly `digits` digits plus `extension` (folders
// when `extension` is empty), sorted; other entries (a README, a .DS_Store) are not frames.
// An absent `dir` has none.
std::vector<int> numbered_entries(const std::filesystem::path& dir, size_t digits, const std::string& extension) {
  std::vector<int> numbers;
  if (!is_existing_directory(dir)) return numbers;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::filesystem::path& path = it->path();
    const std::string stem = extension.empty() ? path.filename().string() : path.stem().string();
    if (stem.size() != digits || !is_digits(stem)) continue;
    if (extension.empty() ? !is_existing_directory(path) : path.extension() != extension) continue;
    numbers.push_back(std::stoi(stem));
  }
  if (ec) throw InputError(dir, "", "cannot list: " + ec.message());
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

std::string joined(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
  return list.empty() ? "none" : list;
}

// Per-frame flags of the numbered files in `dir`, or empty when the folder is absent.
std::vector<bool> presence(const std::vector<int>& frames, bool folder_exists, size_t frame_count) {
  if (!folder_exists) return {};
  std::vector<bool> present(frame_count, false);
  for (int f : frames) present[static_cast<size_t>(f)] = true;
  return present;
}

bool is_labelled(const std::filesystem::path& root) { return is_existing_directory(root / "label_02"); }

// The folder whose SSSS.txt files make the sequences: label_02/, or calib/ in a folder without
// labels (the benchmark's testing split).
std::filesystem::path listing_dir(const std::filesystem::path& root) {
  return root / (is_labelled(root) ? "label_02" : "calib");
}

// `sequence` as SSSS ("5" -> "0005"); throws InputError when it is empty or not a number.
std::string canonical_sequence(const std::filesystem::path& root, const std::string& sequence) {
  if (sequence.empty())
    throw InputError(root, "sequence",
                     "missing: a KITTI tracking folder holds several sequences, choose one (--sequence SSSS) of " +
                         joined(KittiTrackingDrive::sequences(root)));
  if (!is_digits(sequence) || sequence.size() > kSequenceDigits)
    throw InputError(root, "sequence '" + sequence + "'", "expected up to four digits, e.g. 0005");
  return zero_padded(std::stoi(sequence), kSequenceDigits);
}

}  // namespace

std::vector<std::string> KittiTrackingDrive::sequences(const std::filesystem::path& root) {
  std::vector<std::string> names;
  for (int s : numbered_entries(listing_dir(root), kSequenceDigits, ".txt"))
    names.push_back(zero_padded(s, kSequenceDigits));
  return names;
}

bool KittiTrackingDrive::recognises(const std::filesystem::path& dir) {
  return is_existing_directory(dir / "label_02") || !numbered_entries(dir / "oxts", kSequenceDigits, ".txt").empty() ||
         !numbered_entries(dir / "velodyne", kSequenceDigits, "").empty() ||
         !numbered_entries(dir / "image_02", kSequenceDigits, "").empty();
}

KittiTrackingDrive::KittiTrackingDrive(std::filesystem::path folder, const std::string& sequence)
    : sequence_(canonical_sequence(folder, sequence)), labelled_(is_labelled(folder)) {
  drive_.format = "kitti-tracking";
  drive_.root = std::move(folder);
  drive_.name = sequence_;
  const std::filesystem::path& root = drive_.root;
  const std::filesystem::path listing = listing_dir(root) / (sequence_ + ".txt");
  std::error_code ec;
  if (!std::filesystem::exists(listing, ec))
    throw InputError(listing, "sequence '" + sequence_ + "'",
                     "no such sequence: " + listing_dir(root).filename().string() + "/ holds " +
                         joined(sequences(root)));
  const std::vector<KittiTrackingLabel> labels =
      labelled_ ? read_kitti_tracking_labels(listing) : std::vector<KittiTrackingLabel>{};
  calib_ = read_kitti_calib(root / "calib" / (sequence_ + ".txt"));

  const std::filesystem::path velodyne_dir = root / "velodyne" / sequence_;
  const std::filesystem::path image_dir = root / "image_02" / sequence_;
  const std::vector<int> point_frames = numbered_entries(velodyne_dir, kFrameDigits, ".bin");
  const std::vector<int> image_frames = numbered_entries(image_dir, kFrameDigits, ".png");
  const std::filesystem::path oxts_file = root / "oxts" / (sequence_ + ".txt");
  const bool has_oxts = std::filesystem::exists(oxts_file, ec);
  const std::vector<KittiOxtsPacket> packets = has_oxts ? read_kitti_oxts(oxts_file) : std::vector<KittiOxtsPacket>{};

  // Every part that is present says how long the sequence is; the longest wins (labels end
  // at the last annotated frame, point files may have gaps).
  size_t frame_count = packets.size();
  for (const KittiTrackingLabel& label : labels) frame_count = std::max(frame_count, size_t(label.frame) + 1);
  if (!point_frames.empty()) frame_count = std::max(frame_count, size_t(point_frames.back()) + 1);
  if (!image_frames.empty()) frame_count = std::max(frame_count, size_t(image_frames.back()) + 1);
  if (frame_count == 0)
    throw InputError(root, "sequence '" + sequence_ + "'",
                     "no frames: no label lines, point files, images or OXTS packets for this sequence");
  has_points_ = presence(point_frames, is_existing_directory(velodyne_dir), frame_count);
  if (has_oxts) set_ego_poses(oxts_file, packets, frame_count);
  add_frames(labels, image_frames, frame_count);
}

void KittiTrackingDrive::add_frames(const std::vector<KittiTrackingLabel>& labels, const std::vector<int>& image_frames, size_t frame_count) {
  cv::Size image_size(kDefaultImageWidth, kDefaultImageHeight);
  if (!image_frames.empty()) image_size = read_image_size(frame_file("image_02", image_frames.front(), ".png"));
  const Transform3d T_ego_velo = T_ego_lidar().value_or(Transform3d{});
  drive_.rigs.push_back(kitti_rig(calib_, kLidarName, kCameraName, image_size.width, image_size.height, T_ego_velo));
  const std::vector<bool> has_image = presence(image_frames, !image_frames.empty(), frame_count);
  SensorTimeline& lidar = drive_.timelines[kLidarName];
  SensorTimeline& camera = drive_.timelines[kCameraName];
  lidar.sensor = kLidarName, camera.sensor = kCameraName;
  drive_.associate_by_time = false;  // KITTI triggers the cameras with the Velodyne: same frame, same time
  for (size_t f = 0; f < frame_count; ++f) {
    const int64_t t = int64_t(f) * kFramePeriodUs;
    DriveFrame frame{std::to_string(f), t, 0, -1, {}};
    if (!has_points_.empty() && has_points_[f]) {
      frame.lidar_sample = int64_t(lidar.samples.size());
      lidar.add({t, frame_file("velodyne", int(f), ".bin"), {}, {}});
    }
    // A frame without its image still has the camera (labels project into it).
    frame.samples[kCameraName] = int64_t(camera.samples.size());
    camera.add({t, has_image.empty() || !has_image[f] ? std::filesystem::path() : frame_file("image_02", int(f), ".png"),
                {}, {}});
    drive_.frames.push_back(std::move(frame));
  }
  drive_.labels = label_set(labels);
}

void KittiTrackingDrive::set_ego_poses(const std::filesystem::path& oxts_file,
                                       const std::vector<KittiOxtsPacket>& packets, size_t frame_count) {
  if (packets.size() < frame_count)
    throw InputError(oxts_file, "line " + std::to_string(packets.size() + 1),
                     "missing: one packet per frame is needed and the sequence has " + std::to_string(frame_count) +
                         " frames, the file " + std::to_string(packets.size()) + " packets");
  if (!calib_.T_velo_imu)
    throw InputError(drive_.root / "calib" / (sequence_ + ".txt"), "key Tr_imu_to_velo",
                     "missing (also accepted as Tr_imu_velo): it places the LiDAR in the ego poses of " +
                         oxts_file.string());
  const std::vector<Transform3d> poses = kitti_oxts_poses(packets);
  EgoTrajectory& trajectory = drive_.trajectory;
  trajectory.provenance = PoseProvenance::Dataset;
  trajectory.world_frame = "odometry";  // the IMU frame of frame 0
  trajectory.source = oxts_file;
  for (size_t f = 0; f < poses.size(); ++f) trajectory.poses.push_back({int64_t(f) * kFramePeriodUs, poses[f]});
}

std::optional<Transform3d> KittiTrackingDrive::T_ego_lidar() const {
  if (!calib_.T_velo_imu) return std::nullopt;
  return calib_.T_velo_imu->inverse();
}

std::vector<int> KittiTrackingDrive::frames_without_points() const {
  std::vector<int> frames;
  for (size_t f = 0; f < has_points_.size(); ++f)
    if (!has_points_[f]) frames.push_back(int(f));
  return frames;
}

std::filesystem::path KittiTrackingDrive::frame_file(const char* folder, int frame, const char* extension) const {
  return drive_.root / folder / sequence_ / (zero_padded(frame, kFrameDigits) + extension);
}

size_t KittiTrackingDrive::frame_index(const std::string& id) const {
  const auto number = parse_integer<int>(id);
  const size_t count = drive_.frames.size();
  // Only the canonical spelling: "07" or "+7" would be a second id for frame 7.
  if (!number || *number < 0 || size_t(*number) >= count || std::to_string(*number) != id)
    throw InputError(listing_dir(drive_.root) / (sequence_ + ".txt"), "frame '" + id + "'",
                     "unknown frame id: sequence " + sequence_ + " has frames 0.." + std::to_string(int64_t(count) - 1));
  return size_t(*number);
}

void KittiTrackingDrive::write_labels(const LabelSet& labels, const std::filesystem::path& dir) const {
  const auto calib = [this](int64_t) -> const KittiCalib& { return calib_; };
  write_kitti_tracking_labels(dir / "label_02" / (sequence_ + ".txt"),
                              kitti_label_lines(labels, calib, KittiLabelFlavour::Tracking));
}

PointSweep KittiTrackingDrive::load_points(const Sensor&, const SensorSample& sample) const {
  return read_kitti_velodyne(sample.file);
}

}  // namespace fuselabel
