#include "model/drive.h"

#include <utility>

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

std::vector<int64_t> frames_of_image_boxes(const Drive& drive, const std::vector<ImageBoxLabel>& boxes) {
  std::map<std::pair<std::string, int64_t>, int64_t> frame_of_sample;  // (camera, time) -> first frame
  bool indexed = false;
  std::vector<int64_t> frames;
  frames.reserve(boxes.size());
  for (const ImageBoxLabel& box : boxes) {
    if (box.frame >= 0) {
      frames.push_back(box.frame);
      continue;
    }
    if (!indexed) {
      for (size_t f = 0; f < drive.frames.size(); ++f)
        for (const auto& [sensor, timeline] : drive.timelines)
          if (const SensorSample* sample = drive.associated_sample(f, sensor))
            frame_of_sample.emplace(std::make_pair(sensor, sample->timestamp_us), int64_t(f));
      indexed = true;
    }
    const auto found = frame_of_sample.find({box.camera, box.timestamp_us});
    frames.push_back(found == frame_of_sample.end() ? -1 : found->second);
  }
  return frames;
}

}  // namespace fuselabel
