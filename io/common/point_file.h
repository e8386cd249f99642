#pragma once
// Flat binary point files: little-endian float32 records of a fixed number of fields
// (KITTI velodyne .bin: x y z intensity; nuScenes .pcd.bin: x y z intensity ring).
#include <filesystem>
#include <string>
#include <vector>

namespace fuselabel {

// Reads `path` as records of fields.size() float32 values. Throws InputError naming the file
// when it holds more records than the points-per-sweep limit (checked from its size, before it is
// read), when its size is not a whole number of records ("truncated"), and naming the record and
// field of the first NaN or infinite value.
std::vector<float> read_float_records(const std::filesystem::path& path, const std::vector<std::string>& fields);

// Writes records atomically (see atomic_file.h). records.size() must be a multiple of fields.
void write_float_records(const std::filesystem::path& path, const std::vector<float>& records, size_t fields);

}  // namespace fuselabel
