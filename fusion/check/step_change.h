#pragma once
// Where a sensor's alignment changed: per judged frame, the score of each of a fixed set of
// candidate corrections (a grid around the nominal calibration); the strongest step is the split
// into a run before and a run after whose best candidates differ, and on which the per-frame
// advantage of the after-run's best over the before-run's best changes most. Evidence is summed
// over many frames before anything is decided, so a frame with few edges cannot make a step, and
// the test is on blocks of frames, so a scene that persists for a few frames counts once.
#include <cstddef>
#include <optional>
#include <vector>

namespace fuselabel {

struct StepChange {
  size_t at = 0;                 // the first frame of the run after
  size_t before = 0, after = 0;  // the runs' best candidates
  double statistic = 0;          // Welch's t of the block means of the advantage, after vs before
};

// scores[frame][candidate], every row the same length; nullopt when the series has fewer than
// 2 * min_run frames or no split changes the best candidate.
std::optional<StepChange> strongest_step(const std::vector<std::vector<double>>& scores, size_t min_run,
                                         size_t block = 4);

}  // namespace fuselabel
