// `inspect` on simulated drives against the simulator's own truth: the LiDAR point count of
// every labelled cuboid equals the number of returns the simulator recorded from that actor.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fusion/frame_inspection.h"
#include "sim/drive_sim.h"
#include "io/drive_reader.h"
#include "sim_drive_test_support.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace fuselabel {
namespace {

struct Simulated {
  testing::TempDir dir;
  SimDriveTruth truth;
};

// A short drive with a denser LiDAR than the other tests' (more returns per actor), simulated
// once per process for each setting of freeze_actors.
const Simulated& simulated(bool freeze_actors) {
  static std::map<bool, std::unique_ptr<Simulated>> drives;
  std::unique_ptr<Simulated>& drive = drives[freeze_actors];
  if (!drive) {
    SimDriveConfig config = testing::small_drive_config(4);
    config.lidar.beams = 32;
    config.lidar.azimuth_steps = 1084;
    config.lidar.freeze_actors = freeze_actors;
    drive = std::make_unique<Simulated>();
    drive->truth = simulate_drive(config, drive->dir.path());
  }
  return *drive;
}

// The actor does not move during the sweep starting at t0 (parked, standing, or stopped).
bool still_during_sweep(const SimDriveTruth& truth, int actor, double t0) {
  const SimDriveActor& a = truth.world.actors[actor];
  const double t1 = t0 + 1.0 / truth.config.lidar.rate_hz;
  const SimBodyState s0 = actor_state(a, t0), s1 = actor_state(a, t1);
  const Vec3<double> moved = s1.box.center - s0.box.center;
  return dot(moved, moved) == 0 && dot(s0.velocity, s0.velocity) == 0 && dot(s1.velocity, s1.velocity) == 0;
}

struct Tally {
  int64_t cuboids = 0, equal = 0, returns = 0;
};

struct Comparison {
  Tally still, moving;  // labelled cuboids of actors still / moving during their sweep
  std::vector<std::string> mismatches;  // of still actors, or of every actor when `exact_for_all`
  int64_t unlabelled_hit_actors_in_range = 0;  // actors with returns but no label, within label_range
  int64_t points_in_cuboids = 0;                // sum of the counts of all labelled cuboids
};

// inspect every frame and compare its cuboids' counts with the truth.
Comparison compare_counts(Device device, const Simulated& drive, bool exact_for_all) {
  const SimDriveTruth& truth = drive.truth;
  const std::unique_ptr<DriveReader> reader = open_drive(drive.dir.path());
  const std::vector<std::string> ids = reader->frame_ids();
  EXPECT_EQ(ids.size(), truth.lidar_frames.size());
  Comparison out;
  for (size_t f = 0; f < ids.size(); ++f) {
    const FrameData frame = reader->load_frame(ids[f]);
    const FrameInspection inspection = inspect_frame(device, frame);
    const double t0 = truth.drive_time(truth.lidar_frames[f].timestamp_us);
    std::vector<bool> labelled(truth.world.actors.size(), false);
    for (size_t b = 0; b < frame.cuboids.size(); ++b) {
      const int actor = truth.actor_index(frame.cuboids[b].track_id);
      EXPECT_GE(actor, 0) << frame.cuboids[b].track_id;
      if (actor < 0) continue;
      labelled[actor] = true;
      const int64_t hits = truth.lidar_returns(f, actor), counted = inspection.cuboids[b].num_lidar_pts;
      const bool still = still_during_sweep(truth, actor, t0);
      Tally& tally = still ? out.still : out.moving;
      ++tally.cuboids;
      tally.returns += hits;
      tally.equal += counted == hits;
      out.points_in_cuboids += counted;
      if (counted != hits && (still || exact_for_all))
        out.mismatches.push_back("frame " + ids[f] + " track " + frame.cuboids[b].track_id + ": " +
                                 std::to_string(counted) + " points, " + std::to_string(hits) + " hits");
    }
    // Actors hit but not labelled are beyond the label range (centre distance from the LiDAR).
    const Vec3<double> lidar_world = frame.T_labels_lidar.t;
    for (const SimActorCount& c : truth.lidar_frames[f].returns) {
      if (labelled[c.actor]) continue;
      const Vec3<double> d = actor_state(truth.world.actors[c.actor], t0).box.center - lidar_world;
      out.unlabelled_hit_actors_in_range += std::sqrt(dot(d, d)) <= truth.config.label_range;
    }
  }
  return out;
}

std::string first(const std::vector<std::string>& lines) { return lines.empty() ? "" : lines.front(); }

class SimDriveInspection : public testing::DeviceTest {};

TEST_P(SimDriveInspection, FrozenActorsCountsEqualTheHitsOfEveryActor) {
  const SimDriveTruth& truth = simulated(true).truth;
  const Comparison c = compare_counts(GetParam(), simulated(true), true);
  EXPECT_GT(c.still.cuboids, 20);
  EXPECT_GT(c.moving.cuboids, 20);
  EXPECT_GT(c.still.returns + c.moving.returns, 5000);
  EXPECT_TRUE(c.mismatches.empty()) << c.mismatches.size() << " mismatches, first: " << first(c.mismatches);
  EXPECT_EQ(c.unlabelled_hit_actors_in_range, 0);
  // No ground return and no return of an unlabelled actor inside any cuboid.
  EXPECT_EQ(c.points_in_cuboids, c.still.returns + c.moving.returns);
  int64_t actor_returns = 0;
  for (const SimLidarFrameTruth& frame : truth.lidar_frames)
    for (const SimActorCount& a : frame.returns) actor_returns += a.count;
  EXPECT_GE(actor_returns, c.points_in_cuboids);
}

TEST_P(SimDriveInspection, MovingActorsCountsEqualTheHitsOfActorsStillDuringTheSweep) {
  const Comparison c = compare_counts(GetParam(), simulated(false), false);
  EXPECT_GT(c.still.cuboids, 20);
  EXPECT_TRUE(c.mismatches.empty()) << c.mismatches.size() << " mismatches, first: " << first(c.mismatches);
  EXPECT_EQ(c.unlabelled_hit_actors_in_range, 0);
  // Returns of moving actors are where the actor was when the beam passed, not at the label's
  // time: some of their counts differ, which is what freeze_actors is for.
  EXPECT_GT(c.moving.cuboids, 20);
  EXPECT_LT(c.moving.equal, c.moving.cuboids);
}

FL_INSTANTIATE_DEVICE_TEST(SimDriveInspection);

}  // namespace
}  // namespace fuselabel
