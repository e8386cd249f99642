// Keyframe selection, the linear baseline and the metrics of `fuselabel eval-propagation` on
// hand-made tracks, and the linear baseline on the real KITTI tracking labels (../shared/data,
// skipped when absent) under each keyframe protocol.
#include "fusion/propagation_eval.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "fusion/linear_interpolation.h"
#include "io/drive_reader.h"
#include "label_builders.h"
#include "test_support.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.14159265358979323846;
double deg(double d) { return d * kPi / 180; }

Cuboidd box_at(Vec3<double> center, double yaw, Vec3<double> size = {4, 2, 1.5}) {
  return {center, size, Quat<double>::from_yaw(yaw)};
}

// Track "a" at frames 3..23 without 14 and 15, one untracked label; track "b" at frame 7 only.
LabelSet gapped_track() {
  LabelSet set;
  set.frame = LabelFrame::Lidar;
  set.tracks = {{"a", "Car", {}}, {"b", "Car", {}}};
  for (int64_t f = 3; f <= 23; ++f)
    if (f != 14 && f != 15) set.boxes.push_back(track_box("a", f, f * 100'000, box_at({double(f), 0, 0}, 0)));
  set.boxes.push_back(track_box("b", 7, 700'000, box_at({0, 5, 0}, 0)));
  set.boxes.push_back(track_box("", 9, 900'000, box_at({0, -5, 0}, 0)));
  return set;
}

std::vector<int64_t> frames_of(const LabelSet& set, const std::string& track) {
  std::vector<int64_t> frames;
  for (const CuboidLabel& c : set.boxes)
    if (c.track_id == track) frames.push_back(c.frame);
  return frames;
}

std::vector<int64_t> kept(KeyframeProtocol protocol, bool keep_gap_ends = false) {
  const KeyframeSplit split = select_keyframes(gapped_track(), {5, protocol, keep_gap_ends});
  EXPECT_EQ(split.keyframes.boxes.size() + split.dropped.boxes.size(), 20u);  // the untracked label takes no part
  EXPECT_EQ(frames_of(split.keyframes, "b"), std::vector<int64_t>{7});
  return frames_of(split.keyframes, "a");
}

TEST(KeyframeSelection, DriveFrameKeepsMultiplesOfKAndTheEnds) {
  EXPECT_EQ(kept(KeyframeProtocol::DriveFrame), (std::vector<int64_t>{3, 5, 10, 20, 23}));
}

TEST(KeyframeSelection, TrackFramesCountsTheTracksOwnLabelledFrames) {
  // Labelled frames 3..13 are positions 0..10, 16..23 positions 11..18.
  EXPECT_EQ(kept(KeyframeProtocol::TrackFrames), (std::vector<int64_t>{3, 8, 13, 20, 23}));
  EXPECT_EQ(kept(KeyframeProtocol::TrackOffset), (std::vector<int64_t>{3, 8, 13, 18, 23}));
}

TEST(KeyframeSelection, KeepGapEndsKeepsBothSidesOfAGap) {
  EXPECT_EQ(kept(KeyframeProtocol::DriveFrame, true), (std::vector<int64_t>{3, 5, 10, 13, 16, 20, 23}));
}

TEST(KeyframeSelection, DroppedAreTheRestAndBadKIsRefused) {
  const KeyframeSplit split = select_keyframes(gapped_track(), {5, KeyframeProtocol::DriveFrame, false});
  EXPECT_EQ(frames_of(split.dropped, "a"), (std::vector<int64_t>{4, 6, 7, 8, 9, 11, 12, 13, 16, 17, 18, 19, 21, 22}));
  EXPECT_THROW(select_keyframes(gapped_track(), {0, KeyframeProtocol::DriveFrame, false}), std::invalid_argument);
  EXPECT_EQ(parse_keyframe_protocol("track-frames"), KeyframeProtocol::TrackFrames);
  EXPECT_THROW(parse_keyframe_protocol("every"), std::invalid_argument);
}

TEST(LinearInterpolation, ReproducesKeyframesAndTheMidpoint) {
  LabelSet keys;
  keys.boxes.push_back(track_box("a", 0, 0, box_at({0, 0, 0}, 0.2, {4, 2, 1.5})));
  keys.boxes.push_back(track_box("a", 10, 1'000'000, box_at({10, 2, -1}, 0.6, {5, 2, 1.5})));
  keys.boxes[0].id = "k0";
  const LabelSet out = interpolate_linear(keys);
  ASSERT_EQ(out.boxes.size(), 11u);
  EXPECT_EQ(out.boxes[0].id, "k0");
  EXPECT_EQ(out.boxes[0].source, LabelSource::Keyframe);
  EXPECT_EQ(out.boxes[0].box.center.x, 0);
  EXPECT_EQ(out.boxes[0].box.rotation.w, keys.boxes[0].box.rotation.w);
  EXPECT_EQ(out.boxes[10].box.center.y, 2);
  EXPECT_EQ(out.boxes[10].box.size.x, 5);
  const CuboidLabel& mid = out.boxes[5];
  EXPECT_EQ(mid.frame, 5);
  EXPECT_EQ(mid.timestamp_us, 500'000);
  EXPECT_EQ(mid.source, LabelSource::Interpolated);
  EXPECT_EQ(mid.box.center.x, 5);
  EXPECT_EQ(mid.box.center.y, 1);
  EXPECT_EQ(mid.box.center.z, -0.5);
  EXPECT_EQ(mid.box.size.x, 4.5);
  EXPECT_NEAR(box_yaw(mid.box), 0.4, 1e-15);
}

TEST(LinearInterpolation, YawIsTheRawAngleWithoutWrapHandling) {
  LabelSet keys;
  keys.boxes.push_back(track_box("a", 0, 0, box_at({0, 0, 0}, deg(179))));
  keys.boxes.push_back(track_box("a", 2, 0, box_at({0, 0, 0}, deg(-179))));
  const LabelSet out = interpolate_linear(keys);
  ASSERT_EQ(out.boxes.size(), 3u);
  EXPECT_NEAR(box_yaw(out.boxes[1].box), 0, 1e-12);  // the long way round, as the tools do
  keys.boxes.push_back(track_box("a", 2, 0, box_at({0, 0, 0}, 0)));
  EXPECT_THROW(interpolate_linear(keys), std::invalid_argument);
}

TEST(PropagationMetrics, KnownErrorsOnHandMadeBoxes) {
  LabelSet truth, guess;
  truth.boxes = {track_box("a", 1, 0, box_at({0, 0, 0}, deg(179))), track_box("a", 2, 0, box_at({5, 0, 0}, 0)),
                 track_box("b", 1, 0, box_at({0, 9, 0}, 0)), track_box("c", 4, 0, box_at({0, 0, 0}, 0))};
  guess.boxes = {track_box("a", 1, 0, box_at({0, 0, 0}, deg(-179))), track_box("a", 2, 0, box_at({8, 4, 0}, 0)),
                 track_box("b", 1, 0, box_at({0, 9, 0}, 0))};
  const std::vector<DroppedFrameError> errors = dropped_frame_errors(guess, truth, {"a"}, Device::Cpu);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_NEAR(errors[0].yaw_deg, 2, 1e-9);
  EXPECT_GT(errors[0].bev_iou, 0.9);  // the same box turned by 2 deg
  EXPECT_LT(errors[0].bev_iou, 1);
  EXPECT_NEAR(errors[1].centre_m, 5, 1e-12);
  EXPECT_EQ(errors[1].bev_iou, 0);  // 5 m apart along y after 3 along x: disjoint
  EXPECT_NEAR(errors[2].bev_iou, 1, 1e-12);
  EXPECT_NEAR(errors[2].iou_3d, 1, 1e-12);
  EXPECT_EQ(errors[2].centre_m, 0);
  EXPECT_FALSE(errors[3].predicted);
  const MethodMetrics m = summarize_method(errors);
  EXPECT_EQ(m.overall.count, 3);
  EXPECT_EQ(m.overall.missing, 1);
  EXPECT_NEAR(m.overall.mean_centre_m, 5.0 / 3, 1e-12);
  EXPECT_NEAR(m.overall.median_centre_m, 0, 1e-12);
  EXPECT_NEAR(m.overall.mean_yaw_deg, 2.0 / 3, 1e-9);
  EXPECT_EQ(m.turning.count, 2);
  EXPECT_NEAR(m.turning.median_centre_m, 2.5, 1e-12);  // even count: the mean of the middle two
  EXPECT_EQ(summarize_errors({}, false).count, 0);
  EXPECT_TRUE(std::isnan(summarize_errors({}, false).mean_centre_m));
}

// Keyframe noise: none leaves the boxes bit for bit; a seed fixes the draw; the spread of 2,000
// draws matches the sigmas (centre per axis, heading) within sampling error.
TEST(KeyframeNoise, ZeroIsExactSameSeedSameBoxesAndSigmasHold) {
  LabelSet set;
  set.tracks = {{"a", "Car", {}}};
  for (int64_t f = 0; f < 2000; ++f) set.boxes.push_back(track_box("a", f, f * 100'000, box_at({10, -5, 0}, 0.3)));
  const LabelSet exact = add_keyframe_noise(set, {});
  for (size_t i = 0; i < set.boxes.size(); ++i) EXPECT_EQ(exact.boxes[i].box.center.x, set.boxes[i].box.center.x);
  const LabelSet a = add_keyframe_noise(set, {0.1, 1.0, 7}), b = add_keyframe_noise(set, {0.1, 1.0, 7});
  const LabelSet c = add_keyframe_noise(set, {0.1, 1.0, 8});
  double sx = 0, sy = 0, syaw = 0;
  for (size_t i = 0; i < a.boxes.size(); ++i) {
    EXPECT_EQ(a.boxes[i].box.center.x, b.boxes[i].box.center.x);
    const double dx = a.boxes[i].box.center.x - 10, dy = a.boxes[i].box.center.y + 5;
    const double dyaw = std::remainder(box_yaw(a.boxes[i].box) - 0.3, 2 * kPi) * 180 / kPi;
    sx += dx * dx, sy += dy * dy, syaw += dyaw * dyaw;
  }
  EXPECT_NE(a.boxes[0].box.center.x, c.boxes[0].box.center.x);
  const double n = double(a.boxes.size());
  EXPECT_NEAR(std::sqrt(sx / n), 0.1, 0.006);
  EXPECT_NEAR(std::sqrt(sy / n), 0.1, 0.006);
  EXPECT_NEAR(std::sqrt(syaw / n), 1.0, 0.06);
  EXPECT_EQ(a.boxes[0].box.center.z, 0);  // height and size untouched
  EXPECT_EQ(a.boxes[0].box.size.x, 4);
}

TEST(PropagationMetrics, TurningIsTheWrappedHeadingChangeFirstToLast) {
  LabelSet gt;
  for (int f = 0; f < 3; ++f) {
    gt.boxes.push_back(track_box("turns", f, 0, box_at({0, 0, 0}, deg(15 * f))));        // 0 -> 30 deg
    gt.boxes.push_back(track_box("wraps", f, 0, box_at({0, 9, 0}, deg(170 + 7.5 * f))));  // 170 -> -175
    gt.boxes.push_back(track_box("back", f, 0, box_at({0, 19, 0}, deg(f == 1 ? 40 : 0))));
  }
  EXPECT_EQ(turning_tracks(gt), std::set<std::string>{"turns"});
}

const char* kKittiTracking = "kitti-tracking/training";

// The linear baseline pooled over sequences 0000-0010, per protocol: issue 11 quotes 0.195 m at
// K = 10 and 0.542 m at K = 20.
PropagationMetrics pooled_linear(const KeyframeSelectionOptions& options) {
  std::vector<DroppedFrameError> pooled;
  for (int s = 0; s <= 10; ++s) {
    char sequence[8];
    std::snprintf(sequence, sizeof sequence, "%04d", s);
    const auto reader = open_drive(DriveOptions{testing::shared_data(kKittiTracking), {{"sequence", sequence}}});
    const std::vector<DroppedFrameError> errors = evaluate_linear(reader->drive().labels, options, Device::Cpu);
    pooled.insert(pooled.end(), errors.begin(), errors.end());
  }
  return summarize_errors(pooled, false);
}

TEST(PropagationEvalRealData, KittiTrackingLinearBaselinePerProtocol) {
  FL_REQUIRE_SHARED_DATA(kKittiTracking);
  for (KeyframeProtocol protocol : {KeyframeProtocol::DriveFrame, KeyframeProtocol::TrackFrames,
                                    KeyframeProtocol::TrackOffset})
    for (bool gap_ends : {false, true})
      for (int64_t k : {10, 20}) {
        const PropagationMetrics m = pooled_linear({k, protocol, gap_ends});
        std::printf("linear K=%-3lld %-12s gap_ends=%d: mean %.5f m median %.4f m yaw %.2f deg BEV %.3f 3D %.3f n=%lld\n",
                    (long long)k, keyframe_protocol_name(protocol), int(gap_ends), m.mean_centre_m, m.median_centre_m,
                    m.mean_yaw_deg, m.mean_bev_iou, m.mean_iou_3d, (long long)m.count);
        EXPECT_EQ(m.missing, 0);
        EXPECT_GT(m.count, 0);
      }
}

// The issue's 0.195 m / 0.542 m are every Kth of each track's own labelled frames, interpolated
// across gaps: the only protocol that gives both to the quoted digits.
TEST(PropagationEvalRealData, IssueReferenceNumbersAreTheTrackFramesProtocol) {
  FL_REQUIRE_SHARED_DATA(kKittiTracking);
  EXPECT_NEAR(pooled_linear({10, KeyframeProtocol::TrackFrames, false}).mean_centre_m, 0.195, 0.0005);
  EXPECT_NEAR(pooled_linear({20, KeyframeProtocol::TrackFrames, false}).mean_centre_m, 0.542, 0.0005);
  EXPECT_GT(std::abs(pooled_linear({10, KeyframeProtocol::DriveFrame, false}).mean_centre_m - 0.195), 0.005);
  EXPECT_GT(std::abs(pooled_linear({10, KeyframeProtocol::TrackOffset, false}).mean_centre_m - 0.195), 0.0005);
}

// The whole evaluation on one sequence: the linear half equals evaluate_linear, and fuselabel
// leaves a cuboid at every dropped frame (its tracks run from first to last keyframe).
TEST(PropagationEvalRealData, EvaluatePropagationScoresBothMethodsOnEveryDroppedFrame) {
  FL_REQUIRE_SHARED_DATA(kKittiTracking);
  const auto reader = open_drive(DriveOptions{testing::shared_data(kKittiTracking), {{"sequence", "0005"}}});
  PropagationEvalOptions options;
  options.selection = {10, KeyframeProtocol::TrackFrames, false};
  options.refine = false;
  const PropagationEvaluation eval = evaluate_propagation(reader->drive(), reader->drive().labels, options, reader.get());
  const PropagationMetrics linear =
      summarize_errors(evaluate_linear(reader->drive().labels, options.selection, Device::Cpu), false);
  EXPECT_EQ(eval.linear.overall.count, linear.count);
  EXPECT_EQ(eval.linear.overall.mean_centre_m, linear.mean_centre_m);
  EXPECT_EQ(eval.fuselabel.overall.count, eval.dropped);
  EXPECT_EQ(eval.fuselabel.overall.missing, 0);
  EXPECT_GT(eval.fuselabel.overall.mean_bev_iou, 0.5);
  std::printf("sequence 0005 K=10: fuselabel %.4f m, linear %.4f m (%lld dropped, %zu turning tracks)\n",
              eval.fuselabel.overall.mean_centre_m, eval.linear.overall.mean_centre_m, (long long)eval.dropped,
              eval.turning_tracks.size());
}

// fuselabel against linear pooled over 0000-0010. Issue 11's target, asserted under the
// protocol that reproduces the issue's linear numbers (track-frames): mean centre error at most
// 0.6x linear at K = 10 and 20, yaw error and BEV IoU no worse. The drive-frame rows are printed.
TEST(PropagationEvalRealData, KittiTrackingPooledFuselabelAgainstLinear) {
  FL_REQUIRE_SHARED_DATA(kKittiTracking);
  for (KeyframeProtocol protocol : {KeyframeProtocol::TrackFrames, KeyframeProtocol::DriveFrame})
    for (int64_t k : {10, 20}) {
      std::vector<DroppedFrameError> fuselabel, linear;
      for (int s = 0; s <= 10; ++s) {
        char sequence[8];
        std::snprintf(sequence, sizeof sequence, "%04d", s);
        const auto reader = open_drive(DriveOptions{testing::shared_data(kKittiTracking), {{"sequence", sequence}}});
        PropagationEvalOptions options;
        options.selection = {k, protocol, false};
        options.refine = false;
        const PropagationEvaluation e = evaluate_propagation(reader->drive(), reader->drive().labels, options, nullptr);
        fuselabel.insert(fuselabel.end(), e.fuselabel_errors.begin(), e.fuselabel_errors.end());
        linear.insert(linear.end(), e.linear_errors.begin(), e.linear_errors.end());
      }
      const MethodMetrics f = summarize_method(fuselabel), l = summarize_method(linear);
      EXPECT_EQ(f.overall.missing, 0);
      EXPECT_EQ(f.overall.count, l.overall.count);
      EXPECT_EQ(l.overall.mean_centre_m, pooled_linear({k, protocol, false}).mean_centre_m);
      for (const auto& [name, m] : {std::pair<const char*, const MethodMetrics&>{"fuselabel", f}, {"linear", l}})
        std::printf("pooled K=%-3lld %-12s %-9s: centre mean %.4f median %.4f m, yaw %.2f deg, BEV %.3f, 3D %.3f, n=%lld;"
                    " turning: centre %.4f m, yaw %.2f deg, BEV %.3f, n=%lld\n",
                    (long long)k, keyframe_protocol_name(protocol), name, m.overall.mean_centre_m,
                    m.overall.median_centre_m, m.overall.mean_yaw_deg, m.overall.mean_bev_iou, m.overall.mean_iou_3d,
                    (long long)m.overall.count, m.turning.mean_centre_m, m.turning.mean_yaw_deg, m.turning.mean_bev_iou,
                    (long long)m.turning.count);
      std::printf("pooled K=%-3lld %-12s ratio centre %.3f (turning %.3f)\n", (long long)k,
                  keyframe_protocol_name(protocol), f.overall.mean_centre_m / l.overall.mean_centre_m,
                  f.turning.mean_centre_m / l.turning.mean_centre_m);
      if (protocol != KeyframeProtocol::TrackFrames) continue;
      EXPECT_LE(f.overall.mean_centre_m, 0.6 * l.overall.mean_centre_m) << "K = " << k;
      EXPECT_LE(f.overall.mean_yaw_deg, l.overall.mean_yaw_deg) << "K = " << k;
      EXPECT_GE(f.overall.mean_bev_iou, l.overall.mean_bev_iou) << "K = " << k;
    }
}

}  // namespace
}  // namespace fuselabel
