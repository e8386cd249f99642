#include "sim/scene.h"

#include <cmath>

#include "sim/sim_random.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kDegree = kPi / 180;

// Road layout of the sample scene: three 3.5 m lanes, the ego vehicle in the middle one.
constexpr double kLaneWidth = 3.5;
constexpr double kMarkWidth = 0.15;
constexpr double kDashLength = 3.0, kDashPeriod = 9.0;
constexpr double kRoadMarksBehind = -40.0, kRoadMarksAhead = 120.0;

struct ClassSpec {
  const char* name;
  double weight;  // relative frequency among sampled actors
  Vec3<double> size_min, size_max;  // (l, w, h), around KITTI's class means
  double reflectivity;
  bool follows_road;  // vehicles and bicycles mostly move along the road; pedestrians face anywhere
  bool painted;       // vehicle paint colours, else clothing colours
};

constexpr ClassSpec kClasses[] = {
    {"Car", 0.45, {3.6, 1.55, 1.40}, {4.7, 1.90, 1.65}, 0.45, true, true},
    {"Van", 0.15, {4.5, 1.85, 1.90}, {5.5, 2.10, 2.40}, 0.45, true, true},
    {"Truck", 0.10, {7.0, 2.40, 2.80}, {11.0, 2.60, 3.60}, 0.40, true, true},
    {"Pedestrian", 0.15, {0.50, 0.50, 1.55}, {0.95, 0.80, 1.95}, 0.25, false, false},
    {"Cyclist", 0.15, {1.60, 0.50, 1.60}, {1.95, 0.80, 1.90}, 0.30, true, false},
};


const ClassSpec& sample_class(SimRandom& random) {
  double total = 0;
  for (const ClassSpec& spec : kClasses) total += spec.weight;
  double pick = random.uniform(0.0, total);
  for (const ClassSpec& spec : kClasses) {
    if (pick < spec.weight) return spec;
    pick -= spec.weight;
  }
  return kClasses[0];
}

template <size_t N>
SimColor sample_color(SimRandom& random, const SimColor (&palette)[N]) {
  return palette[random.index(static_cast<int>(N))];
}

void add_road_marks(SimScene& scene) {
  const double length = kRoadMarksAhead - kRoadMarksBehind, middle = (kRoadMarksAhead + kRoadMarksBehind) / 2;
  for (double side : {-1.0, 1.0}) {
    scene.lane_marks.push_back({{middle, side * 1.5 * kLaneWidth}, length, kMarkWidth, 0.0});
    for (double x = kRoadMarksBehind; x + kDashLength <= kRoadMarksAhead; x += kDashPeriod)
      scene.lane_marks.push_back({{x + kDashLength / 2, side * 0.5 * kLaneWidth}, kDashLength, kMarkWidth, 0.0});
  }
}

// Where actor `slot` may stand, as forward distance and bearing from the sensors. The first
// two slots straddle the left and right edges of a KITTI camera's view (about +-40.5
// degrees), near enough to span several degrees, so the sample has labels truncated by the
// image border and actors seen only by the LiDAR; the others spread over the view.
struct PlacementRange {
  double forward_lo, forward_hi, bearing_lo, bearing_hi;
};

PlacementRange placement_range(int slot) {
  constexpr double kMinForward = 5.0, kMaxForward = 40.0;
  if (slot == 0) return {kMinForward, 25.0, 37 * kDegree, 44 * kDegree};
  if (slot == 1) return {kMinForward, 25.0, -44 * kDegree, -37 * kDegree};
  return {kMinForward, kMaxForward, -30 * kDegree, 30 * kDegree};
}

double sample_yaw(SimRandom& random, const ClassSpec& spec) {
  if (!spec.follows_road || random.chance(0.2)) return random.uniform(-kPi, kPi);
  const double along = random.chance(0.5) ? 0.0 : kPi;  // same or oncoming direction
  return std::remainder(along + random.uniform(-0.3, 0.3), 2 * kPi);
}

// Footprint corners in the xy plane, grown by `margin` on every side.
void footprint_corners(const Cuboidd& box, double margin, Vec2<double> corners[4]) {
  const Mat3<double> R = box.rotation.to_matrix();
  const double hl = box.size.x / 2 + margin, hw = box.size.y / 2 + margin;
  const double signs[4][2] = {{1, 1}, {1, -1}, {-1, -1}, {-1, 1}};
  for (int k = 0; k < 4; ++k) {
    const double lx = signs[k][0] * hl, ly = signs[k][1] * hw;
    corners[k] = {box.center.x + R(0, 0) * lx + R(0, 1) * ly, box.center.y + R(1, 0) * lx + R(1, 1) * ly};
  }
}

// Separating-axis test: true when the projections of a and b onto `axis` are disjoint.
bool separated_along(const Vec2<double> a[4], const Vec2<double> b[4], Vec2<double> axis) {
  double a_lo = INFINITY, a_hi = -INFINITY, b_lo = INFINITY, b_hi = -INFINITY;
  for (int k = 0; k < 4; ++k) {
    const double pa = a[k].x * axis.x + a[k].y * axis.y, pb = b[k].x * axis.x + b[k].y * axis.y;
    a_lo = std::fmin(a_lo, pa), a_hi = std::fmax(a_hi, pa);
    b_lo = std::fmin(b_lo, pb), b_hi = std::fmax(b_hi, pb);
  }
  return a_hi < b_lo || b_hi < a_lo;
}

// The ego vehicle carrying the sensors (KITTI's VW Passat, LiDAR near the middle of the roof).
// Nothing may be placed there; it is not an actor, so sensors do not see it.
Cuboidd ego_vehicle_box(double ground_z) { return {{-0.3, 0.0, ground_z + 0.75}, {4.8, 1.9, 1.5}, {}}; }

}  // namespace

bool footprints_overlap(const Cuboidd& a, const Cuboidd& b, double clearance) {
  Vec2<double> ca[4], cb[4];
  footprint_corners(a, clearance / 2, ca);
  footprint_corners(b, clearance / 2, cb);
  for (const Vec2<double>* rect : {ca, cb})
    for (int k = 0; k < 2; ++k) {
      const Vec2<double> edge = {rect[k + 1].x - rect[k].x, rect[k + 1].y - rect[k].y};
      if (separated_along(ca, cb, {-edge.y, edge.x})) return false;
    }
  return true;
}

bool on_lane_mark(const SimScene& scene, double x, double y) {
  for (const SimLaneMark& mark : scene.lane_marks) {
    const double dx = x - mark.center.x, dy = y - mark.center.y;
    const double c = std::cos(mark.yaw), s = std::sin(mark.yaw);
    const double along = c * dx + s * dy, across = -s * dx + c * dy;
    if (std::fabs(along) <= mark.length / 2 && std::fabs(across) <= mark.width / 2) return true;
  }
  return false;
}

SimScene make_sample_scene(uint64_t seed) {
  constexpr double kClearance = 0.5;  // gap between actors, so no two surfaces touch
  constexpr int kAttemptsPerActor = 200;

  SimRandom random(seed);
  SimScene scene;
  add_road_marks(scene);
  const Cuboidd ego = ego_vehicle_box(scene.ground_z);
  const int count = 6 + random.index(3);
  for (int slot = 0; slot < count; ++slot) {
    const ClassSpec& spec = sample_class(random);
    const PlacementRange range = placement_range(slot);
    SimActor actor;
    actor.class_name = spec.name;
    actor.base_color = spec.painted ? sample_color(random, kSimVehicleColors) : sample_color(random, kSimClothingColors);
    actor.lidar_reflectivity = spec.reflectivity + random.uniform(-0.05, 0.05);
    const Vec3<double> size = {random.uniform(spec.size_min.x, spec.size_max.x),
                               random.uniform(spec.size_min.y, spec.size_max.y),
                               random.uniform(spec.size_min.z, spec.size_max.z)};
    bool placed = false;
    for (int attempt = 0; attempt < kAttemptsPerActor && !placed; ++attempt) {
      const double forward = random.uniform(range.forward_lo, range.forward_hi);
      const double bearing = random.uniform(range.bearing_lo, range.bearing_hi);
      actor.box = {{forward, forward * std::tan(bearing), scene.ground_z + size.z / 2}, size,
                   Quat<double>::from_yaw(sample_yaw(random, spec))};
      placed = !footprints_overlap(actor.box, ego, 1.0);
      for (const SimActor& other : scene.actors)
        placed = placed && !footprints_overlap(actor.box, other.box, kClearance);
    }
    if (!placed) continue;  // crowded: this seed's scene simply has one actor fewer
    actor.track_id = std::to_string(scene.actors.size() + 1);
    scene.actors.push_back(actor);
  }
  return scene;
}

}  // namespace fuselabel
