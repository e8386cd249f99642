#include "model/drive.h"

namespace fuselabel {

const SensorSample* Drive::associated_sample(size_t frame_index, const std::string& sensor) const {
  const DriveFrame& frame = frames.at(frame_index);
  const auto timeline = timelines.find(sensor);
  if (timeline == timelines.end()) return nullptr;
  const auto own = frame.samples.find(sensor);
  if (own != frame.samples.end()) return &timeline->second.samples.at(size_t(own->second));
  if (!associate_by_time) return nullptr;
  const int64_t nearest = nearest_timestamp(timeline->second.timestamps, frame.timestamp_us, association_window_us);
  return nearest < 0 ? nullptr : &timeline->second.samples[size_t(nearest)];
}

Transform3d Drive::pose_of(const SensorSample& sample) const {
  return sample.T_world_ego ? *sample.T_world_ego : trajectory.at(sample.timestamp_us);
}

}  // namespace fuselabel
