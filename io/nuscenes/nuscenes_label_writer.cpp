#include "io/nuscenes/nuscenes_label_writer.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/common/atomic_file.h"
#include "io/common/file_read.h"
#include "io/common/text_tokens.h"
#include "io/nuscenes/nuscenes_conversions.h"
#include "io/nuscenes/nuscenes_tables.h"
#include "model/input_error.h"

namespace fuselabel::nuscenes {
namespace {

using Json = nlohmann::ordered_json;

// The token of a row, "" for a row without one (kept verbatim like any other scene's row).
std::string token_of(const Json& row) {
  const auto it = row.find("token");
  return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Json read_table(const std::filesystem::path& file) {
  Json table;
  try {
    table = Json::parse(read_file_bytes(file));
  } catch (const Json::exception& e) {
    throw InputError(file, "", std::string("not valid JSON: ") + e.what());
  }
  if (!table.is_array()) throw InputError(file, "", "expected a JSON array of records");
  return table;
}

bool same(const Vec3<double>& a, const Vec3<double>& b) { return a.x == b.x && a.y == b.y && a.z == b.z; }
bool same(const Quat<double>& a, const Quat<double>& b) {
  return a.w == b.w && a.x == b.x && a.y == b.y && a.z == b.z;
}

// Writes the label's geometry into the row; a value equal to what the reader made of the row is
// left as it is, so an unchanged box keeps its digits.
void write_box(Json& row, const Cuboidd& box) {
  const auto numbers = [&](const char* field) { return row.at(field).get<std::vector<double>>(); };
  if (!same(position_vector3(numbers("translation")), box.center))
    row["translation"] = {box.center.x, box.center.y, box.center.z};
  if (!same(size_wlh_to_lwh(numbers("size")), box.size)) row["size"] = {box.size.y, box.size.x, box.size.z};
  if (!same(unit_quaternion(numbers("rotation")), box.rotation))
    row["rotation"] = {box.rotation.w, box.rotation.x, box.rotation.y, box.rotation.z};
}

// num_lidar_pts and num_radar_pts from the label's attributes of those names (the reader sets
// them to the row's, export recomputes them from the points); a label without them keeps the row's.
void write_counts(Json& row, const CuboidLabel& label) {
  for (const char* key : {"num_lidar_pts", "num_radar_pts"}) {
    const auto value = label.attributes.find(key);
    if (value == label.attributes.end()) continue;
    const std::optional<int64_t> count = parse_integer<int64_t>(value->second);
    if (!count || *count < 0)
      throw std::invalid_argument("label " + label.id + ": attribute " + key + " '" + value->second +
                                  "' is not a point count");
    row[key] = *count;
  }
}

// One annotation of an instance in the written table.
struct Link {
  int64_t timestamp_us;
  size_t row;  // index into the written sample_annotation array
};

// What the labels may name: the scene's annotation rows, instances (with their class) and samples.
class SceneIndex {
 public:
  SceneIndex(const SceneData& scene, const TokenMap<Category>& categories, const Json& instance_table)
      : scene_(scene) {
    for (size_t k = 0; k < scene.samples.size(); ++k) {
      sample_of_frame_[int64_t(scene.samples[k].keyframes.at(scene.lidar_channel))] = k;
      for (const Annotation& a : scene.samples[k].annotations) {
        annotations_.insert(a.token);
        instance_class_[a.instance_token];
      }
    }
    for (const Json& row : instance_table) {
      const auto it = instance_class_.find(token_of(row));
      if (it == instance_class_.end()) continue;
      const auto category = categories.find(row.value("category_token", std::string()));
      if (category != categories.end()) it->second = category->second.name;
    }
  }

  const std::map<std::string, std::string>& instances() const { return instance_class_; }
  bool has_annotation(const std::string& token) const { return annotations_.count(token) > 0; }

  // The sample of the label, after checking that nuScenes can express it.
  const SceneSample& check(const CuboidLabel& label, const std::string& class_name) const {
    const auto instance = instance_class_.find(label.track_id);
    if (instance == instance_class_.end())
      throw std::invalid_argument("label " + label.id + ": track '" + label.track_id + "' is no instance of scene " +
                                  scene_.name + " (nuScenes cannot add instances)");
    if (class_name != instance->second)
      throw std::invalid_argument("label " + label.id + ": class '" + class_name + "' differs from the category '" +
                                  instance->second + "' of its instance " + label.track_id +
                                  " (nuScenes keeps the class on the instance, not on an annotation)");
    const auto sample = sample_of_frame_.find(label.frame);
    if (sample == sample_of_frame_.end())
      throw std::invalid_argument("label " + label.id + ": frame " + std::to_string(label.frame) +
                                  " is no sample (nuScenes annotates keyframes only)");
    return scene_.samples[sample->second];
  }

 private:
  const SceneData& scene_;
  std::set<std::string> annotations_;
  std::map<std::string, std::string> instance_class_;  // instance token -> category name
  std::map<int64_t, size_t> sample_of_frame_;           // LiDAR frame index -> sample
};

std::map<std::string, const CuboidLabel*> labels_by_id(const LabelSet& labels, const SceneIndex& index) {
  if (labels.frame != LabelFrame::World)
    throw std::invalid_argument(std::string("nuScenes labels are in the world frame, not the ") +
                                label_frame_name(labels.frame) + " frame");
  std::map<std::string, const CuboidLabel*> out;
  for (const CuboidLabel& label : labels.boxes) {
    if (!index.has_annotation(label.id))
      throw std::invalid_argument("label '" + label.id +
                                  "' is no sample_annotation row of the scene (nuScenes cannot add annotations)");
    if (!out.emplace(label.id, &label).second) throw std::invalid_argument("two labels have the id " + label.id);
  }
  return out;
}

// prev/next along each instance's annotations in time order; the instance rows' counts and ends.
void relink(std::map<std::string, std::vector<Link>>& chains, Json& annotations, Json& instances) {
  for (auto& [instance, links] : chains) {
    std::sort(links.begin(), links.end(), [](const Link& a, const Link& b) {
      return a.timestamp_us != b.timestamp_us ? a.timestamp_us < b.timestamp_us : a.row < b.row;
    });
    for (size_t i = 0; i < links.size(); ++i) {
      Json& row = annotations[links[i].row];
      if (i > 0 && links[i - 1].timestamp_us == links[i].timestamp_us)
        throw std::invalid_argument("labels " + token_of(annotations[links[i - 1].row]) + " and " + token_of(row) +
                                    " are both of instance " + instance + " in one sample");
      row["prev"] = i > 0 ? token_of(annotations[links[i - 1].row]) : std::string();
      row["next"] = i + 1 < links.size() ? token_of(annotations[links[i + 1].row]) : std::string();
    }
  }
  for (Json& row : instances) {
    const auto chain = chains.find(token_of(row));
    if (chain == chains.end()) continue;
    const std::vector<Link>& links = chain->second;
    row["nbr_annotations"] = links.size();
    row["first_annotation_token"] = links.empty() ? std::string() : token_of(annotations[links.front().row]);
    row["last_annotation_token"] = links.empty() ? std::string() : token_of(annotations[links.back().row]);
  }
}

}  // namespace

void apply_labels(const SceneData& scene, const TokenMap<Category>& categories, const LabelSet& labels,
                  AnnotationTables& tables) {
  const SceneIndex index(scene, categories, tables.instance);
  const std::map<std::string, const CuboidLabel*> by_id = labels_by_id(labels, index);
  std::map<std::string, std::vector<Link>> chains;
  for (const auto& entry : index.instances()) chains[entry.first];
  Json written = Json::array();
  for (Json& row : tables.sample_annotation) {
    const std::string token = token_of(row);
    if (!index.has_annotation(token)) {
      written.push_back(std::move(row));  // another scene's row
      continue;
    }
    const auto label = by_id.find(token);
    if (label == by_id.end()) continue;  // removed
    const CuboidLabel& l = *label->second;
    const SceneSample& sample = index.check(l, labels.class_of(l));
    row["sample_token"] = sample.token;
    row["instance_token"] = l.track_id;
    write_box(row, l.box);
    write_counts(row, l);
    chains[l.track_id].push_back({sample.timestamp_us, written.size()});
    written.push_back(std::move(row));
  }
  tables.sample_annotation = std::move(written);
  relink(chains, tables.sample_annotation, tables.instance);
}

void write_scene_labels(const SceneData& scene, const LabelSet& labels, const std::filesystem::path& dir) {
  const std::filesystem::path version_dir = scene.dataroot / scene.version;
  AnnotationTables tables{read_table(table_file(version_dir, "sample_annotation")),
                          read_table(table_file(version_dir, "instance"))};
  TableReader reader;
  apply_labels(scene, read_category_table(reader, table_file(version_dir, "category")), labels, tables);
  write_file_atomic(table_file(dir / scene.version, "sample_annotation"), tables.sample_annotation.dump(0) + "\n");
  write_file_atomic(table_file(dir / scene.version, "instance"), tables.instance.dump(0) + "\n");
}

}  // namespace fuselabel::nuscenes
