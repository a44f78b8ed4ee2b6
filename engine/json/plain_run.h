// Scanning JSON text eight bytes at a time. Reading and writing string
// literals byte by byte with a table look-up was the largest single cost of
// a `simulate --batch` line (issue 12); almost every byte of an ARN, key or
// explanation is "plain": printable ASCII that is neither '"' nor '\\', and
// so is copied as it is in both directions. These helpers find the end of a
// plain run a machine word at a time (the classic "does this word hold a
// byte below n / equal to c" bit tricks), then finish byte by byte. Where
// SSE2 is there (every x86-64), sixteen bytes at a time first: the scan was
// still a tenth of a batch line eight bytes at a time (issue 12).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rolelab::json {

namespace plain_detail {

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

// Nonzero when some byte of w is below n (n <= 128). Exact as to whether
// one exists (not which one), which is all the callers ask.
constexpr std::uint64_t has_below(std::uint64_t w, unsigned n) { return (w - kOnes * n) & ~w & kHighs; }
constexpr std::uint64_t has_byte(std::uint64_t w, unsigned c) { return has_below(w ^ (kOnes * c), 1); }

inline std::uint64_t load(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);  // unaligned, endianness irrelevant: every byte is tested alike
  return w;
}

// The same test for one byte, as a table: most strings written are short
// keys, which never reach the word loop.
struct PlainTable {
  bool plain[256] = {};
  constexpr PlainTable() {
    for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  }
};
inline constexpr PlainTable kPlainTable;

inline bool plain_byte(unsigned char c) { return kPlainTable.plain[c]; }

#if defined(__SSE2__)
// One bit per byte of v that is not plain. Compared as signed bytes,
// 0x80..0xFF are negative: "below 0x20" finds them as well as the control
// characters.
[[gnu::always_inline]] inline int stop_mask16(__m128i v) {
  const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  return _mm_movemask_epi8(
      _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash))));
}
#endif

}  // namespace plain_detail

// The number of leading bytes of [p, p + n) that are plain: 0x20..0x7F but
// '"' and '\\'. Always inlined: the reader calls it for every key and
// string, most of them a few bytes long (issue 12).
[[gnu::always_inline]] inline std::size_t plain_prefix(const char* p, std::size_t n) {
  using namespace plain_detail;
  std::size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (const int mask = stop_mask16(v)) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t w = load(p + i);
    if (has_below(w, 0x20) | (w & kHighs) | has_byte(w, '"') | has_byte(w, '\\')) break;
  }
  while (i < n && plain_byte(static_cast<unsigned char>(p[i]))) ++i;
  return i;
}

#if defined(__SSE2__)
// Copies [p, p + n) to d (n >= 16) while scanning it, sixteen bytes at a
// time: the number of leading plain bytes, all of which are then in d (the
// writer's strings are almost all plain: one pass instead of a scan and a
// copy, issue 12). Past that number d holds bytes of no meaning; nothing
// outside [d, d + n) or [p, p + n) is touched.
inline std::size_t copy_plain_prefix(char* d, const char* p, std::size_t n) {
  using plain_detail::stop_mask16;
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(d + i), v);
    if (const int mask = stop_mask16(v)) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
  if (i == n) return n;
  // The last sixteen bytes, overlapping those already seen (all plain).
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(d + n - 16), v);
  if (const int mask = stop_mask16(v)) return n - 16 + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  return n;
}
#endif

// Whether all of [p, p + n) is plain, for 8 <= n <= 16: two overlapping
// words. The writer's strings are mostly of this length (keys of a
// sentence, short values), where plain_prefix would go byte by byte at the end.
inline bool plain_8_to_16(const char* p, std::size_t n) {
  using namespace plain_detail;
  auto stops = [](std::uint64_t w) { return has_below(w, 0x20) | (w & kHighs) | has_byte(w, '"') | has_byte(w, '\\'); };
  return !(stops(load(p)) | stops(load(p + n - 8)));
}

// The number of UTF-8 code points that start in [p, p + n): bytes that are
// not continuation bytes (10xxxxxx). Columns are counted this way.
inline std::size_t count_code_points(const char* p, std::size_t n) {
  using namespace plain_detail;
  std::size_t count = 0, i = 0;
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t w = load(p + i);
    if ((w & kHighs) == 0) {
      count += 8;  // all ASCII
      continue;
    }
    for (std::size_t k = i; k < i + 8; ++k) count += (static_cast<unsigned char>(p[k]) & 0xC0) != 0x80;
  }
  for (; i < n; ++i) count += (static_cast<unsigned char>(p[i]) & 0xC0) != 0x80;
  return count;
}

}  // namespace rolelab::json
