#include "model/ego_trajectory.h"

#include <stdexcept>

#include "model/input_error.h"

namespace fuselabel {

const char* pose_provenance_name(PoseProvenance provenance) {
  switch (provenance) {
    case PoseProvenance::None: return "none";
    case PoseProvenance::Dataset: return "dataset";
    case PoseProvenance::Estimated: return "estimated";
  }
  return "none";
}

Transform3d EgoTrajectory::at(int64_t t_us) const {
  try {
    return interpolate_pose(poses, t_us);
  } catch (const std::out_of_range& e) {
    throw InputError(source, "t = " + std::to_string(t_us) + " us", e.what());
  }
}

}  // namespace fuselabel
