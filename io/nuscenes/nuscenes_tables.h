#pragma once
// Readers of the nuScenes JSON tables, one per table, all through one TableReader. Small tables are read whole. The
// three large ones (sample_data, sample_annotation, ego_pose: millions of rows in trainval) are parsed once and only
// the rows of the selected scene are kept: a row of another scene costs the parse and one token lookup. Every row kept
// is validated (types, unit quaternions, positive sizes, unique tokens) and errors name the table file, the row and the
// field.
#include <filesystem>
#include <unordered_set>
#include <vector>

#include "io/nuscenes/nuscenes_json.h"
#include "io/nuscenes/nuscenes_records.h"

namespace fuselabel::nuscenes {

// The JSON file of `table` (e.g. "sample") in a version folder such as DATAROOT/v1.0-mini.
inline std::filesystem::path table_file(const std::filesystem::path& version_dir, const char* table) {
  return version_dir / (std::string(table) + ".json");
}

std::vector<Scene> read_scene_table(TableReader& reader, const std::filesystem::path& file);
TokenMap<Log> read_log_table(TableReader& reader, const std::filesystem::path& file);
TokenMap<Sample> read_sample_table(TableReader& reader, const std::filesystem::path& file);
TokenMap<Sensor> read_sensor_table(TableReader& reader, const std::filesystem::path& file);
TokenMap<CalibratedSensor> read_calibrated_sensor_table(TableReader& reader, const std::filesystem::path& file);
TokenMap<Instance> read_instance_table(TableReader& reader, const std::filesystem::path& file);
TokenMap<Category> read_category_table(TableReader& reader, const std::filesystem::path& file);
TokenMap<Attribute> read_attribute_table(TableReader& reader, const std::filesystem::path& file);
TokenMap<Visibility> read_visibility_table(TableReader& reader, const std::filesystem::path& file);

// Which rows of a large table to keep: those whose sample_token names a sample of `scene_token`.
// A sample_token naming no row of `samples` at all is a dangling token, reported for every row.
struct SceneRows {
  const TokenMap<Sample>& samples;  // the whole sample table
  const std::filesystem::path& sample_file;
  const std::string& scene_token;
};

TokenMap<SampleData> read_sample_data_of_scene(TableReader& reader, const std::filesystem::path& file,
                                               const SceneRows& scene);
std::vector<SampleAnnotation> read_sample_annotations_of_scene(TableReader& reader, const std::filesystem::path& file,
                                                               const SceneRows& scene);
// The rows whose token is in `wanted` (the ego poses of the scene's sample_data).
TokenMap<EgoPose> read_ego_pose_rows(TableReader& reader, const std::filesystem::path& file,
                                     const std::unordered_set<std::string>& wanted);

}  // namespace fuselabel::nuscenes
