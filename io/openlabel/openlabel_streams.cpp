#include "io/openlabel/openlabel_streams.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "io/common/input_limits.h"
#include "projection/camera_model.h"

namespace fuselabel {
namespace {

constexpr const char* kCustomModelKey = "fuselabel_model";

int image_side(const JsonField& f) {
  const int64_t v = f.integer_at_least(1);
  check_image_size(v, 1, f.file, f.path);
  return int(v);
}

double positive(const JsonField& f) {
  const double v = f.number();
  if (!(v > 0)) f.fail("must be > 0");
  return v;
}

// The one of two spellings present (the schema names camera_matrix / distortion_coeffs, VCD and
// most files the _3x4 / _1xN forms); nullopt when neither is.
std::optional<JsonField> one_of(const JsonField& f, const char* a, const char* b) {
  if (f.has(a) && f.has(b)) f.at(b).fail(std::string("given twice, also as ") + a);
  if (f.has(a)) return f.at(a);
  if (f.has(b)) return f.at(b);
  return std::nullopt;
}

void read_pinhole(const JsonField& f, CameraModeld& cam) {
  const std::optional<JsonField> matrix = one_of(f, "camera_matrix_3x4", "camera_matrix");
  if (!matrix) f.fail("missing camera_matrix_3x4 (or camera_matrix)");
  const std::vector<double> P = matrix->numbers(12);
  std::vector<double> k;
  if (const std::optional<JsonField> d = one_of(f, "distortion_coeffs_1xN", "distortion_coeffs")) {
    for (const JsonField& item : d->items()) k.push_back(item.number());
    // OpenCV's 12- and 14-coefficient forms add thin-prism and tilt terms, not modelled: they
    // must be zero.
    for (size_t i = 8; i < k.size(); ++i)
      if (k[i] != 0) d->fail("coefficient " + std::to_string(i + 1) + " (thin prism / tilt) is not supported; only k1 k2 p1 p2 [k3 [k4 k5 k6]]");
    if (k.size() != 0 && k.size() != 4 && k.size() != 5 && k.size() != 8 && k.size() != 12 && k.size() != 14)
      d->fail("expected 0, 4, 5, 8, 12 or 14 coefficients (OpenCV's order), found " + std::to_string(k.size()));
  }
  const bool distorted = std::any_of(k.begin(), k.end(), [](double v) { return v != 0; });
  const bool plain_K = P[1] == 0 && P[3] == 0 && P[4] == 0 && P[7] == 0 && P[8] == 0 && P[9] == 0 && P[10] == 1 && P[11] == 0;
  if (!(P[0] > 0 && P[5] > 0)) matrix->fail("focal lengths (elements 1 and 6) must be positive");
  if (plain_K) {
    cam.type = distorted ? CameraModelType::BrownConrady : CameraModelType::Pinhole;
    cam.fx = P[0], cam.fy = P[5], cam.cx = P[2], cam.cy = P[6];
    for (size_t i = 0; i < k.size() && i < 8; ++i) cam.dist[i] = k[i];
    return;
  }
  // A full 3x4 matrix (KITTI's P2 with its stereo baseline column, skew): projected whole.
  if (distorted) matrix->fail("a camera matrix with a fourth column or skew cannot be combined with distortion");
  cam.type = CameraModelType::KittiRectified;
  for (int i = 0; i < 12; ++i) cam.P[i] = P[i];
  cam.fx = P[0], cam.fy = P[5], cam.cx = P[2], cam.cy = P[6];
}

void read_custom(const JsonField& f, CameraModeld& cam) {
  const JsonField model = f.required(kCustomModelKey);
  const std::string type = model.text();
  if (type != "fisheye" && type != "mei") model.fail("unknown model '" + type + "' (fuselabel writes fisheye or mei)");
  cam.type = type == "fisheye" ? CameraModelType::Fisheye : CameraModelType::Mei;
  if (cam.type == CameraModelType::Fisheye)
    f.expect_object({kCustomModelKey, "width_px", "height_px", "fx", "fy", "cx", "cy", "distortion"});
  else
    f.expect_object({kCustomModelKey, "width_px", "height_px", "fx", "fy", "cx", "cy", "distortion", "xi", "skew"});
  cam.fx = positive(f.required("fx"));
  cam.fy = positive(f.required("fy"));
  cam.cx = f.required("cx").number();
  cam.cy = f.required("cy").number();
  const std::vector<double> k = f.required("distortion").numbers(4);
  for (int i = 0; i < 4; ++i) cam.dist[i] = k[size_t(i)];
  if (cam.type == CameraModelType::Mei) {
    const JsonField xi = f.required("xi");
    cam.xi = xi.number();
    if (!(cam.xi >= 0 && cam.xi <= 100)) xi.fail("must be between 0 and 100");
    if (f.has("skew")) cam.skew = f.at("skew").number();
  }
}

CameraModeld read_intrinsics(const JsonField& stream) {
  const JsonField properties = stream.required("stream_properties");
  CameraModeld cam;
  const bool pinhole = properties.has("intrinsics_pinhole"), custom = properties.has("intrinsics_custom");
  if (properties.has("intrinsics_fisheye"))
    properties.at("intrinsics_fisheye").fail("OpenLABEL's fisheye intrinsics are not supported (its lens model is not "
                                             "specified); fuselabel reads intrinsics_pinhole and its own intrinsics_custom");
  if (pinhole == custom) properties.fail("expected intrinsics_pinhole or intrinsics_custom (exactly one) for a camera");
  const JsonField f = properties.at(pinhole ? "intrinsics_pinhole" : "intrinsics_custom");
  if (pinhole) read_pinhole(f, cam); else read_custom(f, cam);
  cam.width = image_side(f.required("width_px"));
  cam.height = image_side(f.required("height_px"));
  check_image_size(cam.width, cam.height, f.file, f.path);
  cam.max_radius2 = lens_validity_radius2(cam);
  return cam;
}

nlohmann::json numbers(const double* values, int count) {
  nlohmann::json list = nlohmann::json::array();
  for (int i = 0; i < count; ++i) list.push_back(values[i]);
  return list;
}

nlohmann::json intrinsics_json(const CameraModeld& cam) {
  nlohmann::json f = {{"width_px", cam.width}, {"height_px", cam.height}};
  switch (cam.type) {
    case CameraModelType::Pinhole:
    case CameraModelType::BrownConrady: {
      const double P[12] = {cam.fx, 0, cam.cx, 0, 0, cam.fy, cam.cy, 0, 0, 0, 1, 0};
      f["camera_matrix_3x4"] = numbers(P, 12);
      const bool rational = cam.dist[5] != 0 || cam.dist[6] != 0 || cam.dist[7] != 0;
      f["distortion_coeffs_1xN"] = cam.type == CameraModelType::Pinhole ? nlohmann::json::array()
                                                                         : numbers(cam.dist, rational ? 8 : 5);
      return {{"intrinsics_pinhole", f}};
    }
    case CameraModelType::KittiRectified:
      f["camera_matrix_3x4"] = numbers(cam.P, 12);
      f["distortion_coeffs_1xN"] = nlohmann::json::array();
      return {{"intrinsics_pinhole", f}};
    case CameraModelType::Fisheye:
    case CameraModelType::Mei:
      f[kCustomModelKey] = cam.type == CameraModelType::Fisheye ? "fisheye" : "mei";
      f["fx"] = cam.fx, f["fy"] = cam.fy, f["cx"] = cam.cx, f["cy"] = cam.cy;
      f["distortion"] = numbers(cam.dist, 4);
      if (cam.type == CameraModelType::Mei) f["xi"] = cam.xi, f["skew"] = cam.skew;
      return {{"intrinsics_custom", f}};
  }
  return {};
}

}  // namespace

std::optional<Sensor> read_openlabel_stream(const JsonField& f, const std::string& name) {
  f.expect_object({"description", "stream_properties", "type", "uri"});
  const JsonField type = f.required("type");
  const std::string kind = type.text();
  Sensor sensor;
  sensor.name = name;
  if (kind == "lidar") {
    sensor.kind = SensorKind::Lidar;
  } else if (kind == "radar") {
    sensor.kind = SensorKind::Radar;
  } else if (kind == "camera") {
    sensor.kind = SensorKind::Camera;
    sensor.camera = read_intrinsics(f);
  } else if (kind == "gps_imu" || kind == "other") {
    return std::nullopt;
  } else {
    type.fail("unknown stream type '" + kind + "' (expected camera, lidar, radar, gps_imu or other)");
  }
  return sensor;
}

nlohmann::json openlabel_stream_json(const Sensor& sensor) {
  nlohmann::json stream = {{"type", sensor_kind_name(sensor.kind)}, {"uri", ""}, {"description", ""}};
  if (sensor.camera) stream["stream_properties"] = intrinsics_json(*sensor.camera);
  return stream;
}

Transform3d openlabel_camera_frame(const Sensor& sensor) {
  Transform3d T;
  if (sensor.camera && sensor.camera->type == CameraModelType::KittiRectified) {
    Mat3<double> R_rect;
    for (int i = 0; i < 9; ++i) R_rect.m[i] = sensor.camera->R_rect[i];
    T.R = R_rect.inverse();  // KITTI's R_rect is only nearly orthonormal: its exact inverse, not its transpose
  }
  return T;
}

}  // namespace fuselabel
