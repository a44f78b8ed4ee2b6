#include "world/ids.h"

namespace rolelab {

// splitmix64: small, fast, and good enough for simulated identifiers.
std::uint64_t IdGenerator::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::string IdGenerator::key_id(const char* prefix, int n) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out = prefix;
  for (int k = 0; k < n; ++k) out += alphabet[next() % 32];
  return out;
}

std::string IdGenerator::secret(int n) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (int k = 0; k < n; ++k) out += alphabet[next() % 64];
  return out;
}

std::string IdGenerator::hex(int n) {
  std::string out;
  for (int k = 0; k < n; ++k) out += "0123456789abcdef"[next() % 16];
  return out;
}

}  // namespace rolelab
