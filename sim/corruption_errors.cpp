// injected_errors.json: written with nlohmann (documented key order, records in
// injected_error_less order, so a file is deterministic) and read back strictly with JsonField.
#include "sim/corruption_errors.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <tuple>

#include "io/common/atomic_file.h"
#include "io/common/json_field.h"

namespace fuselabel {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr const char* kFormat = "fuselabel-injected-errors";
constexpr int64_t kVersion = 1;

// Every parameter reads back as exactly the double written. Integral values (frames, offsets,
// counts) are written as JSON integers, "frames": 3, which is what a reader in any language
// expects of a count; the rest (and -0, to keep its sign) in nlohmann's shortest round-trip form.
OrderedJson json_number(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("injected error parameter is not finite");
  constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53
  const bool integral = value == std::trunc(value) && std::fabs(value) <= kLargestExactInteger;
  if (integral && !(value == 0 && std::signbit(value))) return static_cast<int64_t>(value);
  return value;
}

OrderedJson error_json(const InjectedError& e) {
  OrderedJson parameters = OrderedJson::object(), text_parameters = OrderedJson::object();
  for (const auto& [name, value] : e.parameters) parameters[name] = json_number(value);
  for (const auto& [name, value] : e.text_parameters) text_parameters[name] = value;
  return {{"type", corruption_type_name(e.type)},
          {"track", e.track},
          {"second_track", e.second_track},
          {"frame", e.frame},
          {"timestamp_us", e.timestamp_us},
          {"sensor", e.sensor},
          {"parameters", parameters},
          {"text_parameters", text_parameters}};
}

bool is_2d_error(CorruptionType type) {
  return type == CorruptionType::Missing2D || type == CorruptionType::Inconsistent2D;
}

InjectedError read_error(const JsonField& f) {
  f.expect_object(
      {"type", "track", "second_track", "frame", "timestamp_us", "sensor", "parameters", "text_parameters"});
  InjectedError e;
  const JsonField type = f.required("type");
  const std::string type_name = type.string();
  const auto parsed = corruption_type_from_name(type_name);
  if (!parsed) type.fail("unknown error type '" + type_name + "'");
  e.type = *parsed;
  const JsonField track = f.required("track"), second_track = f.required("second_track"), sensor = f.required("sensor");
  e.track = track.string();
  e.second_track = second_track.string();
  e.sensor = sensor.string();
  e.frame = f.required("frame").integer_at_least(0);
  e.timestamp_us = f.required("timestamp_us").integer();

  const bool sensor_error = is_sensor_error(e.type);
  if (e.track.empty() != sensor_error)
    track.fail(sensor_error ? "must be empty for a sensor error" : "missing track id");
  const bool switch_error = e.type == CorruptionType::IdSwitch;
  if (e.second_track.empty() == switch_error || (switch_error && e.second_track == e.track))
    second_track.fail(switch_error ? "an ID switch names a second, different track" : "only ID switches have one");
  if (e.sensor.empty() != !(sensor_error || is_2d_error(e.type)))
    sensor.fail(e.sensor.empty() ? "missing camera name" : "must be empty for a 3D error");

  const JsonField parameters = f.required("parameters");
  for (const std::string& name : parameters.keys()) e.parameters[name] = parameters.at(name).number();
  const JsonField text_parameters = f.required("text_parameters");
  for (const std::string& name : text_parameters.keys()) e.text_parameters[name] = text_parameters.at(name).string();
  return e;
}

}  // namespace

bool injected_error_less(const InjectedError& a, const InjectedError& b) {
  return std::tie(a.frame, a.timestamp_us, a.type, a.track, a.sensor, a.second_track) <
         std::tie(b.frame, b.timestamp_us, b.type, b.track, b.sensor, b.second_track);
}

std::string injected_errors_json(const std::vector<InjectedError>& errors) {
  std::vector<InjectedError> sorted = errors;
  std::stable_sort(sorted.begin(), sorted.end(), injected_error_less);
  OrderedJson doc = {{"format", kFormat}, {"version", kVersion}, {"errors", OrderedJson::array()}};
  for (const InjectedError& e : sorted) doc["errors"].push_back(error_json(e));
  return doc.dump(2) + "\n";
}

void write_injected_errors(const std::filesystem::path& file, const std::vector<InjectedError>& errors) {
  write_file_atomic(file, injected_errors_json(errors));
}

std::vector<InjectedError> read_injected_errors(const std::filesystem::path& file) {
  const nlohmann::json json = parse_json_file(file);
  const JsonField doc{file, json, ""};
  doc.expect_object({"format", "version", "errors"});
  const JsonField format = doc.required("format");
  if (format.string() != kFormat) format.fail(std::string("expected \"") + kFormat + "\"");
  const JsonField version = doc.required("version");
  if (version.integer() != kVersion)
    version.fail("unsupported version " + std::to_string(version.integer()) + " (this reader knows version 1)");
  std::vector<InjectedError> errors;
  for (const JsonField& f : doc.required("errors").items()) errors.push_back(read_error(f));
  return errors;
}

}  // namespace fuselabel
