// Deterministic identifiers (access keys, secrets, session tokens, role ids):
// injected and seeded, so the same world and script always print the same
// output (golden transcripts), and nothing reads a random device.
#pragma once

#include <cstdint>
#include <string>

namespace rolelab {

class IdGenerator {
 public:
  explicit IdGenerator(std::uint64_t seed = 0x5eed) : state_(seed) {}
  // prefix + n characters from [A-Z2-7] (the alphabet of AWS key ids).
  std::string key_id(const char* prefix, int n);
  // n characters from [A-Za-z0-9+/] (secrets, session tokens).
  std::string secret(int n);
  // n lowercase hex digits (EC2 association ids).
  std::string hex(int n);

 private:
  std::uint64_t next();
  std::uint64_t state_;
};

}  // namespace rolelab
