// NuscenesDrive::write_labels: the scene's label set back into complete sample_annotation and
// instance tables, and what nuScenes cannot express refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "io/common/file_read.h"
#include "io/io_test_support.h"
#include "io/nuscenes/nuscenes_drive.h"
#include "io/nuscenes/nuscenes_label_writer.h"
#include "nuscenes_fixture.h"

namespace fuselabel {
namespace {

using testing::json;
using testing::NuscenesFixture;
using testing::TempDir;

class NuscenesLabelWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    f.root = data.path() / "dataroot";
    testing::write_nuscenes_fixture(f);
  }
  // The scene's labels as the drive reads them.
  LabelSet labels() const { return NuscenesDrive(f.scene_options()).drive().labels; }
  void write(const LabelSet& set) const { NuscenesDrive(f.scene_options()).write_labels(set, out.path()); }
  std::filesystem::path written_path(const std::string& table) const {
    return out.path() / f.version / (table + ".json");
  }
  json written(const std::string& table) const { return json::parse(read_file_bytes(written_path(table))); }
  std::string annotation(size_t row) const { return f.tables.at("sample_annotation")[row]["token"]; }
  std::string instance(size_t row) const { return f.tables.at("instance")[row]["token"]; }
  CuboidLabel& label(LabelSet& set, size_t row) const {
    const auto it = std::find_if(set.boxes.begin(), set.boxes.end(),
                                 [&](const CuboidLabel& l) { return l.id == annotation(row); });
    if (it == set.boxes.end()) throw std::out_of_range("no label " + annotation(row));
    return *it;
  }
  void remove_label(LabelSet& set, size_t row) const {
    set.boxes.erase(std::find_if(set.boxes.begin(), set.boxes.end(),
                                 [&](const CuboidLabel& l) { return l.id == annotation(row); }));
  }
  // Expects rows (fixture indices) to be the chain of instance `instance_row`, in this order.
  void expect_chain(const json& annotations, const json& instances, size_t instance_row,
                    const std::vector<size_t>& rows) const {
    auto by_token = [&](const json& table, const std::string& token) {
      for (const json& r : table)
        if (r["token"] == token) return r;
      ADD_FAILURE() << "no row " << token;
      return json();
    };
    for (size_t i = 0; i < rows.size(); ++i) {
      const json row = by_token(annotations, annotation(rows[i]));
      EXPECT_EQ(row["instance_token"], instance(instance_row)) << rows[i];
      EXPECT_EQ(row["prev"], i > 0 ? annotation(rows[i - 1]) : "") << rows[i];
      EXPECT_EQ(row["next"], i + 1 < rows.size() ? annotation(rows[i + 1]) : "") << rows[i];
    }
    const json inst = by_token(instances, instance(instance_row));
    EXPECT_EQ(inst["nbr_annotations"], rows.size());
    EXPECT_EQ(inst["first_annotation_token"], annotation(rows.front()));
    EXPECT_EQ(inst["last_annotation_token"], annotation(rows.back()));
  }
  json table_without(const std::string& table, const std::vector<size_t>& rows) const {
    json out = json::array();
    for (size_t i = 0; i < f.tables.at(table).size(); ++i)
      if (std::find(rows.begin(), rows.end(), i) == rows.end()) out.push_back(f.tables.at(table)[i]);
    return out;
  }

  TempDir data, out;
  NuscenesFixture f;
};

// Fixture rows of scene-0061: car 0, 2, 4; pedestrian 1, 3. scene-0103: car2 5.

TEST_F(NuscenesLabelWriter, UnchangedLabelsReproduceTheTables) {
  write(labels());
  EXPECT_EQ(written("sample_annotation"), f.tables["sample_annotation"]);
  EXPECT_EQ(written("instance"), f.tables["instance"]);
  // Row and key order too: the files are the original tables, reformatted.
  for (const char* table : {"sample_annotation", "instance"})
    EXPECT_EQ(nlohmann::ordered_json::parse(read_file_bytes(written_path(table))),
              nlohmann::ordered_json::parse(read_file_bytes(f.table_path(table))))
        << table;
}

TEST_F(NuscenesLabelWriter, ShiftedBoxChangesOnlyItsTranslation) {
  LabelSet set = labels();
  label(set, 2).box.center.x += 1.0;
  write(set);
  json expected = f.tables["sample_annotation"];
  expected[2]["translation"][0] = expected[2]["translation"][0].get<double>() + 1.0;
  EXPECT_EQ(written("sample_annotation"), expected);
  EXPECT_EQ(written("instance"), f.tables["instance"]);
}

TEST_F(NuscenesLabelWriter, SizeAndRotationAreWrittenInNuscenesOrder) {
  LabelSet set = labels();
  Cuboidd& box = label(set, 0).box;
  box.size = {4.0, 2.0, 1.5};  // (l, w, h)
  box.rotation = {std::cos(0.2), 0.0, 0.0, std::sin(0.2)};
  write(set);
  const json row = written("sample_annotation")[0];
  EXPECT_EQ(row["size"], json({2.0, 4.0, 1.5}));  // (w, l, h)
  EXPECT_EQ(row["rotation"], json({std::cos(0.2), 0.0, 0.0, std::sin(0.2)}));
  EXPECT_EQ(row["translation"], f.tables["sample_annotation"][0]["translation"]);
}

TEST_F(NuscenesLabelWriter, RemovedLabelsRemoveRowsAndRelinkTheirInstances) {
  LabelSet set = labels();
  remove_label(set, 2);  // the car's middle annotation
  remove_label(set, 1);  // the pedestrian's first
  write(set);
  const json annotations = written("sample_annotation"), instances = written("instance");
  ASSERT_EQ(annotations.size(), 4u);
  expect_chain(annotations, instances, 0, {0, 4});
  expect_chain(annotations, instances, 1, {3});
  expect_chain(annotations, instances, 2, {5});  // the other scene's, untouched
  EXPECT_EQ(annotations[3], f.tables["sample_annotation"][5]);
}

TEST_F(NuscenesLabelWriter, RemovingAnInstancesLastLabelLeavesItEmpty) {
  LabelSet set = labels();
  remove_label(set, 1);
  remove_label(set, 3);
  write(set);
  const json pedestrian = written("instance")[1];
  EXPECT_EQ(pedestrian["nbr_annotations"], 0);
  EXPECT_EQ(pedestrian["first_annotation_token"], "");
  EXPECT_EQ(pedestrian["last_annotation_token"], "");
  EXPECT_EQ(written("sample_annotation"), table_without("sample_annotation", {1, 3}));
}

TEST_F(NuscenesLabelWriter, SwappedInstancesFromAFrameOnGiveConsistentChains) {
  // Two cars: the pedestrian instance made a car, so the tracks can exchange identities.
  f.tables["instance"][1]["category_token"] = f.tables["instance"][0]["category_token"];
  f.write_table("instance");
  LabelSet set = labels();
  for (size_t row : {2, 4}) label(set, row).track_id = instance(1);  // from sample 1 on
  label(set, 3).track_id = instance(0);
  write(set);
  const json annotations = written("sample_annotation"), instances = written("instance");
  expect_chain(annotations, instances, 0, {0, 3});
  expect_chain(annotations, instances, 1, {1, 2, 4});
  EXPECT_EQ(annotations[5], f.tables["sample_annotation"][5]);
}

TEST_F(NuscenesLabelWriter, ClassChangeThrowsNamingTheLabel) {
  LabelSet set = labels();
  label(set, 2).class_name = "human.pedestrian.adult";
  try {
    write(set);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(annotation(2)), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("category"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(written_path("sample_annotation")));
}

TEST_F(NuscenesLabelWriter, SwapIntoAnotherCategoryThrows) {
  LabelSet set = labels();
  label(set, 2).track_id = instance(1);  // the car's annotation to the pedestrian
  EXPECT_THROW(write(set), std::invalid_argument);
}

TEST_F(NuscenesLabelWriter, DuplicateIdsAndOtherScenesInstancesThrow) {
  LabelSet set = labels();
  set.boxes.push_back(label(set, 0));  // a duplicate id
  EXPECT_THROW(write(set), std::invalid_argument);
  set = labels();
  label(set, 0).track_id = instance(2);  // an instance of the other scene
  EXPECT_THROW(write(set), std::invalid_argument);
  set = labels();
  label(set, 0).attributes["vehicle"] = "flying";  // no such attribute row
  EXPECT_THROW(write(set), std::invalid_argument);
  set = labels();
  label(set, 0).attributes["visibility"] = "v0-10";  // no such level
  EXPECT_THROW(write(set), std::invalid_argument);
}

// A prelabelled box of a new track at the last sample, an untracked one and a box at a sweep
// between keyframes: rows and instances added with stable tokens, a category for the new class,
// the sweep's label left out.
TEST_F(NuscenesLabelWriter, NewLabelsBecomeRowsAndInstancesWithStableTokens) {
  const LabelSet original = labels();
  LabelSet set = original;
  CuboidLabel track = label(set, 4);  // the car at the last sample
  track.id = "prelabel:truck:6";
  track.track_id = "truck-1";
  track.class_name = "vehicle.truck";
  track.box.center.y += 6.0;
  track.attributes = {{"vehicle", "moving"}, {"visibility", "v40-60"}, {"num_lidar_pts", "17"}};
  CuboidLabel untracked = track;
  untracked.id = "";
  untracked.track_id = "";
  untracked.class_name = "vehicle.car";
  untracked.box.center.y += 6.0;
  untracked.attributes.clear();
  CuboidLabel at_sweep = label(set, 0);
  at_sweep.id = "prelabel:car:1";
  at_sweep.frame = 1;  // a LIDAR_TOP sweep between samples 0 and 1
  set.boxes.push_back(track);
  set.boxes.push_back(untracked);
  set.boxes.push_back(at_sweep);
  set.tracks.push_back({"truck-1", "vehicle.truck", {}});
  const NuscenesDrive drive(f.scene_options());
  const nuscenes::AppliedLabels applied = nuscenes::write_scene_labels(drive.scene(), set, out.path());
  EXPECT_EQ(applied.added_annotations, 2);
  EXPECT_EQ(applied.added_instances, 2);
  EXPECT_EQ(applied.added_categories, 1);
  EXPECT_EQ(applied.off_sample, 1);
  const json annotations = written("sample_annotation"), instances = written("instance"), categories = written("category");
  ASSERT_EQ(annotations.size(), f.tables["sample_annotation"].size() + 2);
  ASSERT_EQ(instances.size(), f.tables["instance"].size() + 2);
  ASSERT_EQ(categories.size(), f.tables["category"].size() + 1);
  const json& truck = annotations[annotations.size() - 2];
  const json& lone = annotations.back();
  for (const json* row : {&truck, &lone}) {
    EXPECT_EQ((*row)["token"].get<std::string>().size(), 32u);
    EXPECT_EQ((*row)["sample_token"], f.tables["sample_annotation"][4]["sample_token"]);
    EXPECT_EQ((*row)["prev"], "");
    EXPECT_EQ((*row)["next"], "");
  }
  EXPECT_EQ(truck["num_lidar_pts"], 17);
  EXPECT_EQ(truck["size"], json({track.box.size.y, track.box.size.x, track.box.size.z}));
  EXPECT_EQ(truck["translation"][1], track.box.center.y);
  EXPECT_EQ(lone["visibility_token"], "");
  EXPECT_EQ(lone["attribute_tokens"], json::array());
  const auto row_named = [](const json& table, const char* key, const std::string& value) {
    for (const json& r : table)
      if (r[key] == value) return r;
    ADD_FAILURE() << "no row with " << key << " " << value;
    return json();
  };
  EXPECT_EQ(row_named(f.tables["visibility"], "token", truck["visibility_token"])["level"], "v40-60");
  ASSERT_EQ(truck["attribute_tokens"].size(), 1u);
  EXPECT_EQ(row_named(f.tables["attribute"], "token", truck["attribute_tokens"][0])["name"], "vehicle.moving");
  const json truck_instance = row_named(instances, "token", truck["instance_token"]);
  EXPECT_EQ(truck_instance["nbr_annotations"], 1);
  EXPECT_EQ(truck_instance["first_annotation_token"], truck["token"]);
  EXPECT_EQ(row_named(categories, "token", truck_instance["category_token"])["name"], "vehicle.truck");
  EXPECT_EQ(row_named(instances, "token", lone["instance_token"])["category_token"], f.tables["instance"][0]["category_token"]);
  // The original rows are as they were, and the same input gives the same tokens.
  for (size_t i = 0; i < f.tables["sample_annotation"].size(); ++i)
    EXPECT_EQ(annotations[i], f.tables["sample_annotation"][i]) << i;
  const std::string first = read_file_bytes(written_path("sample_annotation"));
  write(set);
  EXPECT_EQ(read_file_bytes(written_path("sample_annotation")), first);
  // The written dataroot opens with the new labels.
  const std::filesystem::path copy = data.path() / "copy";
  std::filesystem::copy(f.root, copy, std::filesystem::copy_options::recursive);
  for (const char* table : {"sample_annotation", "instance", "category"})
    std::filesystem::copy_file(written_path(table), copy / f.version / (std::string(table) + ".json"),
                               std::filesystem::copy_options::overwrite_existing);
  DriveOptions options = f.scene_options();
  options.path = copy;
  const LabelSet reread = NuscenesDrive(options).drive().labels;
  EXPECT_EQ(reread.boxes.size(), original.boxes.size() + 2);
  EXPECT_EQ(reread.tracks.size(), original.tracks.size() + 2);
}

TEST_F(NuscenesLabelWriter, WrittenDatarootOpensWithTheCorruptedBoxes) {
  LabelSet set = labels();
  label(set, 2).box.center.y -= 0.75;
  label(set, 4).box.size = {5.0, 2.1, 1.8};
  label(set, 0).box.rotation = {std::cos(0.5), 0.0, 0.0, std::sin(0.5)};
  remove_label(set, 3);
  write(set);
  const std::filesystem::path copy = data.path() / "copy";
  std::filesystem::copy(f.root, copy, std::filesystem::copy_options::recursive);
  for (const char* table : {"sample_annotation", "instance"})
    std::filesystem::copy_file(written_path(table), copy / f.version / (std::string(table) + ".json"),
                               std::filesystem::copy_options::overwrite_existing);
  DriveOptions options = f.scene_options();
  options.path = copy;
  const LabelSet reread = NuscenesDrive(options).drive().labels;
  ASSERT_EQ(reread.boxes.size(), set.boxes.size());
  for (size_t i = 0; i < set.boxes.size(); ++i) {
    const CuboidLabel &a = set.boxes[i], &b = reread.boxes[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.track_id, b.track_id);
    EXPECT_EQ(a.frame, b.frame);
    EXPECT_EQ(a.class_name, b.class_name);
    const double got[10] = {b.box.center.x, b.box.center.y, b.box.center.z, b.box.size.x, b.box.size.y,
                            b.box.size.z,   b.box.rotation.w, b.box.rotation.x, b.box.rotation.y, b.box.rotation.z};
    const double want[10] = {a.box.center.x, a.box.center.y, a.box.center.z, a.box.size.x, a.box.size.y,
                             a.box.size.z,   a.box.rotation.w, a.box.rotation.x, a.box.rotation.y, a.box.rotation.z};
    for (int k = 0; k < 10; ++k) EXPECT_NEAR(got[k], want[k], 1e-12) << a.id << " value " << k;
  }
}

}  // namespace
}  // namespace fuselabel
