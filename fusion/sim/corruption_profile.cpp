#include "fusion/sim/corruption_profile.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <limits>

#include "fusion/sim/corruption_yaml.h"

namespace fuselabel {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The keys every error type takes besides its parameters.
std::vector<std::string> with_amount(std::vector<std::string> keys) {
  keys.insert(keys.begin(), {"count", "rate"});
  return keys;
}

ErrorAmount read_amount(const StrictYaml& yaml, const YAML::Node& node, const std::string& key) {
  const YAML::Node count = node["count"], rate = node["rate"];
  if (count && rate) yaml.fail(node, key, "give either count or rate, not both");
  if (!count && !rate) yaml.fail(node, key, "needs count (errors) or rate (per eligible item)");
  ErrorAmount amount;
  if (count) amount.count = yaml.integer(count, key + ".count", 0, std::numeric_limits<int64_t>::max());
  if (rate) amount.rate = yaml.number(rate, key + ".rate", 0.0, 1.0);
  return amount;
}

void read_label_error(const StrictYaml& yaml, const YAML::Node& node, const std::string& type,
                      CorruptionProfile& profile) {
  const std::string key = "label_errors." + type;
  const auto range_or = [&](const char* name, ValueRange fallback, double lo, double hi) {
    return node[name] ? yaml.range(node[name], key + "." + name, lo, hi) : fallback;
  };
  yaml.expect_map(node, key);
  if (type == "box_shift") {
    yaml.check_keys(node, key, with_amount({"distance_m"}));
    profile.box_shift = {read_amount(yaml, node, key), range_or("distance_m", profile.box_shift.distance_m, 0, kInf)};
  } else if (type == "yaw_flip") {
    yaml.check_keys(node, key, with_amount({}));
    profile.yaw_flip.amount = read_amount(yaml, node, key);
  } else if (type == "size_change") {
    yaml.check_keys(node, key, with_amount({"factor"}));
    profile.size_change = {read_amount(yaml, node, key), range_or("factor", profile.size_change.factor, 1, kInf)};
  } else if (type == "class_flip") {
    yaml.check_keys(node, key, with_amount({"classes", "run_frames"}));
    ClassFlipSpec& spec = profile.class_flip;
    spec.amount = read_amount(yaml, node, key);
    if (node["classes"]) spec.classes = yaml.strings(node["classes"], key + ".classes");
    if (node["run_frames"]) spec.run_frames = yaml.int_range(node["run_frames"], key + ".run_frames", 1, 1000000);
    if (spec.classes.empty() && (spec.amount.count > 0 || spec.amount.rate.value_or(0) > 0))
      yaml.fail(node, key + ".classes", "required: the classes a flipped run may take");
  } else if (type == "id_switch") {
    yaml.check_keys(node, key, with_amount({"max_distance_m"}));
    profile.id_switch.amount = read_amount(yaml, node, key);
    if (node["max_distance_m"])
      profile.id_switch.max_distance_m = yaml.number(node["max_distance_m"], key + ".max_distance_m", 0, kInf);
  } else if (type == "missing_2d") {
    yaml.check_keys(node, key, with_amount({}));
    profile.missing_2d.amount = read_amount(yaml, node, key);
  } else if (type == "inconsistent_2d") {
    yaml.check_keys(node, key, with_amount({"max_iou", "scale"}));
    Inconsistent2DSpec& spec = profile.inconsistent_2d;
    spec.amount = read_amount(yaml, node, key);
    if (node["max_iou"]) spec.max_iou = yaml.number(node["max_iou"], key + ".max_iou", 1e-6, 1.0);
    spec.scale = range_or("scale", spec.scale, 0.05, 20);
  } else if (type == "missing_3d") {
    yaml.check_keys(node, key, with_amount({}));
    profile.missing_3d.amount = read_amount(yaml, node, key);
  }
}

void read_sensor_error(const StrictYaml& yaml, const YAML::Node& node, const std::string& type,
                       CorruptionProfile& profile) {
  const std::string key = "sensor_errors." + type;
  yaml.expect_map(node, key);
  if (type == "camera_time_offset") {
    yaml.check_keys(node, key, with_amount({"offset_us"}));
    CameraTimeOffsetSpec& spec = profile.camera_time_offset;
    spec.amount = read_amount(yaml, node, key);
    // One hour either way is far beyond any sync error and keeps every sum of stamps in range.
    if (node["offset_us"])
      spec.offset_us = yaml.int_range(node["offset_us"], key + ".offset_us", -3600000000LL, 3600000000LL);
  } else if (type == "camera_extrinsic") {
    yaml.check_keys(node, key, with_amount({"rotation_deg", "translation_m"}));
    CameraExtrinsicSpec& spec = profile.camera_extrinsic;
    spec.amount = read_amount(yaml, node, key);
    if (node["rotation_deg"]) spec.rotation_deg = yaml.range(node["rotation_deg"], key + ".rotation_deg", 0, 180);
    if (node["translation_m"]) spec.translation_m = yaml.range(node["translation_m"], key + ".translation_m", 0, kInf);
  }
}

// Reads one group (label_errors or sensor_errors): a map from type names to their settings.
template <typename ReadOne>
void read_group(const StrictYaml& yaml, const YAML::Node& root, const std::string& group, bool sensor_group,
                CorruptionProfile& profile, ReadOne read_one) {
  const YAML::Node node = root[group];
  if (!node || node.IsNull()) return;
  yaml.expect_map(node, group);
  for (const auto& entry : node) {
    const std::string type = entry.first.Scalar();
    const auto parsed = corruption_type_from_name(type);
    if (!parsed || is_sensor_error(*parsed) != sensor_group)
      yaml.fail(entry.first, group + "." + type, "unknown " + group + " type");
    read_one(yaml, entry.second, type, profile);
  }
}

}  // namespace

int64_t ErrorAmount::planned(int64_t eligible) const {
  if (!rate) return count;
  return static_cast<int64_t>(std::floor(*rate * static_cast<double>(eligible) + 0.5));
}

CorruptionProfile read_corruption_profile(const std::filesystem::path& file) {
  const StrictYaml yaml(file);
  const YAML::Node root = yaml.load();
  yaml.expect_map(root, "");
  yaml.check_keys(root, "", {"seed", "label_errors", "sensor_errors"});
  CorruptionProfile profile;
  if (root["seed"]) profile.seed = yaml.unsigned_integer(root["seed"], "seed");
  read_group(yaml, root, "label_errors", false, profile, read_label_error);
  read_group(yaml, root, "sensor_errors", true, profile, read_sensor_error);
  return profile;
}

}  // namespace fuselabel
