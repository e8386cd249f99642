#include "sim/drive_world.h"

#include <algorithm>

namespace fuselabel {
namespace {

// Fastest closing speed between the ego and an actor, for padding distance tests over a time span.
constexpr double kMaxClosingSpeed = 45.0;

Mat3<double> yaw_matrix(double yaw) {
  const double c = std::cos(yaw), s = std::sin(yaw);
  return {{c, -s, 0, s, c, 0, 0, 0, 1}};
}

double planar_distance(Vec3<double> a, Vec3<double> b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

const char* actor_role_name(SimActorRole role) {
  switch (role) {
    case SimActorRole::Lead: return "lead";
    case SimActorRole::Overtaking: return "overtaking";
    case SimActorRole::Oncoming: return "oncoming";
    case SimActorRole::Turning: return "turning";
    case SimActorRole::Crossing: return "crossing";
    case SimActorRole::Walking: return "walking";
    case SimActorRole::Standing: return "standing";
    case SimActorRole::Cycling: return "cycling";
    case SimActorRole::Parked: return "parked";
    case SimActorRole::Barrier: return "barrier";
  }
  return "unknown";
}

SimBodyState actor_state(const SimDriveActor& actor, double t) {
  const MotionState motion = actor.profile.at(t);
  const PathPose pose = actor.path.pose_at(motion.s);
  SimBodyState state;
  state.box.center = {pose.position.x, pose.position.y, actor.size.z / 2};
  state.box.size = actor.size;
  state.box.rotation = Quat<double>::from_yaw(pose.yaw);
  state.velocity = {motion.v * std::cos(pose.yaw), motion.v * std::sin(pose.yaw), 0.0};
  state.yaw_rate = pose.curvature * motion.v;
  return state;
}

Vec3<double> SimEgoState::point_velocity(Vec3<double> p_ego) const {
  const Vec3<double> r = T_world_ego.R * p_ego;
  return {velocity.x - yaw_rate * r.y, velocity.y + yaw_rate * r.x, velocity.z};
}

SimEgoState SimEgo::state(double t) const {
  const MotionState motion = profile.at(t);
  const PathPose pose = path.pose_at(motion.s);
  SimEgoState state;
  state.T_world_ego = {yaw_matrix(pose.yaw), {pose.position.x, pose.position.y, 0.0}};
  state.velocity = {motion.v * std::cos(pose.yaw), motion.v * std::sin(pose.yaw), 0.0};
  state.yaw_rate = pose.curvature * motion.v;
  return state;
}

Cuboidd SimEgo::box(double t) const { return transform_cuboid(state(t).T_world_ego, box_in_ego); }

double SimDriveWorld::ego_center_s(double t) const {
  return road.center.center_length(road.ego_lane(), ego.profile.at(t).s);
}

void SimDriveWorld::index_actors() {
  const double indexed_span = duration + 2 * kTimeBucket;
  moving_by_time_.assign(static_cast<size_t>(indexed_span / kTimeBucket) + 1, {});
  standing_by_space_.assign(static_cast<size_t>(road.center.length() / kSpaceBucket) + 1, {});
  const int last_time = static_cast<int>(moving_by_time_.size()) - 1;
  const int last_space = static_cast<int>(standing_by_space_.size()) - 1;
  for (int a = 0; a < static_cast<int>(actors.size()); ++a) {
    const SimDriveActor& actor = actors[a];
    if (!actor.moves()) {
      standing_by_space_[std::clamp(static_cast<int>(actor.anchor_s / kSpaceBucket), 0, last_space)].push_back(a);
      continue;
    }
    if (actor.t_end < 0 || actor.t_begin > indexed_span) continue;  // never seen in the indexed span
    const int b0 = std::clamp(static_cast<int>(std::floor(std::max(0.0, actor.t_begin) / kTimeBucket)), 0, last_time);
    const int b1 = std::clamp(static_cast<int>(std::floor(std::min(indexed_span, actor.t_end) / kTimeBucket)), 0, last_time);
    for (int b = b0; b <= b1; ++b) moving_by_time_[b].push_back(a);
  }
}

std::vector<int> SimDriveWorld::actors_near(double t0, double t1, double radius) const {
  std::vector<int> candidates;
  const double indexed_span = moving_by_time_.size() * kTimeBucket;
  if (moving_by_time_.empty() || t0 < 0 || t1 >= indexed_span) {
    for (int a = 0; a < static_cast<int>(actors.size()); ++a) candidates.push_back(a);
  } else {
    for (int b = static_cast<int>(t0 / kTimeBucket); b <= static_cast<int>(t1 / kTimeBucket); ++b)
      candidates.insert(candidates.end(), moving_by_time_[b].begin(), moving_by_time_[b].end());
    const double s0 = ego_center_s(t0), s1 = ego_center_s(t1);
    const double reach = radius + 2 * kSpaceBucket;
    const int last = static_cast<int>(standing_by_space_.size()) - 1;
    const int b0 = std::clamp(static_cast<int>((std::min(s0, s1) - reach) / kSpaceBucket), 0, last);
    const int b1 = std::clamp(static_cast<int>((std::max(s0, s1) + reach) / kSpaceBucket), 0, last);
    for (int b = b0; b <= b1; ++b)
      candidates.insert(candidates.end(), standing_by_space_[b].begin(), standing_by_space_[b].end());
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }
  const Vec3<double> ego0 = ego.state(t0).T_world_ego.t, ego1 = ego.state(t1).T_world_ego.t;
  std::vector<int> near;
  for (int a : candidates) {
    const SimDriveActor& actor = actors[a];
    if (actor.t_begin > t1 || actor.t_end < t0) continue;
    const double reach = radius + std::hypot(actor.size.x, actor.size.y) / 2 + kMaxClosingSpeed * (t1 - t0);
    const double ta = std::clamp(t0, actor.t_begin, actor.t_end), tb = std::clamp(t1, actor.t_begin, actor.t_end);
    const double slack = kMaxClosingSpeed * ((ta - t0) + (t1 - tb));
    const double d = std::min(planar_distance(actor_state(actor, ta).box.center, ego0),
                              planar_distance(actor_state(actor, tb).box.center, ego1));
    if (d <= reach + slack) near.push_back(a);
  }
  return near;
}

}  // namespace fuselabel
