// KITTI tracking label files: the two leading columns (frame, track id) are parsed here, the
// object columns by the parser shared with the object benchmark (kitti_object_labels.cpp).
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "io/common/file_read.h"
#include "io/common/input_limits.h"
#include "model/input_error.h"
#include "io/kitti/kitti_tracking.h"
#include "io/common/text_tokens.h"

namespace fuselabel {
namespace {

constexpr size_t kColumns = 17;  // 18 with a tracker's score

std::string where(int line, const char* field) {
  return "line " + std::to_string(line) + ", field '" + field + "'";
}

int parse_integer_field(const std::filesystem::path& file, int line, const char* field, std::string_view token) {
  const auto value = parse_integer<int>(token);
  if (!value) throw InputError(file, where(line, field), quote_token(token) + " is not an integer");
  return *value;
}

KittiTrackingLabel parse_line(const std::filesystem::path& file, int line, const std::vector<std::string_view>& tokens) {
  if (tokens.size() != kColumns && tokens.size() != kColumns + 1)
    throw InputError(file, "line " + std::to_string(line),
                     "expected 17 columns (18 with score), found " + std::to_string(tokens.size()));
  KittiTrackingLabel label;
  label.frame = parse_integer_field(file, line, "frame", tokens[0]);
  if (label.frame < 0 || label.frame > KittiTrackingLabel::kMaxFrame)
    throw InputError(file, where(line, "frame"),
                     "must be in 0.." + std::to_string(KittiTrackingLabel::kMaxFrame) + ", got " +
                         std::string(tokens[0]));
  label.track_id = parse_integer_field(file, line, "track_id", tokens[1]);
  label.object = parse_kitti_label_columns(file, line, {tokens.begin() + 2, tokens.end()}, KittiLabelFlavour::Tracking);

  const bool dont_care = label.object.type == "DontCare";
  if (dont_care && label.track_id != -1)
    throw InputError(file, where(line, "track_id"),
                     "DontCare regions belong to no track (-1), got " + std::string(tokens[1]));
  if (!dont_care && label.track_id < 0)
    throw InputError(file, where(line, "track_id"),
                     "must be a track id >= 0 (only DontCare regions have -1), got " + std::string(tokens[1]));
  return label;
}

}  // namespace

std::vector<KittiTrackingLabel> read_kitti_tracking_labels(const std::filesystem::path& file) {
  const std::string text = read_file_bytes(file);
  const int64_t count = count_non_blank_lines(text);
  check_label_count(count, file, "");
  std::vector<KittiTrackingLabel> labels;
  labels.reserve(size_t(count));
  std::map<std::pair<int, int>, int> line_of_track_in_frame;  // (frame, track id) -> line
  for_each_line(text, [&](int64_t line_number, std::string_view content) {
    if (is_blank(content)) return;
    const int line = static_cast<int>(line_number);
    KittiTrackingLabel label = parse_line(file, line, split_whitespace(content));
    if (label.track_id >= 0) {
      const auto [it, inserted] = line_of_track_in_frame.emplace(std::make_pair(label.frame, label.track_id), line);
      if (!inserted)
        throw InputError(file, where(line, "track_id"),
                         "track " + std::to_string(label.track_id) + " already has a box in frame " +
                             std::to_string(label.frame) + " (line " + std::to_string(it->second) + ")");
    }
    labels.push_back(std::move(label));
  });
  return labels;
}

}  // namespace fuselabel
