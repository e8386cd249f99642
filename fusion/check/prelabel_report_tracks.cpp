#include "fusion/check/prelabel_report_tracks.h"

#include "io/common/json_field.h"
#include "model/input_error.h"

namespace fuselabel {
namespace {

int64_t frame_of(const JsonField& id, const DriveReader& reader) {
  const std::string text = id.text();
  try {
    return int64_t(reader.frame_index(text));
  } catch (const InputError&) {
    id.fail("frame '" + text + "' is not one of the drive's");
  }
}

}  // namespace

PrelabelReportTracks read_prelabel_report_tracks(const std::filesystem::path& file, const DriveReader& reader) {
  const nlohmann::json doc = parse_json_file(file);
  const JsonField root{file, doc, ""};
  PrelabelReportTracks report;
  report.file = file;
  for (const JsonField& t : root.required("tracks").items()) {
    PropagatedTrack track;
    track.track_id = t.required("track_id").text();
    for (const JsonField& f : t.required("flagged_frames").items()) track.flagged_frames.push_back(frame_of(f, reader));
    for (const JsonField& f : t.required("frames").items()) {
      PropagatedFrame frame;
      frame.frame = frame_of(f.required("frame"), reader);
      const JsonField source = f.required("source");
      try {
        frame.source = parse_label_source(source.text());
      } catch (const std::invalid_argument& e) {
        source.fail(e.what());
      }
      if (f.has("fit_score")) frame.fit_score = f.at("fit_score").number();
      if (f.has("lidar_points")) frame.lidar_points = f.at("lidar_points").integer_at_least(0);
      track.frames.push_back(frame);
    }
    report.tracks.push_back(std::move(track));
  }
  return report;
}

}  // namespace fuselabel
