#pragma once
// The makers of the label checks, one per file (docs/checks.md describes each).
#include <memory>

#include "fusion/check/check.h"

namespace fuselabel {

std::unique_ptr<Check> make_lidar_support_check();
std::unique_ptr<Check> make_ground_contact_check();
std::unique_ptr<Check> make_radar_velocity_check();
std::unique_ptr<Check> make_radar_alignment_check();
std::unique_ptr<Check> make_propagation_drift_check();
std::unique_ptr<Check> make_unlabeled_object_check();
std::unique_ptr<Check> make_box_2d3d_mismatch_check();
std::unique_ptr<Check> make_class_mismatch_check();
std::unique_ptr<Check> make_missing_2d_check();
std::unique_ptr<Check> make_missing_3d_check();
std::unique_ptr<Check> make_track_size_check();
std::unique_ptr<Check> make_track_motion_check();
std::unique_ptr<Check> make_track_identity_check();
std::unique_ptr<Check> make_box_overlap_check();
std::unique_ptr<Check> make_taxonomy_check();
// Sensor checks: findings about a sensor (Flag::sensor set, no track).
std::unique_ptr<Check> make_calibration_drift_check();
std::unique_ptr<Check> make_sensor_sync_check();

}  // namespace fuselabel
