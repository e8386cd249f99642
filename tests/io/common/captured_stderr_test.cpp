// CapturedStderr: what third-party code writes to fd 2 is handed back, nothing of it reaches
// the real stderr, and stderr works as before afterwards.
#include "io/common/captured_stderr.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <iostream>

namespace fuselabel {
namespace {

TEST(CapturedStderr, TakesWhatIsWrittenToFdTwoByAnyRoute) {
  ::testing::internal::CaptureStderr();
  std::string captured;
  {
    CapturedStderr capture;
    ASSERT_EQ(::write(STDERR_FILENO, "raw write\n", 10), 10);
    std::fprintf(stderr, "stdio %d\n", 2);
    std::cerr << "iostream" << std::endl;
    captured = capture.release();
    EXPECT_EQ(capture.release(), "");  // once only
  }
  std::cerr << "after";
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "after");
  EXPECT_EQ(captured, "raw write\nstdio 2\niostream\n");
}

TEST(CapturedStderr, NestsAndRestoresOnDestruction) {
  ::testing::internal::CaptureStderr();
  std::string outer_text, inner_text;
  {
    CapturedStderr outer;
    std::fputs("outer 1\n", stderr);
    {
      CapturedStderr inner;
      std::fputs("inner\n", stderr);
      inner_text = inner.release();
    }
    std::fputs("outer 2\n", stderr);
    {
      CapturedStderr dropped;
      std::fputs("dropped\n", stderr);
    }  // released by its destructor
    outer_text = outer.release();
  }
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(inner_text, "inner\n");
  EXPECT_EQ(outer_text, "outer 1\nouter 2\n");
}

TEST(CapturedStderr, KeepsAtMost64KiB) {
  CapturedStderr capture;
  const std::string line(1000, 'x');
  for (int i = 0; i < 100; ++i) std::fprintf(stderr, "%s\n", line.c_str());
  EXPECT_EQ(capture.release().size(), 64u * 1024u);
}

TEST(CapturedStderr, AsOneLineJoinsTrimsAndShortens) {
  EXPECT_EQ(as_one_line("  libpng error: IDAT: CRC error \n\n second\r\n"), "libpng error: IDAT: CRC error; second");
  EXPECT_EQ(as_one_line(""), "");
  EXPECT_EQ(as_one_line(std::string(50, 'a'), 10), "aaaaaaaaaa...");
}

}  // namespace
}  // namespace fuselabel
