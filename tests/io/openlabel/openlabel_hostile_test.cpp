// Bad OpenLABEL input: each defect is one InputError naming the file and the JSON path, never a
// crash or a silently wrong drive; and coordinate-system trees of any depth and pose form are
// read exactly.
#include <gtest/gtest.h>

#include <functional>

#include "fuzz_support.h"
#include "io/common/json_field.h"
#include "io/drive_reader.h"
#include "io/openlabel/openlabel_file.h"
#include "io/openlabel/openlabel_writer.h"
#include "io/io_test_support.h"
#include "openlabel_test_drive.h"

namespace fuselabel {
namespace {

using Json = nlohmann::json;
using testing::expect_input_error;

Json valid_document() {
  const Drive drive = testing::openlabel_test_drive(LabelFrame::World);
  return openlabel_document(drive, drive.labels, {"odom", "ego"});
}

struct Defect {
  const char* name;
  std::function<void(Json&)> edit;
  std::vector<std::string> mentions;  // besides the file name
};

Json& ol(Json& doc) { return doc["openlabel"]; }
Json& frame_object(Json& doc, const char* frame, const char* uid) { return ol(doc)["frames"][frame]["objects"][uid]["object_data"]; }

const Defect kDefects[] = {
    {"schema version", [](Json& d) { ol(d)["metadata"]["schema_version"] = "2.0.0"; },
     {"openlabel.metadata.schema_version", "OpenLABEL 1.x"}},
    {"unknown root key", [](Json& d) { ol(d)["objetcs"] = Json::object(); }, {"openlabel.objetcs", "unknown key"}},
    {"undeclared parent", [](Json& d) { ol(d)["coordinate_systems"]["CAM_BROWN"]["parent"] = "rack"; },
     {"openlabel.coordinate_systems.CAM_BROWN.parent", "undeclared coordinate system 'rack'"}},
    {"second root", [](Json& d) { ol(d)["coordinate_systems"]["map"] = {{"type", "scene_cs"}, {"parent", ""}}; },
     {"openlabel.coordinate_systems", "second root"}},
    {"cycle",
     [](Json& d) {
       ol(d)["coordinate_systems"]["a"] = {{"type", "custom"}, {"parent", "b"}};
       ol(d)["coordinate_systems"]["b"] = {{"type", "custom"}, {"parent", "a"}};
     },
     {"cycle"}},
    {"children disagree", [](Json& d) { ol(d)["coordinate_systems"]["ego"]["children"].push_back("odom"); },
     {"openlabel.coordinate_systems.ego.children", "'odom' is not a coordinate system whose parent is 'ego'"}},
    {"short matrix", [](Json& d) { ol(d)["coordinate_systems"]["LIDAR_TOP"]["pose_wrt_parent"]["matrix4x4"].erase(0); },
     {"openlabel.coordinate_systems.LIDAR_TOP.pose_wrt_parent.matrix4x4"}},
    {"not a rotation", [](Json& d) { ol(d)["coordinate_systems"]["LIDAR_TOP"]["pose_wrt_parent"]["matrix4x4"][0] = 1.5; },
     {"openlabel.coordinate_systems.LIDAR_TOP.pose_wrt_parent.matrix4x4", "not orthonormal"}},
    {"not rigid", [](Json& d) { ol(d)["coordinate_systems"]["LIDAR_TOP"]["pose_wrt_parent"]["matrix4x4"][14] = 0.5; },
     {"matrix4x4", "last row must be 0 0 0 1"}},
    {"quaternion norm",
     [](Json& d) {
       ol(d)["coordinate_systems"]["LIDAR_TOP"]["pose_wrt_parent"] = {{"quaternion", {0, 0, 0, 0.9}}, {"translation", {0, 0, 1}}};
     },
     {"LIDAR_TOP.pose_wrt_parent.quaternion", "not a unit quaternion"}},
    {"euler sequence",
     [](Json& d) {
       ol(d)["coordinate_systems"]["LIDAR_TOP"]["pose_wrt_parent"] = {
           {"euler_angles", {0, 0, 0}}, {"sequence", "ZZX"}, {"translation", {0, 0, 1}}};
     },
     {"LIDAR_TOP.pose_wrt_parent.sequence"}},
    {"frame key", [](Json& d) { ol(d)["frames"]["07"] = ol(d)["frames"]["5"]; }, {"openlabel.frames.07", "frame number"}},
    {"transform between strangers",
     [](Json& d) { ol(d)["frames"]["2"]["frame_properties"]["transforms"]["ego_to_odom"]["src"] = "CAM_BROWN"; },
     {"openlabel.frames.2.frame_properties.transforms.ego_to_odom", "not parent and child"}},
    {"moving sensor",
     [](Json& d) {
       ol(d)["frames"]["2"]["frame_properties"]["transforms"]["lidar"] = {
           {"src", "LIDAR_TOP"}, {"dst", "ego"}, {"transform_src_to_dst", {{"matrix4x4", {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}}}}};
     },
     {"openlabel.frames.2.frame_properties.transforms", "below the ego coordinate system"}},
    {"time backwards", [](Json& d) { ol(d)["frames"]["3"]["frame_properties"]["timestamp"] = 1.0; },
     {"openlabel.frames.3.frame_properties.timestamp", "not after frame 2"}},
    {"time missing", [](Json& d) { ol(d)["frames"]["3"]["frame_properties"].erase("timestamp"); },
     {"openlabel.frames.3", "given for some frames and not for others"}},
    {"time text", [](Json& d) { ol(d)["frames"]["0"]["frame_properties"]["timestamp"] = "noon"; },
     {"openlabel.frames.0.frame_properties.timestamp", "seconds"}},
    // One value fewer than the quaternion form is the Euler form: two fewer is neither.
    {"cuboid length",
     [](Json& d) {
       frame_object(d, "2", "0")["cuboid"][0]["val"].erase(0);
       frame_object(d, "2", "0")["cuboid"][0]["val"].erase(0);
     },
     {"openlabel.frames.2.objects.0.object_data.cuboid[0].val", "expected 9 numbers"}},
    {"cuboid size", [](Json& d) { frame_object(d, "2", "0")["cuboid"][0]["val"][8] = -1.9; },
     {"openlabel.frames.2.objects.0.object_data.cuboid[0].val", "size 1"}},
    {"cuboid quaternion", [](Json& d) { frame_object(d, "2", "0")["cuboid"][0]["val"][6] = 3.0; },
     {"openlabel.frames.2.objects.0.object_data.cuboid[0].val", "not a unit quaternion"}},
    {"cuboid system", [](Json& d) { frame_object(d, "2", "0")["cuboid"][0]["coordinate_system"] = "map"; },
     {"openlabel.frames.2.objects.0.object_data.cuboid[0]", "undeclared coordinate system 'map'"}},
    {"cuboid without system", [](Json& d) { frame_object(d, "2", "0")["cuboid"][0].erase("coordinate_system"); },
     {"openlabel.frames.2.objects.0.object_data.cuboid[0]", "no coordinate_system"}},
    {"two cuboids", [](Json& d) { frame_object(d, "2", "0")["cuboid"].push_back(frame_object(d, "2", "0")["cuboid"][0]); },
     {"openlabel.frames.2.objects.0.object_data.cuboid[1]", "a second cuboid"}},
    {"source", [](Json& d) { frame_object(d, "2", "0")["cuboid"][0]["attributes"]["text"][0]["val"] = "guessed"; },
     {"openlabel.frames.2.objects.0.object_data.cuboid[0].attributes", "text source"}},
    {"confidence", [](Json& d) { frame_object(d, "2", "0")["cuboid"][0]["attributes"]["num"][0]["val"] = 2; },
     {"openlabel.frames.2.objects.0.object_data.cuboid[0].attributes", "between 0 and 1"}},
    {"bbox width", [](Json& d) { frame_object(d, "2", "0")["bbox"][0]["val"][2] = -3; },
     {"openlabel.frames.2.objects.0.object_data.bbox[0].val", "must not be negative"}},
    {"bbox in the lidar", [](Json& d) { frame_object(d, "2", "0")["bbox"][0]["coordinate_system"] = "LIDAR_TOP"; },
     {"openlabel.frames.2.objects.0.object_data.bbox[0]", "not a camera stream"}},
    {"undeclared object", [](Json& d) { ol(d)["frames"]["2"]["objects"]["99"] = ol(d)["frames"]["2"]["objects"]["0"]; },
     {"openlabel.frames.2.objects.99", "not declared"}},
    {"object key typo", [](Json& d) { ol(d)["objects"]["0"]["typ"] = "car"; }, {"openlabel.objects.0.typ", "unknown key"}},
    {"duplicate track id", [](Json& d) { ol(d)["objects"]["1"]["object_data"]["text"][0]["val"] = "car-7"; },
     {"openlabel.objects.1", "track id 'car-7'"}},
    {"stream type", [](Json& d) { ol(d)["streams"]["LIDAR_TOP"]["type"] = "sonar"; },
     {"openlabel.streams.LIDAR_TOP.type", "unknown stream type 'sonar'"}},
    {"camera without intrinsics", [](Json& d) { ol(d)["streams"]["CAM_PINHOLE"].erase("stream_properties"); },
     {"openlabel.streams.CAM_PINHOLE.stream_properties", "missing"}},
    {"fisheye intrinsics",
     [](Json& d) {
       ol(d)["streams"]["CAM_PINHOLE"]["stream_properties"] = {{"intrinsics_fisheye", {{"width_px", 10}, {"height_px", 10}}}};
     },
     {"openlabel.streams.CAM_PINHOLE.stream_properties.intrinsics_fisheye", "not supported"}},
    {"distortion count",
     [](Json& d) {
       ol(d)["streams"]["CAM_PINHOLE"]["stream_properties"]["intrinsics_pinhole"]["distortion_coeffs_1xN"] = {0.1, 0, 0, 0, 0, 0};
     },
     {"openlabel.streams.CAM_PINHOLE.stream_properties.intrinsics_pinhole.distortion_coeffs_1xN", "found 6"}},
    {"huge image",
     [](Json& d) { ol(d)["streams"]["CAM_PINHOLE"]["stream_properties"]["intrinsics_pinhole"]["width_px"] = 1 << 30; },
     {"openlabel.streams.CAM_PINHOLE.stream_properties.intrinsics_pinhole.width_px", "limit"}},
    {"second lidar", [](Json& d) { ol(d)["streams"]["LIDAR_B"] = {{"type", "lidar"}}; },
     {"openlabel.streams.LIDAR_TOP", "a second lidar stream besides 'LIDAR_B'"}},
    {"no frames", [](Json& d) { ol(d).erase("frames"); }, {"openlabel", "no frames"}},
};

TEST(OpenLabelHostile, EveryDefectIsOneMessageNamingTheFileAndPath) {
  const testing::TempDir dir;
  const std::filesystem::path file = dir.path() / "labels.json";
  testing::write_text(file, valid_document().dump());
  ASSERT_NO_THROW(read_openlabel_file(file));
  for (const Defect& defect : kDefects) {
    SCOPED_TRACE(defect.name);
    Json doc = valid_document();
    defect.edit(doc);
    testing::write_text(file, doc.dump());
    std::vector<std::string> mentions = defect.mentions;
    mentions.push_back(file.string());
    expect_input_error([&] { read_openlabel_file(file); }, mentions);
  }
}

TEST(OpenLabelHostile, NotJsonOrNotOpenLabel) {
  const testing::TempDir dir;
  const std::filesystem::path file = dir.path() / "labels.json";
  testing::write_text(file, "{\"openlabel\": {\"metadata\": {\"schema_version\": \"1.0.0\"},\n  \"frames\": {\"0\": }}}");
  expect_input_error([&] { read_openlabel_file(file); }, {file.string(), "line 2"});
  testing::write_text(file, "{\"vcd\": {}}");
  expect_input_error([&] { read_openlabel_file(file); }, {file.string(), "vcd", "unknown key"});
  EXPECT_FALSE(is_openlabel_file(file));
  expect_input_error([&] { open_drive(file); }, {file.string(), "not a recognised drive", "OpenLABEL"});
}

TEST(OpenLabelHostile, MutatedFilesAreReadOrRefusedNeverACrash) {
  const testing::TempDir dir;
  const std::filesystem::path file = dir.path() / "labels.json";
  testing::write_text(file, valid_document().dump(1));
  const int accepted = testing::fuzz_file(file, 400, 12, [&] { read_openlabel_file(file); });
  std::printf("%d of 400 mutated files still read\n", accepted);
}

// A deeper tree in every pose form: world <- ego (per frame, given parent-to-child as many tools
// write it) <- roof rack (quaternion) <- camera (Euler ZYX). Poses compose exactly, and a cuboid
// given in the camera lands where the composition puts it.
TEST(OpenLabelCoordinateSystems, AnyDepthAndEveryPoseForm) {
  const Quat<double> rack_q = Quat<double>::from_axis_angle({0.2, -0.1, 1}, 0.3);
  const double yaw = 0.4, pitch = -0.05, roll = 0.02;
  const Json doc = {{"openlabel",
                     {{"metadata", {{"schema_version", "1.0.0"}}},
                      {"coordinate_systems",
                       {{"world", {{"type", "scene_cs"}, {"parent", ""}, {"children", {"base"}}}},
                        {"base", {{"type", "local_cs"}, {"parent", "world"}}},
                        {"rack",
                         {{"type", "custom"}, {"parent", "base"},
                          {"pose_wrt_parent", {{"quaternion", {rack_q.x, rack_q.y, rack_q.z, rack_q.w}}, {"translation", {1, 0, 2}}}}}},
                        {"cam",
                         {{"type", "sensor_cs"}, {"parent", "rack"},
                          {"pose_wrt_parent", {{"euler_angles", {yaw, pitch, roll}}, {"translation", {0.1, -0.2, 0.3}}}}}}}},
                      {"streams",
                       {{"cam", {{"type", "camera"},
                                 {"stream_properties",
                                  {{"intrinsics_pinhole",
                                    {{"width_px", 640}, {"height_px", 480},
                                     {"camera_matrix", {500, 0, 320, 0, 0, 500, 240, 0, 0, 0, 1, 0}},
                                     {"distortion_coeffs", {0.1, -0.01, 0, 0, 0}}}}}}}}}},
                      {"frames",
                       {{"0", {{"frame_properties",
                                {{"timestamp", "12.5"},
                                 {"transforms",
                                  {{"world_to_base",
                                    {{"src", "world"}, {"dst", "base"},
                                     {"transform_src_to_dst",
                                      {{"matrix4x4", {0, 1, 0, -3, -1, 0, 0, 5, 0, 0, 1, 0, 0, 0, 0, 1}}}}}}}}}},
                               {"objects",
                                {{"0", {{"object_data",
                                         {{"cuboid", {{{"name", "c"}, {"coordinate_system", "cam"},
                                                       {"val", {0, 0, 10, 0, 0, 0, 4, 1.5, 2}}}}}}}}}}}}}}},
                      {"objects", {{"0", {{"name", "car"}, {"type", "Car"}}}}}}}};
  const testing::TempDir dir;
  const std::filesystem::path file = dir.path() / "deep.json";
  testing::write_text(file, doc.dump());
  const OpenLabelContent content = read_openlabel_file(file);
  EXPECT_EQ(content.ego_cs, "base");
  EXPECT_EQ(content.world_cs, "world");
  ASSERT_EQ(content.frames.size(), 1u);
  EXPECT_EQ(content.frames[0].timestamp_us, 12'500'000);
  const Sensor* cam = content.rig.find("cam");
  ASSERT_TRUE(cam && cam->camera);
  EXPECT_EQ(cam->camera->type, CameraModelType::BrownConrady);
  EXPECT_EQ(cam->camera->dist[0], 0.1);
  // Rz(yaw) Ry(pitch) Rx(roll), built independently from axis-angle quaternions.
  const Mat3<double> R_rack_cam = (Quat<double>::from_axis_angle({0, 0, 1}, yaw) * Quat<double>::from_axis_angle({0, 1, 0}, pitch) *
                                   Quat<double>::from_axis_angle({1, 0, 0}, roll)).to_matrix();
  const Transform3d T_base_cam = Transform3d{rack_q.to_matrix(), {1, 0, 2}} * Transform3d{R_rack_cam, {0.1, -0.2, 0.3}};
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(cam->T_ego_sensor.R.m[i], T_base_cam.R.m[i], 1e-12);
  EXPECT_NEAR(cam->T_ego_sensor.t.y, T_base_cam.t.y, 1e-12);
  // base -> world is the inverse of the world_to_base transform the frame gives.
  const Transform3d T_base_world{{{0, 1, 0, -1, 0, 0, 0, 0, 1}}, {-3, 5, 0}};
  ASSERT_EQ(content.trajectory.poses.size(), 1u);
  const Transform3d T_world_base = T_base_world.inverse();
  EXPECT_NEAR(content.trajectory.poses[0].T_world_ego.t.x, T_world_base.t.x, 1e-12);
  EXPECT_NEAR(content.trajectory.poses[0].T_world_ego.t.y, T_world_base.t.y, 1e-12);
  ASSERT_EQ(content.labels.boxes.size(), 1u);
  const Vec3<double> want = T_world_base * (T_base_cam * Vec3<double>{0, 0, 10});
  EXPECT_NEAR(content.labels.boxes[0].box.center.x, want.x, 1e-9);
  EXPECT_NEAR(content.labels.boxes[0].box.center.y, want.y, 1e-9);
  EXPECT_NEAR(content.labels.boxes[0].box.center.z, want.z, 1e-9);
  EXPECT_EQ(content.labels.frame, LabelFrame::World);
}

}  // namespace
}  // namespace fuselabel
