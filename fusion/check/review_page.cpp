#include "fusion/check/review_page.h"

#include "fusion/check/review_page_template.h"

namespace fuselabel {

std::string review_page_html(const std::string& report_json) {
  // '<' only occurs inside JSON strings, where \u003c reads back as the same character, so no
  // label text can close the <script> element.
  std::string embedded;
  embedded.reserve(report_json.size());
  for (char c : report_json) c == '<' ? embedded += "\\u003c" : embedded += c;
  return std::string(kReviewPageHead) + "<script type=\"application/json\" id=\"report\">" + embedded + "</script>" +
         kReviewPageTail;
}

}  // namespace fuselabel
