#pragma once
// Evidence pictures of `fuselabel check` flags, under OUT/evidence/: per flag a camera crop (the
// image with the flagged cuboids' projected wireframes, their 2D boxes and the sweep's LiDAR
// points by depth) and a bird's-eye crop (the flagged tracks over the neighbouring frames, the
// other cuboids of the frame and the sweep's points around them).
#include <cstddef>
#include <filesystem>
#include <vector>

#include "fusion/check/check_flag.h"
#include "fusion/check/check_inputs.h"

namespace fuselabel {

struct EvidenceLimits {
  size_t max_flags = 200;     // pictures for the first flags of the ranked list (the errors first)
  int neighbour_frames = 10;  // the bird's-eye crop shows the track this many frames either side
};

// Draws the pictures of the first `limits.max_flags` of `flags`, writes them under
// dir/evidence/ and appends their paths (relative to dir) to each flag's evidence. A flag whose
// frame no camera sees gets the bird's-eye crop alone. Throws InputError for unreadable point or
// image files.
void write_evidence_pictures(const CheckInputs& inputs, const DriveReader& reader, std::vector<Flag>& flags,
                             const std::filesystem::path& dir, const EvidenceLimits& limits);

}  // namespace fuselabel
