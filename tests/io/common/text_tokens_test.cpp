#include "io/common/text_tokens.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace fuselabel {
namespace {

TEST(TextTokens, NumbersMustSpanTheWholeToken) {
  EXPECT_EQ(parse_finite_double("1.5"), 1.5);
  EXPECT_EQ(parse_finite_double("-7.215377000000e+02"), -721.5377);
  EXPECT_EQ(parse_finite_double("+2"), 2.0);
  EXPECT_EQ(parse_finite_double("-1000"), -1000.0);
  for (const char* bad : {"", "1.5x", "x1.5", "1,5", "--1", "+-1", "++1", "+", "1e", "0x10", "1.5.2"})
    EXPECT_FALSE(parse_finite_double(bad)) << bad;
}

TEST(TextTokens, NonFiniteNumbersAreRejected) {
  for (const char* bad : {"nan", "NaN", "-nan", "inf", "-inf", "infinity", "1e999", "-1e400"})
    EXPECT_FALSE(parse_finite_double(bad)) << bad;
}

TEST(TextTokens, Integers) {
  EXPECT_EQ(parse_integer<int>("3"), 3);
  EXPECT_EQ(parse_integer<int>("-1"), -1);
  EXPECT_EQ(parse_integer<int>("+7"), 7);
  for (const char* bad : {"", "+", "++1", "+-1", " 1", "1.0", "1e2", "3a", "99999999999"})
    EXPECT_FALSE(parse_integer<int>(bad)) << bad;
  // Timestamps in microseconds and seeds use the full 64-bit ranges.
  EXPECT_EQ(parse_integer<int64_t>("+1700000000000000"), 1700000000000000);
  EXPECT_EQ(parse_integer<int64_t>("-9223372036854775808"), INT64_MIN);
  EXPECT_FALSE(parse_integer<int64_t>("9223372036854775808"));
  EXPECT_FALSE(parse_integer<int64_t>("12.0"));
  EXPECT_EQ(parse_integer<uint64_t>("18446744073709551615"), UINT64_MAX);
  EXPECT_FALSE(parse_integer<uint64_t>("18446744073709551616"));
  EXPECT_FALSE(parse_integer<uint64_t>("-1"));
}

TEST(TextTokens, LinesAndTokens) {
  const auto lines = split_lines("a b\r\n\n  c\t d  \nlast");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "a b");
  EXPECT_TRUE(is_blank(lines[1]));
  EXPECT_EQ(lines[3], "last");
  const auto tokens = split_whitespace(lines[2]);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0], "c");
  EXPECT_EQ(tokens[1], "d");
  EXPECT_EQ(split_lines("one\n").size(), 1u);
  EXPECT_TRUE(split_lines("").empty());
}

TEST(TextTokens, QuotedTokensAreReadableAndShort) {
  EXPECT_EQ(quote_token("abc"), "'abc'");
  EXPECT_EQ(quote_token(std::string_view("a\0\xff", 3)), "'a\\x00\\xff'");
  EXPECT_EQ(quote_token(std::string(100, 'z')), "'" + std::string(40, 'z') + "...'");
}

}  // namespace
}  // namespace fuselabel
