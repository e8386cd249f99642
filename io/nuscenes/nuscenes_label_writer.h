#pragma once
// A scene's label set written back as nuScenes tables: sample_annotation.json, instance.json and
// category.json of the scene's version, complete (every row of the original tables, other
// scenes' rows untouched, original row and key order), with the scene's annotation rows
// following the labels:
// - a row whose token no label has is removed; a label whose id is no row becomes a new row,
//   appended, and a track that is no instance yet a new instance (of the category named as the
//   track's class, added when the table has none), with stable tokens (io/common/stable_token.h);
// - geometry (translation, size w l h, rotation w x y z) and instance_token come from the label
//   (a value the label leaves as read is kept verbatim), and so do num_lidar_pts / num_radar_pts
//   where the label has attributes of those names, attribute_tokens from its attributes that
//   name an attribute ("vehicle" -> "moving": vehicle.moving), visibility_token from its
//   "visibility" level (a row keeps its own, a new row has "", where the label has none);
// - each of the scene's instances gets its prev/next chain in time order, nbr_annotations and
//   first/last_annotation_token recomputed;
// - labels at frames that are no sample (LiDAR sweeps between keyframes) are left out and
//   counted: nuScenes annotates keyframes only.
// What nuScenes cannot express is std::invalid_argument: a label of a class other than its
// instance's category (the class lives on the instance), a track that is an instance of another
// scene, two annotations of one instance in one sample, two labels with one id, an attribute
// state or visibility level the tables do not have.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "io/nuscenes/nuscenes_records.h"
#include "io/nuscenes/nuscenes_scene.h"
#include "model/labels.h"

namespace fuselabel::nuscenes {

struct AnnotationTables {
  nlohmann::ordered_json sample_annotation;  // arrays of rows, as in the files; updated
  nlohmann::ordered_json instance;
  nlohmann::ordered_json category;
  TokenMap<Attribute> attributes;  // looked up only
  TokenMap<Visibility> visibilities;
};

// What apply_labels did beyond updating rows.
struct AppliedLabels {
  int64_t added_annotations = 0, added_instances = 0, added_categories = 0;
  int64_t off_sample = 0;  // labels at frames that are no sample, left out
};

// The tables updated in place for `labels` (world frame) of `scene`.
AppliedLabels apply_labels(const SceneData& scene, const LabelSet& labels, AnnotationTables& tables);

// Reads the scene's tables, applies the labels and writes DIR/VERSION/{sample_annotation,
// instance, category}.json atomically.
AppliedLabels write_scene_labels(const SceneData& scene, const LabelSet& labels, const std::filesystem::path& dir);

}  // namespace fuselabel::nuscenes
