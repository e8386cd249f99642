// OXTS packets -> poses, following the KITTI raw devkit (dataformat.txt for the fields,
// convertOxtsToPose.m / latToScale.m / latlonToMercator.m for the conversion).
#include "io/kitti/kitti_oxts.h"

#include <array>
#include <cmath>
#include <string>

#include "io/common/file_read.h"
#include "model/input_error.h"
#include "io/common/text_tokens.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kEarthRadius = 6378137.0;  // metres, as the devkit's latlonToMercator.m

struct RealField {
  const char* name;
  double KittiOxtsPacket::*member;
};

struct StatusField {
  const char* name;
  int KittiOxtsPacket::*member;
};

// File order, names as in dataformat.txt.
constexpr std::array<RealField, 25> kRealFields = {{
    {"lat", &KittiOxtsPacket::lat},     {"lon", &KittiOxtsPacket::lon},         {"alt", &KittiOxtsPacket::alt},
    {"roll", &KittiOxtsPacket::roll},   {"pitch", &KittiOxtsPacket::pitch},     {"yaw", &KittiOxtsPacket::yaw},
    {"vn", &KittiOxtsPacket::vn},       {"ve", &KittiOxtsPacket::ve},           {"vf", &KittiOxtsPacket::vf},
    {"vl", &KittiOxtsPacket::vl},       {"vu", &KittiOxtsPacket::vu},           {"ax", &KittiOxtsPacket::ax},
    {"ay", &KittiOxtsPacket::ay},       {"az", &KittiOxtsPacket::az},           {"af", &KittiOxtsPacket::af},
    {"al", &KittiOxtsPacket::al},       {"au", &KittiOxtsPacket::au},           {"wx", &KittiOxtsPacket::wx},
    {"wy", &KittiOxtsPacket::wy},       {"wz", &KittiOxtsPacket::wz},           {"wf", &KittiOxtsPacket::wf},
    {"wl", &KittiOxtsPacket::wl},       {"wu", &KittiOxtsPacket::wu},           {"posacc", &KittiOxtsPacket::pos_accuracy},
    {"velacc", &KittiOxtsPacket::vel_accuracy},
}};

constexpr std::array<StatusField, 5> kStatusFields = {{
    {"navstat", &KittiOxtsPacket::navstat},
    {"numsats", &KittiOxtsPacket::numsats},
    {"posmode", &KittiOxtsPacket::posmode},
    {"velmode", &KittiOxtsPacket::velmode},
    {"orimode", &KittiOxtsPacket::orimode},
}};

constexpr size_t kValueCount = kRealFields.size() + kStatusFields.size();

std::string where(int line, const char* field) {
  return "line " + std::to_string(line) + ", field '" + field + "'";
}

double parse_value(const std::filesystem::path& file, int line, const char* field, std::string_view token) {
  const auto value = parse_finite_double(token);
  if (!value) throw InputError(file, where(line, field), quote_token(token) + " is not a finite number");
  return *value;
}

KittiOxtsPacket parse_packet(const std::filesystem::path& file, int line, const std::vector<std::string_view>& tokens) {
  if (tokens.size() != kValueCount)
    throw InputError(file, "line " + std::to_string(line),
                     "expected " + std::to_string(kValueCount) + " values, found " + std::to_string(tokens.size()));
  KittiOxtsPacket packet;
  packet.line = line;
  for (size_t i = 0; i < kRealFields.size(); ++i)
    packet.*kRealFields[i].member = parse_value(file, line, kRealFields[i].name, tokens[i]);
  // Status fields are integers; pykitti reads them as int(float(x)), so "4.0" is accepted too.
  for (size_t i = 0; i < kStatusFields.size(); ++i) {
    const std::string_view token = tokens[kRealFields.size() + i];
    const double value = parse_value(file, line, kStatusFields[i].name, token);
    if (value != std::floor(value) || std::fabs(value) > 1e9)
      throw InputError(file, where(line, kStatusFields[i].name), quote_token(token) + " is not an integer");
    packet.*kStatusFields[i].member = static_cast<int>(value);
  }
  // The Mercator projection is undefined at the poles.
  if (!(std::fabs(packet.lat) < 90))
    throw InputError(file, where(line, "lat"), "latitude must be in (-90, 90), got " + std::string(tokens[0]));
  if (!(std::fabs(packet.lon) <= 180))
    throw InputError(file, where(line, "lon"), "longitude must be in [-180, 180], got " + std::string(tokens[1]));
  return packet;
}

Mat3<double> rotation_zyx(double roll, double pitch, double yaw) {
  const double cr = std::cos(roll), sr = std::sin(roll);
  const double cp = std::cos(pitch), sp = std::sin(pitch);
  const double cy = std::cos(yaw), sy = std::sin(yaw);
  const Mat3<double> Rx = {{1, 0, 0, 0, cr, -sr, 0, sr, cr}};
  const Mat3<double> Ry = {{cp, 0, sp, 0, 1, 0, -sp, 0, cp}};
  const Mat3<double> Rz = {{cy, -sy, 0, sy, cy, 0, 0, 0, 1}};
  return Rz * Ry * Rx;
}

Transform3d rigid_inverse(const Transform3d& T) {
  const Mat3<double> Rt = T.R.transposed();
  const Vec3<double> t = Rt * T.t;
  return {Rt, {-t.x, -t.y, -t.z}};
}

}  // namespace

std::vector<KittiOxtsPacket> read_kitti_oxts(const std::filesystem::path& file) {
  const std::string text = read_file_bytes(file);
  const auto lines = split_lines(text);
  std::vector<KittiOxtsPacket> packets;
  int first_blank = 0;  // 1-based line of a blank line seen after the last packet; 0: none
  for (size_t i = 0; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    if (is_blank(lines[i])) {
      if (first_blank == 0) first_blank = line;
      continue;
    }
    if (first_blank != 0)
      throw InputError(file, "line " + std::to_string(first_blank),
                       "blank line between packets: line i + 1 is the packet of frame i, so a gap would shift "
                       "every later frame");
    packets.push_back(parse_packet(file, line, split_whitespace(lines[i])));
  }
  return packets;
}

Transform3d kitti_oxts_mercator_pose(const KittiOxtsPacket& packet, double mercator_scale) {
  Transform3d pose;
  pose.t = {mercator_scale * packet.lon * kPi * kEarthRadius / 180,
            mercator_scale * kEarthRadius * std::log(std::tan((90 + packet.lat) * kPi / 360)), packet.alt};
  pose.R = rotation_zyx(packet.roll, packet.pitch, packet.yaw);
  return pose;
}

std::vector<Transform3d> kitti_oxts_poses(const std::vector<KittiOxtsPacket>& packets) {
  std::vector<Transform3d> poses;
  if (packets.empty()) return poses;
  const double scale = std::cos(packets.front().lat * kPi / 180);
  const Transform3d T_first_inverse = rigid_inverse(kitti_oxts_mercator_pose(packets.front(), scale));
  poses.reserve(packets.size());
  for (const KittiOxtsPacket& packet : packets)
    poses.push_back(T_first_inverse * kitti_oxts_mercator_pose(packet, scale));
  return poses;
}

}  // namespace fuselabel
