#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "sim_corruption_support.h"

namespace fuselabel {
namespace {

using testing::Difference;
using testing::expected_differences;

constexpr double kPi = 3.141592653589793;

CorruptionProfile mixed_profile() {
  CorruptionProfile p;
  p.box_shift.amount.count = 3;
  p.yaw_flip.amount.count = 2;
  p.size_change.amount.count = 2;
  p.class_flip.amount.count = 1;
  p.class_flip.classes = {"Car", "Truck", "Van"};
  p.id_switch.amount.count = 1;
  p.missing_2d.amount.count = 3;
  p.inconsistent_2d.amount.count = 3;
  p.missing_3d.amount.count = 2;
  return p;
}

CorruptionResult corrupt(const CorruptionProfile& profile, uint64_t seed = 11) {
  return corrupt_labels(testing::synthetic_truth(), testing::synthetic_drive(), profile, seed);
}

const CuboidLabel& box_at(const LabelSet& labels, const std::string& track, int64_t frame) {
  for (const CuboidLabel& b : labels.boxes)
    if (b.track_id == track && b.frame == frame) return b;
  throw std::out_of_range(track + "@" + std::to_string(frame));
}

TEST(SimCorruption, InjectedErrorsAreExactlyTheDifferences) {
  const LabelSet truth = testing::synthetic_truth();
  for (uint64_t seed = 0; seed < 40; ++seed) {
    const CorruptionResult result = corrupt(mixed_profile(), seed);
    ASSERT_EQ(testing::observed_differences(truth, result.labels), expected_differences(truth, result.errors))
        << "seed " << seed;
    // Every requested error fits in this drive, so none are missing.
    EXPECT_TRUE(result.shortfalls.empty()) << "seed " << seed << ": " << result.shortfalls.front();
    EXPECT_EQ(result.errors.size(), 17u);
    // One error per (true track, frame) cell.
    std::map<std::pair<std::string, int64_t>, size_t> owner;
    for (size_t i = 0; i < result.errors.size(); ++i)
      for (const Difference& d : expected_differences(truth, {result.errors[i]})) {
        const auto [it, fresh] = owner.insert({{d.track, d.frame}, i});
        EXPECT_TRUE(fresh || it->second == i) << "seed " << seed << ": " << d.track << "@" << d.frame;
      }
  }
}

TEST(SimCorruption, EmptyProfileChangesNothing) {
  const CorruptionResult result = corrupt(CorruptionProfile{});
  EXPECT_TRUE(result.errors.empty());
  EXPECT_TRUE(testing::observed_differences(testing::synthetic_truth(), result.labels).empty());
}

TEST(SimCorruption, BoxShiftMovesHorizontallyByTheDrawnDistance) {
  CorruptionProfile p;
  p.box_shift = {{6, std::nullopt}, {0.5, 2.0}};
  const LabelSet truth = testing::synthetic_truth();
  const CorruptionResult result = corrupt(p);
  ASSERT_EQ(result.errors.size(), 6u);
  for (const InjectedError& e : result.errors) {
    const CuboidLabel &t = box_at(truth, e.track, e.frame), &c = box_at(result.labels, e.track, e.frame);
    const double dx = c.box.center.x - t.box.center.x, dy = c.box.center.y - t.box.center.y;
    EXPECT_NEAR(std::hypot(dx, dy), e.parameters.at("distance_m"), 1e-9);
    EXPECT_GE(e.parameters.at("distance_m"), 0.5);
    EXPECT_LE(e.parameters.at("distance_m"), 2.0);
    EXPECT_NEAR(dx, e.parameters.at("dx_m"), 1e-9);
    EXPECT_EQ(c.box.center.z, t.box.center.z);
    EXPECT_EQ(e.sensor, "");
    EXPECT_EQ(e.timestamp_us, t.timestamp_us);
  }
}

TEST(SimCorruption, YawFlipTurnsTheBoxAboutItsOwnZAxis) {
  CorruptionProfile p;
  p.yaw_flip.amount.count = 5;
  const LabelSet truth = testing::synthetic_truth();
  const CorruptionResult result = corrupt(p);
  ASSERT_EQ(result.errors.size(), 5u);
  for (const InjectedError& e : result.errors) {
    const Mat3<double> t = box_at(truth, e.track, e.frame).box.rotation.to_matrix();
    const Mat3<double> c = box_at(result.labels, e.track, e.frame).box.rotation.to_matrix();
    for (int row = 0; row < 3; ++row) {
      EXPECT_NEAR(c(row, 0), -t(row, 0), 1e-12);  // heading reversed
      EXPECT_NEAR(c(row, 1), -t(row, 1), 1e-12);
      EXPECT_NEAR(c(row, 2), t(row, 2), 1e-12);  // the box's up axis kept
    }
    EXPECT_DOUBLE_EQ(e.parameters.at("angle_rad"), kPi);
  }
}

TEST(SimCorruption, SizeChangeScalesEveryDimensionByTheDrawnFactor) {
  CorruptionProfile p;
  p.size_change = {{8, std::nullopt}, {1.2, 1.5}};
  const LabelSet truth = testing::synthetic_truth();
  const CorruptionResult result = corrupt(p);
  ASSERT_EQ(result.errors.size(), 8u);
  std::set<bool> grew;
  for (const InjectedError& e : result.errors) {
    const Vec3<double> t = box_at(truth, e.track, e.frame).box.size,
                       c = box_at(result.labels, e.track, e.frame).box.size;
    const double scale = e.parameters.at("scale");
    EXPECT_NEAR(c.x / t.x, scale, 1e-12);
    EXPECT_NEAR(c.y / t.y, scale, 1e-12);
    EXPECT_NEAR(c.z / t.z, scale, 1e-12);
    const double factor = scale >= 1 ? scale : 1 / scale;
    EXPECT_GE(factor, 1.2 - 1e-12);
    EXPECT_LE(factor, 1.5 + 1e-12);
    grew.insert(scale > 1);
  }
  EXPECT_EQ(grew.size(), 2u) << "both growing and shrinking drawn";
}

TEST(SimCorruption, BoxLiftMovesTheCentreUpOrDownOnly) {
  CorruptionProfile p;
  p.box_lift = {{8, std::nullopt}, {0.5, 1.0}};
  const LabelSet truth = testing::synthetic_truth();
  const CorruptionResult result = corrupt(p);
  ASSERT_EQ(result.errors.size(), 8u);
  std::set<bool> up;
  for (const InjectedError& e : result.errors) {
    EXPECT_EQ(corruption_type_name(e.type), std::string("box_lift"));
    const Cuboidd& t = box_at(truth, e.track, e.frame).box;
    const Cuboidd& c = box_at(result.labels, e.track, e.frame).box;
    const double dz = e.parameters.at("dz_m");
    EXPECT_DOUBLE_EQ(c.center.x, t.center.x);
    EXPECT_DOUBLE_EQ(c.center.y, t.center.y);
    EXPECT_NEAR(c.center.z - t.center.z, dz, 1e-12);
    EXPECT_GE(std::fabs(dz), 0.5);
    EXPECT_LE(std::fabs(dz), 1.0);
    EXPECT_DOUBLE_EQ(c.size.z, t.size.z);
    up.insert(dz > 0);
  }
  EXPECT_EQ(up.size(), 2u) << "both up and down drawn";
}

TEST(SimCorruption, ClassFlipRelabelsOneRunOfATrack) {
  CorruptionProfile p;
  p.class_flip = {{4, std::nullopt}, {"Car", "Truck"}, {3, 6}};
  const LabelSet truth = testing::synthetic_truth();
  const CorruptionResult result = corrupt(p);
  ASSERT_EQ(result.errors.size(), 4u) << "one run per track, four tracks";
  for (const InjectedError& e : result.errors) {
    const auto last = static_cast<int64_t>(e.parameters.at("last_frame"));
    EXPECT_EQ(last - e.frame + 1, e.parameters.at("frames"));  // every synthetic track is labelled each frame
    EXPECT_GE(e.parameters.at("frames"), 3);
    EXPECT_LE(e.parameters.at("frames"), 6);
    const std::string& from = e.text_parameters.at("from");
    const std::string& to = e.text_parameters.at("to");
    EXPECT_NE(from, to);
    EXPECT_TRUE(to == "Car" || to == "Truck");
    for (const CuboidLabel& b : result.labels.boxes)
      if (b.track_id == e.track) {
        EXPECT_EQ(b.class_name, b.frame >= e.frame && b.frame <= last ? to : "") << b.frame;
      }
  }
}

TEST(SimCorruption, IdSwitchSwapsTheTwoTracksFromItsFrameOn) {
  CorruptionProfile p;
  p.id_switch.amount.count = 1;
  const LabelSet truth = testing::synthetic_truth();
  for (uint64_t seed = 0; seed < 10; ++seed) {
    const CorruptionResult result = corrupt(p, seed);
    ASSERT_EQ(result.errors.size(), 1u);
    const InjectedError& e = result.errors[0];
    ASSERT_FALSE(e.second_track.empty());
    EXPECT_GE(e.frame, 1);
    for (const CuboidLabel& t : truth.boxes) {
      if (t.track_id != e.track && t.track_id != e.second_track) continue;
      const std::string other = t.track_id == e.track ? e.second_track : e.track;
      const CuboidLabel& now = box_at(result.labels, e.frame <= t.frame ? other : t.track_id, t.frame);
      EXPECT_TRUE(testing::same_cuboid(now.box, t.box)) << t.track_id << "@" << t.frame;
    }
  }
}

TEST(SimCorruption, IdSwitchRespectsMaxDistance) {
  CorruptionProfile p;
  p.id_switch.amount.count = 1;
  p.id_switch.max_distance_m = 8.5;  // only neighbouring synthetic tracks are this close
  for (uint64_t seed = 0; seed < 10; ++seed) {
    const CorruptionResult result = corrupt(p, seed);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_LE(result.errors[0].parameters.at("distance_m"), 8.5);
  }
  p.id_switch.max_distance_m = 1.0;
  const CorruptionResult none = corrupt(p);
  EXPECT_TRUE(none.errors.empty());
  ASSERT_EQ(none.shortfalls.size(), 1u);
  EXPECT_EQ(none.shortfalls[0], "id_switch: 0 of 1 placed");
}

TEST(SimCorruption, Missing2DRemovesOnlyThatBox) {
  CorruptionProfile p;
  p.missing_2d.amount.count = 7;
  const LabelSet truth = testing::synthetic_truth();
  const CorruptionResult result = corrupt(p);
  ASSERT_EQ(result.errors.size(), 7u);
  EXPECT_EQ(result.labels.boxes_2d.size(), truth.boxes_2d.size() - 7);
  for (const InjectedError& e : result.errors) {
    EXPECT_TRUE(e.sensor == "CAM_FRONT" || e.sensor == "CAM_LEFT");
    EXPECT_EQ(e.frame, testing::frame_of_camera_time(e.timestamp_us));
    for (const ImageBoxLabel& b : result.labels.boxes_2d)
      EXPECT_FALSE(b.track_id == e.track && b.camera == e.sensor && b.timestamp_us == e.timestamp_us);
  }
}

TEST(SimCorruption, Inconsistent2DFallsBelowTheIouThreshold) {
  CorruptionProfile p;
  p.inconsistent_2d.amount.count = 12;
  p.inconsistent_2d.max_iou = 0.3;
  const LabelSet truth = testing::synthetic_truth();
  const CorruptionResult result = corrupt(p);
  ASSERT_EQ(result.errors.size(), 12u);
  for (const InjectedError& e : result.errors)
    for (const ImageBoxLabel& c : result.labels.boxes_2d) {
      if (c.track_id != e.track || c.camera != e.sensor || c.timestamp_us != e.timestamp_us) continue;
      for (const ImageBoxLabel& t : truth.boxes_2d)
        if (t.track_id == c.track_id && t.camera == c.camera && t.timestamp_us == c.timestamp_us) {
          EXPECT_LT(box_iou(t.box, c.box), 0.3);
          EXPECT_NEAR(box_iou(t.box, c.box), e.parameters.at("iou"), 1e-12);
          EXPECT_NEAR((c.box.x2 - c.box.x1) / (t.box.x2 - t.box.x1), e.parameters.at("scale"), 1e-9);
        }
      EXPECT_GE(c.box.x1, 0);
      EXPECT_LE(c.box.x2, 1599);
      EXPECT_GE(c.box.y1, 0);
      EXPECT_LE(c.box.y2, 899);
    }
}

TEST(SimCorruption, Missing3DDropsOnlyBoxesOfVisibleObjects) {
  CorruptionProfile p;
  p.missing_3d.amount.rate = 1.0;  // every visible box: the invisible ones must survive
  const LabelSet truth = testing::synthetic_truth();
  const CorruptionResult result = corrupt(p);
  std::set<std::pair<std::string, int64_t>> visible;
  for (const ImageBoxLabel& b : truth.boxes_2d)
    visible.insert({b.track_id, testing::frame_of_camera_time(b.timestamp_us)});
  EXPECT_EQ(result.errors.size(), visible.size());
  for (const InjectedError& e : result.errors)
    EXPECT_TRUE(visible.count({e.track, e.frame})) << e.track << "@" << e.frame;
  ASSERT_EQ(result.labels.boxes.size(), truth.boxes.size() - visible.size());
  for (const CuboidLabel& b : result.labels.boxes) EXPECT_EQ(b.track_id, "truck-1");  // unseen after frame 9
  EXPECT_EQ(result.labels.boxes_2d.size(), truth.boxes_2d.size()) << "the evidence stays";
}

TEST(SimCorruption, RateCountsEligibleLabelsAndShortfallsAreReported) {
  const LabelSet truth = testing::synthetic_truth();
  CorruptionProfile p;
  p.box_shift.amount.rate = 0.1;
  EXPECT_EQ(corrupt(p).errors.size(), static_cast<size_t>(std::lround(0.1 * truth.boxes.size())));
  CorruptionProfile switches;
  switches.id_switch.amount.rate = 0.5;  // per track, not per candidate pair
  EXPECT_EQ(corrupt(switches).errors.size(), 2u);
  CorruptionProfile too_many;
  too_many.yaw_flip.amount.count = 1000;
  const CorruptionResult result = corrupt(too_many);
  EXPECT_EQ(result.errors.size(), truth.boxes.size());
  ASSERT_EQ(result.shortfalls.size(), 1u);
  EXPECT_EQ(result.shortfalls[0], "yaw_flip: " + std::to_string(truth.boxes.size()) + " of 1000 placed");
}

TEST(SimCorruption, SameSeedSameCorruptionOtherSeedOther) {
  const CorruptionResult a = corrupt(mixed_profile(), 5), b = corrupt(mixed_profile(), 5),
                         c = corrupt(mixed_profile(), 6);
  EXPECT_EQ(injected_errors_json(a.errors), injected_errors_json(b.errors));
  ASSERT_EQ(a.labels.boxes.size(), b.labels.boxes.size());
  for (size_t i = 0; i < a.labels.boxes.size(); ++i) {
    EXPECT_TRUE(testing::same_box(a.labels.boxes[i], b.labels.boxes[i]));
    EXPECT_EQ(a.labels.boxes[i].track_id, b.labels.boxes[i].track_id);
  }
  EXPECT_NE(injected_errors_json(a.errors), injected_errors_json(c.errors));
}

TEST(SimCorruption, CorruptedLabelsKeepTheLabelSetOrder) {
  const CorruptionResult result = corrupt(mixed_profile(), 3);
  EXPECT_TRUE(std::is_sorted(result.labels.boxes.begin(), result.labels.boxes.end(),
                             [](const CuboidLabel& a, const CuboidLabel& b) {
                               return std::tie(a.frame, a.track_id) < std::tie(b.frame, b.track_id);
                             }));
  EXPECT_TRUE(std::is_sorted(
      result.labels.boxes_2d.begin(), result.labels.boxes_2d.end(), [](const ImageBoxLabel& a, const ImageBoxLabel& b) {
        return std::tie(a.timestamp_us, a.camera, a.track_id) < std::tie(b.timestamp_us, b.camera, b.track_id);
      }));
  EXPECT_TRUE(std::is_sorted(result.errors.begin(), result.errors.end(), injected_error_less));
}

// KITTI object labels have no tracks: each label is corrupted as a track of its own, named by its
// id in the errors, and comes back without a track.
TEST(SimCorruption, UntrackedLabelsAreTracksOfTheirOwn) {
  LabelSet truth = testing::synthetic_truth();
  for (CuboidLabel& b : truth.boxes) {
    b.id = b.track_id + "@" + std::to_string(b.frame);
    if (b.class_name.empty()) b.class_name = truth.class_of(b);
    b.track_id.clear();
  }
  truth.boxes_2d.clear();
  truth.tracks.clear();
  CorruptionProfile profile;
  profile.box_shift.amount.count = 4;
  const CorruptionResult result = corrupt_labels(truth, testing::synthetic_drive(), profile, 3);
  ASSERT_EQ(result.errors.size(), 4u);
  std::map<std::string, const CuboidLabel*> by_id;
  for (const CuboidLabel& b : result.labels.boxes) {
    EXPECT_TRUE(b.track_id.empty()) << b.id;
    by_id[b.id] = &b;
  }
  for (const InjectedError& e : result.errors) {
    ASSERT_TRUE(by_id.count(e.track)) << "error names label " << e.track;
    EXPECT_EQ(by_id[e.track]->frame, e.frame);
  }
}

TEST(SimCorruption, DriveWithoutFramesIsRejected) {
  Drive drive = testing::synthetic_drive();
  drive.frames.clear();
  EXPECT_THROW(corrupt_labels(testing::synthetic_truth(), drive, mixed_profile(), 1), std::invalid_argument);
}

}  // namespace
}  // namespace fuselabel
