// track_identity: one id on two cuboids of a frame; two tracks that swap identities (each jumps
// to where the other was heading, and continues from there); a track with gaps of unlabelled
// frames; one object split over two tracks (a track that starts, with the same class, where
// another one just ended).
#include <algorithm>
#include <cmath>
#include <map>

#include "fusion/check/label_checks.h"
#include "fusion/check/track_predictions.h"

namespace fuselabel {
namespace {

struct Jump {
  const TrackSeries* track;
  double x, y;            // where the track is at the frame
  double from_x, from_y;  // where its past predicted it
};

class TrackIdentityCheck : public Check {
 public:
  std::string name() const override { return "track_identity"; }
  std::string summary() const override {
    return "duplicate ids in a frame, two tracks swapping identities, tracks with gaps, objects split over two tracks";
  }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"jump_m", "smallest miss of a track's prediction that may be a swap (m)", 0.1, 1000, 1.0, {}},
        {"match_m", "how close each swapped track lands to the other's prediction (m)", 0.01, 1000, 1.0, {}},
        {"window", "cuboids a track's past is predicted from", 2, 50, 3, {}},
        {"max_gap_s", "cuboids further apart in time do not predict each other (s)", 0.01, 100, 0.35, {}},
        {"gap_frames", "unlabelled frames inside a track reported as a gap", 1, 1e6, 1, {}},
        {"split_frames", "most frames between a track's end and another's start for a split", 1, 1e6, 10, {}},
        {"split_m", "how close the new track starts to the old one's extrapolated end (m)", 0.01, 1000, 1.5, {}},
    };
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    return inputs.tracks().empty() ? "needs tracked cuboids" : "";
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    duplicates(inputs, flags);
    swaps(inputs, s, flags);
    gaps_and_splits(inputs, s, flags);
  }

 private:
  void duplicates(const CheckInputs& inputs, std::vector<Flag>& flags) const {
    std::map<std::pair<int64_t, std::string>, int> count;
    for (const CuboidLabel& b : inputs.labels().boxes)
      if (!b.track_id.empty()) ++count[{b.frame, b.track_id}];
    for (const auto& [key, n] : count) {
      if (n < 2) continue;
      Flag f = make_flag(inputs, name(), "duplicate_id", Severity::Error, key.first, key.second,
                         std::to_string(n) + " cuboids carry this track id in one frame");
      f.metrics = {{"cuboids", double(n)}};
      f.score = n;
      flags.push_back(std::move(f));
    }
  }

  void swaps(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const {
    std::map<int64_t, std::vector<Jump>> jumps;  // by frame
    for (const TrackSeries& track : inputs.tracks()) {
      const TrackPredictions p = predict_track(track, int(s.get("window")), s.get("max_gap_s"));
      for (size_t k = 0; k < p.size(); ++k)
        if (p.left_error(k) > s.get("jump_m"))
          jumps[track.observations[p.observation[k]].frame].push_back(
              {&track, p.x[k], p.y[k], p.left[k]->x, p.left[k]->y});
    }
    const double match = s.get("match_m");
    for (const auto& [frame, at] : jumps)
      for (size_t i = 0; i < at.size(); ++i)
        for (size_t j = i + 1; j < at.size(); ++j) {
          const Jump& a = at[i];
          const Jump& b = at[j];
          const double ab = std::hypot(a.x - b.from_x, a.y - b.from_y), ba = std::hypot(b.x - a.from_x, b.y - a.from_y);
          if (ab > match || ba > match) continue;
          const bool a_first = a.track->track_id < b.track->track_id;
          const std::string& first = a_first ? a.track->track_id : b.track->track_id;
          Flag f = make_flag(inputs, name(), "identity_swap", Severity::Error, frame, first,
                             "tracks " + a.track->track_id + " and " + b.track->track_id +
                                 " swap identities here: each continues where the other was heading");
          f.other_track_id = a_first ? b.track->track_id : a.track->track_id;
          f.metrics = {{"miss_m", std::max(ab, ba)}, {"jump_m", std::hypot(a.x - a.from_x, a.y - a.from_y)}};
          f.score = 1 + match / std::max(std::max(ab, ba), 1e-3);
          flags.push_back(std::move(f));
        }
  }

  void gaps_and_splits(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const {
    const int64_t gap_frames = int64_t(s.get("gap_frames")), split_frames = int64_t(s.get("split_frames"));
    for (const TrackSeries& track : inputs.tracks()) {
      const auto& obs = track.observations;
      for (size_t k = 1; k < obs.size(); ++k) {
        const int64_t missing = obs[k].frame - obs[k - 1].frame - 1;
        if (missing < gap_frames) continue;
        Flag f = make_flag(inputs, name(), "gap", Severity::Info, obs[k].frame, track.track_id,
                           "the track is unlabelled for " + std::to_string(missing) + " frames before this one");
        f.metrics = {{"missing_frames", double(missing)}};
        flags.push_back(std::move(f));
      }
    }
    // A split: track B starts after track A ends, with A's class, where A's last motion leads.
    for (const TrackSeries& a : inputs.tracks()) {
      const TrackObservation& end = a.observations.back();
      if (!end.box) continue;
      Vec3<double> velocity{0, 0, 0};
      if (a.observations.size() >= 2) {
        const TrackObservation& prev = a.observations[a.observations.size() - 2];
        const double dt = double(end.timestamp_us - prev.timestamp_us) * 1e-6;
        if (prev.box && dt > 0) velocity = (1 / dt) * (end.box->center - prev.box->center);
      }
      for (const TrackSeries& b : inputs.tracks()) {
        const TrackObservation& start = b.observations.front();
        const int64_t gap = start.frame - end.frame;
        if (&a == &b || gap < 1 || gap > split_frames || b.class_name != a.class_name || !start.box ||
            a.in_label_frame != b.in_label_frame)
          continue;
        const double dt = double(start.timestamp_us - end.timestamp_us) * 1e-6;
        const Vec3<double> expected = end.box->center + dt * velocity;
        const double miss = std::hypot(start.box->center.x - expected.x, start.box->center.y - expected.y);
        if (miss > s.get("split_m")) continue;
        Flag f = make_flag(inputs, name(), "split_track", Severity::Warning, start.frame, b.track_id,
                           "starts " + fixed(miss, 2) + " m from where track " + a.track_id + " ended " +
                               std::to_string(gap) + " frames earlier: one object under two ids?");
        f.other_track_id = a.track_id;
        f.metrics = {{"miss_m", miss}, {"frames_between", double(gap)}};
        flags.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_track_identity_check() { return std::make_unique<TrackIdentityCheck>(); }

}  // namespace fuselabel
