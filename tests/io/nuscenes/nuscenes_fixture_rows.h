#pragma once
// Rows and blob contents of the nuScenes test dataroot (nuscenes_fixture.h): tokens, ego poses,
// calibrations close to nuScenes' own, radar returns.
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "nuscenes_radar_writer.h"

namespace fuselabel::testing {

using json = nlohmann::json;

// Deterministic 32-hex-digit tokens, like nuScenes' own.
inline std::string nuscenes_token(uint64_t n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(n * 0x9E3779B97F4A7C15ull),
                static_cast<unsigned long long>(n + 1));
  return buf;
}

// The vehicle's pose at `t_us`: moving and turning, in map coordinates large enough that only
// double keeps millimetres.
inline json ego_pose_row(const std::string& token, int64_t t_us, int64_t t0_us) {
  const double s = double(t_us - t0_us) * 1e-6, yaw = 0.3 + 0.4 * s;
  return {{"token", token},
          {"timestamp", t_us},
          {"rotation", {std::cos(yaw / 2), 0.0, 0.0, std::sin(yaw / 2)}},
          {"translation", {412345.25 + 8.0 * s, 5012345.5 + 3.0 * s, 0.0}}};
}

// Calibrations close to nuScenes' own (n015 vehicle).
inline json calibrated_sensor_row(const std::string& token, const std::string& sensor_token,
                                  const std::string& channel) {
  json row = {{"token", token}, {"sensor_token", sensor_token}, {"camera_intrinsic", json::array()}};
  if (channel == "LIDAR_TOP") {
    row["translation"] = {0.943713, 0.0, 1.84023};
    row["rotation"] = {0.7077955119163518, -0.006492242056004365, 0.010646214713995808, -0.7063073142877817};
  } else if (channel == "RADAR_FRONT") {
    row["translation"] = {3.412, 0.0, 0.5};
    row["rotation"] = {0.9999984769132877, 0.0, 0.0, 0.0017453283658983088};
  } else if (channel == "CAM_FRONT") {
    row["translation"] = {1.70079118954, 0.0159456324149, 1.51095763913};
    row["rotation"] = {0.4998015430569128, -0.5030316162024876, 0.4997798114386805, -0.49737083824542755};
    row["camera_intrinsic"] = {
        {1266.417203046554, 0.0, 816.2670197447984}, {0.0, 1266.417203046554, 491.50706579294757}, {0.0, 0.0, 1.0}};
  } else {  // CAM_BACK
    row["translation"] = {0.0283260309358, 0.00345136761476, 1.57910346144};
    row["rotation"] = {0.5037872666382278, -0.49740249788611096, -0.4941850223835201, 0.5045496097725578};
    row["camera_intrinsic"] = {
        {809.2209905677063, 0.0, 829.2196003259838}, {0.0, 809.2209905677063, 481.77842384512485}, {0.0, 0.0, 1.0}};
  }
  return row;
}

// Radar returns written into every RADAR_FRONT file: a mix of valid and filtered points.
inline std::vector<NuscenesRadarPoint> fixture_radar_points() {
  std::vector<NuscenesRadarPoint> points;
  for (int i = 0; i < 6; ++i) {
    NuscenesRadarPoint p;
    p.x = 10.0f + 3.0f * float(i);
    p.y = -4.0f + 1.5f * float(i);
    p.rcs = -5.0f + float(i);
    p.vx = 1.0f, p.vy = -0.5f;
    p.vx_comp = 2.0f - 0.5f * float(i), p.vy_comp = 0.25f * float(i);
    p.dyn_prop = int8_t(i % 8);
    p.id = int16_t(100 + i);
    p.ambig_state = i == 4 ? 1 : 3;    // point 4: ambiguous Doppler, filtered
    p.invalid_state = i == 5 ? 1 : 0;  // point 5: invalid due to low RCS, filtered
    p.is_quality_valid = 1;
    p.pdh0 = 1;
    points.push_back(p);
  }
  return points;
}

}  // namespace fuselabel::testing
