// NuscenesDrive::write_labels: the scene's label set back into complete sample_annotation and
// instance tables, and what nuScenes cannot express refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "io/common/file_read.h"
#include "io/io_test_support.h"
#include "io/nuscenes/nuscenes_drive.h"
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

TEST_F(NuscenesLabelWriter, LabelsThatAreNoRowsThrow) {
  LabelSet set = labels();
  CuboidLabel extra = label(set, 0);
  extra.id = "0123456789abcdef0123456789abcdef";
  set.boxes.push_back(extra);
  EXPECT_THROW(write(set), std::invalid_argument);
  set = labels();
  set.boxes.push_back(label(set, 0));  // a duplicate id
  EXPECT_THROW(write(set), std::invalid_argument);
  set = labels();
  label(set, 0).track_id = instance(2);  // an instance of the other scene
  EXPECT_THROW(write(set), std::invalid_argument);
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
