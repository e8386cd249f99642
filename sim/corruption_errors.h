#pragma once
// The record of one injected error and its file, injected_errors.json (schema in
// docs/corruption.md): the answer key the consistency checks are scored against.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sim/corruption_profile.h"

namespace fuselabel {

struct InjectedError {
  CorruptionType type = CorruptionType::BoxShift;
  std::string track;         // the true track id (before any ID switch); empty for sensor errors
  std::string second_track;  // IdSwitch: the other track; empty otherwise
  // LiDAR frame of the error: the box's frame; the first frame of a class-flip run, an ID
  // switch or an extrinsic drift; for 2D boxes the LiDAR frame nearest the camera timestamp;
  // 0 for a time offset (it holds for the whole drive).
  int64_t frame = 0;
  // The 2D box's camera timestamp for 2D errors, else the timestamp of LiDAR frame `frame`.
  int64_t timestamp_us = 0;
  std::string sensor;                                  // camera for 2D and sensor errors; empty for 3D errors
  std::map<std::string, double> parameters;            // drawn values, e.g. distance_m
  std::map<std::string, std::string> text_parameters;  // ClassFlip: "from", "to"
};

// Document order: frame, timestamp, type, track, sensor. Both writers and readers keep it, so
// files are deterministic.
bool injected_error_less(const InjectedError& a, const InjectedError& b);

std::string injected_errors_json(const std::vector<InjectedError>& errors);
// Atomic (write_file_atomic); the errors are written in injected_error_less order.
void write_injected_errors(const std::filesystem::path& file, const std::vector<InjectedError>& errors);
// Validates every field (InputError naming the file and e.g. "errors[3].frame").
std::vector<InjectedError> read_injected_errors(const std::filesystem::path& file);

}  // namespace fuselabel
