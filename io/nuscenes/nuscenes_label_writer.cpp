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
#include "io/common/stable_token.h"
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

// attribute_tokens of the label's attributes that name a row of the attribute table (key
// "vehicle", value "moving": vehicle.moving); a key that is an attribute group with a state the
// table lacks is refused. The row's own list is kept when it names the same set.
Json attribute_tokens(const CuboidLabel& label, const TokenMap<Attribute>& table, const Json& row_tokens) {
  std::map<std::string, std::string> token_of_name;
  std::set<std::string> groups;
  for (const auto& [token, attribute] : table) {
    token_of_name[attribute.name] = token;
    groups.insert(attribute_entry(attribute.name).first);
  }
  std::set<std::string> tokens;
  for (const auto& [key, value] : label.attributes) {
    if (!groups.count(key)) continue;
    const std::string name = value.empty() ? key : key + "." + value;
    const auto it = token_of_name.find(name);
    if (it == token_of_name.end())
      throw std::invalid_argument("label " + label.id + ": attribute '" + name + "' is no row of attribute.json");
    tokens.insert(it->second);
  }
  if (row_tokens.is_array() && row_tokens.size() == tokens.size() &&
      std::all_of(row_tokens.begin(), row_tokens.end(),
                  [&](const Json& t) { return t.is_string() && tokens.count(t.get<std::string>()); }))
    return row_tokens;
  return Json(std::vector<std::string>(tokens.begin(), tokens.end()));
}

// visibility_token of the label's "visibility" level; without one the row's own ("" for a new row).
std::string visibility_token(const CuboidLabel& label, const TokenMap<Visibility>& table, const Json& row) {
  const auto level = label.attributes.find("visibility");
  if (level == label.attributes.end()) return row.value("visibility_token", std::string());
  for (const auto& [token, visibility] : table)
    if (visibility.level == level->second) return token;
  throw std::invalid_argument("label " + label.id + ": visibility '" + level->second +
                              "' is no level of visibility.json");
}

// A new sample_annotation row in nuScenes' key order; write_row fills in the rest.
Json new_annotation_row(const std::string& token, const Cuboidd& box) {
  Json row;
  row["token"] = token;
  for (const char* key : {"sample_token", "instance_token", "visibility_token"}) row[key] = "";
  row["attribute_tokens"] = Json::array();
  row["translation"] = {box.center.x, box.center.y, box.center.z};
  row["size"] = {box.size.y, box.size.x, box.size.z};
  row["rotation"] = {box.rotation.w, box.rotation.x, box.rotation.y, box.rotation.z};
  row["prev"] = "";
  row["next"] = "";
  row["num_lidar_pts"] = 0;
  row["num_radar_pts"] = 0;
  return row;
}

// One annotation of an instance in the written table.
struct Link {
  int64_t timestamp_us;
  size_t row;  // index into the written sample_annotation array
};

// What the labels may name: the scene's annotation rows, instances (with their class) and
// samples; it adds the instances and categories of new tracks to the tables.
class SceneIndex {
 public:
  SceneIndex(const SceneData& scene, AnnotationTables& tables, AppliedLabels& applied)
      : scene_(scene), tables_(tables), applied_(applied) {
    for (size_t k = 0; k < scene.samples.size(); ++k) {
      sample_of_frame_[int64_t(scene.samples[k].keyframes.at(scene.lidar_channel))] = k;
      for (const Annotation& a : scene.samples[k].annotations) {
        annotations_.insert(a.token);
        instance_class_[a.instance_token];
      }
    }
    std::map<std::string, std::string> category_name;
    for (const Json& row : tables.category) {
      category_token_[row.value("name", std::string())] = token_of(row);
      category_name[token_of(row)] = row.value("name", std::string());
    }
    for (const Json& row : tables.instance) {
      const auto it = instance_class_.find(token_of(row));
      if (it == instance_class_.end()) {
        other_instances_.insert(token_of(row));
        continue;
      }
      const auto category = category_name.find(row.value("category_token", std::string()));
      if (category != category_name.end()) it->second = category->second;
    }
  }

  const std::map<std::string, std::string>& instances() const { return instance_class_; }
  bool has_annotation(const std::string& token) const { return annotations_.count(token) > 0; }
  // The sample of a label's frame, or nullptr for a frame that is no sample.
  const SceneSample* sample_of(const CuboidLabel& label) const {
    const auto sample = sample_of_frame_.find(label.frame);
    return sample == sample_of_frame_.end() ? nullptr : &scene_.samples[sample->second];
  }

  // The instance token of the label: its track's, added (with its category) for a new track; an
  // untracked label is an instance of its own.
  std::string instance_of(const CuboidLabel& label, const std::string& class_name) {
    std::string token = label.track_id;
    if (!instance_class_.count(token)) {
      if (other_instances_.count(token))
        throw std::invalid_argument("label " + label.id + ": track '" + token + "' is an instance of another scene");
      token = stable_token({"instance", scene_.token, label.track_id.empty() ? "label " + label.id : label.track_id});
      if (!instance_class_.count(token)) add_instance(token, class_name);
    }
    if (class_name != instance_class_.at(token))
      throw std::invalid_argument("label " + label.id + ": class '" + class_name + "' differs from the category '" +
                                  instance_class_.at(token) + "' of its instance " + token +
                                  " (nuScenes keeps the class on the instance, not on an annotation)");
    return token;
  }

 private:
  void add_instance(const std::string& token, const std::string& class_name) {
    auto category = category_token_.find(class_name);
    if (category == category_token_.end()) {
      category = category_token_.emplace(class_name, stable_token({"category", class_name})).first;
      tables_.category.push_back({{"token", category->second}, {"name", class_name}, {"description", ""}});
      ++applied_.added_categories;
    }
    tables_.instance.push_back({{"token", token},
                                {"category_token", category->second},
                                {"nbr_annotations", 0},
                                {"first_annotation_token", ""},
                                {"last_annotation_token", ""}});
    instance_class_[token] = class_name;
    ++applied_.added_instances;
  }

  const SceneData& scene_;
  AnnotationTables& tables_;
  AppliedLabels& applied_;
  std::set<std::string> annotations_, other_instances_;
  std::map<std::string, std::string> instance_class_;  // instance token -> category name
  std::map<std::string, std::string> category_token_;  // category name -> token
  std::map<int64_t, size_t> sample_of_frame_;          // LiDAR frame index -> sample
};

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

AppliedLabels apply_labels(const SceneData& scene, const LabelSet& labels, AnnotationTables& tables) {
  if (labels.frame != LabelFrame::World)
    throw std::invalid_argument(std::string("nuScenes labels are in the world frame, not the ") +
                                label_frame_name(labels.frame) + " frame");
  AppliedLabels applied;
  SceneIndex index(scene, tables, applied);
  std::map<std::string, std::vector<Link>> chains;
  for (const auto& entry : index.instances()) chains[entry.first];
  // The labels nuScenes can hold (those at samples) by id, and those that are no row yet.
  std::map<std::string, const CuboidLabel*> by_id;
  std::vector<const CuboidLabel*> added;
  for (const CuboidLabel& label : labels.boxes) {
    if (!index.sample_of(label)) {
      ++applied.off_sample;
      continue;
    }
    if (!by_id.emplace(label.id, &label).second) throw std::invalid_argument("two labels have the id " + label.id);
    if (!index.has_annotation(label.id)) added.push_back(&label);
  }
  Json written = Json::array();
  const auto write_row = [&](Json row, const CuboidLabel& l) {
    const SceneSample& sample = *index.sample_of(l);
    const std::string instance = index.instance_of(l, labels.class_of(l));
    row["sample_token"] = sample.token;
    row["instance_token"] = instance;
    row["visibility_token"] = visibility_token(l, tables.visibilities, row);
    row["attribute_tokens"] = attribute_tokens(l, tables.attributes, row["attribute_tokens"]);
    write_box(row, l.box);
    write_counts(row, l);
    chains[instance].push_back({sample.timestamp_us, written.size()});
    written.push_back(std::move(row));
  };
  for (Json& row : tables.sample_annotation) {
    const std::string token = token_of(row);
    if (!index.has_annotation(token)) {
      written.push_back(std::move(row));  // another scene's row
      continue;
    }
    const auto label = by_id.find(token);
    if (label != by_id.end()) write_row(std::move(row), *label->second);  // else removed
  }
  for (const CuboidLabel* l : added) {
    const std::string key = l->id.empty() ? l->track_id + "@" + std::to_string(l->frame) : l->id;
    write_row(new_annotation_row(stable_token({"sample_annotation", scene.token, key}), l->box), *l);
    ++applied.added_annotations;
  }
  tables.sample_annotation = std::move(written);
  relink(chains, tables.sample_annotation, tables.instance);
  return applied;
}

AppliedLabels write_scene_labels(const SceneData& scene, const LabelSet& labels, const std::filesystem::path& dir) {
  const std::filesystem::path version_dir = scene.dataroot / scene.version;
  TableReader reader;
  read_category_table(reader, table_file(version_dir, "category"));  // validated as every table read
  AnnotationTables tables{read_table(table_file(version_dir, "sample_annotation")),
                          read_table(table_file(version_dir, "instance")),
                          read_table(table_file(version_dir, "category")),
                          read_attribute_table(reader, table_file(version_dir, "attribute")),
                          read_visibility_table(reader, table_file(version_dir, "visibility"))};
  const AppliedLabels applied = apply_labels(scene, labels, tables);
  const std::filesystem::path out = dir / scene.version;
  write_file_atomic(table_file(out, "sample_annotation"), tables.sample_annotation.dump(0) + "\n");
  write_file_atomic(table_file(out, "instance"), tables.instance.dump(0) + "\n");
  write_file_atomic(table_file(out, "category"), tables.category.dump(0) + "\n");
  return applied;
}

}  // namespace fuselabel::nuscenes
