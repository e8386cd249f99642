#include "peers.h"

#include <pcl/filters/crop_box.h>
#include <pcl/point_types.h>

#include <cmath>
#include <opencv2/calib3d.hpp>

namespace fuselabel::bench {

struct CvProjectPoints::State {
  std::vector<cv::Point3f> points;
  cv::Vec3d rvec, tvec;
  cv::Matx33d K;
  cv::Mat dist;
  std::vector<cv::Point2f> pixels;
};

CvProjectPoints::CvProjectPoints(const float* records, int stride, int64_t n, const CameraModeld& cam,
                                 const Transform3d& T)
    : state_(std::make_unique<State>()) {
  state_->points.resize(n);
  for (int64_t i = 0; i < n; ++i) {
    const float* r = records + stride * i;
    state_->points[i] = {r[0], r[1], r[2]};
  }
  const cv::Matx33d R(T.R.m[0], T.R.m[1], T.R.m[2], T.R.m[3], T.R.m[4], T.R.m[5], T.R.m[6], T.R.m[7], T.R.m[8]);
  cv::Rodrigues(R, state_->rvec);
  state_->tvec = cv::Vec3d(T.t.x, T.t.y, T.t.z);
  state_->K = cv::Matx33d(cam.fx, 0, cam.cx, 0, cam.fy, cam.cy, 0, 0, 1);
  state_->dist = cv::Mat(1, 5, CV_64F);
  for (int k = 0; k < 5; ++k) state_->dist.at<double>(0, k) = cam.dist[k];
}

CvProjectPoints::~CvProjectPoints() = default;

void CvProjectPoints::run() {
  cv::projectPoints(state_->points, state_->rvec, state_->tvec, state_->K, state_->dist, state_->pixels);
}

float CvProjectPoints::u(int64_t i) const { return state_->pixels[i].x; }
float CvProjectPoints::v(int64_t i) const { return state_->pixels[i].y; }

struct PclCropBoxLoop::State {
  std::vector<pcl::CropBox<pcl::PointXYZ>> crops;
  std::vector<int> indices;
};

PclCropBoxLoop::PclCropBoxLoop(const float* records, int stride, int64_t n, const std::vector<Cuboidd>& cuboids)
    : state_(std::make_unique<State>()) {
  pcl::PointCloud<pcl::PointXYZ>::Ptr cloud(new pcl::PointCloud<pcl::PointXYZ>);
  for (int64_t i = 0; i < n; ++i) {
    const float* r = records + stride * i;
    cloud->push_back({r[0], r[1], r[2]});
  }
  state_->crops.resize(cuboids.size());
  for (size_t b = 0; b < cuboids.size(); ++b) {
    const Cuboidd& box = cuboids[b];
    const Mat3<double> R = box.rotation.to_matrix();
    pcl::CropBox<pcl::PointXYZ>& crop = state_->crops[b];
    crop.setInputCloud(cloud);
    crop.setMin(Eigen::Vector4f(-box.size.x / 2, -box.size.y / 2, -box.size.z / 2, 1));
    crop.setMax(Eigen::Vector4f(box.size.x / 2, box.size.y / 2, box.size.z / 2, 1));
    crop.setTranslation(Eigen::Vector3f(box.center.x, box.center.y, box.center.z));
    // CropBox takes the box-to-cloud rotation as X-Y-Z Euler angles.
    crop.setRotation(Eigen::Vector3f(std::atan2(R(2, 1), R(2, 2)), std::asin(-R(2, 0)), std::atan2(R(1, 0), R(0, 0))));
  }
  // A first filter call builds each filter's index list over the whole cloud; done here, so
  // that short runs time the steady state too.
  run();
}

PclCropBoxLoop::~PclCropBoxLoop() = default;

int64_t PclCropBoxLoop::run() {
  int64_t hits = 0;
  for (auto& crop : state_->crops) {
    crop.filter(state_->indices);
    hits += static_cast<int64_t>(state_->indices.size());
  }
  return hits;
}

}  // namespace fuselabel::bench
