#include "io/kitti_tracking_drive.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <system_error>
#include <utility>

#include "io/image_io.h"
#include "io/input_error.h"
#include "io/kitti_oxts.h"
#include "io/point_file.h"
#include "io/text_tokens.h"

namespace fuselabel {
namespace {

const char* const kCameraName = "image_02";
const char* const kLidarName = "velodyne";
const std::vector<std::string> kVelodyneFields = {"x", "y", "z", "intensity"};
constexpr size_t kSequenceDigits = 4, kFrameDigits = 6;

bool is_existing_directory(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

bool is_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string zero_padded(int number, size_t digits) {
  std::string s = std::to_string(number);
  return std::string(digits > s.size() ? digits - s.size() : 0, '0') + s;
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

KittiTrackingDrive::KittiTrackingDrive(std::filesystem::path root, const std::string& sequence)
    : root_(std::move(root)), sequence_(canonical_sequence(root_, sequence)), labelled_(is_labelled(root_)) {
  const std::filesystem::path listing = listing_dir(root_) / (sequence_ + ".txt");
  std::error_code ec;
  if (!std::filesystem::exists(listing, ec))
    throw InputError(listing, "sequence '" + sequence_ + "'",
                     "no such sequence: " + listing_dir(root_).filename().string() + "/ holds " +
                         joined(sequences(root_)));
  const std::vector<KittiTrackingLabel> labels =
      labelled_ ? read_kitti_tracking_labels(listing) : std::vector<KittiTrackingLabel>{};
  calib_ = read_kitti_calib(root_ / "calib" / (sequence_ + ".txt"));

  const std::filesystem::path velodyne_dir = root_ / "velodyne" / sequence_;
  const std::filesystem::path image_dir = root_ / "image_02" / sequence_;
  const std::vector<int> point_frames = numbered_entries(velodyne_dir, kFrameDigits, ".bin");
  const std::vector<int> image_frames = numbered_entries(image_dir, kFrameDigits, ".png");
  const std::filesystem::path oxts_file = root_ / "oxts" / (sequence_ + ".txt");
  const bool has_oxts = std::filesystem::exists(oxts_file, ec);
  const std::vector<KittiOxtsPacket> packets = has_oxts ? read_kitti_oxts(oxts_file) : std::vector<KittiOxtsPacket>{};

  // Every part that is present says how long the sequence is; the longest wins (labels end
  // at the last annotated frame, point files may have gaps).
  size_t frame_count = packets.size();
  for (const KittiTrackingLabel& label : labels) frame_count = std::max(frame_count, size_t(label.frame) + 1);
  if (!point_frames.empty()) frame_count = std::max(frame_count, size_t(point_frames.back()) + 1);
  if (!image_frames.empty()) frame_count = std::max(frame_count, size_t(image_frames.back()) + 1);
  if (frame_count == 0)
    throw InputError(root_, "sequence '" + sequence_ + "'",
                     "no frames: no label lines, point files, images or OXTS packets for this sequence");

  labels_by_frame_.resize(frame_count);
  for (const KittiTrackingLabel& label : labels) labels_by_frame_[size_t(label.frame)].push_back(label);
  has_points_ = presence(point_frames, is_existing_directory(velodyne_dir), frame_count);
  has_image_ = presence(image_frames, is_existing_directory(image_dir), frame_count);
  if (!image_frames.empty()) {
    const cv::Size size = read_image_size(frame_file("image_02", image_frames.front(), ".png"));
    image_width_ = size.width, image_height_ = size.height;
  }

  if (has_oxts) set_ego_poses(oxts_file, packets);
}

void KittiTrackingDrive::set_ego_poses(const std::filesystem::path& oxts_file,
                                       const std::vector<KittiOxtsPacket>& packets) {
  const size_t frame_count = labels_by_frame_.size();
  if (packets.size() < frame_count)
    throw InputError(oxts_file, "line " + std::to_string(packets.size() + 1),
                     "missing: one packet per frame is needed and the sequence has " + std::to_string(frame_count) +
                         " frames, the file " + std::to_string(packets.size()) + " packets");
  if (!calib_.T_velo_imu)
    throw InputError(root_ / "calib" / (sequence_ + ".txt"), "key Tr_imu_to_velo",
                     "missing (also accepted as Tr_imu_velo): it places the LiDAR in the ego poses of " +
                         oxts_file.string());
  const std::vector<Transform3d> poses = kitti_oxts_poses(packets);
  for (size_t f = 0; f < poses.size(); ++f) ego_poses_.push_back({int64_t(f) * kFramePeriodUs, poses[f]});
}

std::vector<std::string> KittiTrackingDrive::frame_ids() const {
  std::vector<std::string> ids;
  ids.reserve(labels_by_frame_.size());
  for (size_t f = 0; f < labels_by_frame_.size(); ++f) ids.push_back(std::to_string(f));
  return ids;
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
  return root_ / folder / sequence_ / (zero_padded(frame, kFrameDigits) + extension);
}

int KittiTrackingDrive::frame_number(const std::string& id) const {
  const auto number = parse_integer<int>(id);
  // Only the canonical spelling: "07" or "+7" would be a second id for frame 7.
  if (!number || *number < 0 || size_t(*number) >= labels_by_frame_.size() || std::to_string(*number) != id)
    throw InputError(listing_dir(root_) / (sequence_ + ".txt"), "frame '" + id + "'",
                     "unknown frame id: sequence " + sequence_ + " has frames 0.." +
                         std::to_string(int64_t(labels_by_frame_.size()) - 1));
  return *number;
}

FrameData KittiTrackingDrive::load_frame(const std::string& id, bool load_points) const {
  const int f = frame_number(id);
  FrameData frame;
  frame.id = id;
  frame.timestamp_us = int64_t(f) * kFramePeriodUs;
  frame.label_frame = "lidar";
  frame.taxonomy = "kitti";
  if (load_points && !has_points_.empty() && has_points_[size_t(f)]) {
    PointSweep sweep;
    sweep.sensor = kLidarName;
    sweep.timestamp_us = frame.timestamp_us;
    sweep.fields = kVelodyneFields;
    sweep.records = read_float_records(frame_file("velodyne", f, ".bin"), kVelodyneFields);
    frame.lidar = std::move(sweep);
  }

  // KITTI triggers the cameras with the Velodyne, so camera and sweep share the frame's time.
  std::filesystem::path image;
  cv::Size image_size(image_width_, image_height_);
  if (!has_image_.empty() && has_image_[size_t(f)]) {
    image = frame_file("image_02", f, ".png");
    image_size = read_image_size(image);
  }
  frame.cameras.push_back(kitti_left_camera_view(calib_, kCameraName, image, image_size.width, image_size.height));
  frame.cameras.back().timestamp_us = frame.timestamp_us;

  for (const KittiTrackingLabel& label : labels_by_frame_[size_t(f)]) {
    const std::string label_id = sequence_ + ":" + id + ":" + std::to_string(label.object.line);
    const std::string track_id = label.track_id >= 0 ? std::to_string(label.track_id) : "";
    add_kitti_label(label.object, calib_, label_id, track_id, kCameraName, frame);
  }
  return frame;
}

DriveSummary KittiTrackingDrive::summarize() const {
  DriveSummary summary;
  summary.format = format();
  summary.root = root_;
  summary.sensors = {{kLidarName, "lidar"}, {kCameraName, "camera"}};
  summary.frame_ids = frame_ids();
  std::set<int> tracks;
  for (const auto& labels : labels_by_frame_) {
    for (const KittiTrackingLabel& label : labels) {
      ++summary.image_box_labels;
      ++summary.labels_per_class[label.object.type];  // DontCare regions included, as KITTI lists them
      if (label.object.type == "DontCare") continue;
      ++summary.cuboid_labels;
      tracks.insert(label.track_id);
    }
  }
  summary.tracks = int64_t(tracks.size());
  return summary;
}

}  // namespace fuselabel
