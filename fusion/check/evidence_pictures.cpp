#include "fusion/check/evidence_pictures.h"

#include <map>

#include "fusion/check/evidence_drawing.h"
#include "io/common/image_io.h"
#include "model/frame_assembly.h"

namespace fuselabel {

EvidenceSubject EvidenceSubject::of(const CheckInputs& inputs, const Flag& flag) {
  EvidenceSubject s;
  s.frame = flag.frame;
  s.timestamp_us = flag.timestamp_us;
  s.position = flag.position;
  s.primary_track = flag.track_id;
  for (const std::string& t : {flag.track_id, flag.other_track_id})
    if (!t.empty()) s.tracks.insert(t);
  for (size_t start = 0; !flag.label_id.empty() && start <= flag.label_id.size();) {
    const size_t bar = std::min(flag.label_id.find('|', start), flag.label_id.size());
    s.labels.insert(flag.label_id.substr(start, bar - start));
    start = bar + 1;
  }
  const Sensor* camera = inputs.drive().rigs.empty() ? nullptr : inputs.drive().rigs.front().find(flag.sensor);
  if (camera && camera->camera) s.camera = flag.sensor;
  // A finding about a whole track is shown at the middle of the track.
  if (s.frame < 0)
    if (const TrackSeries* track = inputs.track(flag.track_id))
      s.frame = track->observations[track->observations.size() / 2].frame;
  return s;
}

bool EvidenceSubject::names(const CuboidLabel& label) const {
  return label.track_id.empty() ? labels.count(label.id) > 0 : tracks.count(label.track_id) > 0;
}

bool EvidenceSubject::names(const ImageBoxLabel& box) const {
  if (!box.track_id.empty()) return tracks.count(box.track_id) > 0;
  return labels.count(box.id) > 0 || (!box.cuboid_id.empty() && labels.count(box.cuboid_id) > 0);
}

void write_evidence_pictures(const CheckInputs& inputs, const DriveReader& reader, std::vector<Flag>& flags,
                             const std::filesystem::path& dir, const EvidenceLimits& limits) {
  // The flags to picture, by frame, so each frame's sweep is read once.
  std::map<int64_t, std::vector<std::pair<size_t, EvidenceSubject>>> by_frame;
  for (size_t i = 0; i < flags.size() && i < limits.max_flags; ++i) {
    EvidenceSubject s = EvidenceSubject::of(inputs, flags[i]);
    if (s.frame >= 0) by_frame[s.frame].emplace_back(i, std::move(s));
  }
  if (by_frame.empty()) return;
  std::filesystem::create_directories(dir / "evidence");
  std::map<std::string, int> names;  // a picture's name is its flag's id, numbered if two flags share it
  for (const auto& [frame_index, subjects] : by_frame) {
    const FrameData frame = assemble_frame(inputs.drive(), size_t(frame_index), reader, inputs.has_lidar());
    for (const auto& [i, subject] : subjects) {
      Flag& flag = flags[i];
      const int seen = names[flag.id]++;
      const std::string stem = "evidence/" + flag.id + (seen ? "-" + std::to_string(seen) : "");
      if (flag.check == "calibration_drift") {
        for (const auto& [name, picture] : calibration_evidence(inputs, flag)) {
          write_image(dir / (stem + "_" + name + ".jpg"), picture, 88);
          flag.evidence.push_back(stem + "_" + name + ".jpg");
        }
        continue;
      }
      if (const auto camera = camera_evidence(inputs, frame, subject)) {
        write_image(dir / (stem + "_camera.jpg"), *camera, 88);
        flag.evidence.push_back(stem + "_camera.jpg");
      }
      if (const auto bev = bev_evidence(inputs, frame, subject, limits.neighbour_frames)) {
        write_image(dir / (stem + "_bev.png"), *bev);
        flag.evidence.push_back(stem + "_bev.png");
      }
    }
  }
}

}  // namespace fuselabel
