#pragma once
// A tiny KITTI tracking folder written by the tests: one sequence with labels, calibration,
// point files, images and OXTS packets, each part optional.
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "io/drive_reader.h"
#include "io/common/image_io.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/kitti/kitti_tracking_drive.h"
#include "io/common/point_file.h"
#include "io/io_test_support.h"

namespace fuselabel::testing {

// Frames 0 and 2 are labelled, frame 1 has no label lines, frame 3 exists through its files.
inline const char* const kTrackingLabels =
    "0 -1 DontCare -1 -1 -10.000000 219.310000 188.490000 245.500000 218.560000 -1000.000000 -1000.000000 "
    "-1000.000000 -10.000000 -1.000000 -1.000000 -1.000000\n"
    "0 0 Car 0 0 -1.57 599.41 156.40 629.75 189.25 2.85 2.63 12.34 0.47 1.49 69.44 -1.56\n"
    "0 1 Pedestrian 1 1 0.21 423.17 173.67 433.17 224.03 1.60 0.38 0.30 -5.12 1.71 18.76 0.13\n"
    "2 0 Car 0 0 -1.57 600.00 156.00 630.00 189.00 2.85 2.63 12.34 0.47 1.49 68.44 -1.56\n"
    "2 4 Person 2 1 0.40 700.00 150.00 720.00 210.00 1.20 0.60 0.80 2.00 1.60 20.00 0.40\n";

struct SequenceParts {
  bool points = true, images = true, oxts = true;
};

// Packet f: 1 m further north than packet 0, facing north, all else constant.
inline std::string oxts_text(int packets) {
  const double pi = std::acos(-1.0);
  std::string text;
  for (int f = 0; f < packets; ++f) {
    char line[400];
    std::snprintf(line, sizeof line,
                  "%.14f 8.43 115.0 0 0 %.9f 10 0 10 0 0 0 0 9.8 0 0 9.8 0 0 0 0 0 0 0.3 0.05 4 9 5 5 6\n",
                  48.98 + f * 180 / (pi * 6378137.0), pi / 2);
    text += line;
  }
  return text;
}

inline void write_sequence(const std::filesystem::path& root, const std::string& sequence, SequenceParts parts) {
  write_kitti_calib(root / "calib" / (sequence + ".txt"), orthonormal_calib());
  write_text(root / "label_02" / (sequence + ".txt"), kTrackingLabels);
  for (int f = 0; f < 4; ++f) {
    const std::string name = "00000" + std::to_string(f);
    if (parts.points) {
      std::vector<float> points;
      for (int i = 0; i < 10 * (f + 1); ++i) points.insert(points.end(), {float(i), float(f), -1.5f, 0.5f});
      write_float_records(root / "velodyne" / sequence / (name + ".bin"), points, 4);
    }
    if (parts.images)
      write_image(root / "image_02" / sequence / (name + ".png"), cv::Mat(48, 64, CV_8UC3, cv::Scalar(1, 2, 3)));
  }
  if (parts.oxts) write_text(root / "oxts" / (sequence + ".txt"), oxts_text(4));
}

inline std::unique_ptr<DriveReader> open_sequence(const std::filesystem::path& root, const std::string& sequence) {
  DriveOptions options;
  options.path = root;
  options.selectors["sequence"] = sequence;
  return open_drive(options);
}

inline const KittiTrackingDrive& as_tracking(const std::unique_ptr<DriveReader>& drive) {
  return dynamic_cast<const KittiTrackingDrive&>(*drive);
}

}  // namespace fuselabel::testing
