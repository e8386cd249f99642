#pragma once
// Third-party decoders print their own diagnostics straight to stderr (libjpeg's "Premature end
// of JPEG file", libpng's "libpng error: IDAT: CRC error", OpenCV's imdecode warnings). Bad input
// must give one message, from us, naming the file, so a call into such a library runs with fd 2
// redirected into an anonymous temporary file and its text becomes part of our InputError.
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace fuselabel {

// Redirects file descriptor 2 for its lifetime (or until release()). fd 2 belongs to the whole
// process, so captures are serialised by one process-wide lock: another thread's write to stderr
// meanwhile is captured too, and its text ends up in the message of the call being captured.
// Nested captures in one thread are allowed. When no temporary file can be made, nothing is
// redirected and release() returns "".
class CapturedStderr {
 public:
  CapturedStderr();
  ~CapturedStderr();
  CapturedStderr(const CapturedStderr&) = delete;
  CapturedStderr& operator=(const CapturedStderr&) = delete;

  // Restores fd 2 and returns what was written to it (at most 64 KiB; the rest is dropped).
  // Later calls return "".
  std::string release();

 private:
  std::unique_lock<std::recursive_mutex> lock_;
  FILE* capture_ = nullptr;
  int saved_stderr_ = -1;
};

// `text` as one line for an error message: lines trimmed and joined with "; ", empty lines
// dropped, shortened to about max_chars with "..." at the end.
std::string as_one_line(std::string_view text, size_t max_chars = 300);

}  // namespace fuselabel
