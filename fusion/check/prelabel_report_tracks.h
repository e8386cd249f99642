#pragma once
// What the propagation_drift check reads of `prelabel`'s report (OUT/prelabel_report.json,
// docs/prelabel.md): per track, each written cuboid's source and LiDAR fit, and the frames
// prelabel asks to re-key.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/drive_reader.h"

namespace fuselabel {

struct PropagatedFrame {
  int64_t frame = 0;  // index into Drive::frames
  LabelSource source = LabelSource::Keyframe;
  std::optional<double> fit_score;      // where the refinement scored it on a sweep
  std::optional<int64_t> lidar_points;  // likewise
};

struct PropagatedTrack {
  std::string track_id;
  std::vector<PropagatedFrame> frames;
  std::vector<int64_t> flagged_frames;  // to re-key: the cuboid's LiDAR support collapsed
};

struct PrelabelReportTracks {
  std::filesystem::path file;
  std::vector<PropagatedTrack> tracks;
};

// Reads the tracks of a prelabel_report.json of the drive `reader` opened: InputError naming the
// file and JSON path for a field of the wrong type, an unknown source or a frame id the drive
// does not have.
PrelabelReportTracks read_prelabel_report_tracks(const std::filesystem::path& file, const DriveReader& reader);

}  // namespace fuselabel
