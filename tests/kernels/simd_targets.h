#pragma once
// Runs a test body once per SIMD instruction set the binary holds and this CPU supports, the
// Highway-dispatched kernels bodies (project_records, scan_points_in_boxes,
// score_cuboid_candidate) running on it.
#include <gtest/gtest.h>
#include <hwy/targets.h>

#include <string>
#include <vector>

namespace fuselabel::testing {

// Calls body(target name) with every Highway-dispatched function running on that target (the
// projection test checks this through project_records_target()).
template <typename Body>
void for_each_simd_target(Body&& body) {
  const std::vector<int64_t> targets = hwy::SupportedAndGeneratedTargets();
  ASSERT_FALSE(targets.empty());
  for (int64_t target : targets) {
    hwy::SetSupportedTargetsForTest(target);
    body(std::string(hwy::TargetName(target)));
  }
  hwy::SetSupportedTargetsForTest(0);
}

}  // namespace fuselabel::testing
