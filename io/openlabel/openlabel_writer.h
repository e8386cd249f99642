#pragma once
// A drive's labels written as ASAM OpenLABEL 1.0 JSON (docs/openlabel.md, "Writing"): the
// coordinate systems (world scene_cs when the drive has ego poses, the ego local_cs, one
// sensor_cs per sensor named as its stream), the streams with camera intrinsics, every frame
// with its timestamp, stream times and ego transform, and one object per track with its
// per-frame cuboids and 2D boxes. What fuselabel writes, read_openlabel_file reads back.
#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "model/drive.h"

namespace fuselabel {

inline constexpr const char* kOpenLabelFileName = "openlabel.json";

// Names of the coordinate systems written for the world and the ego frame.
struct OpenLabelNames {
  std::string world = "world";  // scene_cs
  std::string ego = "ego";     // local_cs, ISO 8855 axes
};

// The document. An OpenLABEL frame holds one sample per stream, so a 2D box on a camera sample
// that belongs to no frame (a 12 Hz camera beside a 10 Hz LiDAR) is left out and counted in
// `boxes_outside_frames`. std::invalid_argument for what OpenLABEL cannot hold as written here:
// a drive with a calibration per frame (KITTI object), labels of a frame the drive lacks.
nlohmann::json openlabel_document(const Drive& drive, const LabelSet& labels, const OpenLabelNames& names = {},
                                  int64_t* boxes_outside_frames = nullptr);

// openlabel_document written to `file` atomically; returns the 2D boxes left out. Empty names
// are the defaults: the world is named as the trajectory's world frame (odometry, ENU, ...) or
// "world", the ego "ego".
int64_t write_openlabel(const Drive& drive, const LabelSet& labels, const std::filesystem::path& file,
                        const std::string& world_cs = "", const std::string& ego_cs = "");

}  // namespace fuselabel
