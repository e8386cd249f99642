#include "sim/corruption_profile.h"

#include <cmath>
#include <limits>
#include <tuple>

#include "io/common/yaml_field.h"

namespace fuselabel {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Every type takes count or rate besides its parameters.
ErrorAmount read_amount(const YamlField& settings) {
  const std::optional<YamlField> count = settings.optional("count"), rate = settings.optional("rate");
  if (count && rate) settings.fail("give either count or rate, not both");
  if (!count && !rate) settings.fail("needs count (errors) or rate (per eligible item)");
  ErrorAmount amount;
  if (count) amount.count = count->as_int(0, std::numeric_limits<int64_t>::max());
  if (rate) amount.rate = rate->as_double(0.0, 1.0);
  return amount;
}

// Optional parameters keep their defaults when absent.
void get(const YamlField& settings, const char* key, double lo, double hi, ValueRange& out) {
  if (const std::optional<YamlField> f = settings.optional(key)) std::tie(out.min, out.max) = f->as_range(lo, hi);
}

void get(const YamlField& settings, const char* key, int64_t lo, int64_t hi, IntRange& out) {
  if (const std::optional<YamlField> f = settings.optional(key)) std::tie(out.min, out.max) = f->as_int_range(lo, hi);
}

void get(const YamlField& settings, const char* key, double lo, double hi, double& out) {
  if (const std::optional<YamlField> f = settings.optional(key)) out = f->as_double(lo, hi);
}

void read_class_flip(const YamlField& settings, ClassFlipSpec& spec) {
  settings.expect_keys({"count", "rate", "classes", "run_frames"});
  spec.amount = read_amount(settings);
  const bool flips = spec.amount.count > 0 || spec.amount.rate.value_or(0) > 0;
  // The wrong class is drawn from `classes`, so a profile that flips any run must list some.
  if (const std::optional<YamlField> classes = flips ? settings.required("classes") : settings.optional("classes")) {
    spec.classes = classes->as_strings();
    if (spec.classes.empty() && flips) classes->fail("needs at least one class for a flipped run to take");
  }
  get(settings, "run_frames", 1, 1000000, spec.run_frames);
}

void read_label_error(const YamlField& settings, const std::string& type, CorruptionProfile& profile) {
  if (type == "box_shift") {
    settings.expect_keys({"count", "rate", "distance_m"});
    profile.box_shift.amount = read_amount(settings);
    get(settings, "distance_m", 0, kInf, profile.box_shift.distance_m);
  } else if (type == "box_lift") {
    settings.expect_keys({"count", "rate", "distance_m"});
    profile.box_lift.amount = read_amount(settings);
    get(settings, "distance_m", 0, kInf, profile.box_lift.distance_m);
  } else if (type == "yaw_flip") {
    settings.expect_keys({"count", "rate"});
    profile.yaw_flip.amount = read_amount(settings);
  } else if (type == "size_change") {
    settings.expect_keys({"count", "rate", "factor"});
    profile.size_change.amount = read_amount(settings);
    get(settings, "factor", 1, kInf, profile.size_change.factor);
  } else if (type == "class_flip") {
    read_class_flip(settings, profile.class_flip);
  } else if (type == "id_switch") {
    settings.expect_keys({"count", "rate", "max_distance_m"});
    profile.id_switch.amount = read_amount(settings);
    if (const std::optional<YamlField> f = settings.optional("max_distance_m"))
      profile.id_switch.max_distance_m = f->as_double(0, kInf);
  } else if (type == "missing_2d") {
    settings.expect_keys({"count", "rate"});
    profile.missing_2d.amount = read_amount(settings);
  } else if (type == "inconsistent_2d") {
    settings.expect_keys({"count", "rate", "max_iou", "scale"});
    Inconsistent2DSpec& spec = profile.inconsistent_2d;
    spec.amount = read_amount(settings);
    get(settings, "max_iou", 1e-6, 1.0, spec.max_iou);
    get(settings, "scale", 0.05, 20, spec.scale);
  } else if (type == "missing_3d") {
    settings.expect_keys({"count", "rate"});
    profile.missing_3d.amount = read_amount(settings);
  }
}

void read_extrinsic_drift(const YamlField& settings, ExtrinsicDriftSpec& spec) {
  settings.expect_keys({"count", "rate", "rotation_deg", "translation_m"});
  spec.amount = read_amount(settings);
  get(settings, "rotation_deg", 0, 180, spec.rotation_deg);
  get(settings, "translation_m", 0, kInf, spec.translation_m);
}

void read_sensor_error(const YamlField& settings, const std::string& type, CorruptionProfile& profile) {
  if (type == "camera_time_offset") {
    settings.expect_keys({"count", "rate", "offset_us"});
    profile.camera_time_offset.amount = read_amount(settings);
    // One hour either way is far beyond any sync error and keeps every sum of stamps in range.
    get(settings, "offset_us", -3600000000LL, 3600000000LL, profile.camera_time_offset.offset_us);
  } else if (type == "camera_extrinsic") {
    read_extrinsic_drift(settings, profile.camera_extrinsic);
  } else if (type == "radar_extrinsic") {
    read_extrinsic_drift(settings, profile.radar_extrinsic);
  }
}

// Reads one group (label_errors or sensor_errors): a map from type names to their settings.
template <typename ReadOne>
void read_group(const YamlField& root, const std::string& group, bool sensor_group, CorruptionProfile& profile,
                ReadOne read_one) {
  const std::optional<YamlField> types = root.optional(group);
  if (!types || types->is_null()) return;
  for (const std::string& type : types->keys()) {
    const YamlField settings = types->required(type);
    const auto parsed = corruption_type_from_name(type);
    if (!parsed || is_sensor_error(*parsed) != sensor_group) settings.fail("unknown " + group + " type");
    read_one(settings, type, profile);
  }
}

}  // namespace

int64_t ErrorAmount::planned(int64_t eligible) const {
  if (!rate) return count;
  return static_cast<int64_t>(std::floor(*rate * static_cast<double>(eligible) + 0.5));
}

bool asks_for_sensor_errors(const CorruptionProfile& profile) {
  for (const ErrorAmount* amount :
       {&profile.camera_time_offset.amount, &profile.camera_extrinsic.amount, &profile.radar_extrinsic.amount})
    if (amount->count > 0 || amount->rate.value_or(0) > 0) return true;
  return false;
}

CorruptionProfile read_corruption_profile(const std::filesystem::path& file) {
  const YamlField root = YamlField::load_file(file);
  root.expect_keys({"seed", "label_errors", "sensor_errors"});
  CorruptionProfile profile;
  if (const std::optional<YamlField> seed = root.optional("seed")) profile.seed = seed->as_uint();
  read_group(root, "label_errors", false, profile, read_label_error);
  read_group(root, "sensor_errors", true, profile, read_sensor_error);
  return profile;
}

}  // namespace fuselabel
