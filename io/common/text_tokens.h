#pragma once
// Strict tokenising of the whitespace-separated text formats (KITTI calib and labels): a
// number is accepted only when the whole token is one finite number, so "1.5x", "nan" or
// "1e999" never turn into silent garbage.
#include <charconv>
#include <cstdint>
#include <functional>
#include <optional>
#include <system_error>
#include <string>
#include <string_view>
#include <vector>

namespace fuselabel {

// Lines of `text` without their terminators ("\n" or "\r\n"); lines[i] is line i + 1.
std::vector<std::string_view> split_lines(std::string_view text);
// Tokens separated by spaces, tabs and other ASCII whitespace.
std::vector<std::string_view> split_whitespace(std::string_view line);
bool is_blank(std::string_view line);
// Calls visit(line_number, line) for every line of `text` (1-based numbers, terminators
// removed as split_lines does) without building a list: a file of blank lines costs nothing.
void for_each_line(std::string_view text, const std::function<void(int64_t, std::string_view)>& visit);
// The lines of `text` that are not blank: the records of a one-record-per-line file (KITTI
// labels), counted against a limit before any is parsed.
int64_t count_non_blank_lines(std::string_view text);
// "line L, column C (byte offset B)" of byte `offset` of `text` (1-based line and column).
std::string text_position(std::string_view text, size_t offset);

// The finite double spelled by the whole token (an optional leading '+' is allowed), else nullopt.
std::optional<double> parse_finite_double(std::string_view token);
// The integer of type Int spelled by the whole token (an optional leading '+' is allowed), else
// nullopt, also when it is out of Int's range ("-1" for an unsigned type, say).
template <typename Int>
std::optional<Int> parse_integer(std::string_view token) {
  if (token.size() > 1 && token[0] == '+' && token[1] != '+' && token[1] != '-') token.remove_prefix(1);
  Int value = 0;
  const char* end = token.data() + token.size();
  const auto [ptr, ec] = std::from_chars(token.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// `token` quoted for an error message: non-printable bytes escaped, long tokens shortened.
std::string quote_token(std::string_view token);

// `number` with leading zeros to at least `digits` digits (KITTI's file names: 7 -> "000007").
std::string zero_padded(int64_t number, size_t digits);

}  // namespace fuselabel
