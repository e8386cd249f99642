#pragma once
// The world of a simulated drive, built from its configuration and seed: road, ego plan and
// traffic (docs/simulator.md describes the scenario).
#include "sim/drive_world.h"
#include "sim/sim_drive_config.h"

namespace fuselabel {

// Seconds beyond the configured duration that the ego and traffic are planned for (sweeps that
// start before the end finish after it; faulty camera clocks look past it).
constexpr double kPlanningMargin = 3.0;

// Deterministic in config (seed included). The ego starts at the world origin heading +x.
// Throws std::invalid_argument for an invalid config (validate_sim_drive_config).
SimDriveWorld build_drive_world(const SimDriveConfig& config);

}  // namespace fuselabel
