// radar_alignment: a radar whose mount turned during the drive. The returns on LiDAR-supported
// cuboids say where the radar really points: turned about the vertical through the radar by the
// right angle, they lie on the cuboids' outlines. Per frame, the cost of every candidate angle on
// a grid (the returns' clipped squared distances from their cuboids' outlines in bird's-eye view)
// is summed; a window of frames picks the angle of least cost. A change is a run of windows away
// from the angle so far (at first the nominal calibration, 0) by more than the threshold and
// several times its uncertainty; its first frame is the split of the frames since the last change
// into "the angle so far" and "one new angle" of least cost. Bird's-eye view, because the radar's
// elevation is coarse and the returns' heights say little about its yaw.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
// The cuboid of a return: its track's label at most this far in time, moved to the scan's time.
constexpr int64_t kMaxBoxGapUs = 200'000;

// One return on a cuboid, in the world at the scan's time.
struct AlignmentReturn {
  Vec3<double> sensor, offset;  // the radar's position, and the return from it
  Cuboidd box;
};

// Distance in bird's-eye view from the cuboid's outline: outside, from the rectangle; inside, to
// its nearest side.
double outline_distance(const Cuboidd& box, const Vec3<double>& p) {
  const Vec3<double> q = box.rotation.to_matrix().transposed() * (p - box.center);
  const double ex = std::fabs(q.x) - box.size.x / 2, ey = std::fabs(q.y) - box.size.y / 2;
  if (ex <= 0 && ey <= 0) return std::min(-ex, -ey);
  return std::hypot(std::max(ex, 0.0), std::max(ey, 0.0));
}

// Signed: > 0 outside, < 0 inside (a range too short).
double signed_outline_distance(const Cuboidd& box, const Vec3<double>& p) {
  const Vec3<double> q = box.rotation.to_matrix().transposed() * (p - box.center);
  const double ex = std::fabs(q.x) - box.size.x / 2, ey = std::fabs(q.y) - box.size.y / 2;
  return ex <= 0 && ey <= 0 ? std::max(ex, ey) : outline_distance(box, p);
}

Vec3<double> turned(const AlignmentReturn& r, double yaw) {
  const double c = std::cos(yaw), s = std::sin(yaw);
  return r.sensor + Vec3<double>{c * r.offset.x - s * r.offset.y, s * r.offset.x + c * r.offset.y, r.offset.z};
}

// Per frame of one radar: its returns and the cost of every grid angle.
struct RadarFrames {
  std::vector<std::vector<AlignmentReturn>> returns;  // per drive frame
  std::vector<std::vector<double>> cost;              // per drive frame, per grid angle (none without returns)
};

class YawGrid {
 public:
  YawGrid(double max_deg, double step_deg) : step_(step_deg * kPi / 180), half_(int(std::ceil(max_deg / step_deg))) {}
  int size() const { return 2 * half_ + 1; }
  double angle(int g) const { return (g - half_) * step_; }
  // The angle of least cost, refined by the parabola through its neighbours.
  double best(const std::vector<double>& cost) const {
    const int g = int(std::min_element(cost.begin(), cost.end()) - cost.begin());
    if (g == 0 || g + 1 == size()) return angle(g);
    const double a = cost[g - 1], b = cost[g], c = cost[g + 1], den = a - 2 * b + c;
    return angle(g) + (den > 0 ? 0.5 * (a - c) / den * step_ : 0.0);
  }
  double cost_at(const std::vector<double>& cost, double yaw) const {
    const int g = std::clamp(int(std::lround(yaw / step_)) + half_, 0, size() - 1);
    return cost[size_t(g)];
  }

 private:
  double step_;
  int half_;
};

// An estimate of the yaw over a span of frames.
struct YawEstimate {
  double yaw = 0, sigma = 0;  // rad
  int64_t returns = 0, frames = 0;
};

class RadarAlignmentCheck : public Check {
 public:
  std::string name() const override { return "radar_alignment"; }
  std::string summary() const override {
    return "a radar whose mount turned during the drive: its returns miss the LiDAR-supported cuboids by an angle";
  }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"min_lidar_points", "LiDAR points a cuboid needs for its returns to be used", 1, 1e6, 3, {}},
        {"window_frames", "frames per window of the estimate", 2, 1000, 10, {}},
        {"min_returns", "returns a window needs for an estimate", 5, 1e6, 30, {}},
        {"threshold_deg", "yaw change flagged, whatever its uncertainty (deg)", 0.05, 45, 0.5, {}},
        {"noise_factor", "times its uncertainty a window's change must also exceed", 1, 100, 4, {}},
        {"sustain_windows", "consecutive windows that must show the change", 1, 100, 2, {}},
        {"clip_m", "a return farther than this from its cuboid's outline counts this much (m)", 0.05, 10, 0.5, {}},
        {"max_yaw_deg", "largest yaw offset searched, either way (deg)", 0.5, 45, 3, {}},
    };
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    if (!inputs.has_radar()) return "needs radar scans";
    return inputs.radar_judged() ? "" : "needs LiDAR sweeps, ego poses and tracks in the world";
  }

  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    const YawGrid grid(s.get("max_yaw_deg"), 0.02);
    const double clip = s.get("clip_m");
    std::map<std::string, RadarFrames> radars;
    const size_t frames = inputs.drive().frames.size();
    const auto& boxes = inputs.labels().boxes;
    for (size_t i = 0; i < boxes.size(); ++i) {
      const std::vector<RadarReturn>& returns = inputs.radar(i);
      const std::optional<CuboidLidar>& lidar = inputs.lidar(i);
      const TrackSeries* track = inputs.track(boxes[i].track_id);
      if (returns.empty() || !lidar || !track || track->in_label_frame) continue;
      if (lidar->points < s.get("min_lidar_points", inputs.labels().class_of(boxes[i]))) continue;
      const int64_t frame = boxes[i].frame;
      if (frame < 0 || size_t(frame) >= frames) continue;
      for (const RadarReturn& r : returns) {
        const std::optional<Cuboidd> box = inputs.box_near(*track, r.timestamp_us, kMaxBoxGapUs);
        if (!box) continue;
        RadarFrames& radar = radars[r.sensor];
        radar.returns.resize(frames);
        radar.returns[size_t(frame)].push_back({r.sensor_position, r.point - r.sensor_position, *box});
      }
    }
    for (auto& [sensor, radar] : radars) {
      radar.cost.resize(frames);
      for (size_t f = 0; f < frames; ++f) {
        if (!radar.returns[f].empty()) radar.cost[f].assign(size_t(grid.size()), 0.0);
        for (const AlignmentReturn& r : radar.returns[f])
          for (int g = 0; g < grid.size(); ++g) {
            const double d = std::min(outline_distance(r.box, turned(r, grid.angle(g))), clip);
            radar.cost[f][size_t(g)] += d * d;
          }
      }
      detect(inputs, s, grid, sensor, radar, flags);
    }
  }

 private:
  // The yaw of least cost over frames [a, b), with its jackknife uncertainty over the frames.
  static YawEstimate estimate(const YawGrid& grid, const RadarFrames& radar, size_t a, size_t b) {
    YawEstimate e;
    std::vector<double> total(size_t(grid.size()), 0.0);
    std::vector<size_t> used;
    for (size_t f = a; f < b; ++f) {
      if (radar.returns[f].empty()) continue;
      used.push_back(f);
      e.returns += int64_t(radar.returns[f].size());
      for (size_t g = 0; g < total.size(); ++g) total[g] += radar.cost[f][g];
    }
    e.frames = int64_t(used.size());
    e.yaw = grid.best(total);
    if (used.size() < 2) return e;
    std::vector<double> leave_one_out;
    for (size_t f : used) {
      std::vector<double> rest = total;
      for (size_t g = 0; g < rest.size(); ++g) rest[g] -= radar.cost[f][g];
      leave_one_out.push_back(grid.best(rest));
    }
    double mean = 0, sum = 0;
    for (double y : leave_one_out) mean += y / double(leave_one_out.size());
    for (double y : leave_one_out) sum += (y - mean) * (y - mean);
    const double n = double(leave_one_out.size());
    e.sigma = std::sqrt((n - 1) / n * sum);
    return e;
  }

  // The frame in [a, b) from which one new angle explains the frames up to b better than `level`
  // does (the frames before it keep `level`): the least total cost, from running sums.
  static size_t change_frame(const YawGrid& grid, const RadarFrames& radar, size_t a, size_t b, double level) {
    std::vector<double> before(b - a + 1, 0.0);  // before[c - a]: frames [a, c) at level
    for (size_t f = a; f < b; ++f)
      before[f - a + 1] = before[f - a] + (radar.cost[f].empty() ? 0.0 : grid.cost_at(radar.cost[f], level));
    std::vector<double> after(size_t(grid.size()), 0.0);  // frames [c, b) per angle
    size_t best_frame = b;
    double best_cost = INFINITY;
    for (size_t c = b; c-- > a;) {
      if (radar.cost[c].empty()) continue;  // no returns: the split is no better there than after it
      for (size_t g = 0; g < after.size(); ++g) after[g] += radar.cost[c][g];
      const double cost = before[c - a] + *std::min_element(after.begin(), after.end());
      if (cost <= best_cost + 1e-12) best_cost = std::min(cost, best_cost), best_frame = c;
    }
    return best_frame;  // a frame with returns: the first that shows the change
  }

  void detect(const CheckInputs& inputs, const CheckSettings& s, const YawGrid& grid, const std::string& sensor,
              const RadarFrames& radar, std::vector<Flag>& flags) const {
    const size_t frames = radar.returns.size(), window = size_t(s.get("window_frames"));
    const double threshold = s.get("threshold_deg") * kPi / 180, factor = s.get("noise_factor");
    const size_t sustain = size_t(s.get("sustain_windows"));
    double level = 0;         // the yaw so far: the nominal calibration until a change
    size_t settled_from = 0;  // the first frame of the current level's span
    size_t run = 0;
    int run_sign = 0;
    // A change is reported once the span it holds for is known (the next change, or the drive's
    // end): its angle is estimated over the whole span.
    std::optional<std::pair<size_t, double>> pending;  // its first frame, and the angle before it
    const auto report = [&](size_t end) {
      const YawEstimate after = estimate(grid, radar, pending->first, end);
      flags.push_back(mount_flag(inputs, sensor, pending->first, end, pending->second, after, threshold, radar));
    };
    for (size_t w0 = 0; w0 < frames; w0 += window) {
      // A short last window joins the one before it.
      const size_t w1 = frames - w0 <= window + window / 2 ? frames : w0 + window;
      const YawEstimate e = estimate(grid, radar, w0, w1);
      const double change = e.yaw - level;
      const bool valid = e.returns >= int64_t(s.get("min_returns"));
      const int sign = change > 0 ? 1 : -1;
      if (!valid) {
        if (w1 == frames) break;
        continue;  // no evidence either way: a run may span it
      }
      if (std::fabs(change) > threshold && std::fabs(change) > factor * e.sigma) {
        if (run == 0 || sign != run_sign) run = 0, run_sign = sign;
        if (++run >= sustain) {
          // Anywhere since the last change: a change near the threshold may show in a window only later.
          const size_t from = change_frame(grid, radar, settled_from, w1, level);
          if (pending) report(from);
          pending = {from, level};
          level = estimate(grid, radar, from, w1).yaw, settled_from = from, run = 0;
        }
      } else {
        run = 0;
      }
      if (w1 == frames) break;
    }
    if (pending) report(frames);
  }

  Flag mount_flag(const CheckInputs& inputs, const std::string& sensor, size_t from, size_t to, double level,
                  const YawEstimate& after, double threshold, const RadarFrames& radar) const {
    const double change_deg = (after.yaw - level) * 180 / kPi;
    std::vector<double> range_residuals;  // after the yaw is corrected
    for (size_t f = from; f < to; ++f)
      for (const AlignmentReturn& r : radar.returns[f])
        range_residuals.push_back(signed_outline_distance(r.box, turned(r, after.yaw)));
    Flag f =
        make_flag(inputs, name(), "mount_rotated", Severity::Error, int64_t(from), "",
                  "from this frame on the " + sensor + " returns miss their LiDAR-supported cuboids by " +
                      fixed(std::fabs(change_deg), 2) + " degrees " + (change_deg > 0 ? "clockwise" : "anticlockwise") +
                      " (seen from above): the radar's mount turned " + (change_deg > 0 ? "left" : "right") +
                      " and its calibration no longer holds");
    f.sensor = sensor;
    f.metrics = {{"yaw_offset_deg", after.yaw * 180 / kPi},    {"change_deg", change_deg},
                 {"uncertainty_deg", after.sigma * 180 / kPi}, {"frames", double(after.frames)},
                 {"returns", double(after.returns)},           {"range_offset_m", median(range_residuals)}};
    f.score = std::fabs(after.yaw - level) / threshold;
    return f;
  }
};

}  // namespace

std::unique_ptr<Check> make_radar_alignment_check() { return std::make_unique<RadarAlignmentCheck>(); }

}  // namespace fuselabel
