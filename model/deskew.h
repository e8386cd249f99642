#pragma once
// Deskewing a native LiDAR sweep: a spinning LiDAR measures its points over ~0.1 s while the
// vehicle moves, so each point is moved from the LiDAR frame at its own measurement time
// (sample time + t_offset) into the LiDAR frame at the sample time:
//   p0 = T_lidar_ego * T_world_ego(t0)^-1 * T_world_ego(t0 + t_offset) * T_ego_lidar * p.
#include <cstdint>
#include <filesystem>
#include <functional>

#include "model/frame.h"
#include "projection/transform.h"

namespace fuselabel {

// Spacing of the times at which the correction is composed exactly (in double); between them
// it is blended linearly, which at 50 us is exact to far below 1e-4 m (docs/native-drive.md).
constexpr int64_t kDeskewStepUs = 50;
// A point measured farther than this from its sample time is corrupt (a rotation takes ~0.1 s).
constexpr int64_t kMaxPointOffsetUs = 1'000'000;

// Rewrites x y z of every record of `sweep` (fields x y z ... t_offset, t_offset in seconds).
// `pose_at` returns T_world_ego at a time (throwing for times without a pose). Throws
// InputError naming `file` for an offset beyond kMaxPointOffsetUs.
void deskew_sweep(PointSweep& sweep, const Transform3d& T_ego_lidar,
                  const std::function<Transform3d(int64_t)>& pose_at, const std::filesystem::path& file);

}  // namespace fuselabel
