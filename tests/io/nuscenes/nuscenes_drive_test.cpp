// nuScenes dataroot as a DriveReader: scene and version selection, keyframes and sweeps, frame
// id forms, time association of cameras and radars, annotations as tracks.
#include "io/nuscenes/nuscenes_drive.h"

#include <gtest/gtest.h>

#include "io/io_test_support.h"
#include "nuscenes_fixture.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::json;
using testing::NuscenesFixture;
using testing::TempDir;

struct Dataroot {
  TempDir dir;
  NuscenesFixture fixture;
  Dataroot() {
    fixture.root = dir.path();
    testing::write_nuscenes_fixture(fixture);
  }
  DriveOptions options(const std::string& scene = "scene-0061") const { return fixture.scene_options(scene); }
};

TEST(NuscenesDrive, RecognisedByOpenDriveWithTheOnlyVersion) {
  Dataroot data;
  const auto drive = open_drive(data.options());
  EXPECT_EQ(drive->format(), "nuscenes");
  EXPECT_EQ(drive->frame_ids(), (std::vector<std::string>{"0", "sweep:1", "sweep:2", "1", "sweep:4", "sweep:5", "2"}));
  EXPECT_TRUE(NuscenesDrive::recognises(data.dir.path()));
  EXPECT_FALSE(NuscenesDrive::recognises(data.dir / "v1.0-mini"));
}

TEST(NuscenesDrive, KeyframeHasItsOwnSampleDataAndAnnotations) {
  Dataroot data;
  const FrameData frame = NuscenesDrive(data.options()).load_frame("1");
  auto& f = data.fixture;
  EXPECT_EQ(frame.id, "1");
  EXPECT_EQ(frame.timestamp_us, NuscenesFixture::kT0 + 150000);
  EXPECT_EQ(frame.label_frame, "world");
  EXPECT_EQ(frame.taxonomy, "nuscenes-v1.0");

  ASSERT_TRUE(frame.lidar);
  EXPECT_EQ(frame.lidar->sensor, "LIDAR_TOP");
  EXPECT_EQ(frame.lidar->fields, (std::vector<std::string>{"x", "y", "z", "intensity", "ring"}));
  EXPECT_EQ(frame.lidar->size(), NuscenesFixture::kLidarPoints);
  EXPECT_EQ(frame.lidar->records[5 * 9 + 4], 9.f);  // ring of point 9

  ASSERT_EQ(frame.cameras.size(), 2u);  // channels in name order
  EXPECT_EQ(frame.cameras[0].sensor, "CAM_BACK");
  EXPECT_EQ(frame.cameras[1].sensor, "CAM_FRONT");
  const json& front = *f.channel_rows("CAM_FRONT")[2];  // the keyframe of sample 1
  EXPECT_EQ(frame.cameras[1].timestamp_us, front["timestamp"].get<int64_t>());
  EXPECT_EQ(frame.cameras[1].image_path, f.blob(front));
  const CameraModeld& model = frame.cameras[1].model;
  EXPECT_EQ(model.type, CameraModelType::Pinhole);
  EXPECT_EQ(model.width, 1600);
  EXPECT_EQ(model.height, 900);
  EXPECT_EQ(model.fx, 1266.417203046554);
  EXPECT_EQ(model.cy, 491.50706579294757);
  EXPECT_TRUE(frame.cameras[1].T_cam_label_frame);

  ASSERT_EQ(frame.radars.size(), 1u);
  EXPECT_EQ(frame.radars[0].sensor, "RADAR_FRONT");
  EXPECT_EQ(frame.radars[0].timestamp_us, (*f.channel_rows("RADAR_FRONT")[2])["timestamp"].get<int64_t>());
  EXPECT_EQ(frame.radars[0].fields, (std::vector<std::string>{"x", "y", "z", "vr", "rcs"}));
  EXPECT_EQ(frame.radars[0].size(), 4);  // 6 points, one ambiguous and one invalid

  ASSERT_EQ(frame.cuboids.size(), 2u);
  const json& car = f.tables["sample_annotation"][2];  // sample 1: car, then pedestrian
  const CuboidLabel& label = frame.cuboids[0];
  EXPECT_EQ(label.id, car["token"]);
  EXPECT_EQ(label.track_id, car["instance_token"]);
  EXPECT_EQ(label.class_name, "vehicle.car");
  EXPECT_EQ(label.source, LabelSource::Keyframe);
  EXPECT_EQ(label.box.center.x, car["translation"][0].get<double>());
  EXPECT_EQ(label.box.size.x, 4.6);  // length from nuScenes' (w, l, h)
  EXPECT_EQ(label.box.size.y, 1.9);
  EXPECT_EQ(label.attributes,
            (std::map<std::string, std::string>{
                {"vehicle", "moving"}, {"visibility", "v80-100"}, {"num_lidar_pts", "42"}, {"num_radar_pts", "3"}}));
  EXPECT_EQ(frame.cuboids[1].class_name, "human.pedestrian.adult");
  EXPECT_EQ(frame.cuboids[1].attributes.at("pedestrian"), "standing");
  EXPECT_EQ(frame.cuboids[1].attributes.at("visibility"), "v40-60");
}

TEST(NuscenesDrive, UnannotatedVisibilityIsNoAttribute) {
  Dataroot data;
  const FrameData frame = NuscenesDrive(data.options()).load_frame("0");
  ASSERT_EQ(frame.cuboids.size(), 2u);
  EXPECT_EQ(frame.cuboids[1].attributes.count("visibility"), 0u);
}

TEST(NuscenesDrive, SweepsTakeTheNearestCameraAndRadarAndHaveNoAnnotations) {
  Dataroot data;
  auto& f = data.fixture;
  const NuscenesDrive drive(data.options());
  // Lidar sweep 1 at +50 ms: CAM_FRONT at +12 / +87 ms -> +87; CAM_BACK +20 / +95 -> +20 (30 < 45);
  // RADAR_FRONT +5 / +80 -> +80 (30 < 45).
  const FrameData sweep = drive.load_frame("sweep:1");
  EXPECT_EQ(sweep.id, "sweep:1");
  EXPECT_EQ(sweep.timestamp_us, NuscenesFixture::kT0 + 50000);
  EXPECT_TRUE(sweep.cuboids.empty());
  EXPECT_EQ(sweep.label_frame, "world");
  ASSERT_EQ(sweep.cameras.size(), 2u);
  EXPECT_EQ(sweep.cameras[0].timestamp_us, (*f.channel_rows("CAM_BACK")[0])["timestamp"].get<int64_t>());
  EXPECT_EQ(sweep.cameras[1].timestamp_us, (*f.channel_rows("CAM_FRONT")[1])["timestamp"].get<int64_t>());
  EXPECT_EQ(sweep.cameras[1].image_path, f.blob(*f.channel_rows("CAM_FRONT")[1]));
  ASSERT_EQ(sweep.radars.size(), 1u);
  EXPECT_EQ(sweep.radars[0].timestamp_us, NuscenesFixture::kT0 + 80000);
  ASSERT_TRUE(sweep.lidar);
  EXPECT_EQ(sweep.lidar->timestamp_us, NuscenesFixture::kT0 + 50000);
}

TEST(NuscenesDrive, FrameIdsBySampleTokenAndSampleDataToken) {
  Dataroot data;
  auto& f = data.fixture;
  const NuscenesDrive drive(data.options());
  EXPECT_EQ(drive.load_frame(f.sample_token(0, 1), false).id, "1");
  EXPECT_EQ(drive.load_frame("sweep:3", false).id, "1");  // a keyframe counted among all sweeps
  const std::string sweep_token = (*f.channel_rows("LIDAR_TOP")[4])["token"];
  EXPECT_EQ(drive.load_frame(sweep_token, false).id, "sweep:4");
  const std::string keyframe_token = (*f.channel_rows("LIDAR_TOP")[6])["token"];
  EXPECT_EQ(drive.load_frame(keyframe_token, false).id, "2");
}

TEST(NuscenesDrive, UnknownFrameIsAnInputErrorListingTheForms) {
  Dataroot data;
  const NuscenesDrive drive(data.options());
  for (const std::string id : {"3", "sweep:7", "sweep:", "-1", "nonsense"})
    expect_input_error([&] { drive.load_frame(id); }, {"scene.json", "frame '" + id + "'", "sweep:0..sweep:6", "0..2"});
  // scene-0103's sample is not a frame of scene-0061.
  expect_input_error([&] { drive.load_frame(data.fixture.sample_token(1, 0)); }, {"no such frame"});
}

TEST(NuscenesDrive, PointsCanBeSkipped) {
  Dataroot data;
  const FrameData frame = NuscenesDrive(data.options()).load_frame("2", false);
  EXPECT_FALSE(frame.lidar);
  EXPECT_TRUE(frame.radars.empty());
  EXPECT_EQ(frame.cameras.size(), 2u);
  EXPECT_EQ(frame.cuboids.size(), 1u);  // only the car in the last sample
}

TEST(NuscenesDrive, Summary) {
  Dataroot data;
  const DriveSummary summary = NuscenesDrive(data.options()).summarize();
  EXPECT_EQ(summary.format, "nuscenes");
  EXPECT_EQ(summary.root, data.dir.path());
  ASSERT_EQ(summary.sensors.size(), 4u);
  EXPECT_EQ(summary.sensors[0].name, "LIDAR_TOP");
  EXPECT_EQ(summary.sensors[0].kind, "lidar");
  EXPECT_EQ(summary.sensors[1].name, "CAM_BACK");
  EXPECT_EQ(summary.sensors[1].kind, "camera");
  EXPECT_EQ(summary.sensors[3].name, "RADAR_FRONT");
  EXPECT_EQ(summary.sensors[3].kind, "radar");
  EXPECT_EQ(summary.frame_ids.size(), 7u);
  EXPECT_EQ(summary.cuboid_labels, 5);
  EXPECT_EQ(summary.labels_per_class,
            (std::map<std::string, int64_t>{{"human.pedestrian.adult", 2}, {"vehicle.car", 3}}));
  EXPECT_EQ(summary.tracks, 2);
}

TEST(NuscenesDrive, SecondSceneHoldsOnlyItsOwnRows) {
  Dataroot data;
  const NuscenesDrive drive(data.options("scene-0103"));
  EXPECT_EQ(drive.frame_ids(), (std::vector<std::string>{"0"}));
  const FrameData frame = drive.load_frame("0");
  EXPECT_TRUE(frame.cameras.empty());
  EXPECT_TRUE(frame.radars.empty());
  ASSERT_EQ(frame.cuboids.size(), 1u);
  EXPECT_EQ(frame.cuboids[0].attributes.at("visibility"), "v60-80");
  EXPECT_EQ(drive.summarize().tracks, 1);
}

TEST(NuscenesDrive, MissingOrUnknownSceneListsTheScenes) {
  Dataroot data;
  expect_input_error([&] { NuscenesDrive drive(data.options("")); },
                     {"scene.json", "--scene", "scene-0061, scene-0103"});
  expect_input_error([&] { open_drive(data.options("scene-9999")); },
                     {"scene.json", "scene 'scene-9999'", "scene-0061, scene-0103"});
}

TEST(NuscenesDrive, VersionIsChosenWhenSeveralExist) {
  Dataroot data;
  std::filesystem::copy(data.dir / "v1.0-mini", data.dir / "v1.0-trainval");
  expect_input_error([&] { NuscenesDrive drive(data.options()); }, {"--version", "v1.0-mini, v1.0-trainval"});
  DriveOptions options = data.options();
  options.selectors["version"] = "v1.0-trainval";
  EXPECT_EQ(NuscenesDrive(options).scene().version, "v1.0-trainval");
  options.selectors["version"] = "v1.0-test";
  expect_input_error([&] { NuscenesDrive drive(options); }, {"v1.0-test", "v1.0-mini, v1.0-trainval"});
  EXPECT_EQ(NuscenesDrive::versions(data.dir.path()), (std::vector<std::string>{"v1.0-mini", "v1.0-trainval"}));
}

TEST(NuscenesDrive, LabelFrameIsWorldAtTheLidarTime) {
  Dataroot data;
  auto& f = data.fixture;
  const FrameData frame = NuscenesDrive(data.options()).load_frame("sweep:2");
  const json& lidar = *f.channel_rows("LIDAR_TOP")[2];
  const json& pose = f.row("ego_pose", lidar["ego_pose_token"]);
  const json& cs = f.row("calibrated_sensor", lidar["calibrated_sensor_token"]);
  auto transform = [](const json& row) {
    const auto& q = row["rotation"];
    return Transform3d::from_rotation_translation(
        {q[0].get<double>(), q[1].get<double>(), q[2].get<double>(), q[3].get<double>()},
        {row["translation"][0].get<double>(), row["translation"][1].get<double>(),
         row["translation"][2].get<double>()});
  };
  const Transform3d expected = transform(pose) * transform(cs);
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(frame.T_labels_lidar.R.m[i], expected.R.m[i], 1e-12);
  EXPECT_NEAR(frame.T_labels_lidar.t.x, expected.t.x, 1e-9);
  EXPECT_NEAR(frame.T_labels_lidar.t.y, expected.t.y, 1e-9);
}

}  // namespace
}  // namespace fuselabel
