#pragma once
// Identifiers derived from what they stand for, so the same input gives the same ids on every
// run and platform: 32 lowercase hex digits (a 128-bit FNV-1a hash of the parts), the shape of
// nuScenes' own tokens (uuid4 hex). Used for the rows fuselabel adds to nuScenes tables and for
// the ids of check flags, which reviewers' waivers refer to.
#include <string>
#include <vector>

namespace fuselabel {

// The token of what `parts` identify (e.g. {"sample_annotation", scene token, label id}); parts
// are separated so that {"ab", "c"} and {"a", "bc"} differ.
std::string stable_token(const std::vector<std::string>& parts);

}  // namespace fuselabel
