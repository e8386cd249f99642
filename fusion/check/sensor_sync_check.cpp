// sensor_sync: each sensor's timestamps (the LiDAR's own and every radar's and camera's):
// samples that repeat a time or go back (the reader left them out: Drive::timing_faults),
// negative times, dropped samples (steps longer than the period allows) and a jitter beyond what
// a sensor's clock should show. Offsets between sensors are not findings (rigs are
// unsynchronised by design): they are reported in the notes with each sensor's period and jitter.
// A camera whose images match the LiDAR best at a capture time away from its recorded one (the
// LiDAR edges moved with the ego and the labelled objects, camera_time_offset.h) is an error.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "fusion/check/camera_time_offset.h"
#include "fusion/check/label_checks.h"
#include "fusion/check/timeline_stats.h"

namespace fuselabel {
namespace {

constexpr const char* kCheck = "sensor_sync";

// The sensors in the order they are reported: the LiDAR first, then by name.
std::vector<const SensorTimeline*> timelines_in_order(const Drive& drive) {
  const Sensor* lidar = drive.rigs.empty() ? nullptr : drive.rigs.front().lidar();
  std::vector<const SensorTimeline*> order;
  for (const auto& [name, timeline] : drive.timelines)
    if (lidar && name == lidar->name)
      order.insert(order.begin(), &timeline);
    else
      order.push_back(&timeline);
  return order;
}

const Sensor* sensor_of(const Drive& drive, const std::string& name) {
  return drive.rigs.empty() ? nullptr : drive.rigs.front().find(name);
}

// The times the other sensors are compared with: the LiDAR's frames, else every frame.
std::vector<int64_t> frame_times(const Drive& drive, bool* lidar) {
  std::vector<int64_t> with_sweep, all;
  for (const DriveFrame& f : drive.frames) {
    all.push_back(f.timestamp_us);
    if (f.lidar_sample >= 0) with_sweep.push_back(f.timestamp_us);
  }
  *lidar = !with_sweep.empty();
  std::vector<int64_t>& times = with_sweep.empty() ? all : with_sweep;
  std::sort(times.begin(), times.end());
  return times;
}

// The gaps less the samples the reader left out for their times (timing faults): a sample
// recorded out of order inside a gap was not dropped.
std::vector<TimelineGap> dropped_gaps(const TimelineStats& stats, const Drive& drive, const std::string& sensor) {
  std::vector<TimelineGap> gaps;
  for (TimelineGap gap : stats.gaps) {
    for (const TimingFault& f : drive.timing_faults)
      if (f.sensor == sensor && f.timestamp_us > gap.start_us && f.timestamp_us < gap.end_us) --gap.missing;
    if (gap.missing > 0) gaps.push_back(gap);
  }
  return gaps;
}

int64_t missing_in(const std::vector<TimelineGap>& gaps) {
  int64_t missing = 0;
  for (const TimelineGap& gap : gaps) missing += gap.missing;
  return missing;
}

std::string ms(double us, int digits) { return fixed(us / 1000, digits) + " ms"; }

std::string signed_ms(double us) { return (us >= 0 ? "+" : "") + ms(us, 3); }

// The index file as a reviewer finds it: relative to the drive where it is inside it.
std::string shown_path(const Drive& drive, const std::filesystem::path& file) {
  const std::filesystem::path relative = file.lexically_relative(drive.root);
  return relative.empty() || *relative.begin() == ".." ? file.string() : relative.string();
}

class SensorSyncCheck : public Check {
 public:
  std::string name() const override { return kCheck; }
  std::string summary() const override {
    return "sensor timestamps that repeat, go back or are negative, dropped samples, jittery clocks";
  }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"gap_factor", "times the period a step must exceed to be a gap of dropped samples", 1.01, 100, 1.5, {}},
        {"max_jitter_ms", "jitter of a sensor's steps (1.4826 x MAD) above which it is a warning (ms)", 0, 1e6, 5, {}},
        {"warn_dropped_share", "share of a sensor's samples missing above which its gaps are warnings", 0, 1, 0.01, {}},
        {"warn_gap_s", "a gap at least this long is a warning whatever the share (s)", 0, 1e6, 1, {}},
        {"min_samples", "samples a timeline needs for its period, jitter and gaps to be judged", 2, 1e9, 10, {}},
        {"min_time_offset_ms", "a camera offset from its images this large is an error (ms)", 0, 1e6, 10, {}},
        {"time_offset_sigmas", "...and at least this many times its uncertainty", 0, 1e6, 4, {}},
        {"time_offset_min_images", "images with moving objects' edges an offset needs", 2, 1e9, 10, {}},
        {"time_offset_frame_step", "the offset is estimated from every this many-th frame", 1, 1e6, 2, {}},
        {"time_offset_min_tracks", "moving objects that must agree (and be half of them)", 1, 1e6, 2, {}},
    };
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    const Drive& drive = inputs.drive();
    if (drive.format == "kitti-object") return "KITTI object frames are unrelated images without recorded times";
    if (drive.format == "kitti-tracking") return "KITTI tracking has no recorded times (frame number x 100 ms)";
    for (const auto& [name, timeline] : drive.timelines)
      if (!timeline.samples.empty()) return "";
    return drive.timing_faults.empty() ? "needs sensor timelines" : "";
  }
  // Per sensor: its samples, period, jitter, dropped samples and its
  // median offset from the nearest LiDAR frame.
  std::vector<std::string> notes(const CheckInputs& inputs, const CheckSettings& s) const override {
    const Drive& drive = inputs.drive();
    bool lidar_frames = false;
    const std::vector<int64_t> reference = frame_times(drive, &lidar_frames);
    const double gap_factor = s.get("gap_factor"), min_samples = s.get("min_samples");
    std::vector<std::string> notes;
    for (const SensorTimeline* timeline : timelines_in_order(drive)) {
      const Sensor* sensor = sensor_of(drive, timeline->sensor);
      std::string note = timeline->sensor;
      if (sensor) note += std::string(" (") + sensor_kind_name(sensor->kind) + ")";
      note += ": " + std::to_string(timeline->samples.size()) + " samples";
      if (double(timeline->samples.size()) < min_samples) {
        notes.push_back(note + ", too few to judge its timing");
        continue;
      }
      const TimelineStats stats = timeline_stats(timeline->timestamps, sensor ? sensor->rate_hz : 0, gap_factor);
      note += ", period " + ms(stats.period_us, 3) + (stats.nominal ? " (nominal rate)" : " (median step)");
      note += ", jitter " + ms(stats.jitter_us, 3) + ", dropped " +
              std::to_string(missing_in(dropped_gaps(stats, drive, timeline->sensor)));
      if (!sensor || sensor->kind != SensorKind::Lidar)
        note += std::string(", offset to the nearest ") + (lidar_frames ? "LiDAR frame " : "frame ") +
                signed_ms(median_offset_us(timeline->timestamps, reference)) + " (median)";
      notes.push_back(note);
    }
    return notes;
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    timing_faults(inputs, flags);
    for (const SensorTimeline* timeline : timelines_in_order(inputs.drive())) {
      negative_times(inputs, *timeline, flags);
      if (double(timeline->samples.size()) >= s.get("min_samples")) timing(inputs, s, *timeline, flags);
    }
    if (inputs.drive().trajectory.has_poses()) camera_time_offsets(inputs, s, flags);
  }

 private:
  // A sensor finding: sensor and sample time set; frame -1 for one about the whole timeline.
  Flag sensor_flag(const CheckInputs& inputs, const std::string& kind, Severity severity, const std::string& sensor,
                   int64_t t_us, int64_t frame, const std::string& message) const {
    Flag f = make_flag(inputs, kCheck, kind, severity, frame, "", message);
    f.sensor = sensor, f.timestamp_us = t_us;
    return f;
  }

  // One error per sensor, kind and recorded time (rows repeating one time three times are one finding).
  void timing_faults(const CheckInputs& inputs, std::vector<Flag>& flags) const {
    const Drive& drive = inputs.drive();
    std::map<std::tuple<std::string, int, int64_t>, std::vector<const TimingFault*>> groups;
    std::vector<std::tuple<std::string, int, int64_t>> order;
    for (const TimingFault& fault : drive.timing_faults) {
      const auto key = std::make_tuple(fault.sensor, int(fault.kind), fault.timestamp_us);
      auto& group = groups[key];
      if (group.empty()) order.push_back(key);
      group.push_back(&fault);
    }
    for (const auto& key : order) {
      const std::vector<const TimingFault*>& group = groups[key];
      const TimingFault& f = *group.front();
      const bool duplicate = f.kind == TimingFault::Kind::Duplicate;
      std::string message =
          f.sensor + ": " + shown_path(drive, f.file) + " " + f.where + ": time " + std::to_string(f.timestamp_us) +
          (duplicate ? " repeats the sample before it"
                     : " goes back " + ms(double(f.previous_us - f.timestamp_us), 3) +
                           " behind the latest time before it (" + std::to_string(f.previous_us) + ")") +
          "; its sample " + f.sample_file + " was left out of the timeline";
      if (group.size() > 1)
        message +=
            " (and " + std::to_string(group.size() - 1) + " more rows at this time, from " + group[1]->where + ")";
      Flag flag = sensor_flag(inputs, duplicate ? "duplicate_timestamp" : "out_of_order_timestamp", Severity::Error,
                              f.sensor, f.timestamp_us, inputs.nearest_frame(f.timestamp_us), message);
      flag.metrics = {{"step_us", double(f.timestamp_us - f.previous_us)}, {"rows", double(group.size())}};
      flags.push_back(std::move(flag));
    }
  }

  void negative_times(const CheckInputs& inputs, const SensorTimeline& timeline, std::vector<Flag>& flags) const {
    int64_t count = 0, earliest = 0;
    for (const int64_t t : timeline.timestamps)
      if (t < 0) earliest = count++ ? std::min(earliest, t) : t;
    if (count == 0) return;
    Flag f = sensor_flag(inputs, "negative_timestamp", Severity::Error, timeline.sensor, earliest,
                         inputs.nearest_frame(earliest),
                         timeline.sensor + ": " + std::to_string(count) + " of " +
                             std::to_string(timeline.timestamps.size()) + " samples have negative times (earliest " +
                             std::to_string(earliest) + " us): a clock not set, or an offset applied twice");
    f.metrics = {{"negative_samples", double(count)}, {"earliest_us", double(earliest)}};
    flags.push_back(std::move(f));
  }

  void timing(const CheckInputs& inputs, const CheckSettings& s, const SensorTimeline& timeline,
              std::vector<Flag>& flags) const {
    const Sensor* sensor = sensor_of(inputs.drive(), timeline.sensor);
    const TimelineStats stats = timeline_stats(timeline.timestamps, sensor ? sensor->rate_hz : 0, s.get("gap_factor"));
    if (stats.period_us <= 0) return;
    const double max_jitter_us = s.get("max_jitter_ms") * 1000;
    if (stats.jitter_us > max_jitter_us) {
      Flag f =
          sensor_flag(inputs, "jitter", Severity::Warning, timeline.sensor, timeline.timestamps.front(), -1,
                      timeline.sensor + ": its steps jitter by " + ms(stats.jitter_us, 2) + " (1.4826 x MAD) about " +
                          ms(stats.median_step_us, 2) + ", more than " + ms(max_jitter_us, 2));
      f.metrics = {{"jitter_us", stats.jitter_us}, {"period_us", stats.period_us}, {"max_jitter_us", max_jitter_us}};
      f.score = max_jitter_us > 0 ? stats.jitter_us / max_jitter_us : 1;
      flags.push_back(std::move(f));
    }
    dropped(inputs, s, timeline, stats, flags);
  }

  void dropped(const CheckInputs& inputs, const CheckSettings& s, const SensorTimeline& timeline,
               const TimelineStats& stats, std::vector<Flag>& flags) const {
    const std::vector<TimelineGap> gaps = dropped_gaps(stats, inputs.drive(), timeline.sensor);
    const int64_t missing = missing_in(gaps);
    const double share = double(missing) / double(int64_t(stats.samples) + missing);
    const bool many = share > s.get("warn_dropped_share");
    const double longest = s.get("gap_factor") * stats.period_us;
    for (const TimelineGap& gap : gaps) {
      const double gap_us = double(gap.end_us - gap.start_us);
      const bool warn = many || gap_us >= s.get("warn_gap_s") * 1e6;
      Flag f = sensor_flag(inputs, "dropped", warn ? Severity::Warning : Severity::Info, timeline.sensor, gap.start_us,
                           inputs.nearest_frame(gap.start_us + (gap.end_us - gap.start_us) / 2), "");
      f.message = timeline.sensor + ": " + std::to_string(gap.missing) + " sample" + (gap.missing > 1 ? "s" : "") +
                  " missing in a gap of " + ms(gap_us, 1) + " after " + std::to_string(gap.start_us) + " (period " +
                  ms(stats.period_us, 2) + "; " + std::to_string(missing) + " missing in the drive, " +
                  fixed(100 * share, 2) + "% of its samples)";
      f.metrics = {{"missing_samples", double(gap.missing)},
                   {"gap_us", gap_us},
                   {"period_us", stats.period_us},
                   {"dropped_share", share}};
      f.score = gap_us / longest;
      flags.push_back(std::move(f));
    }
  }

  // Cameras whose images match the LiDAR best at a capture time away from the recorded one.
  void camera_time_offsets(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const {
    CameraTimeOffsetSettings settings;
    settings.frame_step = int64_t(s.get("time_offset_frame_step"));
    const double min_us = s.get("min_time_offset_ms") * 1000;
    for (const auto& [camera, e] : fuselabel::camera_time_offsets(inputs, settings)) {
      const double offset_us = e.offset_s * 1e6, uncertainty_us = e.uncertainty_s * 1e6;
      if (double(e.views) < s.get("time_offset_min_images") || std::fabs(offset_us) < min_us ||
          std::fabs(offset_us) < s.get("time_offset_sigmas") * uncertainty_us ||
          double(e.agreeing_tracks) < s.get("time_offset_min_tracks") || 2 * e.agreeing_tracks < e.tracks)
        continue;
      const std::vector<int64_t>& times = inputs.drive().timelines.at(camera).timestamps;
      Flag f = sensor_flag(inputs, "camera_time_offset", Severity::Error, camera, times.empty() ? 0 : times.front(), -1,
                           camera + ": its images match the LiDAR best as captured " + ms(std::fabs(offset_us), 1) +
                               " +- " + ms(uncertainty_us, 1) + (offset_us > 0 ? " before" : " after") +
                               " their recorded times (" + std::to_string(e.views) + " images, " +
                               std::to_string(e.agreeing_tracks) + " of " + std::to_string(e.tracks) +
                               " moving objects agreeing): its timestamps are off by " + signed_ms(offset_us));
      f.metrics = {{"offset_us", offset_us},     {"uncertainty_us", uncertainty_us},
                   {"images", double(e.views)},  {"score_gain", e.gain},
                   {"tracks", double(e.tracks)}, {"agreeing_tracks", double(e.agreeing_tracks)}};
      f.score = min_us > 0 ? std::fabs(offset_us) / min_us : 1;
      flags.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_sensor_sync_check() { return std::make_unique<SensorSyncCheck>(); }

}  // namespace fuselabel
