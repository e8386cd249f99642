#include "io/common/text_tokens.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace fuselabel {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

// from_chars rejects a leading '+', which some writers emit; "+-1" stays invalid.
std::string_view strip_plus(std::string_view token) {
  if (token.size() > 1 && token[0] == '+' && token[1] != '+' && token[1] != '-') token.remove_prefix(1);
  return token;
}

}  // namespace

void for_each_line(std::string_view text, const std::function<void(int64_t, std::string_view)>& visit) {
  for (int64_t number = 1; !text.empty(); ++number) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    visit(number, line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for_each_line(text, [&](int64_t, std::string_view line) { lines.push_back(line); });
  return lines;
}

std::vector<std::string_view> split_whitespace(std::string_view line) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    const size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > start) tokens.push_back(line.substr(start, i - start));
  }
  return tokens;
}

bool is_blank(std::string_view line) {
  for (char c : line)
    if (!is_space(c)) return false;
  return true;
}

int64_t count_non_blank_lines(std::string_view text) {
  int64_t count = 0;
  for_each_line(text, [&](int64_t, std::string_view line) { count += !is_blank(line); });
  return count;
}

std::string text_position(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const size_t newline = before.rfind('\n');
  const size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1) + " (byte offset " +
         std::to_string(offset) + ")";
}

std::optional<double> parse_finite_double(std::string_view token) {
  token = strip_plus(token);
  double value = 0;
  const char* end = token.data() + token.size();
  const auto [ptr, ec] = std::from_chars(token.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string quote_token(std::string_view token) {
  constexpr size_t kMaxShown = 40;
  std::string out = "'";
  for (size_t i = 0; i < token.size() && i < kMaxShown; ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
      out += escaped;
    }
  }
  if (token.size() > kMaxShown) out += "...";
  return out + "'";
}

std::string zero_padded(int64_t number, size_t digits) {
  const std::string s = std::to_string(number);
  return std::string(digits > s.size() ? digits - s.size() : 0, '0') + s;
}

}  // namespace fuselabel
