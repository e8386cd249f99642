#pragma once
// An ASAM OpenLABEL 1.0 JSON file read into the model (docs/openlabel.md): its coordinate
// systems become the rig and the ego trajectory, its streams the sensors, its frames the
// drive's frames and its objects a label set. Shared by the OpenLABEL drive and by `--labels
// file.json` for drives of other formats.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "model/ego_trajectory.h"
#include "model/labels.h"
#include "model/rig.h"

namespace fuselabel {

// Frames without a timestamp are frame number x this apart (KITTI's and most drives' 10 Hz).
constexpr int64_t kOpenLabelDefaultFramePeriodUs = 100'000;

struct OpenLabelFrameInfo {
  int64_t number = 0;  // the frame's key in `frames`
  int64_t timestamp_us = 0;
  // frame_properties.streams[NAME].sync.timestamp, where given.
  std::map<std::string, int64_t> stream_timestamps_us;
};

struct OpenLabelContent {
  std::string name;      // metadata.name, else the file's stem
  std::string world_cs;  // the root coordinate system when the file poses the ego in it, else ""
  std::string ego_cs;    // the local_cs (the root when there is none); "" without coordinate systems
  bool has_timestamps = false;  // false: frame number x kOpenLabelDefaultFramePeriodUs
  Rig rig;
  EgoTrajectory trajectory;
  std::vector<OpenLabelFrameInfo> frames;  // by frame number
  // In the world frame (world_cs) when the trajectory has poses, else in the ego frame; `frame`
  // of each label indexes `frames`.
  LabelSet labels;
};

// Reads and validates the whole file. InputError naming the file and the JSON path
// ("openlabel.frames.12.objects.3.object_data.cuboid[0].val") for anything invalid.
OpenLabelContent read_openlabel_file(const std::filesystem::path& file);

// True when `path` is a regular file that starts (after white space) with {"openlabel"; reads
// only its head.
bool is_openlabel_file(const std::filesystem::path& path);

}  // namespace fuselabel
