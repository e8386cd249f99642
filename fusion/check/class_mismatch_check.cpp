// class_mismatch: a track whose class changes over time (a run of its cuboids labelled otherwise
// than most of them), and a 2D box whose class differs from its cuboid's. Each run is one
// finding, at the frame where the class changes: its first, or for a run that starts the track
// the frame after it.
#include <map>

#include "fusion/check/image_projections.h"
#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

class ClassMismatchCheck : public Check {
 public:
  std::string name() const override { return "class_mismatch"; }
  std::string summary() const override {
    return "a track that changes class over time, or whose 2D and 3D classes disagree";
  }
  std::vector<CheckParameter> parameters() const override { return {}; }
  std::string unavailable(const CheckInputs& inputs) const override {
    return inputs.labels().boxes.empty() ? "needs cuboid labels" : "";
  }
  void run(const CheckInputs& inputs, const CheckSettings&, std::vector<Flag>& flags) const override {
    for (const TrackSeries& track : inputs.tracks()) over_time(inputs, track, flags);
    between_2d_and_3d(inputs, flags);
  }

 private:
  void over_time(const CheckInputs& inputs, const TrackSeries& track, std::vector<Flag>& flags) const {
    std::map<std::string, int> count;
    for (const TrackObservation& o : track.observations) ++count[o.class_name];
    if (count.size() < 2) return;
    std::string usual = track.class_name;
    int most = count.count(usual) ? count[usual] : 0;
    for (const auto& [cls, n] : count)
      if (n > most) most = n, usual = cls;
    const auto& obs = track.observations;
    for (size_t k = 0; k < obs.size();) {
      if (obs[k].class_name == usual) {
        ++k;
        continue;
      }
      size_t end = k;
      while (end < obs.size() && obs[end].class_name == obs[k].class_name) ++end;
      // A run that starts the track is flagged where the class changes, as is any other run.
      const int64_t at = k == 0 && end < obs.size() ? obs[end].frame : obs[k].frame;
      Flag f = make_flag(inputs, name(), "class_change", Severity::Error, at, track.track_id,
                         std::to_string(end - k) + " cuboids labelled " + obs[k].class_name + " in a track of " +
                             std::to_string(most) + " " + usual + " cuboids");
      f.metrics = {{"cuboids", double(end - k)},
                   {"first_frame", double(obs[k].frame)},
                   {"last_frame", double(obs[end - 1].frame)}};
      flags.push_back(std::move(f));
      k = end;
    }
  }

  void between_2d_and_3d(const CheckInputs& inputs, std::vector<Flag>& flags) const {
    // Runs per (track, camera) of images whose 2D class differs from the cuboid's.
    std::map<std::pair<std::string, std::string>, int64_t> last_flagged_frame;
    for (const LabelledImage& image : inputs.images())
      for (size_t index : image.boxes) {
        const ImageBoxLabel& b = inputs.labels().boxes_2d[index];
        const TrackSeries* track = inputs.track(b.track_id);
        if (!track) continue;
        const TrackObservation* at = track->at_frame(image.frame);
        if (!at) continue;
        const std::string cls_2d = inputs.labels().class_of(b);
        const auto key = std::make_pair(b.track_id, image.camera);
        if (cls_2d == at->class_name || cls_2d.empty()) {
          last_flagged_frame.erase(key);
          continue;
        }
        if (last_flagged_frame.count(key)) continue;  // the run is already flagged
        last_flagged_frame[key] = image.frame;
        Flag f = make_flag(inputs, name(), "class_2d3d", Severity::Error, image.frame, b.track_id,
                           "the 2D box says " + cls_2d + ", the cuboid " + at->class_name);
        at_image(f, image);
        flags.push_back(std::move(f));
      }
  }
};

}  // namespace

std::unique_ptr<Check> make_class_mismatch_check() { return std::make_unique<ClassMismatchCheck>(); }

}  // namespace fuselabel
