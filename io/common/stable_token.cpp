#include "io/common/stable_token.h"

#include <cstdint>

namespace fuselabel {

std::string stable_token(const std::vector<std::string>& parts) {
  using u128 = unsigned __int128;
  // FNV-1a, 128 bits: offset basis 144066263297769815596495629667062367629, prime 2^88 + 0x13b.
  const u128 prime = (u128{1} << 88) | 0x13b;
  u128 hash = (u128{0x6c62272e07bb0142ull} << 64) | 0x62b821756295c58dull;
  const auto add = [&](unsigned char byte) {
    hash ^= byte;
    hash *= prime;
  };
  for (const std::string& part : parts) {
    for (unsigned char c : part) add(c);
    add(0x1f);  // unit separator: no part boundary can be confused with content
  }
  static const char kHex[] = "0123456789abcdef";
  std::string token(32, '0');
  for (int i = 31; i >= 0; --i, hash >>= 4) token[size_t(i)] = kHex[unsigned(hash & 0xf)];
  return token;
}

}  // namespace fuselabel
