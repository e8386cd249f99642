#include "io/nuscenes/nuscenes_radar.h"

#include <pcl/PCLPointCloud2.h>
#include <pcl/io/pcd_io.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <system_error>

#include "model/input_error.h"

namespace fuselabel {
namespace {

enum RadarField { kX, kY, kZ, kVxComp, kVyComp, kRcs, kDynProp, kQualityValid, kAmbigState, kInvalidState, kPdh0 };

template <typename T>
double load_as_double(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  return static_cast<double>(value);
}

// One value of a packed PCD record, whatever its declared type.
double field_value(const uint8_t* p, uint8_t datatype) {
  switch (datatype) {
    case pcl::PCLPointField::INT8:
      return load_as_double<int8_t>(p);
    case pcl::PCLPointField::UINT8:
      return load_as_double<uint8_t>(p);
    case pcl::PCLPointField::INT16:
      return load_as_double<int16_t>(p);
    case pcl::PCLPointField::UINT16:
      return load_as_double<uint16_t>(p);
    case pcl::PCLPointField::INT32:
      return load_as_double<int32_t>(p);
    case pcl::PCLPointField::UINT32:
      return load_as_double<uint32_t>(p);
    case pcl::PCLPointField::INT64:
      return load_as_double<int64_t>(p);
    case pcl::PCLPointField::UINT64:
      return load_as_double<uint64_t>(p);
    case pcl::PCLPointField::FLOAT32:
      return load_as_double<float>(p);
    case pcl::PCLPointField::FLOAT64:
      return load_as_double<double>(p);
    default:
      return load_as_double<uint8_t>(p);  // BOOL: one byte
  }
}

size_t datatype_size(uint8_t datatype) {
  switch (datatype) {
    case pcl::PCLPointField::INT16:
    case pcl::PCLPointField::UINT16:
      return 2;
    case pcl::PCLPointField::INT32:
    case pcl::PCLPointField::UINT32:
    case pcl::PCLPointField::FLOAT32:
      return 4;
    case pcl::PCLPointField::INT64:
    case pcl::PCLPointField::UINT64:
    case pcl::PCLPointField::FLOAT64:
      return 8;
    default:
      return 1;
  }
}

// The PCL field of every kept name, checked to have one value that fits in the record.
std::vector<pcl::PCLPointField> kept_fields(const pcl::PCLPointCloud2& cloud, const std::filesystem::path& file) {
  std::vector<pcl::PCLPointField> out;
  for (const std::string& name : kNuscenesRadarFields) {
    const pcl::PCLPointField* found = nullptr;
    for (const pcl::PCLPointField& field : cloud.fields)
      if (field.name == name) found = &field;
    if (!found) throw InputError(file, "field " + name, "missing from the PCD header (FIELDS)");
    if (found->count != 1)
      throw InputError(file, "field " + name, "COUNT is " + std::to_string(found->count) + ", expected 1");
    if (found->offset + datatype_size(found->datatype) > cloud.point_step)
      throw InputError(file, "field " + name,
                       "does not fit in the " + std::to_string(cloud.point_step) + "-byte record");
    out.push_back(*found);
  }
  return out;
}

}  // namespace

PointSweep read_nuscenes_radar_pcd(const std::filesystem::path& file, const std::string& sensor) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) throw InputError(file, "", "no such file");
  pcl::PCDReader reader;
  pcl::PCLPointCloud2 cloud;
  Eigen::Vector4f origin;
  Eigen::Quaternionf orientation;
  int pcd_version = 0, data_type = 0;
  unsigned int data_offset = 0;
  if (reader.readHeader(file.string(), cloud, origin, orientation, pcd_version, data_type, data_offset) < 0)
    throw InputError(file, "header", "not a readable PCD file");
  if (cloud.fields.empty()) throw InputError(file, "header", "not a readable PCD file: no FIELDS");
  const std::vector<pcl::PCLPointField> fields = kept_fields(cloud, file);
  const uint64_t points = uint64_t(cloud.width) * cloud.height;
  const uint64_t expected_bytes = points * cloud.point_step;
  const uintmax_t file_bytes = std::filesystem::file_size(file, ec);
  if (data_type == 1 && !ec && file_bytes < data_offset + expected_bytes)  // binary: fixed-size body
    throw InputError(file, "data",
                     "truncated: " + std::to_string(file_bytes > data_offset ? file_bytes - data_offset : 0) +
                         " bytes of point data, " + std::to_string(points) + " points of " +
                         std::to_string(cloud.point_step) + " bytes need " + std::to_string(expected_bytes));
  if (reader.read(file.string(), cloud) < 0) throw InputError(file, "data", "PCL could not read the point data");
  if (cloud.data.size() < expected_bytes) throw InputError(file, "data", "fewer point bytes than the header declares");

  PointSweep scan;
  scan.sensor = sensor;
  scan.fields = kNuscenesRadarFields;
  scan.records.reserve(points * fields.size());
  for (uint64_t i = 0; i < points; ++i) {
    const uint8_t* record = cloud.data.data() + i * cloud.point_step;
    for (size_t f = 0; f < fields.size(); ++f) {
      const double value = field_value(record + fields[f].offset, fields[f].datatype);
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
