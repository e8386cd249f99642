#pragma once
// Paths read from a drive's own files (native sensor indexes and drive.yaml, nuScenes
// sample_data filenames) name files inside the drive: relative to its root, and still inside it
// once "." and ".." are resolved. The check is lexical, so a symlink the user placed inside the
// drive is followed like any file, while "/etc/hostname" or "samples/../../etc/hostname" in a
// drive's table is bad input: a drive's files never make a reader open files elsewhere.
#include <string>
#include <string_view>

namespace fuselabel {

// The problem with `path` as a reference from a drive's file to a file of the drive ("empty",
// "absolute", "leaves the drive root", a control character), or "" when it is acceptable.
std::string drive_path_problem(std::string_view path);

}  // namespace fuselabel
