#pragma once
// What `fuselabel inspect` answers for one labelled frame: per cuboid its LiDAR and radar
// point counts, and per camera the tight 2D box of what the camera sees of it and the share of
// its LiDAR points that are not occluded. One batched kernel call per question for a whole
// batch of frames, on sweeps uploaded once (project_frames).
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "fusion/frame_projection.h"
#include "model/frame.h"
#include "model/frame_assembly.h"

namespace fuselabel {

// Fewer LiDAR points than this say too little about how much of an object is visible: levels
// derived from visible shares (KITTI occlusion, nuScenes visibility) are then left as labelled.
constexpr int kMinPointsForVisibleShare = 10;

struct CuboidInCamera {
  Box2<double> box;
  double visible_fraction = 0;  // of the cuboid's LiDAR points, the share owning their pixel
};

struct CuboidInspection {
  int32_t num_lidar_pts = 0;
  int32_t num_radar_pts = 0;
  std::vector<std::optional<CuboidInCamera>> cameras;  // per FrameData::cameras; empty: not visible
};

struct FrameInspection {
  std::vector<CuboidInspection> cuboids;  // per FrameData::cuboids
  std::vector<Cuboidd> cuboids_in_lidar;  // the labels moved into the LiDAR frame
  std::vector<int32_t> lidar_point_cuboid;  // per LiDAR point: owning cuboid (smallest), or -1
  std::vector<CameraProjection> projections;
};

// Every frame of the batch at once; results per frame equal inspect_frame's.
std::vector<FrameInspection> inspect_frames(Workspace& ws, const std::vector<const FrameData*>& frames);
FrameInspection inspect_frame(Device device, const FrameData& frame);

// Frames `frames` (indices into drive.frames, in order) assembled `batch` at a time, with points
// where the frame has a sweep, each batch inspected in one call; `visit` gets every frame with its
// inspection, in order. For jobs over a whole drive (prelabel's outputs, export's evidence).
void inspect_drive_frames(Workspace& ws, const Drive& drive, const SampleLoader& loader, const std::vector<size_t>& frames,
                          size_t batch, const std::function<void(const FrameData&, const FrameInspection&)>& visit);

// boxes.json (docs/formats.md): centres and rotations in the frame's label frame.
std::string inspection_json(const FrameData& frame, const FrameInspection& inspection);

// OUT/boxes.json and, per camera, OUT/CAM_boxes.jpg: points coloured by owning cuboid, cuboid
// wireframes and their 2D boxes.
void write_inspection_outputs(const std::filesystem::path& out_dir, const FrameData& frame,
                              const FrameInspection& inspection);

}  // namespace fuselabel
