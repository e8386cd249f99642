#include "io/nuscenes/nuscenes_radar.h"

#include <cmath>
#include <cstdint>

#include "io/common/pcd_file.h"
#include "model/input_error.h"

namespace fuselabel {
namespace {

enum RadarField { kX, kY, kZ, kVxComp, kVyComp, kRcs, kDynProp, kQualityValid, kAmbigState, kInvalidState, kPdh0 };

// The header field of every kept name, checked to have one value.
std::vector<PcdField> kept_fields(const PcdHeader& header, const std::filesystem::path& file) {
  std::vector<PcdField> out;
  for (const std::string& name : kNuscenesRadarFields) {
    const PcdField* found = header.find(name);
    if (!found) throw InputError(file, "field " + name, "missing from the PCD header (FIELDS)");
    if (found->count != 1)
      throw InputError(file, "field " + name, "COUNT is " + std::to_string(found->count) + ", expected 1");
    out.push_back(*found);
  }
  return out;
}

}  // namespace

PointSweep read_nuscenes_radar_pcd(const std::filesystem::path& file, const std::string& sensor) {
  // Header, kept fields, sizes and every value's syntax are checked before the points exist.
  const PcdCloud cloud = read_pcd_file(file, [&](const PcdHeader& header) { kept_fields(header, file); });
  const std::vector<PcdField> fields = kept_fields(cloud.header, file);  // offsets as read
  const int64_t points = cloud.header.points;

  PointSweep scan;
  scan.sensor = sensor;
  scan.fields = kNuscenesRadarFields;
  scan.records.reserve(size_t(points) * fields.size());
  for (int64_t i = 0; i < points; ++i) {
    const char* record = cloud.records.data() + i * cloud.header.record_bytes;
    for (size_t f = 0; f < fields.size(); ++f) {
      const double value = pcd_value(record + fields[f].offset, fields[f]);
      if (std::isfinite(value)) {
        scan.records.push_back(static_cast<float>(value));
        continue;
      }
      if (i == 0 && std::isnan(value)) {  // the devkit reads a NaN first point as an empty scan
        scan.records.clear();
        return scan;
      }
      throw InputError(file, "point " + std::to_string(i) + ", field " + kNuscenesRadarFields[f],
                       "value is not finite");
    }
  }
  return scan;
}

bool nuscenes_radar_point_valid(const float* record) {
  return record[kInvalidState] == 0.f && record[kAmbigState] == 3.f && record[kDynProp] >= 0.f &&
         record[kDynProp] <= 7.f;
}

PointSweep nuscenes_radar_frame_sweep(const PointSweep& scan, const Transform3d& T_lidar_radar,
                                      const std::filesystem::path& file) {
  PointSweep out;
  out.sensor = scan.sensor;
  out.timestamp_us = scan.timestamp_us;
  out.fields = {"x", "y", "z", "vr", "rcs"};
  out.vr_ego_compensated = true;  // from vx_comp / vy_comp
  const int stride = scan.stride();
  for (int64_t i = 0; i < scan.size(); ++i) {
    const float* r = scan.records.data() + i * stride;
    if (!nuscenes_radar_point_valid(r)) continue;
    const Vec3<double> p = {r[kX], r[kY], r[kZ]};
    const double range = std::sqrt(dot(p, p));
    if (!(range > 0))
      throw InputError(file, "point " + std::to_string(i), "a valid point at the radar's origin has no line of sight");
    const double vr = (double(r[kVxComp]) * p.x + double(r[kVyComp]) * p.y) / range;
    const Vec3<double> q = T_lidar_radar * p;
    out.records.insert(out.records.end(), {float(q.x), float(q.y), float(q.z), float(vr), r[kRcs]});
  }
  return out;
}

}  // namespace fuselabel
