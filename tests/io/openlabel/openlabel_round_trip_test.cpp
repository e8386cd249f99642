// OpenLABEL written from the model and read back: the rig (every camera model), the ego
// trajectory, frame and stream times and every kind of label survive, in each label frame; and
// every file written validates against the official schema.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "io/openlabel/openlabel_file.h"
#include "io/openlabel/openlabel_writer.h"
#include "openlabel_schema_check.h"
#include "openlabel_test_drive.h"

namespace fuselabel {
namespace {

using testing::openlabel_test_drive;

void expect_near(const Transform3d& a, const Transform3d& b, double tolerance) {
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(a.R.m[i], b.R.m[i], tolerance) << i;
  EXPECT_NEAR(a.t.x, b.t.x, tolerance);
  EXPECT_NEAR(a.t.y, b.t.y, tolerance);
  EXPECT_NEAR(a.t.z, b.t.z, tolerance);
}

void expect_same_box(const Cuboidd& a, const Cuboidd& b) {
  EXPECT_NEAR(a.center.x, b.center.x, 1e-9);
  EXPECT_NEAR(a.center.y, b.center.y, 1e-9);
  EXPECT_NEAR(a.center.z, b.center.z, 1e-9);
  EXPECT_NEAR(a.size.x, b.size.x, 1e-12);
  EXPECT_NEAR(a.size.y, b.size.y, 1e-12);
  EXPECT_NEAR(a.size.z, b.size.z, 1e-12);
  const Mat3<double> ra = a.rotation.to_matrix(), rb = b.rotation.to_matrix();
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(ra.m[i], rb.m[i], 1e-9);
}

// Written, read back; returns what was read.
OpenLabelContent round_trip(const Drive& drive, const std::filesystem::path& file) {
  write_openlabel(drive, drive.labels, file);
  return read_openlabel_file(file);
}

class OpenLabelRoundTrip : public ::testing::TestWithParam<LabelFrame> {};

TEST_P(OpenLabelRoundTrip, RigTrajectoryFramesAndLabelsSurvive) {
  const testing::TempDir dir;
  const Drive drive = openlabel_test_drive(GetParam());
  const OpenLabelContent read = round_trip(drive, dir.path() / "openlabel.json");

  // Rig: the same sensors; every camera projects as before (a KITTI rectified camera comes back
  // posed in its rectified frame with R_rect folded in).
  const Rig& rig = drive.rigs.front();
  ASSERT_EQ(read.rig.sensors.size(), rig.sensors.size());
  testing::RandomScene scene(11);
  for (const Sensor& want : rig.sensors) {
    SCOPED_TRACE(want.name);
    const Sensor* got = read.rig.find(want.name);
    ASSERT_NE(got, nullptr);
    EXPECT_EQ(got->kind, want.kind);
    if (!want.camera) {
      expect_near(got->T_ego_sensor, want.T_ego_sensor, 1e-15);
      continue;
    }
    ASSERT_TRUE(got->camera);
    EXPECT_EQ(got->camera->width, want.camera->width);
    EXPECT_EQ(got->camera->height, want.camera->height);
    int projected = 0;
    for (int i = 0; i < 200; ++i) {
      const Vec3<double> p_cam{scene.uniform(-5, 5), scene.uniform(-3, 3), scene.uniform(0.5, 30)};
      const Vec3<double> p_ego = want.T_ego_sensor * p_cam;
      Vec2<double> a{}, b{};
      double da = 0, db = 0;
      const bool in_a = project_point(*want.camera, p_cam, a, da);
      const bool in_b = project_point(*got->camera, got->T_ego_sensor.inverse() * p_ego, b, db);
      ASSERT_EQ(in_a, in_b);
      if (!in_a) continue;
      ++projected;
      EXPECT_NEAR(a.x, b.x, 1e-6);
      EXPECT_NEAR(a.y, b.y, 1e-6);
    }
    EXPECT_GT(projected, 50);
  }

  // Frames, their times and the camera's own sample times.
  ASSERT_EQ(read.frames.size(), drive.frames.size());
  EXPECT_TRUE(read.has_timestamps);
  for (size_t f = 0; f < drive.frames.size(); ++f) {
    EXPECT_EQ(read.frames[f].number, int64_t(f));
    EXPECT_EQ(read.frames[f].timestamp_us, drive.frames[f].timestamp_us);
    EXPECT_EQ(read.frames[f].stream_timestamps_us.at("CAM_BROWN"), drive.frames[f].timestamp_us + 15'000);
  }
  ASSERT_EQ(read.trajectory.poses.size(), drive.trajectory.poses.size());
  for (size_t p = 0; p < drive.trajectory.poses.size(); ++p) {
    EXPECT_EQ(read.trajectory.poses[p].timestamp_us, drive.trajectory.poses[p].timestamp_us);
    expect_near(read.trajectory.poses[p].T_world_ego, drive.trajectory.poses[p].T_world_ego, 0);
  }
  EXPECT_EQ(read.world_cs, GetParam() == LabelFrame::World ? "odometry" : "");

  // Labels: LiDAR-frame labels come back in the ego frame, the others in their own.
  const LabelSet& want = drive.labels;
  const LabelSet& got = read.labels;
  EXPECT_EQ(got.frame, GetParam() == LabelFrame::Lidar ? LabelFrame::Ego : GetParam());
  EXPECT_EQ(got.taxonomy, want.taxonomy);
  ASSERT_EQ(got.tracks.size(), want.tracks.size());
  for (const Track& t : want.tracks) {
    ASSERT_NE(got.track(t.track_id), nullptr) << t.track_id;
    EXPECT_EQ(got.track(t.track_id)->class_name, t.class_name);
    EXPECT_EQ(got.track(t.track_id)->attributes, t.attributes);
  }
  const Transform3d T_out_in = GetParam() == LabelFrame::Lidar ? rig.lidar()->T_ego_sensor : Transform3d{};
  ASSERT_EQ(got.boxes.size(), want.boxes.size());
  std::map<std::tuple<int64_t, std::string, std::string>, const CuboidLabel*> by_key;
  for (const CuboidLabel& b : got.boxes) by_key[{b.frame, b.track_id, got.class_of(b)}] = &b;
  for (const CuboidLabel& b : want.boxes) {
    SCOPED_TRACE(b.id);
    const auto found = by_key.find({b.frame, b.track_id, want.class_of(b)});
    ASSERT_NE(found, by_key.end());
    const CuboidLabel& r = *found->second;
    expect_same_box(r.box, transform_cuboid(T_out_in, b.box));
    EXPECT_EQ(r.class_name, b.track_id.empty() ? want.class_of(b) : b.class_name);
    EXPECT_EQ(r.source, b.source);
    EXPECT_EQ(r.confidence, b.confidence);
    EXPECT_EQ(r.timestamp_us, b.timestamp_us);
    EXPECT_EQ(r.attributes, b.attributes);
    ASSERT_EQ(r.velocity.has_value(), b.velocity.has_value());
    if (b.velocity) {  // rotated with the cuboid into the label frame read back
      const Vec3<double> want_velocity = T_out_in.R * *b.velocity;
      EXPECT_NEAR(r.velocity->x, want_velocity.x, 1e-12);
      EXPECT_NEAR(r.velocity->y, want_velocity.y, 1e-12);
      EXPECT_NEAR(r.velocity->z, want_velocity.z, 1e-12);
    }
  }
  ASSERT_EQ(got.boxes_2d.size(), want.boxes_2d.size());
  std::multimap<std::tuple<int64_t, std::string, std::string, std::string>, const ImageBoxLabel*> boxes;
  for (const ImageBoxLabel& b : got.boxes_2d) boxes.insert({{b.frame, b.camera, b.track_id, got.class_of(b)}, &b});
  for (const ImageBoxLabel& b : want.boxes_2d) {
    SCOPED_TRACE(b.camera + " " + std::to_string(b.frame));
    auto [first, last] = boxes.equal_range({b.frame, b.camera, b.track_id, want.class_of(b)});
    ASSERT_NE(first, last);
    bool matched = false;
    for (auto it = first; it != last; ++it)
      matched = matched || (std::abs(it->second->box.x1 - b.box.x1) < 1e-9 && std::abs(it->second->box.y2 - b.box.y2) < 1e-9 &&
                            it->second->timestamp_us == b.timestamp_us);
    EXPECT_TRUE(matched);
    if (!b.cuboid_id.empty()) {
      EXPECT_FALSE(first->second->cuboid_id.empty());  // still drawn with its cuboid
    }
  }
}

TEST_P(OpenLabelRoundTrip, WrittenFileValidatesAgainstTheSchema) {
  const testing::TempDir dir;
  const Drive drive = openlabel_test_drive(GetParam());
  write_openlabel(drive, drive.labels, dir.path() / "openlabel.json");
  FL_EXPECT_VALID_OPENLABEL(dir.path() / "openlabel.json");
}

INSTANTIATE_TEST_SUITE_P(LabelFrames, OpenLabelRoundTrip,
                         ::testing::Values(LabelFrame::World, LabelFrame::Ego, LabelFrame::Lidar),
                         [](const auto& info) { return std::string(label_frame_name(info.param)); });

// Same structure and strings, numbers equal within `tolerance`.
void expect_json_near(const nlohmann::json& a, const nlohmann::json& b, double tolerance, const std::string& path) {
  if (a.is_number() && b.is_number()) {
    EXPECT_NEAR(a.get<double>(), b.get<double>(), tolerance) << path;
    return;
  }
  ASSERT_EQ(a.type(), b.type()) << path;
  if (a.is_object()) {
    ASSERT_EQ(a.size(), b.size()) << path;
    for (auto it = a.begin(); it != a.end(); ++it) {
      ASSERT_TRUE(b.contains(it.key())) << path << "." << it.key();
      expect_json_near(it.value(), b.at(it.key()), tolerance, path + "." + it.key());
    }
  } else if (a.is_array()) {
    ASSERT_EQ(a.size(), b.size()) << path;
    for (size_t i = 0; i < a.size(); ++i) expect_json_near(a[i], b[i], tolerance, path + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(a, b) << path;
  }
}

// Reading what was written and writing it again gives the same document, up to the last bits of
// rotations (a quaternion becomes a matrix and a quaternion again).
TEST(OpenLabelWriter, WritingWhatWasReadGivesTheSameDocument) {
  const testing::TempDir dir;
  const Drive drive = openlabel_test_drive(LabelFrame::World);
  const OpenLabelContent once = round_trip(drive, dir.path() / "a.json");
  Drive again = drive;
  again.rigs = {once.rig};
  again.labels = once.labels;
  const OpenLabelContent twice = round_trip(again, dir.path() / "b.json");
  Drive third = again;
  third.rigs = {twice.rig};
  third.labels = twice.labels;
  expect_json_near(openlabel_document(again, again.labels, {"odometry", "ego"}),
                   openlabel_document(third, third.labels, {"odometry", "ego"}), 1e-12, "");
}

TEST(OpenLabelWriter, RefusesDrivesWithACalibrationPerFrame) {
  Drive drive = openlabel_test_drive(LabelFrame::Ego);
  drive.rigs.push_back(drive.rigs.front());
  EXPECT_THROW(openlabel_document(drive, drive.labels), std::invalid_argument);
}

}  // namespace
}  // namespace fuselabel
