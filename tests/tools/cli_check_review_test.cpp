// The review page and evidence pictures of `fuselabel check` as a reviewer opens them: every
// flag's pictures exist and show the flagged labels, and in headless Chromium (Debian's
// `chromium`, skipped where it is not installed) the page loads without a console message, shows
// every flag of the report and narrows them by check, track and sensor.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <regex>
#include <set>

#include "test_support.h"
#include "tools/cli_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kDrive = testing::source_dir() / "data-samples/drive";

// The sample drive's labels corrupted with the label-error profile, checked once for every test.
class CheckReview : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    const fs::path labels = dir_->path() / "corrupt";
    auto run = testing::run_cli("corrupt --drive " + kDrive.string() + " --profile " +
                                (testing::source_dir() / "data-samples/configs/corrupt-labels.yaml").string() +
                                " --labels ground_truth --out " + labels.string());
    ASSERT_EQ(run.exit_code, 0) << run.output;
    run = testing::run_cli("check --drive " + kDrive.string() + " --labels " + labels.string() + " --out " +
                           out().string() + " --evidence 1000");
    ASSERT_EQ(run.exit_code, 1) << run.output;
    report_ = new json(json::parse(testing::read_text(out() / "report.json")));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete dir_;
  }
  static fs::path out() { return dir_->path() / "check"; }
  static const json& report() { return *report_; }

  static testing::TempDir* dir_;
  static json* report_;
};
testing::TempDir* CheckReview::dir_ = nullptr;
json* CheckReview::report_ = nullptr;

// Pixels of the picture within `tolerance` of a BGR colour.
int pixels_of_colour(const cv::Mat& image, cv::Vec3b colour, int tolerance = 40) {
  int n = 0;
  for (int y = 0; y < image.rows; ++y)
    for (int x = 0; x < image.cols; ++x) {
      const cv::Vec3b p = image.at<cv::Vec3b>(y, x);
      n += std::abs(p[0] - colour[0]) + std::abs(p[1] - colour[1]) + std::abs(p[2] - colour[2]) <= tolerance;
    }
  return n;
}

TEST_F(CheckReview, EveryFlagHasPicturesThatShowItsLabels) {
  ASSERT_GT(report()["flags"].size(), 50u);
  const cv::Vec3b cuboid_red(40, 40, 235), box_green(60, 215, 60);
  int cameras = 0;
  for (const json& f : report()["flags"]) {
    ASSERT_FALSE(f["evidence"].empty()) << f.dump();
    bool has_bev = false;
    for (const json& path : f["evidence"]) {
      const std::string relative = path;
      const cv::Mat picture = cv::imread((out() / relative).string());
      ASSERT_FALSE(picture.empty()) << relative;
      has_bev |= relative.find("_bev.png") != std::string::npos;
      if (relative.find("_camera.jpg") == std::string::npos) continue;
      ++cameras;
      // A 2D box compared with its cuboid: both are drawn.
      if (f["check"] == "box_2d3d_mismatch" && f["kind"] == "iou") {
        EXPECT_GT(pixels_of_colour(picture, cuboid_red), 20) << relative;
        EXPECT_GT(pixels_of_colour(picture, box_green), 20) << relative;
      }
      if (f["check"] == "missing_3d") EXPECT_GT(pixels_of_colour(picture, box_green), 20) << relative;
    }
    // Every flag names a track or a label with a cuboid near its frame, except a 2D box without one.
    if (f["check"] != "missing_3d") EXPECT_TRUE(has_bev) << f.dump();
  }
  EXPECT_GT(cameras, int(report()["flags"].size()) / 2);
}

TEST_F(CheckReview, EvidenceCanBeLimitedOrLeftOut) {
  testing::TempDir dir;
  const auto run =
      testing::run_cli("check --drive " + kDrive.string() + " --labels " + (dir_->path() / "corrupt").string() +
                       " --out " + (dir.path() / "c").string() + " --evidence 3");
  ASSERT_EQ(run.exit_code, 1) << run.output;
  const json limited = json::parse(testing::read_text(dir.path() / "c/report.json"));
  ASSERT_EQ(limited["flags"].size(), report()["flags"].size());
  for (size_t i = 0; i < limited["flags"].size(); ++i) EXPECT_EQ(limited["flags"][i]["evidence"].empty(), i >= 3) << i;
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path() / "c/evidence"), fs::directory_iterator{}),
            std::ptrdiff_t(limited["flags"][0]["evidence"].size() + limited["flags"][1]["evidence"].size() +
                           limited["flags"][2]["evidence"].size()));
}

std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    const auto found = testing::run_shell(std::string("command -v ") + name);
    if (found.exit_code == 0) return found.output.substr(0, found.output.find('\n'));
  }
  return "";
}

struct PageLoad {
  std::string dom;
  std::vector<std::string> console;  // the page's console messages, from Chromium's log
};

// The page's DOM after loading in headless Chromium, with `fragment` after the '#'.
PageLoad load_page(const std::string& browser, const fs::path& page, const std::string& fragment) {
  testing::TempDir profile;
  const fs::path dom = profile.path() / "dom.html", log = profile.path() / "log.txt";
  const std::string command = "timeout 120 " + browser + " --headless --no-sandbox --disable-gpu --no-first-run" +
                              " --user-data-dir=" + (profile.path() / "profile").string() +
                              " --enable-logging=stderr --v=0 --dump-dom 'file://" + page.string() + "#" + fragment +
                              "' > " + dom.string() + " 2> " + log.string();
  const auto run = testing::run_shell(command);
  EXPECT_EQ(run.exit_code, 0) << command << "\n" << testing::read_text(log);
  PageLoad load;
  load.dom = testing::read_text(dom);
  std::istringstream lines(testing::read_text(log));
  for (std::string line; std::getline(lines, line);)
    if (line.find(":CONSOLE") != std::string::npos) load.console.push_back(line);
  return load;
}

// The flag cards of the DOM: id -> shown.
std::map<std::string, bool> cards(const std::string& dom) {
  std::map<std::string, bool> shown;
  const std::regex card(R"re(<div class="flag sev-[a-z]+" data-flag-id="([0-9a-f]{32})"( hidden="")?)re");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), card); it != std::sregex_iterator(); ++it)
    shown[(*it)[1]] = !(*it)[2].matched;
  return shown;
}

TEST_F(CheckReview, PageShowsEveryFlagAndFiltersNarrowThemInChromium) {
  const std::string browser = chromium();
  if (browser.empty()) GTEST_SKIP() << "no chromium here (scripts/install-deps.sh installs Debian's)";
  const fs::path page = out() / "report.html";
  const PageLoad all = load_page(browser, page, "");
  EXPECT_NE(all.dom.find("data-ready=\"1\""), std::string::npos) << "the page's script did not finish";
  EXPECT_NE(all.dom.find("data-errors=\"0\""), std::string::npos);
  EXPECT_TRUE(all.console.empty()) << all.console.front();
  const std::map<std::string, bool> shown = cards(all.dom);
  ASSERT_EQ(shown.size(), report()["flags"].size());
  for (const json& f : report()["flags"]) {
    ASSERT_TRUE(shown.count(f["id"])) << f.dump();
    EXPECT_TRUE(shown.at(f["id"]));
  }
  // Each filter, from the address as a shared link carries it, shows exactly the matching flags.
  const json& first = report()["flags"][0];
  const std::string track = first["track_id"].empty() ? report()["flags"][1]["track_id"] : first["track_id"];
  std::string sensor;
  for (const json& f : report()["flags"])
    if (!f["sensor"].get<std::string>().empty()) sensor = f["sensor"];
  const std::vector<std::pair<std::string, std::function<bool(const json&)>>> filters = {
      {"check=track_motion", [](const json& f) { return f["check"] == "track_motion"; }},
      {"track=" + track, [&](const json& f) { return f["track_id"] == track || f["other_track_id"] == track; }},
      {"sensor=" + sensor, [&](const json& f) { return f["sensor"] == sensor; }},
      {"severity=warning&check=taxonomy",
       [](const json& f) { return f["severity"] == "warning" && f["check"] == "taxonomy"; }}};
  for (const auto& [fragment, matches] : filters) {
    const PageLoad filtered = load_page(browser, page, fragment);
    EXPECT_TRUE(filtered.console.empty()) << fragment << ": " << filtered.console.front();
    const std::map<std::string, bool> cards_shown = cards(filtered.dom);
    size_t expected = 0, visible = 0;
    for (const json& f : report()["flags"]) {
      expected += matches(f);
      EXPECT_EQ(cards_shown.at(f["id"]), matches(f)) << fragment << " " << f.dump();
    }
    for (const auto& [id, on] : cards_shown) visible += on;
    EXPECT_EQ(visible, expected) << fragment;
    EXPECT_GT(expected, 0u) << fragment;
    EXPECT_LT(expected, report()["flags"].size()) << fragment;
  }
}

}  // namespace
}  // namespace fuselabel
