// boxes.json and the CAM_boxes.jpg evidence pictures of `fuselabel inspect`.
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "fusion/frame_inspection.h"
#include "fusion/overlay.h"
#include "io/common/atomic_file.h"
#include "io/common/image_io.h"

namespace fuselabel {
namespace {

nlohmann::ordered_json vec3(const Vec3<double>& v) { return {v.x, v.y, v.z}; }

cv::Mat boxes_picture(const FrameData& frame, const FrameInspection& inspection, size_t c) {
  const CameraView& view = frame.cameras[c];
  const CameraProjection& p = inspection.projections[c];
  cv::Mat image = view.image_path.empty() || !std::filesystem::exists(view.image_path)
                      ? cv::Mat(p.height, p.width, CV_8UC3, cv::Scalar(0, 0, 0))
                      : read_image(view.image_path);
  for (size_t i = 0; i < p.lidar.size(); ++i) {
    if (!p.lidar[i].in_image()) continue;
    const int32_t owner = inspection.lidar_point_cuboid.empty() ? -1 : inspection.lidar_point_cuboid[i];
    const cv::Point centre(cvRound(p.lidar[i].u), cvRound(p.lidar[i].v));
    if (owner < 0)
      cv::circle(image, centre, 0, cv::Scalar(160, 160, 160), cv::FILLED);
    else
      cv::circle(image, centre, 2, label_colour(owner), cv::FILLED);
  }
  for (size_t b = 0; b < frame.cuboids.size(); ++b) {
    draw_cuboid_wireframe(image, view.model, view.T_cam_lidar, inspection.cuboids_in_lidar[b], label_colour(b), 1);
    if (const auto& in_camera = inspection.cuboids[b].cameras[c]) {
      const Box2<double>& r = in_camera->box;
      cv::rectangle(image, cv::Point2d(r.x1, r.y1), cv::Point2d(r.x2, r.y2), label_colour(b), 2, cv::LINE_AA);
      cv::putText(image, frame.cuboids[b].class_name, cv::Point2d(r.x1, std::max(12.0, r.y1 - 4)),
                  cv::FONT_HERSHEY_SIMPLEX, 0.45, label_colour(b), 1, cv::LINE_AA);
    }
  }
  return image;
}

}  // namespace

std::string inspection_json(const FrameData& frame, const FrameInspection& inspection) {
  nlohmann::ordered_json boxes = nlohmann::ordered_json::array();
  for (size_t b = 0; b < frame.cuboids.size(); ++b) {
    const CuboidLabel& label = frame.cuboids[b];
    const CuboidInspection& info = inspection.cuboids[b];
    nlohmann::ordered_json cameras = nlohmann::ordered_json::object();
    for (size_t c = 0; c < frame.cameras.size(); ++c) {
      if (!info.cameras[c]) continue;
      const Box2<double>& r = info.cameras[c]->box;
      cameras[frame.cameras[c].sensor] = {{"box", {r.x1, r.y1, r.x2, r.y2}},
                                          {"visible_fraction", info.cameras[c]->visible_fraction}};
    }
    const Quat<double>& q = label.box.rotation;
    boxes.push_back({{"id", label.id},
                     {"track_id", label.track_id},
                     {"class", label.class_name},
                     {"center", vec3(label.box.center)},
                     {"size", vec3(label.box.size)},
                     {"rotation", {q.w, q.x, q.y, q.z}},
                     {"num_lidar_pts", info.num_lidar_pts},
                     {"num_radar_pts", info.num_radar_pts},
                     {"cameras", cameras}});
  }
  const nlohmann::ordered_json doc = {{"frame", frame.id},
                              {"timestamp_us", frame.timestamp_us},
                              {"label_frame", frame.label_frame},
                              {"boxes", boxes}};
  return doc.dump(1) + "\n";
}

void write_inspection_outputs(const std::filesystem::path& out_dir, const FrameData& frame,
                              const FrameInspection& inspection) {
  write_file_atomic(out_dir / "boxes.json", inspection_json(frame, inspection));
  for (size_t c = 0; c < frame.cameras.size(); ++c)
    write_image(out_dir / (frame.cameras[c].sensor + "_boxes.jpg"), boxes_picture(frame, inspection, c));
}

}  // namespace fuselabel
