// Hostile images (issue 10): headers claiming sizes over the limits fail before any decoding,
// truncated PNGs and JPEGs fail at the cheap look at their last bytes, decoder complaints become
// one InputError instead of text on stderr, and DriveReader::check_image compares the image with
// its camera model. Every input is generated here.
#include <gtest/gtest.h>

#include <chrono>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "io/common/image_header.h"
#include "io/common/image_io.h"
#include "io/drive_reader.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;

cv::Mat noise_image(int width, int height) {
  cv::Mat image(height, width, CV_8UC3);
  cv::randu(image, 0, 255);  // fixed seed: OpenCV's default RNG state
  return image;
}

std::string encoded(const cv::Mat& image, const std::string& extension) {
  std::vector<uchar> bytes;
  EXPECT_TRUE(cv::imencode(extension, image, bytes));
  return {bytes.begin(), bytes.end()};
}

void put_big_endian(std::string& bytes, size_t at, uint32_t value, int count) {
  for (int i = count - 1; i >= 0; --i, value >>= 8) bytes[at + i] = char(value & 0xFF);
}

// A complete small PNG whose IHDR claims width x height (the IHDR's CRC no longer matches, which
// only a decoder would notice).
std::string png_claiming(uint32_t width, uint32_t height) {
  std::string png = encoded(noise_image(8, 8), ".png");
  put_big_endian(png, 16, width, 4);
  put_big_endian(png, 20, height, 4);
  return png;
}

std::string jpeg_claiming(uint32_t width, uint32_t height) {
  std::string jpeg = encoded(noise_image(8, 8), ".jpg");
  const size_t sof = jpeg.find("\xff\xc0");  // baseline start of frame: FF C0 length(2) precision(1) height width
  EXPECT_NE(sof, std::string::npos);
  put_big_endian(jpeg, sof + 5, height, 2);
  put_big_endian(jpeg, sof + 7, width, 2);
  return jpeg;
}

// Runs `call`, expecting an InputError with `mentions`, and returns how long it took.
double seconds_to_fail(const std::function<void()>& call, const std::vector<std::string>& mentions) {
  const auto start = std::chrono::steady_clock::now();
  expect_input_error(call, mentions);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(HostileImage, PngHeaderOverTheSideLimitFailsBeforeDecoding) {
  TempDir dir;
  for (const uint32_t side : {100000u, 30000u}) {
    SCOPED_TRACE(side);
    testing::write_text(dir / "huge.png", png_claiming(side, side));
    const std::vector<std::string> mentions = {"huge.png", "PNG header (IHDR)",
                                               "image width " + std::to_string(side) + " exceeds the limit of 16384",
                                               "FUSELABEL_MAX_IMAGE_SIDE"};
    EXPECT_LT(seconds_to_fail([&] { read_image_size(dir / "huge.png"); }, mentions), 0.5);
    EXPECT_LT(seconds_to_fail([&] { read_image(dir / "huge.png"); }, mentions), 0.5);
  }
}

TEST(HostileImage, PixelLimitAndJpegFrameHeader) {
  TempDir dir;
  testing::write_text(dir / "wide.png", png_claiming(10000, 10000));
  expect_input_error([&] { read_image(dir / "wide.png"); },
                     {"wide.png", "PNG header (IHDR)", "image pixels 100000000 exceeds the limit of 64000000",
                      "FUSELABEL_MAX_IMAGE_PIXELS"});
  testing::write_text(dir / "huge.jpg", jpeg_claiming(60000, 300));
  expect_input_error([&] { read_image_size(dir / "huge.jpg"); },
                     {"huge.jpg", "JPEG header (SOF)", "image width 60000 exceeds the limit of 16384"});
  expect_input_error([&] { read_image(dir / "huge.jpg"); }, {"huge.jpg", "JPEG header (SOF)", "image width 60000"});
}

TEST(HostileImage, TruncatedPngAndJpegFailAtTheHeaderCheck) {
  TempDir dir;
  const std::string png = encoded(noise_image(64, 48), ".png"), jpeg = encoded(noise_image(64, 48), ".jpg");
  testing::write_text(dir / "cut.png", png.substr(0, png.size() / 2));
  testing::write_text(dir / "cut.jpg", jpeg.substr(0, jpeg.size() / 2));
  testing::write_text(dir / "tail.jpg", jpeg + "trailing bytes");
  for (const auto& read : std::vector<std::function<void(const std::filesystem::path&)>>{
           [](const std::filesystem::path& p) { read_image_size(p); },
           [](const std::filesystem::path& p) { read_image(p); }}) {
    expect_input_error([&] { read(dir / "cut.png"); }, {"cut.png", "truncated", "IEND"});
    expect_input_error([&] { read(dir / "cut.jpg"); }, {"cut.jpg", "truncated", "FF D9"});
    expect_input_error([&] { read(dir / "tail.jpg"); }, {"tail.jpg", "truncated", "FF D9"});
  }
  testing::write_text(dir / "whole.png", png);
  testing::write_text(dir / "whole.jpg", jpeg);
  EXPECT_EQ(read_image_size(dir / "whole.png"), cv::Size(64, 48));
  EXPECT_EQ(read_image_size(dir / "whole.jpg"), cv::Size(64, 48));
}

TEST(HostileImage, LargeJpegHeaderSegmentsAreReadWhole) {
  // An APP segment of 60000 bytes before the frame header: more than read_image_size's first
  // read, so it reads the whole file instead.
  TempDir dir;
  const std::string jpeg = encoded(noise_image(40, 30), ".jpg");
  std::string app(60004, '\0');
  app[0] = char(0xFF), app[1] = char(0xE5);
  put_big_endian(app, 2, 60002, 2);
  testing::write_text(dir / "app.jpg", jpeg.substr(0, 2) + app + jpeg.substr(2));
  EXPECT_EQ(read_image_size(dir / "app.jpg"), cv::Size(40, 30));
}

// Decodes `file` with gtest capturing stderr: the InputError must carry the decoder's words and
// nothing may reach the terminal.
void expect_decoder_error_on_no_stderr(const std::filesystem::path& file, const std::vector<std::string>& mentions) {
  ::testing::internal::CaptureStderr();
  expect_input_error([&] { read_image(file); }, mentions);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

TEST(HostileImage, DecoderWarningsBecomeTheMessageAndStayOffStderr) {
  TempDir dir;
  const std::string jpeg = encoded(noise_image(64, 48), ".jpg");
  // Cut in half but ending with EOI: the tail check passes, libjpeg warns and fills in gray.
  testing::write_text(dir / "half.jpg", jpeg.substr(0, jpeg.size() / 2) + "\xff\xd9");
  EXPECT_EQ(read_image_size(dir / "half.jpg"), cv::Size(64, 48));  // header and end are fine
  expect_decoder_error_on_no_stderr(dir / "half.jpg",
                                    {"half.jpg", "cannot decode image: the decoder reports: Corrupt JPEG data"});

  std::string png = encoded(noise_image(64, 48), ".png");
  png[png.find("IDAT") + 20] ^= 0x55;
  testing::write_text(dir / "crc.png", png);
  expect_decoder_error_on_no_stderr(dir / "crc.png",
                                    {"crc.png", "cannot decode image", "libpng error: IDAT: CRC error"});
}

TEST(HostileImage, WarningsAboutAncillaryPngChunksDoNotFailTheImage) {
  // A tEXt chunk with a wrong CRC: libpng warns and skips it; the pixels are intact.
  TempDir dir;
  const std::string png = encoded(noise_image(16, 8), ".png");
  const std::string text_chunk = std::string("\0\0\0\x05tEXtab\0cdXXXX", 17);
  testing::write_text(dir / "text.png", png.substr(0, 33) + text_chunk + png.substr(33));  // after IHDR
  ::testing::internal::CaptureStderr();
  const cv::Mat image = read_image(dir / "text.png");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(image.size(), cv::Size(16, 8));
}

// DriveReader with nothing but its image check.
class ImageCheckReader : public DriveReader {
 public:
  PointSweep load_points(const Sensor&, const SensorSample&) const override { return {}; }
};

Sensor camera_with_model(int width, int height) {
  Sensor camera;
  camera.name = "CAM_FRONT";
  camera.kind = SensorKind::Camera;
  camera.camera = CameraModeld{};
  camera.camera->width = width, camera.camera->height = height;
  return camera;
}

TEST(HostileImage, CheckImageComparesTheImageWithTheCameraModel) {
  TempDir dir;
  write_image(dir / "square.png", noise_image(400, 400));
  write_image(dir / "fits.png", noise_image(480, 270));
  const ImageCheckReader reader;
  const Sensor camera = camera_with_model(480, 270);
  const SensorSample square{0, dir / "square.png", {}, "token7"};
  expect_input_error(
      [&] { reader.check_image(camera, square); },
      {"square.png", "CAM_FRONT sample_data token7", "image is 400x400, camera CAM_FRONT model is 480x270"});
  reader.check_image(camera, SensorSample{0, dir / "fits.png", {}, {}});

  Sensor without_model = camera;
  without_model.camera.reset();
  reader.check_image(without_model, square);  // nothing to compare with: the header checks only

  const std::string png = testing::read_text(dir / "fits.png");
  testing::write_text(dir / "cut.png", png.substr(0, png.size() - 5));
  expect_input_error(
      [&] {
        reader.check_image(camera, SensorSample{0, dir / "cut.png", {}, {}});
      },
      {"cut.png", "truncated"});
  testing::write_text(dir / "huge.png", png_claiming(100000, 100000));
  expect_input_error(
      [&] {
        reader.check_image(camera, SensorSample{0, dir / "huge.png", {}, {}});
      },
      {"huge.png", "FUSELABEL_MAX_IMAGE_SIDE"});
}

}  // namespace
}  // namespace fuselabel
