// A program outside the project calling the installed engine directly.
#include <cstdio>
#include <vector>

#include "kernels/project_points.h"

int main() {
  using namespace fuselabel;
  const std::vector<float> points = {0.f, 0.f, 10.f};
  ProjectionBatch batch;
  batch.points = points.data();
  batch.sweep_offsets = {0, 1};
  CameraModelf cam;
  cam.width = 640, cam.height = 480, cam.fx = cam.fy = 500.f, cam.cx = 320.f, cam.cy = 240.f;
  batch.cameras = {cam};
  batch.jobs = {ProjectionJob{0, 0, Transform3f::identity()}};
  std::vector<ProjectedPoint> out;
  project_points(Device::Cpu, batch, out);
  std::printf("u=%.1f v=%.1f in_image=%d\n", out[0].u, out[0].v, out[0].in_image() ? 1 : 0);
  return out[0].in_image() ? 0 : 1;
}
