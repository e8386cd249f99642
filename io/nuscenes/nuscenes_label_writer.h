#pragma once
// A scene's label set written back as nuScenes tables: sample_annotation.json and instance.json
// of the scene's version, complete (every row of the original tables, other scenes' rows
// untouched, original row and key order), with the scene's annotation rows following the labels.
// A row whose token no label has is removed; geometry (translation, size w l h, rotation w x y z)
// and instance_token come from the label (a value the label leaves as read is kept verbatim),
// and so do num_lidar_pts / num_radar_pts where the label has attributes of those names;
// each of the scene's instances gets its prev/next chain in time order, nbr_annotations and
// first/last_annotation_token recomputed. What nuScenes cannot express is std::invalid_argument:
// a label of a class other than its instance's category (the class lives on the instance), a
// label that is no row of the table, a track that is no instance of the scene, two annotations
// of one instance in one sample, a label at a frame that is no sample.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "io/nuscenes/nuscenes_records.h"
#include "io/nuscenes/nuscenes_scene.h"
#include "model/labels.h"

namespace fuselabel::nuscenes {

struct AnnotationTables {
  nlohmann::ordered_json sample_annotation;  // arrays of rows, as in the files
  nlohmann::ordered_json instance;
};

// The tables updated in place for `labels` (world frame) of `scene`; `categories` is the whole
// category table.
void apply_labels(const SceneData& scene, const TokenMap<Category>& categories, const LabelSet& labels,
                  AnnotationTables& tables);

// Reads the scene's tables, applies the labels and writes DIR/VERSION/{sample_annotation,
// instance}.json atomically.
void write_scene_labels(const SceneData& scene, const LabelSet& labels, const std::filesystem::path& dir);

}  // namespace fuselabel::nuscenes
