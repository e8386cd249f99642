// injected_errors.json. fusion does not link a JSON library, so the writer formats by hand
// (fixed key order, shortest round-trip numbers) and the reader parses with yaml-cpp (YAML 1.2
// reads JSON), using the scalar tags to keep JSON's distinction between strings and numbers.
#include "fusion/sim/corruption_errors.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <tuple>

#include "fusion/sim/corruption_yaml.h"
#include "io/atomic_file.h"
#include "io/input_error.h"

namespace fuselabel {
namespace {

constexpr const char* kFormat = "fuselabel-injected-errors";
constexpr int kVersion = 1;

void append_string(std::string& out, const std::string& text) {
  out += '"';
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

void append_number(std::string& out, double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("injected error parameter is not finite");
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, value);  // shortest round-trip form
  out.append(text, result.ptr);
}

template <typename Value, typename AppendValue>
void append_object(std::string& out, const std::map<std::string, Value>& values, AppendValue append_value) {
  out += '{';
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (it != values.begin()) out += ", ";
    append_string(out, it->first);
    out += ": ";
    append_value(out, it->second);
  }
  out += '}';
}

void append_error(std::string& out, const InjectedError& e) {
  out += "    {\"type\": ";
  append_string(out, corruption_type_name(e.type));
  out += ", \"track\": ";
  append_string(out, e.track);
  out += ", \"second_track\": ";
  append_string(out, e.second_track);
  out += ", \"frame\": " + std::to_string(e.frame);
  out += ", \"timestamp_us\": " + std::to_string(e.timestamp_us);
  out += ", \"sensor\": ";
  append_string(out, e.sensor);
  out += ",\n     \"parameters\": ";
  append_object(out, e.parameters, append_number);
  out += ", \"text_parameters\": ";
  append_object(out, e.text_parameters, append_string);
  out += '}';
}

bool is_2d_error(CorruptionType type) {
  return type == CorruptionType::Missing2D || type == CorruptionType::Inconsistent2D;
}

// JSON strings are quoted scalars (tag "!"); a bare 12 or true is not a string.
std::string json_string(const StrictYaml& yaml, const YAML::Node& node, const std::string& key) {
  if (!node.IsScalar() || node.Tag() != "!") yaml.fail(node, key, "expected a JSON string");
  return node.Scalar();
}

void expect_json_number(const StrictYaml& yaml, const YAML::Node& node, const std::string& key) {
  if (node.IsScalar() && node.Tag() == "!") yaml.fail(node, key, "expected a JSON number, not a string");
}

InjectedError read_error(const StrictYaml& yaml, const YAML::Node& node, const std::string& key) {
  yaml.expect_map(node, key);
  const std::vector<std::string> keys = {"type",         "track",  "second_track", "frame",
                                         "timestamp_us", "sensor", "parameters",   "text_parameters"};
  yaml.check_keys(node, key, keys);
  for (const std::string& name : keys) yaml.required(node, key, name);
  InjectedError e;
  const std::string type = json_string(yaml, node["type"], key + ".type");
  const auto parsed = corruption_type_from_name(type);
  if (!parsed) yaml.fail(node["type"], key + ".type", "unknown error type '" + type + "'");
  e.type = *parsed;
  e.track = json_string(yaml, node["track"], key + ".track");
  e.second_track = json_string(yaml, node["second_track"], key + ".second_track");
  e.sensor = json_string(yaml, node["sensor"], key + ".sensor");
  expect_json_number(yaml, node["frame"], key + ".frame");
  e.frame = yaml.integer(node["frame"], key + ".frame", 0, INT64_MAX);
  expect_json_number(yaml, node["timestamp_us"], key + ".timestamp_us");
  e.timestamp_us = yaml.integer(node["timestamp_us"], key + ".timestamp_us", INT64_MIN, INT64_MAX);

  const bool sensor_error = is_sensor_error(e.type);
  if (e.track.empty() != sensor_error)
    yaml.fail(node["track"], key + ".track", sensor_error ? "must be empty for a sensor error" : "missing track id");
  const bool switch_error = e.type == CorruptionType::IdSwitch;
  if (e.second_track.empty() == switch_error || (switch_error && e.second_track == e.track))
    yaml.fail(node["second_track"], key + ".second_track",
              switch_error ? "an ID switch names a second, different track" : "only ID switches have one");
  if (e.sensor.empty() != !(sensor_error || is_2d_error(e.type)))
    yaml.fail(node["sensor"], key + ".sensor",
              e.sensor.empty() ? "missing camera name" : "must be empty for a 3D error");

  yaml.expect_map(node["parameters"], key + ".parameters");
  for (const auto& entry : node["parameters"]) {
    const std::string name = key + ".parameters." + entry.first.Scalar();
    expect_json_number(yaml, entry.second, name);
    e.parameters[entry.first.Scalar()] = yaml.number(entry.second, name, -HUGE_VAL, HUGE_VAL);
  }
  yaml.expect_map(node["text_parameters"], key + ".text_parameters");
  for (const auto& entry : node["text_parameters"])
    e.text_parameters[entry.first.Scalar()] =
        json_string(yaml, entry.second, key + ".text_parameters." + entry.first.Scalar());
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
  std::string out = "{\n  \"format\": \"" + std::string(kFormat) + "\",\n  \"version\": " + std::to_string(kVersion) +
                    ",\n  \"errors\": [";
  for (size_t i = 0; i < sorted.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    append_error(out, sorted[i]);
  }
  out += sorted.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

void write_injected_errors(const std::filesystem::path& file, const std::vector<InjectedError>& errors) {
  write_file_atomic(file, injected_errors_json(errors));
}

std::vector<InjectedError> read_injected_errors(const std::filesystem::path& file) {
  const StrictYaml yaml(file);
  const YAML::Node root = yaml.load();
  yaml.expect_map(root, "");
  yaml.check_keys(root, "", {"format", "version", "errors"});
  if (json_string(yaml, yaml.required(root, "", "format"), "format") != kFormat)
    yaml.fail(root["format"], "format", std::string("expected \"") + kFormat + "\"");
  expect_json_number(yaml, yaml.required(root, "", "version"), "version");
  yaml.integer(root["version"], "version", kVersion, kVersion);
  const YAML::Node list = yaml.required(root, "", "errors");
  yaml.expect_sequence(list, "errors");
  std::vector<InjectedError> errors;
  for (size_t i = 0; i < list.size(); ++i)
    errors.push_back(read_error(yaml, list[i], "errors[" + std::to_string(i) + "]"));
  return errors;
}

}  // namespace fuselabel
