#pragma once
// KITTI OXTS GPS/IMU packets (raw data `oxts/data/*.txt`, tracking `oxts/SSSS.txt`): 30
// whitespace-separated values per packet, field order and units of the raw devkit's
// dataformat.txt. Converted to poses exactly as the raw devkit's convertOxtsToPose.m does
// (docs/kitti-tracking.md). The IMU frame is x forward, y left, z up: the engine's ego frame.
#include <filesystem>
#include <vector>

#include "projection/transform.h"

namespace fuselabel {

struct KittiOxtsPacket {
  double lat = 0, lon = 0, alt = 0;   // degrees, degrees, metres
  double roll = 0, pitch = 0, yaw = 0;  // radians; yaw 0 = east, counter-clockwise positive
  double vn = 0, ve = 0, vf = 0, vl = 0, vu = 0;            // m/s
  double ax = 0, ay = 0, az = 0, af = 0, al = 0, au = 0;    // m/s^2
  double wx = 0, wy = 0, wz = 0, wf = 0, wl = 0, wu = 0;    // rad/s
  double pos_accuracy = 0, vel_accuracy = 0;                // m, m/s
  int navstat = 0, numsats = 0, posmode = 0, velmode = 0, orimode = 0;
  int line = 0;  // 1-based line in the file
};

// One packet per line, line i + 1 being packet i; blank lines may only trail the file, since a
// gap would shift every later packet onto the wrong frame. Throws InputError naming the file,
// line and field (wrong value count, a value that is not a finite number, a latitude outside
// (-90, 90), a longitude outside [-180, 180], a status field that is not an integer).
std::vector<KittiOxtsPacket> read_kitti_oxts(const std::filesystem::path& file);

// The devkit's pose of one packet before normalisation: translation (Mercator x, Mercator y,
// altitude) with Mercator `scale` = cos(lat0) of the first packet, earth radius 6378137 m, and
// R = Rz(yaw) Ry(pitch) Rx(roll).
Transform3d kitti_oxts_mercator_pose(const KittiOxtsPacket& packet, double mercator_scale);

// T_world_imu of every packet as convertOxtsToPose returns it: the Mercator poses left-
// multiplied by the inverse of the first, so the world frame is the IMU frame of packet 0
// (rotation and translation both identity there). Empty for no packets.
std::vector<Transform3d> kitti_oxts_poses(const std::vector<KittiOxtsPacket>& packets);

}  // namespace fuselabel
