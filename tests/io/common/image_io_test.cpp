#include "io/common/image_io.h"
#include "io/common/image_header.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <random>

#include "fuzz_support.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;

cv::Mat gradient_image(int width, int height) {
  cv::Mat image(height, width, CV_8UC3);
  for (int r = 0; r < height; ++r)
    for (int c = 0; c < width; ++c) image.at<cv::Vec3b>(r, c) = cv::Vec3b(uchar(c * 3), uchar(r * 5), uchar(c + r));
  return image;
}

TEST(ImageIo, PngRoundTripIsLossless) {
  TempDir dir;
  const cv::Mat image = gradient_image(64, 48);
  write_image(dir / "out/image.png", image);  // creates the missing folder
  const cv::Mat read = read_image(dir / "out/image.png");
  ASSERT_EQ(read.type(), CV_8UC3);
  ASSERT_EQ(read.size(), image.size());
  EXPECT_EQ(cv::norm(read, image, cv::NORM_INF), 0.0);
  EXPECT_EQ(read_image_size(dir / "out/image.png"), cv::Size(64, 48));
}

TEST(ImageIo, JpegRoundTripIsClose) {
  TempDir dir;
  const cv::Mat image = gradient_image(64, 48);
  write_image(dir / "image.JPG", image, 98);
  const cv::Mat read = read_image(dir / "image.JPG");
  ASSERT_EQ(read.size(), image.size());
  EXPECT_LT(cv::norm(read, image, cv::NORM_L1) / double(image.total() * 3), 4.0);
}

TEST(ImageIo, SixteenBitDepthImageStaysSixteenBit) {
  TempDir dir;
  cv::Mat depth(10, 20, CV_16UC1);
  for (int i = 0; i < 200; ++i) depth.at<uint16_t>(i / 20, i % 20) = uint16_t(i * 300);
  write_image(dir / "depth.png", depth);
  // read_image promises 8-bit BGR, so check the file itself with OpenCV directly.
  const std::string bytes = testing::read_text(dir / "depth.png");
  const cv::Mat raw(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
  const cv::Mat decoded = cv::imdecode(raw, cv::IMREAD_UNCHANGED);
  ASSERT_EQ(decoded.type(), CV_16UC1);
  EXPECT_EQ(cv::norm(decoded, depth, cv::NORM_INF), 0.0);
}

TEST(ImageIo, MissingAndUndecodableFilesAreInputErrors) {
  TempDir dir;
  expect_input_error([&] { read_image(dir / "absent.png"); }, {"absent.png", "no such file"});
  testing::write_text(dir / "garbage.png", "this is not a PNG");
  expect_input_error([&] { read_image(dir / "garbage.png"); }, {"garbage.png", "cannot decode"});
  testing::write_text(dir / "empty.png", "");
  expect_input_error([&] { read_image_size(dir / "empty.png"); }, {"empty.png", "cannot decode"});
}

TEST(ImageIo, TruncatedPngIsAnInputError) {
  TempDir dir;
  write_image(dir / "full.png", gradient_image(64, 48));
  const std::string bytes = testing::read_text(dir / "full.png");
  testing::write_text(dir / "cut.png", bytes.substr(0, bytes.size() / 2));
  expect_input_error([&] { read_image(dir / "cut.png"); }, {"cut.png"});
}

TEST(ImageIo, UnknownExtensionOrEmptyImageThrows) {
  TempDir dir;
  EXPECT_THROW(write_image(dir / "image.xyz", gradient_image(4, 4)), std::runtime_error);
  EXPECT_THROW(write_image(dir / "image.png", cv::Mat()), std::invalid_argument);
  EXPECT_FALSE(std::filesystem::exists(dir / "image.xyz"));
}

std::string encoded(const cv::Mat& image, const std::string& extension, const std::vector<int>& params = {}) {
  std::vector<uchar> bytes;
  EXPECT_TRUE(cv::imencode(extension, image, bytes, params));
  return {bytes.begin(), bytes.end()};
}

TEST(ImageHeader, SizeEqualsTheDecodedSizeForPngAndJpeg) {
  for (const cv::Size size : {cv::Size(1, 1), cv::Size(64, 48), cv::Size(1242, 375), cv::Size(17, 3000)}) {
    SCOPED_TRACE(std::to_string(size.width) + "x" + std::to_string(size.height));
    const cv::Mat image = gradient_image(size.width, size.height);
    cv::Mat depth;
    image.convertTo(depth, CV_16U);
    cv::cvtColor(depth, depth, cv::COLOR_BGR2GRAY);
    const std::vector<std::string> files = {
        encoded(image, ".png"), encoded(depth, ".png"), encoded(image, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 40}),
        encoded(image, ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1})};
    for (const std::string& bytes : files) {
      const cv::Mat raw(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
      ASSERT_EQ(png_or_jpeg_size(bytes), cv::imdecode(raw, cv::IMREAD_UNCHANGED).size());
    }
  }
}

TEST(ImageHeader, OtherFormatsAreDecodedAndBadHeadersAreInputErrors) {
  TempDir dir;
  testing::write_text(dir / "image.bmp", encoded(gradient_image(30, 20), ".bmp"));
  EXPECT_FALSE(png_or_jpeg_size(testing::read_text(dir / "image.bmp")).has_value());
  EXPECT_EQ(read_image_size(dir / "image.bmp"), cv::Size(30, 20));
  const std::string png = encoded(gradient_image(30, 20), ".png"), jpeg = encoded(gradient_image(30, 20), ".jpg");
  testing::write_text(dir / "cut.png", png.substr(0, 20));
  expect_input_error([&] { read_image_size(dir / "cut.png"); }, {"cut.png", "cannot decode image header", "IHDR"});
  testing::write_text(dir / "cut.jpg", jpeg.substr(0, 40));
  expect_input_error([&] { read_image_size(dir / "cut.jpg"); }, {"cut.jpg", "cannot decode image header"});
  std::string zero = png;
  for (int i = 16; i < 20; ++i) zero[i] = 0;  // width 0
  testing::write_text(dir / "zero.png", zero);
  expect_input_error([&] { read_image_size(dir / "zero.png"); }, {"zero.png", "invalid size 0x20"});
}

TEST(ImageHeader, EveryPrefixAndMutationReturnsOrThrowsInvalidArgument) {
  const std::string png = encoded(gradient_image(40, 30), ".png"), jpeg = encoded(gradient_image(40, 30), ".jpg");
  std::mt19937 rng(99);
  int sized = 0;
  for (const std::string& valid : {png, jpeg}) {
    for (size_t n = 0; n <= std::min<size_t>(valid.size(), 700); ++n) {
      try {
        sized += png_or_jpeg_size(valid.substr(0, n)).has_value();
      } catch (const std::invalid_argument&) {
      }
    }
    for (int round = 0; round < 2000; ++round) {
      try {
        sized += png_or_jpeg_size(testing::mutate_bytes(valid, rng)).has_value();
      } catch (const std::invalid_argument&) {
      }
    }
  }
  EXPECT_GT(sized, 0);
}

TEST(ImageIo, RealKittiImage) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training/image_2/000008.png");
  const cv::Mat image = read_image(testing::shared_data("kitti-object/training/image_2/000008.png"));
  EXPECT_EQ(image.size(), cv::Size(1242, 375));
  EXPECT_EQ(image.type(), CV_8UC3);
  EXPECT_EQ(read_image_size(testing::shared_data("kitti-object/training/image_2/000008.png")), image.size());
}

}  // namespace
}  // namespace fuselabel
