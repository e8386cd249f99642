#pragma once
// A tiny nuScenes dataroot written by the tests: one log, two scenes. scene-0061 has 3 samples
// with 2 LIDAR_TOP sweeps between consecutive keyframes (7 lidar frames), CAM_FRONT and
// CAM_BACK (keyframes plus one sweep between), RADAR_FRONT (same), and 2 annotated instances
// (a car in all 3 samples, a pedestrian in the first two). scene-0103 has one sample with a
// LIDAR_TOP keyframe and one car. Tables are kept as JSON so a test can corrupt one row and
// write again; blobs are real files: .pcd.bin, PCD v0.7 binary radar scans with nuScenes' 18
// fields (header written by hand as nuScenes writes it), tiny .jpg images.
#include <nlohmann/json.hpp>

#include "io/drive_reader.h"
#include <opencv2/core.hpp>

#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/common/image_io.h"
#include "io/common/point_file.h"
#include "nuscenes_fixture_rows.h"

namespace fuselabel::testing {

struct NuscenesFixture {
  static constexpr int64_t kT0 = 1531883530449377;
  static constexpr int kLidarPoints = 50;
  std::filesystem::path root;
  std::string version = "v1.0-mini";
  std::map<std::string, json> tables;
  uint64_t next_token = 1;

  std::filesystem::path table_path(const std::string& table) const { return root / version / (table + ".json"); }
  // What opens one scene of this dataroot.
  DriveOptions scene_options(const std::string& scene = "scene-0061") const {
    DriveOptions options;
    options.path = root;
    options.selectors["scene"] = scene;
    return options;
  }
  void write_table(const std::string& table) const {
    std::filesystem::create_directories(root / version);
    std::ofstream(table_path(table), std::ios::binary) << tables.at(table).dump(1);
  }
  void write_tables() const {
    for (const auto& entry : tables) write_table(entry.first);
  }
  json& row(const std::string& table, const std::string& token) {
    for (json& r : tables.at(table))
      if (r["token"] == token) return r;
    throw std::out_of_range("no row " + token + " in " + table);
  }
  // The rows of `table` whose `field` equals `value`, in table order.
  std::vector<json*> rows_where(const std::string& table, const std::string& field, const json& value) {
    std::vector<json*> out;
    for (json& r : tables.at(table))
      if (r[field] == value) out.push_back(&r);
    return out;
  }
  std::string sample_token(int scene, int k) const { return tables.at("sample")[scene == 0 ? k : 3 + k]["token"]; }
  // The sample_data rows of a channel in scene 0, in time order.
  std::vector<json*> channel_rows(const std::string& channel) {
    std::vector<json*> out;
    for (json& r : tables.at("sample_data"))
      if (r["filename"].get<std::string>().find("__" + channel + "__") != std::string::npos &&
          r["sample_token"] != sample_token(1, 0))
        out.push_back(&r);
    return out;
  }
  std::filesystem::path blob(const json& sample_data_row) const {
    return root / sample_data_row["filename"].get<std::string>();
  }

  std::string token() { return nuscenes_token(next_token++); }
};

// Adds one channel's sample_data (with their ego poses) at `times`, keyframes where `key` says,
// each pointing to the sample that follows closest in time, linked by prev/next.
inline void add_channel(NuscenesFixture& f, const std::string& channel, const std::string& cs_token,
                        const std::vector<int64_t>& times, const std::vector<bool>& key,
                        const std::vector<json>& samples, const std::string& extension, bool camera) {
  std::vector<json> rows;
  for (size_t i = 0; i < times.size(); ++i) {
    // A keyframe belongs to the sample nearest in time, a sweep to the sample that follows it.
    std::string sample = samples.back()["token"];
    int64_t best = INT64_MAX;
    for (const json& s : samples) {
      const int64_t t = s["timestamp"].get<int64_t>();
      if (key[i] && std::llabs(t - times[i]) < best) best = std::llabs(t - times[i]), sample = s["token"];
      if (!key[i] && t >= times[i]) {
        sample = s["token"];
        break;
      }
    }
    const std::string pose = f.token();
    f.tables["ego_pose"].push_back(ego_pose_row(pose, times[i], NuscenesFixture::kT0));
    rows.push_back(
        {{"token", f.token()},
         {"sample_token", sample},
         {"ego_pose_token", pose},
         {"calibrated_sensor_token", cs_token},
         {"timestamp", times[i]},
         {"fileformat", camera ? "jpg" : "pcd"},
         {"is_key_frame", bool(key[i])},
         {"height", camera ? 900 : 0},
         {"width", camera ? 1600 : 0},
         {"filename", std::string(key[i] ? "samples/" : "sweeps/") + channel + "/n015-2018-07-24-11-22-45+0800__" +
                          channel + "__" + std::to_string(times[i]) + extension},
         {"prev", ""},
         {"next", ""}});
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) rows[i]["prev"] = rows[i - 1]["token"];
    if (i + 1 < rows.size()) rows[i]["next"] = rows[i + 1]["token"];
    f.tables["sample_data"].push_back(rows[i]);
  }
}

inline json annotation_row(NuscenesFixture& f, const std::string& sample, const std::string& instance,
                           std::vector<double> translation, std::vector<double> size_wlh, double yaw,
                           std::vector<std::string> attributes, const std::string& visibility) {
  return {{"token", f.token()},
          {"sample_token", sample},
          {"instance_token", instance},
          {"visibility_token", visibility},
          {"attribute_tokens", attributes},
          {"translation", translation},
          {"size", size_wlh},
          {"rotation", {std::cos(yaw / 2), 0.0, 0.0, std::sin(yaw / 2)}},
          {"prev", ""},
          {"next", ""},
          {"num_lidar_pts", 42},
          {"num_radar_pts", 3}};
}

// Links each instance's annotations by prev/next in table order (the fixture's rows are in time
// order) and sets the instance's first_annotation_token and last_annotation_token, as nuScenes has them.
inline void link_annotations(NuscenesFixture& f) {
  for (json& instance : f.tables["instance"]) {
    const std::vector<json*> rows = f.rows_where("sample_annotation", "instance_token", instance["token"]);
    for (size_t i = 0; i < rows.size(); ++i) {
      (*rows[i])["prev"] = i > 0 ? (*rows[i - 1])["token"] : json("");
      (*rows[i])["next"] = i + 1 < rows.size() ? (*rows[i + 1])["token"] : json("");
    }
    instance["first_annotation_token"] = rows.empty() ? json("") : (*rows.front())["token"];
    instance["last_annotation_token"] = rows.empty() ? json("") : (*rows.back())["token"];
  }
}

// Builds every table and writes tables and blobs under f.root.
inline void write_nuscenes_fixture(NuscenesFixture& f) {
  const int64_t t0 = NuscenesFixture::kT0;
  const std::string log = f.token(), scene0 = f.token(), scene1 = f.token();
  f.tables["log"] = {{{"token", log},
                      {"logfile", "n015-2018-07-24-11-22-45+0800"},
                      {"vehicle", "n015"},
                      {"date_captured", "2018-07-24"},
                      {"location", "singapore-onenorth"}}};
  std::vector<json> samples0, samples1;
  for (int k = 0; k < 3; ++k)
    samples0.push_back({{"token", f.token()}, {"timestamp", t0 + 150000 * k}, {"scene_token", scene0}});
  samples1.push_back(
      {{"token", f.token()}, {"timestamp", t0 + 5000000}, {"scene_token", scene1}, {"prev", ""}, {"next", ""}});
  for (int k = 0; k < 3; ++k) {
    samples0[k]["prev"] = k > 0 ? samples0[k - 1]["token"] : json("");
    samples0[k]["next"] = k < 2 ? samples0[k + 1]["token"] : json("");
  }
  f.tables["sample"] = samples0;
  f.tables["sample"].push_back(samples1[0]);
  f.tables["scene"] = {{{"token", scene0},
                        {"log_token", log},
                        {"nbr_samples", 3},
                        {"first_sample_token", samples0[0]["token"]},
                        {"last_sample_token", samples0[2]["token"]},
                        {"name", "scene-0061"},
                        {"description", "turning, two objects"}},
                       {{"token", scene1},
                        {"log_token", log},
                        {"nbr_samples", 1},
                        {"first_sample_token", samples1[0]["token"]},
                        {"last_sample_token", samples1[0]["token"]},
                        {"name", "scene-0103"},
                        {"description", "one car"}}};

  std::map<std::string, std::string> cs;
  f.tables["sensor"] = json::array();
  f.tables["calibrated_sensor"] = json::array();
  for (const char* channel : {"LIDAR_TOP", "RADAR_FRONT", "CAM_FRONT", "CAM_BACK"}) {
    const std::string sensor = f.token(), modality = channel[0] == 'L'   ? "lidar"
                                                     : channel[0] == 'R' ? "radar"
                                                                         : "camera";
    f.tables["sensor"].push_back({{"token", sensor}, {"channel", channel}, {"modality", modality}});
    cs[channel] = f.token();
    f.tables["calibrated_sensor"].push_back(calibrated_sensor_row(cs[channel], sensor, channel));
  }
  f.tables["sample_data"] = json::array();
  f.tables["ego_pose"] = json::array();
  std::vector<int64_t> lidar_times;
  for (int i = 0; i < 7; ++i) lidar_times.push_back(t0 + 50000 * i);
  const std::vector<bool> every_third = {true, false, false, true, false, false, true};
  add_channel(f, "LIDAR_TOP", cs["LIDAR_TOP"], lidar_times, every_third, samples0, ".pcd.bin", false);
  const std::vector<bool> alternate = {true, false, true, false, true};
  auto spaced = [&](int64_t offset) {
    std::vector<int64_t> t;
    for (int j = 0; j < 5; ++j) t.push_back(t0 + offset + 75000 * j);
    return t;
  };
  add_channel(f, "CAM_FRONT", cs["CAM_FRONT"], spaced(12000), alternate, samples0, ".jpg", true);
  add_channel(f, "CAM_BACK", cs["CAM_BACK"], spaced(20000), alternate, samples0, ".jpg", true);
  add_channel(f, "RADAR_FRONT", cs["RADAR_FRONT"], spaced(5000), alternate, samples0, ".pcd", false);
  add_channel(f, "LIDAR_TOP", cs["LIDAR_TOP"], {t0 + 5000000}, {true}, samples1, ".pcd.bin", false);

  const std::string car = f.token(), pedestrian = f.token(), car2 = f.token();
  const std::string c_car = f.token(), c_ped = f.token(), a_moving = f.token(), a_standing = f.token();
  f.tables["category"] = {{{"token", c_car}, {"name", "vehicle.car"}, {"description", ""}},
                          {{"token", c_ped}, {"name", "human.pedestrian.adult"}, {"description", ""}}};
  f.tables["attribute"] = {{{"token", a_moving}, {"name", "vehicle.moving"}, {"description", ""}},
                           {{"token", a_standing}, {"name", "pedestrian.standing"}, {"description", ""}}};
  f.tables["visibility"] = json::array();
  for (const char* level : {"v0-40", "v40-60", "v60-80", "v80-100"})
    f.tables["visibility"].push_back(
        {{"token", std::to_string(f.tables["visibility"].size() + 1)}, {"level", level}, {"description", ""}});
  f.tables["instance"] = {{{"token", car}, {"category_token", c_car}, {"nbr_annotations", 3}},
                          {{"token", pedestrian}, {"category_token", c_ped}, {"nbr_annotations", 2}},
                          {{"token", car2}, {"category_token", c_car}, {"nbr_annotations", 1}}};
  f.tables["sample_annotation"] = json::array();
  for (int k = 0; k < 3; ++k) {
    const double s = 0.15 * k;
    const std::string sample = samples0[k]["token"];
    f.tables["sample_annotation"].push_back(
        annotation_row(f, sample, car, {412365.0 + 10 * s, 5012349.0, 1.0}, {1.9, 4.6, 1.7}, 0.7, {a_moving}, "4"));
    if (k < 2)
      f.tables["sample_annotation"].push_back(annotation_row(f, sample, pedestrian, {412352.0, 5012356.0 + s, 0.9},
                                                             {0.6, 0.7, 1.8}, -1.2, {a_standing}, k == 0 ? "" : "2"));
  }
  f.tables["sample_annotation"].push_back(
      annotation_row(f, samples1[0]["token"], car2, {412400.0, 5012380.0, 1.0}, {2.0, 5.0, 1.6}, 0.1, {}, "3"));
  link_annotations(f);
  f.write_tables();

  for (const json& row : f.tables["sample_data"]) {
    const std::filesystem::path file = f.blob(row);
    const std::string name = file.filename().string();
    if (name.find("LIDAR_TOP") != std::string::npos) {
      std::vector<float> points;
      for (int i = 0; i < NuscenesFixture::kLidarPoints; ++i)
        points.insert(points.end(), {5.0f + float(i), -3.0f + 0.1f * float(i), -1.5f, float(i % 7), float(i % 32)});
      write_float_records(file, points, 5);
    } else if (name.find("RADAR") != std::string::npos) {
      write_nuscenes_radar_pcd(file, fixture_radar_points());
    } else {
      write_image(file, cv::Mat(900, 1600, CV_8UC3, cv::Scalar(40, 80, 120)));  // the size sample_data gives
    }
  }
}

}  // namespace fuselabel::testing
