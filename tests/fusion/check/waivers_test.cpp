// Waivers: strict reading, and applying them to a run's flags.
#include "fusion/check/waivers.h"

#include <gtest/gtest.h>

#include "model/input_error.h"
#include "test_support.h"

namespace fuselabel {
namespace {

const std::string kId(32, 'a');

std::string read_error(const std::string& json) {
  testing::TempDir dir;
  const auto file = dir.path() / "w.json";
  testing::write_text(file, json);
  try {
    read_waivers(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Waivers, ReadAndApplied) {
  testing::TempDir dir;
  const auto file = dir.path() / "w.json";
  testing::write_text(file, R"({"format": "fuselabel-waivers", "version": 1, "waivers": [
    {"flag": ")" + kId + R"(", "by": "ana", "reason": "trailer: intended"},
    {"flag": ")" + std::string(32, 'b') +
                                R"(", "by": "ana", "reason": "fixed since"}]})");
  const std::vector<Waiver> waivers = read_waivers(file);
  ASSERT_EQ(waivers.size(), 2u);
  Flag waived, kept;
  waived.id = kId, kept.id = std::string(32, 'c');
  const WaivedFlags out = apply_waivers({waived, kept}, waivers);
  ASSERT_EQ(out.active.size(), 1u);
  EXPECT_EQ(out.active[0].id, kept.id);
  ASSERT_EQ(out.waived.size(), 1u);
  EXPECT_EQ(out.waived[0].second.by, "ana");
  ASSERT_EQ(out.unmatched.size(), 1u);
  EXPECT_EQ(out.unmatched[0].reason, "fixed since");
}

TEST(Waivers, BadFilesNameTheField) {
  const std::string head = R"({"format": "fuselabel-waivers", "version": 1, "waivers": [)";
  EXPECT_NE(read_error(head + R"({"flag": "xyz", "by": "a", "reason": "r"}]})").find("waivers[0].flag"),
            std::string::npos);
  EXPECT_NE(read_error(head + R"({"flag": ")" + kId + R"(", "by": "", "reason": "r"}]})").find("waivers[0].by"),
            std::string::npos);
  EXPECT_NE(read_error(head + R"({"flag": ")" + kId + R"(", "by": "a"}]})").find("reason"), std::string::npos);
  const std::string twice = R"({"flag": ")" + kId + R"(", "by": "a", "reason": "r"})";
  EXPECT_NE(read_error(head + twice + "," + twice + "]}").find("waivers[1].flag"), std::string::npos);
  EXPECT_NE(read_error(R"({"format": "other", "version": 1, "waivers": []})").find("format"), std::string::npos);
  EXPECT_NE(read_error(head + "]").find("w.json"), std::string::npos);  // truncated
}

}  // namespace
}  // namespace fuselabel
