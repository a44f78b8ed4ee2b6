// Value syntax for the condition checks (value_syntax.h).
#include "analyzer/value_syntax.h"

#include <cctype>
#include <cstdlib>
#include <string>

namespace rolelab::analyzer::detail {

bool is_number_text(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  if (s[0] == '-' || s[0] == '+') ++i;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i])))
      digits = true;
    else if (s[i] == '.' && !dot)
      dot = true;
    else
      return false;
  }
  return digits;
}

// ISO 8601 as IAM takes it (2026-01-31, 2026-01-31T12:00:00Z, with fractions or
// offsets), or a number of seconds since the epoch.
bool is_date_text(std::string_view s) {
  if (is_number_text(s)) return true;
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t k = at; k < at + n; ++k)
      if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
    return true;
  };
  if (!digits(0, 4) || s.size() < 10 || s[4] != '-' || !digits(5, 2) || s[7] != '-' || !digits(8, 2)) return false;
  int month = std::atoi(std::string(s.substr(5, 2)).c_str()), day = std::atoi(std::string(s.substr(8, 2)).c_str());
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (s.size() == 10) return true;
  if (s[10] != 'T' && s[10] != 't') return false;
  if (!digits(11, 2) || s.size() < 16 || s[13] != ':' || !digits(14, 2)) return false;
  std::size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!digits(i + 1, 2)) return false;
    i += 3;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    }
  }
  if (i == s.size()) return true;
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return true;
  if ((s[i] == '+' || s[i] == '-') && digits(i + 1, 2)) {
    std::size_t j = i + 3;
    if (j < s.size() && s[j] == ':') ++j;
    return j == s.size() || (digits(j, 2) && j + 2 == s.size());
  }
  return false;
}

bool parse_ipv4(std::string_view s, unsigned& out) {
  unsigned v = 0;
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    unsigned octet = 0;
    int n = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && n < 4) octet = octet * 10 + (s[i++] - '0'), ++n;
    if (octet > 255 || n > 3) return false;
    v = (v << 8) | octet;
    ++parts;
    if (parts < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  if (i != s.size()) return false;
  out = v;
  return true;
}

// An IPv4 or IPv6 address, optionally with a /prefix (CIDR).
bool is_ip_text(std::string_view s, unsigned* v4, int* prefix) {
  std::string_view addr = s;
  int bits = -1;
  std::size_t slash = s.find('/');
  if (slash != std::string_view::npos) {
    std::string_view p = s.substr(slash + 1);
    if (p.empty() || p.size() > 3) return false;
    for (char c : p)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    bits = std::atoi(std::string(p).c_str());
    addr = s.substr(0, slash);
  }
  unsigned v = 0;
  if (parse_ipv4(addr, v)) {
    if (bits > 32) return false;
    if (v4) *v4 = v;
    if (prefix) *prefix = bits < 0 ? 32 : bits;
    return true;
  }
  if (addr.find(':') == std::string_view::npos || bits > 128) return false;
  int groups = 0;
  bool gap = false;
  std::size_t i = 0;
  while (i <= addr.size()) {
    std::size_t j = addr.find(':', i);
    if (j == std::string_view::npos) j = addr.size();
    std::string_view g = addr.substr(i, j - i);
    if (!g.empty()) {
      if (g.size() > 4) return false;
      for (char c : g)
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
      ++groups;
    }
    if (j == addr.size()) break;
    i = j + 1;
  }
  std::size_t dbl = addr.find("::");
  gap = dbl != std::string_view::npos;
  if (gap && addr.find("::", dbl + 1) != std::string_view::npos) return false;
  if (prefix) *prefix = -1;
  return groups <= 8 && (gap || groups == 8);
}

// RFC 1918 ranges and the other non-routable ones AWS treats as private.
bool is_private_v4(unsigned v, int bits) {
  struct R {
    unsigned base;
    int bits;
  };
  static const R ranges[] = {{0x0A000000u, 8}, {0xAC100000u, 12}, {0xC0A80000u, 16}, {0x7F000000u, 8}, {0xA9FE0000u, 16}};
  for (const R& r : ranges) {
    if (bits < r.bits) continue;
    unsigned mask = r.bits == 0 ? 0 : ~0u << (32 - r.bits);
    if ((v & mask) == r.base) return true;
  }
  return false;
}

}  // namespace rolelab::analyzer::detail
