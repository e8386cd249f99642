#include "io/native/native_drive_camera.h"

#include <stdexcept>
#include <vector>

#include "io/common/input_limits.h"
#include "io/native/native_drive_text.h"

namespace fuselabel {
namespace {

struct ModelName {
  CameraModelType type;
  const char* name;
};
constexpr ModelName kModelNames[] = {{CameraModelType::Pinhole, "pinhole"},
                                     {CameraModelType::BrownConrady, "brown_conrady"},
                                     {CameraModelType::Fisheye, "fisheye"},
                                     {CameraModelType::KittiRectified, "kitti_rectified"},
                                     {CameraModelType::Mei, "mei"}};

// Same bound as the KITTI calibration reader: R_rect values usually come from KITTI files,
// printed to about 7 digits.
constexpr double kRectificationTolerance = 1e-3;

const char* model_name(CameraModelType type) {
  for (const ModelName& m : kModelNames)
    if (m.type == type) return m.name;
  throw std::invalid_argument("camera model type " + std::to_string(int(type)) + " has no native name");
}

// A positive side within the image limits (io/common/input_limits.h), checked before any
// buffer of that size exists.
int image_side(const YamlField& field) {
  const int64_t v = field.as_int();
  if (v <= 0) field.fail("must be at least 1 pixel");
  check_image_size(v, 1, field.file(), field.path());
  return static_cast<int>(v);
}

double positive(const YamlField& field) {
  const double v = field.as_double();
  if (!(v > 0)) field.fail("must be > 0");
  return v;
}

std::string number_list(const double* values, int count) {
  std::string text = "[";
  for (int i = 0; i < count; ++i) text += (i ? ", " : "") + format_double(values[i]);
  return text + "]";
}

void read_intrinsics(const YamlField& model, CameraModeld& cam) {
  cam.fx = positive(model.required("fx"));
  cam.fy = positive(model.required("fy"));
  cam.cx = model.required("cx").as_double();
  cam.cy = model.required("cy").as_double();
}

void read_distortion(const YamlField& model, CameraModeld& cam) {
  const YamlField field = model.required("distortion");
  const std::vector<double> k = field.as_doubles();
  if (cam.type == CameraModelType::Fisheye && k.size() != 4)
    field.fail("fisheye takes 4 coefficients (k1 k2 k3 k4), found " + std::to_string(k.size()));
  if (cam.type == CameraModelType::Mei && k.size() != 4)
    field.fail("mei takes 4 coefficients (k1 k2 p1 p2, as cv::omnidir), found " + std::to_string(k.size()));
  if (cam.type == CameraModelType::BrownConrady && k.size() != 5 && k.size() != 8)
    field.fail("brown_conrady takes 5 (k1 k2 p1 p2 k3) or 8 (+ k4 k5 k6) coefficients, found " +
               std::to_string(k.size()));
  for (size_t i = 0; i < k.size(); ++i) cam.dist[i] = k[i];
}

void read_rectified(const YamlField& model, CameraModeld& cam) {
  const std::vector<double> P = model.required("P").as_doubles(12);
  const YamlField r_field = model.required("R_rect");
  const std::vector<double> R = r_field.as_doubles(9);
  Mat3<double> r;
  for (int i = 0; i < 9; ++i) r.m[i] = cam.R_rect[i] = R[i];
  if (orthonormality_error(r) > kRectificationTolerance)
    r_field.fail("not a rotation (max |R^T R - I| = " + format_double(orthonormality_error(r)) + ", tolerance 1e-3)");
  for (int i = 0; i < 12; ++i) cam.P[i] = P[i];
  // Not used by the projection; filled as the KITTI reader does, for code reading intrinsics.
  cam.fx = P[0], cam.fy = P[5], cam.cx = P[2], cam.cy = P[6];
}

}  // namespace

CameraModeld read_camera_model(const YamlField& model) {
  const YamlField type_field = model.required("type");
  const std::string type = type_field.as_string();
  CameraModeld cam;
  bool known = false;
  for (const ModelName& m : kModelNames)
    if (type == m.name) cam.type = m.type, known = true;
  if (!known)
    type_field.fail("unknown camera model type '" + type +
                    "' (expected pinhole, brown_conrady, fisheye, kitti_rectified or mei)");

  switch (cam.type) {
    case CameraModelType::Pinhole:
      model.expect_keys({"type", "width", "height", "fx", "fy", "cx", "cy", "near_plane"});
      read_intrinsics(model, cam);
      break;
    case CameraModelType::BrownConrady:
    case CameraModelType::Fisheye:
      model.expect_keys({"type", "width", "height", "fx", "fy", "cx", "cy", "distortion", "near_plane"});
      read_intrinsics(model, cam);
      read_distortion(model, cam);
      break;
    case CameraModelType::KittiRectified:
      model.expect_keys({"type", "width", "height", "P", "R_rect", "near_plane"});
      read_rectified(model, cam);
      break;
    case CameraModelType::Mei:
      model.expect_keys({"type", "width", "height", "fx", "fy", "cx", "cy", "xi", "distortion", "skew", "near_plane"});
      read_intrinsics(model, cam);
      read_distortion(model, cam);
      // xi < 0 folds the field in front of the camera; 100 is far beyond any real lens (2.2 for KITTI-360).
      cam.xi = model.required("xi").as_double(0, 100);
      if (const std::optional<YamlField> skew = model.optional("skew")) cam.skew = skew->as_double();
      break;
  }
  cam.width = image_side(model.required("width"));
  cam.height = image_side(model.required("height"));
  check_image_size(cam.width, cam.height, model.file(), model.path());
  if (const std::optional<YamlField> near = model.optional("near_plane")) cam.near_plane = positive(*near);
  cam.max_radius2 = lens_validity_radius2(cam);
  return cam;
}

std::string camera_model_yaml(const CameraModeld& cam) {
  std::string text = "{type: " + std::string(model_name(cam.type)) + ", width: " + std::to_string(cam.width) +
                     ", height: " + std::to_string(cam.height);
  if (cam.type == CameraModelType::KittiRectified) {
    text += ", P: " + number_list(cam.P, 12) + ", R_rect: " + number_list(cam.R_rect, 9);
  } else {
    text += ", fx: " + format_double(cam.fx) + ", fy: " + format_double(cam.fy) + ", cx: " + format_double(cam.cx) +
            ", cy: " + format_double(cam.cy);
    if (cam.type == CameraModelType::Fisheye) text += ", distortion: " + number_list(cam.dist, 4);
    if (cam.type == CameraModelType::Mei) {
      text += ", xi: " + format_double(cam.xi) + ", distortion: " + number_list(cam.dist, 4);
      if (cam.skew != 0) text += ", skew: " + format_double(cam.skew);
    }
    if (cam.type == CameraModelType::BrownConrady) {
      const bool rational = cam.dist[5] != 0 || cam.dist[6] != 0 || cam.dist[7] != 0;
      text += ", distortion: " + number_list(cam.dist, rational ? 8 : 5);
    }
  }
  if (cam.near_plane != kDefaultNearPlane) text += ", near_plane: " + format_double(cam.near_plane);
  return text + "}";
}

}  // namespace fuselabel
