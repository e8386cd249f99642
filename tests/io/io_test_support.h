#pragma once
// Fixtures for the io tests: a scratch directory per test, small valid KITTI files, and an
// assertion that a call fails with an InputError naming the right file and place.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "model/input_error.h"
#include "io/kitti/kitti_object.h"
#include "test_support.h"

namespace fuselabel::testing {

// Expects `call` to throw InputError whose message contains every string in `mentions`
// (typically the file name and the line/field); any other outcome fails the test.
inline void expect_input_error(const std::function<void()>& call, const std::vector<std::string>& mentions) {
  try {
    call();
    ADD_FAILURE() << "expected an InputError mentioning " << ::testing::PrintToString(mentions);
  } catch (const InputError& e) {
    const std::string message = e.what();
    for (const std::string& m : mentions)
      EXPECT_NE(message.find(m), std::string::npos) << "'" << m << "' not in: " << message;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected InputError, got another exception: " << e.what();
  }
}

// A calibration whose rotations are exactly orthonormal up to rounding (built from unit
// quaternions), with KITTI-like values: LiDAR x forward -> camera z forward.
inline KittiCalib orthonormal_calib() {
  KittiCalib calib;
  const double f = 721.5377, cx = 609.5593, cy = 172.854;
  const double tx[4] = {0.0, -387.5744, 44.85728, -339.5242};
  const double ty[4] = {0.0, 0.0, 0.2163791, 2.199936};
  const double tz[4] = {0.0, 0.0, 0.002745884, 0.002729905};
  for (int p = 0; p < 4; ++p) calib.P[p] = {f, 0, cx, tx[p], 0, f, cy, ty[p], 0, 0, 1, tz[p]};
  calib.R_rect = Quat<double>::from_axis_angle({0.3, -1.0, 0.5}, 0.0123).to_matrix();
  // velo axes (x fwd, y left, z up) -> camera axes (x right, y down, z fwd), slightly tilted.
  const Mat3<double> axes = {{0, -1, 0, 0, 0, -1, 1, 0, 0}};
  calib.T_cam0_velo.R = Quat<double>::from_axis_angle({1.0, 0.2, -0.4}, 0.021).to_matrix() * axes;
  calib.T_cam0_velo.t = {-0.0041, -0.0763, -0.2718};
  calib.T_velo_imu =
      Transform3d{Quat<double>::from_axis_angle({0.1, 1.0, 0.0}, 0.0148).to_matrix(), {-0.8087, 0.3196, -0.7997}};
  return calib;
}

inline KittiObjectLabel make_label(const std::string& type, Vec3<double> location, double h, double w, double l,
                                   double rotation_y) {
  KittiObjectLabel label;
  label.type = type;
  label.location = location;
  label.height = h, label.width = w, label.length = l;
  label.rotation_y = rotation_y;
  label.box2d = {100.25, 150.5, 220.75, 260.0};
  label.alpha = -0.5;
  return label;
}

// Object lines as KITTI writes them (two decimals), with DontCare placeholders.
inline std::string sample_label_text() {
  return "Car 0.00 0 -1.57 599.41 156.40 629.75 189.25 2.85 2.63 12.34 0.47 1.49 69.44 -1.56\n"
         "Pedestrian 0.12 1 0.21 423.17 173.67 433.17 224.03 1.60 0.38 0.30 -5.12 1.71 18.76 0.13\n"
         "Cyclist 0.00 2 -2.90 1019.50 186.33 1100.21 270.37 1.72 0.58 1.77 8.45 1.70 13.44 -2.35\n"
         "DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10\n";
}

}  // namespace fuselabel::testing
