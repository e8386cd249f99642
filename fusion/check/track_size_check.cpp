// track_size: a rigid object whose size changes. Each cuboid's (l, w, h) is compared with the
// per-component median of its track's neighbours (a single wrong size), and the medians before
// and after each frame with each other (a step: the size of another object from there on, as
// after an identity swap). A pedestrian's footprint changes with its gait, so its length and
// width get a wider tolerance than its height.
#include <algorithm>
#include <cmath>

#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

using Size = Vec3<double>;

Size median_size(const std::vector<Size>& sizes, size_t begin, size_t end, size_t skip) {
  std::vector<double> c[3];
  for (size_t i = begin; i < end; ++i)
    if (i != skip) c[0].push_back(sizes[i].x), c[1].push_back(sizes[i].y), c[2].push_back(sizes[i].z);
  Size m{};
  double* out[3] = {&m.x, &m.y, &m.z};
  for (int d = 0; d < 3; ++d) {
    if (c[d].empty()) return {0, 0, 0};
    std::nth_element(c[d].begin(), c[d].begin() + long(c[d].size() / 2), c[d].end());
    *out[d] = c[d][c[d].size() / 2];
  }
  return m;
}

class TrackSizeCheck : public TrackCheck {
 public:
  std::string name() const override { return "track_size"; }
  std::string summary() const override { return "a rigid object whose size changes within its track"; }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"footprint_tolerance",
         "change of length or width flagged (larger over smaller, minus 1)",
         0.001,
         10,
         0.1,
         {{ObjectKind::Pedestrian, 0.6}, {ObjectKind::Cyclist, 0.25}, {ObjectKind::Other, 0.15}}},
        {"height_tolerance",
         "change of height flagged (larger over smaller, minus 1)",
         0.001,
         10,
         0.1,
         {{ObjectKind::Pedestrian, 0.15}, {ObjectKind::Cyclist, 0.15}, {ObjectKind::Other, 0.15}}},
        {"window", "cuboids each side a size is compared with", 1, 100, 5, {}},
    };
  }

 private:
  void check_track(const CheckInputs& inputs, const CheckSettings& s, const TrackSeries& track,
                   std::vector<Flag>& flags) const override {
    const size_t n = track.observations.size();
    if (n < 3) return;
    const double fp = s.get("footprint_tolerance", track.class_name), ht = s.get("height_tolerance", track.class_name);
    const size_t w = size_t(s.get("window", track.class_name));
    std::vector<Size> sizes;
    for (const TrackObservation& o : track.observations) sizes.push_back(inputs.labels().boxes[o.label].box.size);
    // How far past its tolerance `a` is from `b`: the largest change over the tolerance, each
    // change the larger of the two sizes over the smaller (growing and shrinking alike).
    const auto excess = [&](const Size& a, const Size& b) {
      if (b.x <= 0 || b.y <= 0 || b.z <= 0 || a.x <= 0 || a.y <= 0 || a.z <= 0) return 0.0;
      return std::max({change(a.x, b.x) / fp, change(a.y, b.y) / fp, change(a.z, b.z) / ht});
    };
    std::vector<bool> near_step(n, false);
    for (size_t k = 1; k < n; ++k) {
      const size_t lo = k >= w ? k - w : 0, hi = std::min(n, k + w);
      if (k - lo < 2 || hi - k < 2) continue;
      const Size before = median_size(sizes, lo, k, n), after = median_size(sizes, k, hi, n);
      const double step = excess(after, before);
      // The step is where the size changes: k-1 still looks like before, k like after.
      if (step > 1 && excess(sizes[k - 1], before) <= 1 && excess(sizes[k], after) <= 1) {
        for (size_t j = lo; j < hi; ++j) near_step[j] = true;
        Flag f =
            make_flag(inputs, name(), "size_step", Severity::Error, track.observations[k].frame, track.track_id,
                      "the size changes from " + text(before) + " to " + text(after) + " and stays: another object?");
        f.metrics = {{"relative_change", relative(after, before)}};
        f.score = step;
        flags.push_back(std::move(f));
      }
    }
    for (size_t k = 0; k < n; ++k) {
      if (near_step[k]) continue;
      const size_t lo = k >= w ? k - w : 0, hi = std::min(n, k + w + 1);
      const Size around = median_size(sizes, lo, hi, k);
      const double e = excess(sizes[k], around);
      if (e <= 1) continue;
      Flag f = make_flag(inputs, name(), "size_change", Severity::Error, track.observations[k].frame, track.track_id,
                         "size " + text(sizes[k]) + " where the track's neighbours have " + text(around));
      f.metrics = {{"relative_change", relative(sizes[k], around)},
                   {"l_m", sizes[k].x},
                   {"w_m", sizes[k].y},
                   {"h_m", sizes[k].z}};
      f.score = e;
      flags.push_back(std::move(f));
    }
  }

  static double change(double a, double b) { return std::max(a, b) / std::min(a, b) - 1; }
  static double relative(const Size& a, const Size& b) {
    return std::max({change(a.x, b.x), change(a.y, b.y), change(a.z, b.z)});
  }
  static std::string text(const Size& s) {
    return fixed(s.x, 2) + " x " + fixed(s.y, 2) + " x " + fixed(s.z, 2) + " m";
  }
};

}  // namespace

std::unique_ptr<Check> make_track_size_check() { return std::make_unique<TrackSizeCheck>(); }

}  // namespace fuselabel
