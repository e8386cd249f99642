#include "fusion/check/check_report.h"

#include <nlohmann/json.hpp>

namespace fuselabel {
namespace {

using Json = nlohmann::ordered_json;

Json flag_json(const Flag& f) {
  Json metrics = Json::object();
  for (const auto& [key, value] : f.metrics) metrics[key] = value;
  Json j = {{"id", f.id},
            {"check", f.check},
            {"kind", f.kind},
            {"severity", severity_name(f.severity)},
            {"frame", f.frame_id},
            {"frame_index", f.frame},
            {"timestamp_us", f.timestamp_us},
            {"track_id", f.track_id},
            {"other_track_id", f.other_track_id},
            {"sensor", f.sensor},
            {"label_id", f.label_id},
            {"message", f.message},
            {"score", f.score},
            {"metrics", metrics},
            {"evidence", f.evidence}};
  return j;
}

}  // namespace

std::string check_report_json(const CheckRunInfo& run, const CheckResults& results, const WaivedFlags& flags) {
  Json checks = Json::array();
  for (const CheckRun& r : results.runs) {
    Json c = {{"check", r.check}, {"ran", r.skipped.empty()}};
    if (r.skipped.empty()) {
      int64_t waived = 0;
      for (const auto& [flag, waiver] : flags.waived) waived += flag.check == r.check;
      c["errors"] = r.errors, c["warnings"] = r.warnings, c["infos"] = r.infos, c["waived"] = waived;
      c["seconds"] = r.seconds;
      if (!r.notes.empty()) c["notes"] = r.notes;
    } else {
      c["skipped"] = r.skipped;
    }
    checks.push_back(c);
  }
  int64_t counts[3] = {0, 0, 0};
  Json active = Json::array();
  for (const Flag& f : flags.active) ++counts[int(f.severity)], active.push_back(flag_json(f));
  Json waived = Json::array();
  for (const auto& [flag, waiver] : flags.waived) {
    Json j = flag_json(flag);
    j["waiver"] = {{"by", waiver.by}, {"reason", waiver.reason}};
    waived.push_back(j);
  }
  Json unmatched = Json::array();
  for (const Waiver& w : flags.unmatched)
    unmatched.push_back({{"flag", w.flag_id}, {"by", w.by}, {"reason", w.reason}});
  Json doc = {
      {"format", "fuselabel-check-report"},
      {"version", 1},
      {"drive", {{"path", run.drive}, {"format", run.format}, {"frames", run.frames}}},
      {"labels",
       {{"source", run.labels},
        {"taxonomy", run.taxonomy},
        {"cuboids", run.cuboids},
        {"boxes_2d", run.boxes_2d},
        {"tracks", run.tracks}}},
      {"taxonomy_checked", run.checked_taxonomy},
      {"profile", run.profile},
      {"motion_frame", run.motion_frame},
      {"device", run.device},
      {"seconds_inputs", run.seconds_inputs},
      {"summary", {{"errors", counts[0]}, {"warnings", counts[1]}, {"infos", counts[2]}, {"waived", waived.size()}}},
      {"checks", checks},
      {"flags", active},
      {"waived", waived},
      {"unmatched_waivers", unmatched}};
  return doc.dump(2) + "\n";
}

}  // namespace fuselabel
