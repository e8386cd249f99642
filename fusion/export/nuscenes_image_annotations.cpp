#include "fusion/export/nuscenes_image_annotations.h"

#include <vector>

#include "projection/cuboid.h"

namespace fuselabel {
namespace {

// A sample_annotation row's cuboid: translation, size (w, l, h), rotation (w, x, y, z).
Cuboidd row_box(const nlohmann::json& row) {
  const std::vector<double> t = row.at("translation").get<std::vector<double>>();
  const std::vector<double> s = row.at("size").get<std::vector<double>>();
  const std::vector<double> q = row.at("rotation").get<std::vector<double>>();
  Cuboidd box;
  box.center = {t.at(0), t.at(1), t.at(2)};
  box.size = {s.at(1), s.at(0), s.at(2)};
  box.rotation = Quat<double>{q.at(0), q.at(1), q.at(2), q.at(3)}.normalized();
  return box;
}

}  // namespace

bool devkit_image_box(const nuscenes::SensorSample& camera, const Cuboidd& box_world, Box2<double>& box) {
  const CameraModeld& K = *camera.camera;
  const Transform3d T_cam_world = (camera.T_world_ego * camera.T_ego_sensor).inverse();
  Vec3<double> corners[8];
  cuboid_corners(box_world, corners);
  Vec2<double> points[8 + 4], hull[8 + 4], scratch[8 + 4];
  int n = 0;
  for (const Vec3<double>& corner : corners) {
    const Vec3<double> p = T_cam_world * corner;
    if (!(p.z > 0)) continue;
    points[n++] = {K.fx * p.x / p.z + K.cx, K.fy * p.y / p.z + K.cy};
  }
  if (n < 3) return false;  // the devkit cannot take a point or segment's intersection either
  int m = convex_hull(points, n, hull);
  if (m < 3) return false;
  m = clip_polygon_to_rect(hull, m, Box2<double>{0, 0, double(K.width), double(K.height)}, scratch);
  if (m < 3) return false;
  box = bounding_box(hull, m);
  return true;
}

nlohmann::json nuscenes_image_annotations(const nuscenes::SceneData& scene, const nlohmann::json& rows,
                                          const std::map<std::string, std::string>& class_of_instance) {
  std::map<std::string, std::vector<const nlohmann::json*>> rows_of_sample;
  for (const nlohmann::json& row : rows) rows_of_sample[row.at("sample_token").get<std::string>()].push_back(&row);
  nlohmann::json records = nlohmann::json::array();
  for (const nuscenes::SceneSample& sample : scene.samples)
    for (const auto& [name, index] : sample.keyframes) {
      const nuscenes::Channel& channel = scene.channels.at(name);
      if (channel.modality != "camera") continue;
      const nuscenes::SensorSample& camera = channel.samples.at(index);
      if (!camera.camera) continue;
      for (const nlohmann::json* row : rows_of_sample[sample.token]) {
        Box2<double> box;
        if (!devkit_image_box(camera, row_box(*row), box)) continue;
        const std::string instance = row->at("instance_token").get<std::string>();
        const auto category = class_of_instance.find(instance);
        nlohmann::json record;  // keys sorted, as the devkit's json.dump(sort_keys=True)
        for (const char* key : {"attribute_tokens", "instance_token", "next", "num_lidar_pts", "num_radar_pts", "prev",
                                "visibility_token"})
          record[key] = row->at(key);
        record["category_name"] = category == class_of_instance.end() ? "" : category->second;
        record["sample_annotation_token"] = row->at("token");
        record["sample_data_token"] = camera.token;
        record["bbox_corners"] = {box.x1, box.y1, box.x2, box.y2};
        record["filename"] = camera.file.lexically_relative(scene.dataroot).generic_string();
        records.push_back(std::move(record));
      }
    }
  return records;
}

}  // namespace fuselabel
