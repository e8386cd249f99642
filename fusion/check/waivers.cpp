#include "fusion/check/waivers.h"

#include <map>
#include <set>

#include "io/common/json_field.h"

namespace fuselabel {

std::vector<Waiver> read_waivers(const std::filesystem::path& file) {
  const nlohmann::json doc = parse_json_file(file);
  const JsonField root{file, doc, ""};
  root.expect_object({"format", "version", "waivers"});
  if (root.required("format").text() != "fuselabel-waivers") root.at("format").fail("must be \"fuselabel-waivers\"");
  if (root.required("version").integer() != 1) root.at("version").fail("must be 1");
  std::vector<Waiver> waivers;
  std::set<std::string> seen;
  for (const JsonField& item : root.required("waivers").items()) {
    item.expect_object({"flag", "by", "reason"});
    Waiver w{item.required("flag").text(), item.required("by").text(), item.required("reason").text()};
    const bool hex = w.flag_id.size() == 32 && w.flag_id.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hex) item.at("flag").fail("must be a flag id from a report (32 lowercase hex digits)");
    if (!seen.insert(w.flag_id).second) item.at("flag").fail("waives the same flag as an earlier entry");
    waivers.push_back(std::move(w));
  }
  return waivers;
}

WaivedFlags apply_waivers(std::vector<Flag> flags, const std::vector<Waiver>& waivers) {
  std::map<std::string, const Waiver*> by_id;
  for (const Waiver& w : waivers) by_id[w.flag_id] = &w;
  WaivedFlags out;
  std::set<std::string> used;
  for (Flag& flag : flags) {
    const auto w = by_id.find(flag.id);
    if (w == by_id.end()) {
      out.active.push_back(std::move(flag));
    } else {
      used.insert(flag.id);
      out.waived.emplace_back(std::move(flag), *w->second);
    }
  }
  for (const Waiver& w : waivers)
    if (!used.count(w.flag_id)) out.unmatched.push_back(w);
  return out;
}

}  // namespace fuselabel
