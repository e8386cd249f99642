#pragma once
// Writes radar scans the way nuScenes does: PCD v0.7, DATA binary, 18 packed fields of 1 to 4
// bytes. The header is written by hand (not through PCL) so the reader is tested against the
// files nuScenes ships, and so tests can drop or alter fields.
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fuselabel::testing {

struct NuscenesRadarPoint {
  float x = 0, y = 0, z = 0;
  int8_t dyn_prop = 0;
  int16_t id = 0;
  float rcs = 0, vx = 0, vy = 0, vx_comp = 0, vy_comp = 0;
  int8_t is_quality_valid = 1, ambig_state = 3, x_rms = 0, y_rms = 0, invalid_state = 0, pdh0 = 1, vx_rms = 0,
         vy_rms = 0;
};

struct PcdField {
  std::string name;
  int size;
  char type;
};

// nuScenes' radar layout, as in the devkit's RadarPointCloud.from_file docstring.
inline std::vector<PcdField> nuscenes_radar_layout() {
  return {{"x", 4, 'F'},
          {"y", 4, 'F'},
          {"z", 4, 'F'},
          {"dyn_prop", 1, 'I'},
          {"id", 2, 'I'},
          {"rcs", 4, 'F'},
          {"vx", 4, 'F'},
          {"vy", 4, 'F'},
          {"vx_comp", 4, 'F'},
          {"vy_comp", 4, 'F'},
          {"is_quality_valid", 1, 'I'},
          {"ambig_state", 1, 'I'},
          {"x_rms", 1, 'I'},
          {"y_rms", 1, 'I'},
          {"invalid_state", 1, 'I'},
          {"pdh0", 1, 'I'},
          {"vx_rms", 1, 'I'},
          {"vy_rms", 1, 'I'}};
}

// The bytes of one field of `p` (by name; the layout decides which are written).
inline void append_field(std::string& out, const NuscenesRadarPoint& p, const PcdField& field) {
  auto put = [&](const auto& value) { out.append(reinterpret_cast<const char*>(&value), sizeof value); };
  const std::string& n = field.name;
  if (n == "x")
    put(p.x);
  else if (n == "y")
    put(p.y);
  else if (n == "z")
    put(p.z);
  else if (n == "dyn_prop")
    put(p.dyn_prop);
  else if (n == "id")
    put(p.id);
  else if (n == "rcs")
    put(p.rcs);
  else if (n == "vx")
    put(p.vx);
  else if (n == "vy")
    put(p.vy);
  else if (n == "vx_comp")
    put(p.vx_comp);
  else if (n == "vy_comp")
    put(p.vy_comp);
  else if (n == "is_quality_valid")
    put(p.is_quality_valid);
  else if (n == "ambig_state")
    put(p.ambig_state);
  else if (n == "x_rms")
    put(p.x_rms);
  else if (n == "y_rms")
    put(p.y_rms);
  else if (n == "invalid_state")
    put(p.invalid_state);
  else if (n == "pdh0")
    put(p.pdh0);
  else if (n == "vx_rms")
    put(p.vx_rms);
  else
    put(p.vy_rms);
}

inline std::string nuscenes_radar_pcd_bytes(const std::vector<NuscenesRadarPoint>& points,
                                            const std::vector<PcdField>& layout = nuscenes_radar_layout()) {
  std::string fields = "FIELDS", sizes = "SIZE", types = "TYPE", counts = "COUNT";
  for (const PcdField& f : layout) {
    fields += " " + f.name;
    sizes += " " + std::to_string(f.size);
    types += std::string(" ") + f.type;
    counts += " 1";
  }
  const std::string n = std::to_string(points.size());
  std::string out = "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\n" + fields + "\n" + sizes + "\n" + types +
                    "\n" + counts + "\nWIDTH " + n + "\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS " + n +
                    "\nDATA binary\n";
  for (const NuscenesRadarPoint& p : points)
    for (const PcdField& f : layout) append_field(out, p, f);
  return out;
}

inline void write_nuscenes_radar_pcd(const std::filesystem::path& path, const std::vector<NuscenesRadarPoint>& points,
                                     const std::vector<PcdField>& layout = nuscenes_radar_layout()) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << nuscenes_radar_pcd_bytes(points, layout);
}

}  // namespace fuselabel::testing
