#include "io/nuscenes/nuscenes_tables.h"

#include <cstdint>
#include <stdexcept>
#include <utility>

#include "io/common/drive_path.h"
#include "io/common/input_limits.h"
#include "io/common/text_tokens.h"
#include "io/nuscenes/nuscenes_conversions.h"
#include "io/nuscenes/nuscenes_json.h"
#include "model/input_error.h"

namespace fuselabel::nuscenes {
namespace {

// Runs a conversion of field `field`; its std::invalid_argument becomes the record's InputError.
template <typename Convert>
auto converted(JsonRecord& record, const char* field, Convert convert) {
  try {
    return convert();
  } catch (const std::invalid_argument& e) {
    record.fail(field, e.what());
  }
}

Vec3<double> translation_of(JsonRecord& record) {
  return converted(record, "translation", [&] { return position_vector3(record.numbers("translation")); });
}

Quat<double> rotation_of(JsonRecord& record) {
  return converted(record, "rotation", [&] { return unit_quaternion(record.numbers("rotation")); });
}

// A token seen before in the table: names both records. The first is found by reading the
// table again, which only this error pays for.
[[noreturn]] void refuse_duplicate_token(const JsonRecord& second) {
  for_each_record(second.file(), [&](JsonRecord& first) {
    if (first.token() == second.token())
      throw InputError(second.file(), second.where("token") + ", " + second.token_position(),
                       "duplicate token: record " + std::to_string(first.index()) + " at " + first.token_position() +
                           " has the same token");
  });
  second.fail("token", "duplicate token");  // the table changed while it was read
}

template <typename Record>
void insert_unique(TokenMap<Record>& rows, JsonRecord& record, Record row) {
  std::string token = row.token;
  if (!rows.emplace(std::move(token), std::move(row)).second) refuse_duplicate_token(record);
}

template <typename Record, typename Read>
TokenMap<Record> read_rows(TableReader& reader, const std::filesystem::path& file, Read read) {
  TokenMap<Record> rows;
  reader.for_each_record(file, [&](JsonRecord& record) { insert_unique(rows, record, read(record)); });
  return rows;
}

// True when the row's sample_token belongs to the selected scene; throws for a dangling token.
bool in_scene(JsonRecord& record, const SceneRows& scene) {
  const std::string sample_token = record.text("sample_token");
  const auto sample = scene.samples.find(sample_token);
  if (sample == scene.samples.end())
    record.fail("sample_token", "dangling token " + sample_token + ": no such sample in " + scene.sample_file.string());
  return sample->second.scene_token == scene.scene_token;
}

}  // namespace

std::vector<Scene> read_scene_table(TableReader& reader, const std::filesystem::path& file) {
  std::vector<Scene> scenes;
  std::unordered_set<std::string> tokens;
  reader.for_each_record(file, [&](JsonRecord& r) {
    if (!tokens.insert(r.token()).second) refuse_duplicate_token(r);
    scenes.push_back({r.token(), r.text("name"), r.text("log_token"), r.text("first_sample_token"),
                      r.text("last_sample_token"), r.integer("nbr_samples")});
  });
  return scenes;
}

TokenMap<Log> read_log_table(TableReader& reader, const std::filesystem::path& file) {
  return read_rows<Log>(reader, file, [](JsonRecord& r) {
    return Log{r.token(), r.text("logfile"), r.text("location")};
  });
}

TokenMap<Sample> read_sample_table(TableReader& reader, const std::filesystem::path& file) {
  return read_rows<Sample>(reader, file, [](JsonRecord& r) {
    return Sample{r.token(), r.text("scene_token"), r.text("prev"), r.text("next"), r.integer("timestamp")};
  });
}

TokenMap<Sensor> read_sensor_table(TableReader& reader, const std::filesystem::path& file) {
  return read_rows<Sensor>(reader, file, [](JsonRecord& r) {
    Sensor sensor{r.token(), r.text("channel"), r.text("modality")};
    if (sensor.modality != "camera" && sensor.modality != "lidar" && sensor.modality != "radar")
      r.fail("modality", "expected camera, lidar or radar, found '" + sensor.modality + "'");
    return sensor;
  });
}

TokenMap<CalibratedSensor> read_calibrated_sensor_table(TableReader& reader, const std::filesystem::path& file) {
  return read_rows<CalibratedSensor>(reader, file, [](JsonRecord& r) {
    CalibratedSensor row;
    row.token = r.token();
    row.sensor_token = r.text("sensor_token");
    row.T_ego_sensor = {rotation_of(r).to_matrix(), translation_of(r)};
    row.camera_intrinsic = r.number_rows("camera_intrinsic");
    return row;
  });
}

TokenMap<Instance> read_instance_table(TableReader& reader, const std::filesystem::path& file) {
  return read_rows<Instance>(reader, file, [](JsonRecord& r) { return Instance{r.token(), r.text("category_token")}; });
}

TokenMap<Category> read_category_table(TableReader& reader, const std::filesystem::path& file) {
  return read_rows<Category>(reader, file, [](JsonRecord& r) { return Category{r.token(), r.text("name")}; });
}

TokenMap<Attribute> read_attribute_table(TableReader& reader, const std::filesystem::path& file) {
  return read_rows<Attribute>(reader, file, [](JsonRecord& r) { return Attribute{r.token(), r.text("name")}; });
}

TokenMap<Visibility> read_visibility_table(TableReader& reader, const std::filesystem::path& file) {
  return read_rows<Visibility>(reader, file, [](JsonRecord& r) { return Visibility{r.token(), r.text("level")}; });
}

// An image side as int, refused rather than narrowed when the table holds more than int can
// (the image limits are checked where the camera is made, nuscenes_channels.cpp).
static int pixel_count(JsonRecord& r, const char* field) {
  const int64_t value = r.integer(field);
  if (value < 0 || value > INT32_MAX)
    r.fail(field, "must be a pixel count in [0, 2^31 - 1], got " + std::to_string(value));
  return static_cast<int>(value);
}

TokenMap<SampleData> read_sample_data_of_scene(TableReader& reader, const std::filesystem::path& file,
                                               const SceneRows& scene) {
  TokenMap<SampleData> rows;
  reader.for_each_record(file, [&](JsonRecord& r) {
    if (!in_scene(r, scene)) return;
    SampleData row;
    row.token = r.token();
    row.sample_token = r.text("sample_token");
    row.ego_pose_token = r.text("ego_pose_token");
    row.calibrated_sensor_token = r.text("calibrated_sensor_token");
    row.prev = r.text("prev");
    row.next = r.text("next");
    row.filename = r.text("filename");
    row.timestamp_us = r.integer("timestamp");
    row.width = pixel_count(r, "width");
    row.height = pixel_count(r, "height");
    row.is_key_frame = r.boolean("is_key_frame");
    const std::string path_problem = drive_path_problem(row.filename);
    if (!path_problem.empty()) r.fail("filename", path_problem + ": " + quote_token(row.filename));
    insert_unique(rows, r, std::move(row));
  });
  return rows;
}

std::vector<SampleAnnotation> read_sample_annotations_of_scene(TableReader& reader, const std::filesystem::path& file,
                                                               const SceneRows& scene) {
  std::vector<SampleAnnotation> rows;
  std::unordered_set<std::string> tokens;
  reader.for_each_record(file, [&](JsonRecord& r) {
    if (!in_scene(r, scene)) return;
    SampleAnnotation row;
    row.token = r.token();
    row.sample_token = r.text("sample_token");
    row.instance_token = r.text("instance_token");
    row.visibility_token = r.text("visibility_token");
    row.attribute_tokens = r.texts("attribute_tokens");
    row.box.center = translation_of(r);
    row.box.size = converted(r, "size", [&] { return size_wlh_to_lwh(r.numbers("size")); });
    row.box.rotation = rotation_of(r);
    row.num_lidar_pts = r.integer("num_lidar_pts");
    row.num_radar_pts = r.integer("num_radar_pts");
    if (!tokens.insert(row.token).second) refuse_duplicate_token(r);
    check_label_count(int64_t(rows.size()) + 1, file, r.where(nullptr));
    rows.push_back(std::move(row));
  });
  return rows;
}

TokenMap<EgoPose> read_ego_pose_rows(TableReader& reader, const std::filesystem::path& file,
                                     const std::unordered_set<std::string>& wanted) {
  TokenMap<EgoPose> rows;
  reader.for_each_record(file, [&](JsonRecord& r) {
    if (!wanted.count(r.token())) return;
    const Quat<double> rotation = rotation_of(r);
    insert_unique(rows, r,
                  EgoPose{r.token(), r.integer("timestamp"), Transform3d{rotation.to_matrix(), translation_of(r)}});
  });
  return rows;
}

}  // namespace fuselabel::nuscenes
