#pragma once
// Tokens for the rows fuselabel adds to nuScenes tables: 32 lowercase hex digits like the
// dataset's own (uuid4 hex), but derived from what the row stands for (a 128-bit FNV-1a hash
// of its parts), so exporting the same input twice gives the same tokens.
#include <string>
#include <vector>

namespace fuselabel::nuscenes {

// The token of the row identified by `parts` (e.g. {"sample_annotation", scene token, label
// id}); parts are separated so that {"ab", "c"} and {"a", "bc"} differ.
std::string stable_token(const std::vector<std::string>& parts);

}  // namespace fuselabel::nuscenes
