#include "fusion/prelabel/prelabel_report.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

namespace fuselabel {
namespace {

using Json = nlohmann::ordered_json;

Json frame_ids(const Drive& drive, const std::vector<int64_t>& frames) {
  Json ids = Json::array();
  for (int64_t f : frames) ids.push_back(drive.frames[f].id);
  return ids;
}

const char* ego_motion_source(const Drive& drive, const LabelSet& labels, const EgoMotionEstimate& estimate) {
  if (estimate.used) return "estimated from static tracks";
  if (labels.frame == LabelFrame::World) return "labels in the world frame";
  return drive.trajectory.has_poses() ? "drive poses" : "none";
}

Json track_json(const Drive& drive, const TrackPropagation& t, size_t number,
                const std::map<int64_t, const CuboidLabel*>& cuboids) {
  Json frames = Json::array(), stretches = Json::array();
  Json* open = nullptr;
  for (int64_t f = t.first_frame; f >= 0 && f <= t.last_frame; ++f) {
    const auto found = cuboids.find(f);
    if (found == cuboids.end()) continue;
    const CuboidLabel& c = *found->second;
    Json frame = {{"frame", drive.frames[f].id}, {"source", label_source_name(c.source)}, {"confidence", c.confidence}};
    const size_t i = size_t(f - t.first_frame);
    if (i < t.fit_scores.size() && t.lidar_points[i] >= 0) {
      frame["fit_score"] = t.fit_scores[i];
      frame["lidar_points"] = t.lidar_points[i];
    }
    frames.push_back(frame);
    const std::string kind = c.source == LabelSource::Keyframe       ? ""
                             : c.source == LabelSource::Extrapolated ? "extrapolated"
                                                                     : "interpolated";
    if (kind.empty()) {
      open = nullptr;
    } else if (open && (*open)["kind"] == kind) {
      (*open)["last"] = drive.frames[f].id;
    } else {
      stretches.push_back({{"kind", kind}, {"first", drive.frames[f].id}, {"last", drive.frames[f].id}});
      open = &stretches.back();
    }
  }
  return {{"number", number},
          {"track_id", t.track_id},
          {"class", t.class_name},
          {"motion_frame", t.motion_frame},
          {"moving", t.moving},
          {"keyframes", frame_ids(drive, t.keyframes)},
          {"stretches", stretches},
          {"flagged_frames", frame_ids(drive, t.flagged_frames)},
          {"frames", frames}};
}

}  // namespace

std::string prelabel_report_json(const Drive& drive, const PropagationResult& result, const PrelabelRunInfo& run,
                                 const PrelabelCounts& counts) {
  std::map<std::string, std::map<int64_t, const CuboidLabel*>> by_track;
  std::map<std::string, int64_t> sources;
  for (const CuboidLabel& c : result.labels.boxes) {
    if (!c.track_id.empty()) by_track[c.track_id][c.frame] = &c;
    ++sources[label_source_name(c.source)];
  }
  Json tracks = Json::array();
  for (size_t i = 0; i < result.report.tracks.size(); ++i) {
    const TrackPropagation& t = result.report.tracks[i];
    tracks.push_back(track_json(drive, t, i + 1, by_track[t.track_id]));
  }
  const EgoMotionEstimate& ego = result.report.ego_estimate;
  const Json doc = {
      {"drive", drive.root.string()},
      {"format", drive.format},
      {"labels", run.labels},
      {"extend", run.extend},
      {"refine", run.refine},
      {"smooth_keys", run.smooth_keys},
      {"device", run.device},
      {"frames", drive.frames.size()},
      {"ego_motion",
       {{"source", ego_motion_source(drive, result.labels, ego)},
        {"frames_with_too_few_static_tracks", frame_ids(drive, ego.frames_with_too_few_static_tracks)},
        {"static_tracks", ego.static_tracks}}},
      {"cuboids", sources},
      {"image_boxes_added", counts.image_boxes_added},
      {"cuboids_outside_cameras", counts.cuboids_outside_cameras},
      {"point_files", counts.point_files},
      {"labelled_points", counts.labelled_points},
      {"tracks", tracks}};
  return doc.dump(2) + "\n";
}

}  // namespace fuselabel
