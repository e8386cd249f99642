#include "io/common/lzf.h"

#include <cstring>
#include <stdexcept>
#include <string>

namespace fuselabel {
namespace {

[[noreturn]] void malformed(size_t at, const std::string& problem) {
  throw std::invalid_argument("LZF data malformed at byte " + std::to_string(at) + ": " + problem);
}

}  // namespace

// The format: a control byte c. c < 32: a literal run of c + 1 bytes follows. Otherwise a back
// reference: length (c >> 5) + 2, or 7 + 2 + the next byte when c >> 5 is 7; distance
// ((c & 31) << 8) + the next byte + 1 back from the current output position.
void lzf_decompress(std::string_view compressed, char* out, size_t out_size) {
  const auto* in = reinterpret_cast<const unsigned char*>(compressed.data());
  const size_t in_size = compressed.size();
  size_t ip = 0, op = 0;
  while (ip < in_size) {
    const size_t control_at = ip;
    const unsigned control = in[ip++];
    if (control < 32) {
      const size_t run = control + 1;
      if (ip + run > in_size) malformed(control_at, "literal run past the end of the data");
      if (op + run > out_size) malformed(control_at, "output longer than the declared size");
      std::memcpy(out + op, in + ip, run);
      ip += run, op += run;
      continue;
    }
    size_t length = control >> 5;
    if (length == 7) {
      if (ip >= in_size) malformed(control_at, "back reference past the end of the data");
      length += in[ip++];
    }
    if (ip >= in_size) malformed(control_at, "back reference past the end of the data");
    const size_t distance = ((control & 31u) << 8) + in[ip++] + 1;
    length += 2;
    if (distance > op) malformed(control_at, "back reference before the start of the output");
    if (op + length > out_size) malformed(control_at, "output longer than the declared size");
    // Byte by byte: source and destination overlap when distance < length (a repeated run).
    for (size_t i = 0; i < length; ++i, ++op) out[op] = out[op - distance];
  }
  if (op != out_size)
    throw std::invalid_argument("LZF data decompresses to " + std::to_string(op) + " bytes, the header declares " +
                                std::to_string(out_size));
}

}  // namespace fuselabel
