// resolve_annotations: the scene's sample_annotation rows become world-frame cuboids with the
// class of their instance's category and their attributes by name.
#include <map>

#include "model/input_error.h"
#include "io/nuscenes/nuscenes_conversions.h"
#include "io/nuscenes/nuscenes_scene.h"
#include "io/nuscenes/nuscenes_tables.h"

namespace fuselabel::nuscenes {

void resolve_annotations(TableReader& reader, SceneData& scene, const std::filesystem::path& version_dir,
                         const TokenMap<Sample>& all_samples) {
  const std::filesystem::path annotation_file = table_file(version_dir, "sample_annotation");
  const std::filesystem::path instance_file = table_file(version_dir, "instance");
  const std::filesystem::path category_file = table_file(version_dir, "category");
  const std::filesystem::path attribute_file = table_file(version_dir, "attribute");
  const std::filesystem::path visibility_file = table_file(version_dir, "visibility");
  const std::filesystem::path sample_file = table_file(version_dir, "sample");
  const std::vector<SampleAnnotation> rows =
      read_sample_annotations_of_scene(reader, annotation_file, SceneRows{all_samples, sample_file, scene.token});
  const TokenMap<Instance> instances = read_instance_table(reader, instance_file);
  const TokenMap<Category> categories = read_category_table(reader, category_file);
  const TokenMap<Attribute> attributes = read_attribute_table(reader, attribute_file);
  const TokenMap<Visibility> visibilities = read_visibility_table(reader, visibility_file);

  std::map<std::string, size_t> sample_index;
  for (size_t i = 0; i < scene.samples.size(); ++i) sample_index[scene.samples[i].token] = i;
  for (const SampleAnnotation& row : rows) {
    const auto index = sample_index.find(row.sample_token);
    if (index == sample_index.end())
      throw InputError(annotation_file, row_field(row.token, "sample_token"),
                       "sample " + row.sample_token + " belongs to scene " + scene.name +
                           " but is not on its first_sample_token -> next chain");
    const Instance& instance =
        resolve_token(instances, row.instance_token, annotation_file, row.token, "instance_token", instance_file);
    const Category& category = resolve_token(categories, instance.category_token, instance_file, instance.token,
                                             "category_token", category_file);

    Annotation annotation{row.token, row.instance_token, category.name, row.box, {}};
    auto add = [&](const std::string& key, const std::string& value, const char* field) {
      if (!annotation.attributes.emplace(key, value).second)
        throw InputError(annotation_file, row_field(row.token, field),
                         "two values for attribute '" + key + "': " + annotation.attributes[key] + " and " + value);
    };
    for (const std::string& token : row.attribute_tokens) {
      const Attribute& attribute =
          resolve_token(attributes, token, annotation_file, row.token, "attribute_tokens", attribute_file);
      const auto [key, value] = attribute_entry(attribute.name);
      add(key, value, "attribute_tokens");
    }
    if (!row.visibility_token.empty())  // nuScenes leaves it empty where visibility was not annotated
      add("visibility",
          resolve_token(visibilities, row.visibility_token, annotation_file, row.token, "visibility_token",
                        visibility_file)
              .level,
          "visibility_token");
    add("num_lidar_pts", std::to_string(row.num_lidar_pts), "num_lidar_pts");
    add("num_radar_pts", std::to_string(row.num_radar_pts), "num_radar_pts");
    scene.samples[index->second].annotations.push_back(std::move(annotation));
  }
}

}  // namespace fuselabel::nuscenes
