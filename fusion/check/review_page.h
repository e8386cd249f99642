#pragma once
// OUT/report.html of `fuselabel check`: one static page, no server and nothing fetched (it works
// offline, from the file), built from report.json, which it carries inside; the evidence pictures
// it shows are the report's relative paths (OUT/evidence/). Sorted as the report ranks the flags,
// filterable by severity, check, track and sensor.
#include <string>

namespace fuselabel {

std::string review_page_html(const std::string& report_json);

}  // namespace fuselabel
