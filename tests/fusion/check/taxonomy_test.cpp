// Taxonomies: strict reading, inheritance of priors and attributes, and the taxonomy check on
// the sample drive (its simulator labels against the built-in simulator taxonomy).
#include <gtest/gtest.h>

#include <algorithm>

#include "fusion/check/check_registry.h"
#include "io/drive_reader.h"
#include "model/input_error.h"
#include "test_support.h"

namespace fuselabel {
namespace {

std::string read_error(const std::string& yaml) {
  testing::TempDir dir;
  testing::write_text(dir.path() / "t.yaml", yaml);
  try {
    read_taxonomy(dir.path() / "t.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Taxonomy, ParentsGiveTheirPriorsAndAttributes) {
  testing::TempDir dir;
  testing::write_text(dir.path() / "t.yaml",
                      "name: fleet\nversion: \"2\"\nclasses:\n"
                      "  vehicle: {size_min: [2, 1, 1], size_max: [20, 3, 4], attributes: {parked: [yes, no]}}\n"
                      "  van: {parent: vehicle, attributes: {doors: []}}\n"
                      "  debris:\n");
  const Taxonomy t = read_taxonomy(dir.path() / "t.yaml");
  EXPECT_EQ(t.version, "2");
  ASSERT_TRUE(t.size_prior("van"));
  EXPECT_DOUBLE_EQ(t.size_prior("van")->second.x, 20);
  const auto allowed = t.allowed_attributes("van");
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->size(), 2u);
  EXPECT_FALSE(t.allowed_attributes("debris"));
  EXPECT_FALSE(t.size_prior("debris"));
}

TEST(Taxonomy, StrictReading) {
  const std::string head = "name: x\nversion: \"1\"\nclasses:\n";
  EXPECT_NE(read_error(head + "  a: {parent: b}\n").find("not a class"), std::string::npos);
  EXPECT_NE(read_error(head + "  a: {parent: b}\n  b: {parent: a}\n").find("cycle"), std::string::npos);
  EXPECT_NE(read_error(head + "  a: {size_min: [3, 1, 1], size_max: [2, 1, 1]}\n").find("above size_max"),
            std::string::npos);
  EXPECT_NE(read_error(head + "  a: {size_min: [3, 1, 1]}\n").find("both"), std::string::npos);
  EXPECT_NE(read_error(head + "  a: {colour: red}\n").find("classes.a"), std::string::npos);
  EXPECT_NE(read_error("version: \"1\"\nclasses: {}\n").find("name"), std::string::npos);
}

TEST(Taxonomy, TheCheckFindsUnknownClassesAndSizesOutsideThePrior) {
  const auto reader = open_drive(testing::source_dir() / "data-samples/drive");
  LabelSet labels = reader->read_replacement_labels("ground_truth");
  ASSERT_EQ(labels.taxonomy, "fuselabel-sim-v1");
  const auto car = std::find_if(labels.boxes.begin(), labels.boxes.end(),
                                [&](const CuboidLabel& b) { return labels.class_of(b) == "car" && b.frame == 20; });
  ASSERT_NE(car, labels.boxes.end());
  car->box.size.x = 12;  // a car of 12 m
  auto other = std::find_if(labels.boxes.begin(), labels.boxes.end(),
                            [&](const CuboidLabel& b) { return b.track_id != car->track_id; });
  other->class_name = "Car";  // KITTI's spelling, not the simulator's
  Workspace ws(Device::Cpu);
  const CheckInputs inputs(*reader, labels, &ws);
  ASSERT_NE(inputs.taxonomy(), nullptr);
  const CheckResults results = run_checks(inputs, default_check_profile(declared_check_parameters()), {"taxonomy"});
  const auto has = [&](const std::string& kind, const std::string& track, int64_t frame) {
    return std::any_of(results.flags.begin(), results.flags.end(), [&](const Flag& f) {
      return f.check == "taxonomy" && f.kind == kind && f.track_id == track && f.frame == frame;
    });
  };
  EXPECT_TRUE(has("size_prior", car->track_id, 20));
  EXPECT_TRUE(has("unknown_class", other->track_id, other->frame));
  EXPECT_EQ(results.flags.size(), 2u);
}

}  // namespace
}  // namespace fuselabel
