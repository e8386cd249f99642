// KITTI object label files (label_2/ID.txt): one object per line, 15 whitespace-separated
// columns, a 16th (score) in detector output. Format: KITTI object devkit readme.txt. The
// column parser is shared with the tracking labels (kitti_tracking_labels.cpp).
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/common/file_read.h"
#include "io/common/input_limits.h"
#include "model/coordinate_ranges.h"
#include "model/input_error.h"
#include "io/kitti/kitti_object.h"
#include "io/common/text_tokens.h"

namespace fuselabel {
namespace {

enum Column {
  kType,
  kTruncated,
  kOccluded,
  kAlpha,
  kLeft,
  kTop,
  kRight,
  kBottom,
  kHeight,
  kWidth,
  kLength,
  kX,
  kY,
  kZ,
  kRotationY,
  kScore,
  kColumnCount
};

constexpr std::array<const char*, kColumnCount> kColumnNames = {
    "type",   "truncated", "occluded", "alpha",      "bbox_left",  "bbox_top",   "bbox_right", "bbox_bottom",
    "height", "width",     "length",   "location_x", "location_y", "location_z", "rotation_y", "score"};

constexpr std::array<const char*, 9> kTypes = {"Car",     "Van",  "Truck", "Pedestrian", "Person_sitting",
                                               "Cyclist", "Tram", "Misc",  "DontCare"};
// The tracking benchmark's label files name sitting persons "Person" (TrackEval's KITTI class
// table lists it as class 5 beside Pedestrian).
constexpr const char* kTrackingOnlyType = "Person";

// The devkits give alpha and rotation_y in [-pi, pi]; a writer rounding to k decimals may
// exceed pi by half a unit of its last decimal (3.142 for k = 3), never by more than this.
constexpr double kAngleRoundingTolerance = 1e-3;
constexpr double kPi = 3.14159265358979323846;

bool is_known_type(std::string_view type, KittiLabelFlavour flavour) {
  for (const char* known : kTypes)
    if (type == known) return true;
  return flavour == KittiLabelFlavour::Tracking && type == kTrackingOnlyType;
}

std::string known_types_list(KittiLabelFlavour flavour) {
  std::string list;
  for (const char* known : kTypes) list += (list.empty() ? "" : ", ") + std::string(known);
  if (flavour == KittiLabelFlavour::Tracking) list += std::string(", ") + kTrackingOnlyType;
  return list;
}

// Parses the columns of one line; every failure names the line and the column.
class LineParser {
 public:
  LineParser(const std::filesystem::path& file, int line, const std::vector<std::string_view>& tokens)
      : file_(file), line_(line), tokens_(tokens) {}

  [[noreturn]] void fail(Column column, const std::string& problem) const {
    throw InputError(file_, "line " + std::to_string(line_) + ", field '" + kColumnNames[column] + "'", problem);
  }

  // Every number of a line, DontCare placeholders (-1000) and pixels included, lies within the
  // coordinate range: 1e300 in any column is refused here.
  double number(Column column) const {
    const auto value = parse_finite_double(tokens_[column]);
    if (!value) fail(column, quote_token(tokens_[column]) + " is not a finite number");
    const std::string problem = coordinate_problem(*value);
    if (!problem.empty()) fail(column, problem);
    return *value;
  }

  double box_size(Column column) const {
    const double value = number(column);
    const std::string problem = box_size_problem(value);
    if (!problem.empty()) fail(column, problem);
    return value;
  }

  double angle(Column column) const {
    const double value = number(column);
    if (!(std::fabs(value) <= kPi + kAngleRoundingTolerance))
      fail(column, "must be an angle in [-pi, pi], got " + std::string(tokens_[column]));
    return value;
  }

  int integer(Column column) const {
    const auto value = parse_integer<int>(tokens_[column]);
    if (!value) fail(column, quote_token(tokens_[column]) + " is not an integer");
    return *value;
  }

 private:
  const std::filesystem::path& file_;
  int line_;
  const std::vector<std::string_view>& tokens_;
};

}  // namespace

KittiObjectLabel parse_kitti_label_columns(const std::filesystem::path& file, int line_no,
                                           const std::vector<std::string_view>& tokens, KittiLabelFlavour flavour) {
  if (tokens.size() != 15 && tokens.size() != 16)
    throw std::invalid_argument("parse_kitti_label_columns: expected 15 or 16 columns, got " +
                                std::to_string(tokens.size()));
  const LineParser parse(file, line_no, tokens);
  KittiObjectLabel label;
  label.line = line_no;
  label.type = std::string(tokens[kType]);
  if (!is_known_type(label.type, flavour))
    parse.fail(kType,
               "unknown type " + quote_token(tokens[kType]) + " (expected one of " + known_types_list(flavour) + ")");
  const bool dont_care = label.type == "DontCare";

  // -1 marks "not annotated": DontCare regions and detector output.
  if (flavour == KittiLabelFlavour::Tracking) {
    const int level = parse.integer(kTruncated);
    if (level < -1 || level > 2) parse.fail(kTruncated, "must be 0, 1, 2 or -1, got " + std::string(tokens[kTruncated]));
    label.truncated = level;
  } else {
    label.truncated = parse.number(kTruncated);
    if (label.truncated != -1 && !(label.truncated >= 0 && label.truncated <= 1))
      parse.fail(kTruncated, "must be in [0, 1] or -1, got " + std::string(tokens[kTruncated]));
  }
  label.occluded = parse.integer(kOccluded);
  if (label.occluded < -1 || label.occluded > 3)
    parse.fail(kOccluded, "must be 0, 1, 2, 3 or -1, got " + std::string(tokens[kOccluded]));

  label.box2d = {parse.number(kLeft), parse.number(kTop), parse.number(kRight), parse.number(kBottom)};
  if (label.box2d.x2 < label.box2d.x1) parse.fail(kRight, "bbox_right is left of bbox_left");
  if (label.box2d.y2 < label.box2d.y1) parse.fail(kBottom, "bbox_bottom is above bbox_top");

  // DontCare regions have no 3D box: their placeholders (-1 or -1000 sizes, -10 angles) are
  // only held to the coordinate range. Detector output (a score column) is not held to the
  // angle range: detectors commonly leave alpha and rotation_y unwrapped.
  const bool has_score = tokens.size() == 16;
  const bool box_angles = !dont_care && !has_score;
  label.alpha = box_angles ? parse.angle(kAlpha) : parse.number(kAlpha);
  label.height = dont_care ? parse.number(kHeight) : parse.box_size(kHeight);
  label.width = dont_care ? parse.number(kWidth) : parse.box_size(kWidth);
  label.length = dont_care ? parse.number(kLength) : parse.box_size(kLength);
  label.location = {parse.number(kX), parse.number(kY), parse.number(kZ)};
  label.rotation_y = box_angles ? parse.angle(kRotationY) : parse.number(kRotationY);
  if (has_score) label.score = parse.number(kScore);
  return label;
}

std::vector<KittiObjectLabel> read_kitti_object_labels(const std::filesystem::path& file) {
  const std::string text = read_file_bytes(file);
  const int64_t count = count_non_blank_lines(text);
  check_label_count(count, file, "");
  std::vector<KittiObjectLabel> labels;
  labels.reserve(size_t(count));
  for_each_line(text, [&](int64_t line, std::string_view content) {
    if (is_blank(content)) return;
    const auto tokens = split_whitespace(content);
    if (tokens.size() != 15 && tokens.size() != 16)
      throw InputError(file, "line " + std::to_string(line),
                       "expected 15 columns (16 with score), found " + std::to_string(tokens.size()));
    labels.push_back(parse_kitti_label_columns(file, int(line), tokens, KittiLabelFlavour::Object));
  });
  return labels;
}

}  // namespace fuselabel
