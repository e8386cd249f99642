#pragma once
// A drive of another format written as a nuScenes dataroot of its own, so that the nuScenes
// devkit (and fuselabel's nuScenes reader) opens it: VERSION/ with the thirteen tables the devkit
// loads and the sensor files they name. One log and one scene; every frame with a LiDAR sweep is
// a sample whose LiDAR keyframe is that sweep; each camera's image nearest the frame (the drive's
// own association) is the sample's keyframe, its other images sweeps; one ego_pose per
// sample_data row (same token), from the drive's poses at the row's time. LiDAR sweeps are
// rewritten as nuScenes .pcd.bin (x y z intensity ring, 0 where the drive has no such field) as
// frames hold them (load_lidar_sweep: deskewed where the drive has per-point times, so the
// points are those export counted in its boxes); images are hard-linked or copied as they are. The annotation tables start empty (visibility has
// nuScenes' four levels); nuscenes_label_writer.h then adds the labels to the written scene.
//
// Not expressible, and left out with a note: radar scans (nuScenes radar PCDs carry fields the
// drive does not have), cameras whose model is no pinhole plus distortion, and samples whose time
// the ego poses do not cover. A camera with lens distortion keeps its K as camera_intrinsic
// (nuScenes images are undistorted): a note says so. Drives without ego poses or without LiDAR
// sweeps are std::invalid_argument (nuScenes boxes are global, its samples are LiDAR keyframes).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/drive.h"
#include "model/frame_assembly.h"

namespace fuselabel::nuscenes {

inline const char* kExportVersion = "v1.0-fuselabel";

struct WrittenDataset {
  std::string version, scene_name;
  // Per drive frame, its sample's index in the written scene (= the LiDAR channel's row index);
  // -1 for a frame that is no sample.
  std::vector<int64_t> sample_of_frame;
  int64_t sample_data = 0;
  std::vector<std::string> notes;  // what was left out, one line each
};

// Writes DATAROOT/VERSION/*.json (atomically) and DATAROOT/{samples,sweeps}/CHANNEL/...; DATAROOT
// is meant to be a staged folder committed whole (io/common/staged_folder.h).
WrittenDataset write_nuscenes_dataset(const Drive& drive, const SampleLoader& loader,
                                      const std::filesystem::path& dataroot);

}  // namespace fuselabel::nuscenes
