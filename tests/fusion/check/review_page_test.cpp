// review_page_html: the report travels inside the page unchanged, and no label text can end the
// element that carries it.
#include "fusion/check/review_page.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace fuselabel {
namespace {

TEST(ReviewPage, CarriesTheReportSoNoTextClosesItsScript) {
  const nlohmann::json report = {
      {"flags", {{{"message", "</script><script>alert(1)</script> <!-- a < b"}, {"track_id", "</SCRIPT>"}}}}};
  const std::string html = review_page_html(report.dump());
  EXPECT_EQ(html.find("alert(1)</script>"), std::string::npos);
  EXPECT_EQ(html.find("</SCRIPT>"), std::string::npos);
  const std::string open = "<script type=\"application/json\" id=\"report\">";
  const size_t start = html.find(open);
  ASSERT_NE(start, std::string::npos);
  const size_t end = html.find("</script>", start);
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(html.substr(start + open.size(), end - start - open.size())), report);
  // One page: nothing is fetched from elsewhere.
  for (const char* remote : {"http://", "https://", "<link", "src=\"/"})
    EXPECT_EQ(html.find(remote), std::string::npos);
}

}  // namespace
}  // namespace fuselabel
