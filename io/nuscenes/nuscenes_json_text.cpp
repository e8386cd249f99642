#include "io/nuscenes/nuscenes_json_text.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "io/common/input_limits.h"
#include "model/input_error.h"

namespace fuselabel::nuscenes {
namespace {

// Closes a file descriptor on every path out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

JsonText::JsonText(const std::filesystem::path& file, size_t padding, std::vector<char>& buffer) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) throw InputError(file, "", "missing table");
  const Descriptor input{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
  if (input.fd < 0) throw InputError(file, "", std::string("cannot open: ") + std::strerror(errno));
  const off_t end = ::lseek(input.fd, 0, SEEK_END);
  if (end < 0) throw InputError(file, "", std::string("cannot read: ") + std::strerror(errno));
  check_file_size(end, file);
  size_ = static_cast<size_t>(end);

  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t tail = size_ % page;
  if (size_ > 0 && tail != 0 && page - tail >= padding) {
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE;  // map the cached pages in one call instead of one fault per page
#endif
    mapping_size_ = size_ + padding;
    mapping_ = ::mmap(nullptr, mapping_size_, PROT_READ, flags, input.fd, 0);
    if (mapping_ != MAP_FAILED) {
      data_ = static_cast<const char*>(mapping_);
      capacity_ = mapping_size_;
      return;
    }
    mapping_ = nullptr;  // fall back to reading
  }
  if (buffer.size() < size_ + padding) buffer.resize(size_ + padding);
  std::memset(buffer.data() + size_, 0, padding);
  for (size_t done = 0; done < size_;) {
    const ssize_t n = ::pread(input.fd, buffer.data() + done, size_ - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw InputError(file, "", std::string("cannot read: ") + (n < 0 ? std::strerror(errno) : "file shrank"));
    done += static_cast<size_t>(n);
  }
  data_ = buffer.data();
  capacity_ = buffer.size();
}

JsonText::~JsonText() {
  if (mapping_) ::munmap(mapping_, mapping_size_);
}

}  // namespace fuselabel::nuscenes
