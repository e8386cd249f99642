#include "io/common/captured_stderr.h"

#include <unistd.h>

#include <cerrno>
#include <iostream>

namespace fuselabel {
namespace {

constexpr size_t kMaxCapturedBytes = 64 * 1024;

std::recursive_mutex& stderr_mutex() {
  static std::recursive_mutex mutex;
  return mutex;
}

// Text buffered in stdio or iostreams must reach the fd it was meant for, before and after the
// switch, or it would be captured (or shown) at the wrong time.
void flush_stderr_streams() {
  std::cerr.flush();
  std::clog.flush();
  std::fflush(stderr);
}

int dup2_retrying(int from, int to) {
  int result;
  do result = ::dup2(from, to);
  while (result < 0 && errno == EINTR);
  return result;
}

std::string_view trimmed(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

CapturedStderr::CapturedStderr() : lock_(stderr_mutex()) {
  flush_stderr_streams();
  capture_ = std::tmpfile();  // unlinked already: nothing is left behind, whatever happens
  if (!capture_) return;
  saved_stderr_ = ::dup(STDERR_FILENO);
  if (saved_stderr_ < 0 || dup2_retrying(::fileno(capture_), STDERR_FILENO) < 0) {
    if (saved_stderr_ >= 0) ::close(saved_stderr_);
    saved_stderr_ = -1;
    std::fclose(capture_);
    capture_ = nullptr;
  }
}

CapturedStderr::~CapturedStderr() { release(); }

std::string CapturedStderr::release() {
  if (!capture_) {
    if (lock_.owns_lock()) lock_.unlock();
    return "";
  }
  flush_stderr_streams();
  dup2_retrying(saved_stderr_, STDERR_FILENO);
  ::close(saved_stderr_);
  saved_stderr_ = -1;

  // The library wrote through fd 2, which shared capture_'s file offset: read from the start.
  std::string text;
  std::rewind(capture_);
  char chunk[4096];
  size_t n;
  while (text.size() < kMaxCapturedBytes && (n = std::fread(chunk, 1, sizeof chunk, capture_)) > 0)
    text.append(chunk, n);
  if (text.size() > kMaxCapturedBytes) text.resize(kMaxCapturedBytes);
  std::fclose(capture_);
  capture_ = nullptr;
  lock_.unlock();
  return text;
}

std::string as_one_line(std::string_view text, size_t max_chars) {
  std::string line;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view part = trimmed(text.substr(0, end));
    if (!part.empty()) line += (line.empty() ? "" : "; ") + std::string(part);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  if (line.size() > max_chars) line = line.substr(0, max_chars) + "...";
  return line;
}

}  // namespace fuselabel
