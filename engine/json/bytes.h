// Comparing and copying a few bytes without a call: fixed-size copies into
// registers and overlapping word moves, which the compiler keeps inline.
// memcmp and memcpy are calls in WebAssembly (where the compiler does not
// expand them inline), and short keys and values are what a batch line
// compares and copies by the hundred (issue 12).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace rolelab::json {

// The N bytes at a and b are equal: eight, four, two and one at a time,
// each a fixed-size copy into a register (a memcmp call in WebAssembly,
// where the compiler does not expand it inline; a tenth of a batch line's
// comparing went through memcmp there, issue 12).
template <std::size_t N>
[[gnu::always_inline]] inline bool same_bytes(const char* a, const char* b) {
  if constexpr (N >= 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    return x == y && same_bytes<N - 8>(a + 8, b + 8);
  } else if constexpr (N >= 4) {
    std::uint32_t x, y;
    std::memcpy(&x, a, 4);
    std::memcpy(&y, b, 4);
    return x == y && same_bytes<N - 4>(a + 4, b + 4);
  } else if constexpr (N >= 2) {
    std::uint16_t x, y;
    std::memcpy(&x, a, 2);
    std::memcpy(&y, b, 2);
    return x == y && same_bytes<N - 2>(a + 2, b + 2);
  } else if constexpr (N == 1) {
    return *a == *b;
  } else {
    return true;
  }
}

// Copies n bytes (short runs, the common case, without a call to memcpy:
// overlapping word-sized moves, which read and write nothing outside the n).
inline void copy_bytes(char* d, const char* s, std::size_t n) {
  if (n <= 16) {
    if (n >= 8) {
      std::uint64_t a, b;
      std::memcpy(&a, s, 8);
      std::memcpy(&b, s + n - 8, 8);
      std::memcpy(d, &a, 8);
      std::memcpy(d + n - 8, &b, 8);
    } else if (n >= 4) {
      std::uint32_t a, b;
      std::memcpy(&a, s, 4);
      std::memcpy(&b, s + n - 4, 4);
      std::memcpy(d, &a, 4);
      std::memcpy(d + n - 4, &b, 4);
    } else if (n > 0) {
      d[0] = s[0];
      d[n / 2] = s[n / 2];
      d[n - 1] = s[n - 1];
    }
    return;
  }
  std::memcpy(d, s, n);
}

}  // namespace rolelab::json
