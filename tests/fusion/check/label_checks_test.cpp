// The label checks on the committed sample drive: its true labels raise no error or warning,
// and each kind of label error, made by hand at a known track and frame, is flagged there by the
// check that looks for it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "fusion/check/check_registry.h"
#include "io/drive_reader.h"
#include "test_support.h"

namespace fuselabel {
namespace {

class LabelChecks : public ::testing::Test {
 protected:
  void SetUp() override {
    reader_ = open_drive(testing::source_dir() / "data-samples/drive");
    truth_ = reader_->read_replacement_labels("ground_truth");
  }

  std::vector<Flag> run(const LabelSet& labels) const {
    Workspace ws(Device::Cpu);
    const CheckInputs inputs(*reader_, labels, &ws);
    return run_checks(inputs, default_check_profile(declared_check_parameters())).flags;
  }

  // The index of a track's cuboid at a frame: a moving vehicle in the middle of the drive.
  size_t box_of(const std::string& track, int64_t frame) const {
    for (size_t i = 0; i < truth_.boxes.size(); ++i)
      if (truth_.boxes[i].track_id == track && truth_.boxes[i].frame == frame) return i;
    ADD_FAILURE() << "no cuboid of " << track << " at " << frame;
    return 0;
  }

  static bool has(const std::vector<Flag>& flags, const std::string& check, const std::string& kind,
                  const std::string& track, int64_t frame) {
    return std::any_of(flags.begin(), flags.end(), [&](const Flag& f) {
      return f.check == check && f.kind == kind && (f.track_id == track || f.other_track_id == track) &&
             f.frame == frame && f.severity == Severity::Error;
    });
  }

  std::unique_ptr<DriveReader> reader_;
  LabelSet truth_;
};

// Track 00027, a car overtaking the ego, is labelled in every frame from the start.
constexpr const char* kCar = "00027";

TEST_F(LabelChecks, TrueLabelsRaiseNoErrorOrWarning) {
  for (const Flag& f : run(truth_))
    EXPECT_EQ(f.severity, Severity::Info)
        << f.check << " " << f.kind << " " << f.track_id << "@" << f.frame << ": " << f.message;
}

TEST_F(LabelChecks, AShiftedCuboidIsAPositionJumpAtItsFrame) {
  LabelSet labels = truth_;
  labels.boxes[box_of(kCar, 20)].box.center.x += 1.0;
  const std::vector<Flag> flags = run(labels);
  EXPECT_TRUE(has(flags, "track_motion", "position_jump", kCar, 20));
  for (const Flag& f : flags) {
    if (f.check == "track_motion") {
      EXPECT_EQ(f.frame, 20) << f.kind;
    }
  }
}

TEST_F(LabelChecks, ALiftedOrSunkCuboidLosesGroundContact) {
  for (const double dz : {0.6, -0.6}) {
    LabelSet labels = truth_;
    labels.boxes[box_of(kCar, 40)].box.center.z += dz;
    const std::vector<Flag> flags = run(labels);
    EXPECT_TRUE(has(flags, "ground_contact", dz > 0 ? "floating" : "sunk", kCar, 40)) << dz;
    for (const Flag& f : flags)
      if (f.check == "ground_contact") {
        EXPECT_EQ(f.frame, 40) << f.kind;
        EXPECT_NEAR(f.metrics.at("ground_above_bottom_m"), -dz, 0.1);
      }
  }
}

// A track whose cuboids drift along the radar's line of sight around one frame: its velocity there
// is wrong by 4 m/s, and the radar returns inside its cuboid at that frame say so.
TEST_F(LabelChecks, AWrongVelocityAlongTheLineOfSightDisagreesWithTheRadar) {
  Workspace ws(Device::Cpu);
  const CheckInputs truth_inputs(*reader_, truth_, &ws);
  ASSERT_TRUE(truth_inputs.radar_judged());
  std::optional<size_t> chosen;
  for (size_t i = 0; i < truth_.boxes.size() && !chosen; ++i) {
    const CuboidLabel& b = truth_.boxes[i];
    const TrackSeries* track = truth_inputs.track(b.track_id);
    if (truth_inputs.radar(i).size() >= 2 && track && track->at_frame(b.frame - 3) && track->at_frame(b.frame + 3))
      chosen = i;
  }
  ASSERT_TRUE(chosen) << "no cuboid of the sample drive holds two radar returns";
  const CuboidLabel target = truth_.boxes[*chosen];
  const Vec3<double> ray = target.box.center - truth_inputs.radar(*chosen).front().sensor_position;
  const Vec3<double> u = (1.0 / std::sqrt(dot(ray, ray))) * ray;
  LabelSet labels = truth_;
  for (CuboidLabel& b : labels.boxes)
    if (b.track_id == target.track_id && std::llabs(b.frame - target.frame) <= 3)
      b.box.center = b.box.center + (double(b.timestamp_us - target.timestamp_us) * 1e-6 * 4.0) * u;
  EXPECT_TRUE(has(run(labels), "radar_velocity", "radial_velocity", target.track_id, target.frame))
      << target.track_id << "@" << target.frame;
}

// A car nobody labelled: its points form a cluster no cuboid explains in every sweep.
TEST_F(LabelChecks, ATrackNobodyLabelledIsAnUnlabeledObject) {
  LabelSet labels = truth_;
  std::vector<Vec3<double>> removed;
  labels.boxes.erase(std::remove_if(labels.boxes.begin(), labels.boxes.end(),
                                    [&](const CuboidLabel& b) {
                                      if (b.track_id == kCar) removed.push_back(b.box.center);
                                      return b.track_id == kCar;
                                    }),
                     labels.boxes.end());
  labels.boxes_2d.erase(std::remove_if(labels.boxes_2d.begin(), labels.boxes_2d.end(),
                                       [](const ImageBoxLabel& b) { return b.track_id == kCar; }),
                        labels.boxes_2d.end());
  int found = 0;
  for (const Flag& f : run(labels)) {
    if (f.check != "unlabeled_object") continue;
    // Where the car was labelled at that frame (labels here are in the world).
    const Vec3<double> c = truth_.boxes[box_of(kCar, f.frame)].box.center;
    EXPECT_LT(std::hypot(f.metrics.at("x") - c.x, f.metrics.at("y") - c.y), 3.0) << f.message;
    EXPECT_GE(f.metrics.at("sweeps"), 5);
    ++found;
  }
  EXPECT_GE(found, 1);
  EXPECT_FALSE(removed.empty());
}

TEST_F(LabelChecks, AHeadingTurnedByPiIsAFlip) {
  LabelSet labels = truth_;
  Cuboidd& box = labels.boxes[box_of(kCar, 30)].box;
  box.rotation = box.rotation * Quat<double>::from_yaw(3.14159265358979323846);
  EXPECT_TRUE(has(run(labels), "track_motion", "heading_flip", kCar, 30));
}

TEST_F(LabelChecks, AScaledCuboidIsASizeChange) {
  LabelSet labels = truth_;
  Cuboidd& box = labels.boxes[box_of(kCar, 25)].box;
  box.size = 1.25 * box.size;
  EXPECT_TRUE(has(run(labels), "track_size", "size_change", kCar, 25));
}

TEST_F(LabelChecks, ARunOfAnotherClassIsOneClassChange) {
  LabelSet labels = truth_;
  for (int64_t f = 10; f < 14; ++f) labels.boxes[box_of(kCar, f)].class_name = "truck";
  const std::vector<Flag> flags = run(labels);
  EXPECT_TRUE(has(flags, "class_mismatch", "class_change", kCar, 10));
  EXPECT_EQ(std::count_if(flags.begin(), flags.end(), [](const Flag& f) { return f.kind == "class_change"; }), 1);
}

TEST_F(LabelChecks, TwoCuboidsOfOneTrackInAFrameAreADuplicate) {
  LabelSet labels = truth_;
  const size_t i = box_of(kCar, 15);
  labels.boxes.insert(labels.boxes.begin() + long(i) + 1, labels.boxes[i]);
  labels.boxes[i + 1].box.center.y += 5;
  EXPECT_TRUE(has(run(labels), "track_identity", "duplicate_id", kCar, 15));
}

// Track 00001, the car ahead, is in the front camera's labels throughout.
constexpr const char* kLead = "00001";

TEST_F(LabelChecks, A2DBoxWithoutItsCuboidIsMissing3D) {
  LabelSet labels = truth_;
  // The frame of a 2D box of the car ahead in the middle of the drive: the LiDAR frame nearest it.
  const auto b = std::find_if(labels.boxes_2d.begin(), labels.boxes_2d.end(), [&](const ImageBoxLabel& x) {
    return x.track_id == kLead && x.timestamp_us > reader_->drive().frames[20].timestamp_us;
  });
  ASSERT_NE(b, labels.boxes_2d.end());
  int64_t frame = 0;
  for (size_t f = 0; f < reader_->drive().frames.size(); ++f)
    if (std::llabs(reader_->drive().frames[f].timestamp_us - b->timestamp_us) <
        std::llabs(reader_->drive().frames[size_t(frame)].timestamp_us - b->timestamp_us))
      frame = int64_t(f);
  labels.boxes.erase(labels.boxes.begin() + long(box_of(kLead, frame)));  // its 2D boxes stay
  EXPECT_TRUE(has(run(labels), "missing_3d", "no_cuboid_in_frame", kLead, frame));
}

TEST_F(LabelChecks, AMoved2DBoxDisagreesWithItsProjectedCuboid) {
  LabelSet labels = truth_;
  const auto b = std::find_if(labels.boxes_2d.begin(), labels.boxes_2d.end(),
                              [](const ImageBoxLabel& x) { return x.track_id == kLead && x.box.x2 - x.box.x1 > 20; });
  ASSERT_NE(b, labels.boxes_2d.end());
  const double w = b->box.x2 - b->box.x1;
  b->box.x1 += 0.8 * w, b->box.x2 += 0.8 * w;
  const std::vector<Flag> flags = run(labels);
  const bool found = std::any_of(flags.begin(), flags.end(), [&](const Flag& f) {
    return f.check == "box_2d3d_mismatch" && f.track_id == kLead && f.sensor == b->camera &&
           f.severity == Severity::Error;
  });
  EXPECT_TRUE(found);
}

TEST_F(LabelChecks, A2DBoxOfAnotherClassIsAClassMismatch) {
  LabelSet labels = truth_;
  const auto b = std::find_if(labels.boxes_2d.begin(), labels.boxes_2d.end(),
                              [](const ImageBoxLabel& x) { return x.track_id == kLead; });
  ASSERT_NE(b, labels.boxes_2d.end());
  b->class_name = "bus";
  const std::vector<Flag> flags = run(labels);
  EXPECT_TRUE(std::any_of(flags.begin(), flags.end(), [&](const Flag& f) {
    return f.check == "class_mismatch" && f.kind == "class_2d3d" && f.track_id == kLead && f.sensor == b->camera;
  }));
}

TEST_F(LabelChecks, TwoTracksSwappingIdsAreASwap) {
  LabelSet labels = truth_;
  // From frame 25 on, the overtaking car and the car ahead exchange ids.
  for (CuboidLabel& b : labels.boxes)
    if (b.frame >= 25 && (b.track_id == kCar || b.track_id == kLead)) b.track_id = b.track_id == kCar ? kLead : kCar;
  std::stable_sort(labels.boxes.begin(), labels.boxes.end(), [](const CuboidLabel& a, const CuboidLabel& b) {
    return std::make_pair(a.frame, a.track_id) < std::make_pair(b.frame, b.track_id);
  });
  const std::vector<Flag> flags = run(labels);
  EXPECT_TRUE(has(flags, "track_identity", "identity_swap", kCar, 25));
  EXPECT_TRUE(has(flags, "track_motion", "position_step", kLead, 25));
}

TEST_F(LabelChecks, FlagIdsAreTheSameOnEveryRun) {
  LabelSet labels = truth_;
  labels.boxes[box_of(kCar, 20)].box.center.x += 1.0;
  const std::vector<Flag> a = run(labels), b = run(labels);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].id, b[i].id);
}

}  // namespace
}  // namespace fuselabel
