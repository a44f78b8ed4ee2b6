#include "policy/wildcard.h"

#include <cstddef>
#include <vector>

#include "policy/variables.h"

namespace rolelab {

namespace {
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (lower(a[k]) != lower(b[k])) return false;
  }
  return true;
}

// Greedy matcher with one backtrack point: linear in practice and never
// exponential, whatever the pattern ("a*a*a*a*b" against "aaaa...").
bool wildcard_match(std::string_view p, std::string_view v, bool ci) {
  std::size_t pi = 0, vi = 0;
  std::size_t star = std::string_view::npos, mark = 0;
  auto eq = [ci](char a, char b) { return ci ? lower(a) == lower(b) : a == b; };
  // Literal prefix first: most non-matching patterns fail here, cheaply.
  while (pi < p.size() && p[pi] != '*' && p[pi] != '?' && p[pi] != kLiteralMark) {
    if (vi >= v.size() || !eq(p[pi], v[vi])) return false;
    ++pi;
    ++vi;
  }
  if (pi == p.size()) return vi == v.size();
  // The literal tail after the last '*' must end the value: checking it first
  // turns the matcher's worst case ("*aaa...ab" against "aaa...a") linear.
  const std::size_t last_star = p.rfind('*');
  if (last_star != std::string_view::npos && last_star >= pi) {
    std::string_view tail = p.substr(last_star + 1);
    if (tail.find('?') == std::string_view::npos && tail.find(kLiteralMark) == std::string_view::npos) {
      if (tail.size() > v.size() - vi) return false;
      std::string_view end = v.substr(v.size() - tail.size());
      for (std::size_t k = 0; k < tail.size(); ++k) {
        if (!eq(tail[k], end[k])) return false;
      }
    }
  }
  while (vi < v.size()) {
    if (pi + 1 < p.size() && p[pi] == kLiteralMark) {  // a literal '*' or '?' from ${*} / ${?}
      if (p[pi + 1] == v[vi]) {
        pi += 2;
        ++vi;
        continue;
      }
      if (star == std::string_view::npos) return false;
      pi = star + 1;
      vi = ++mark;
    } else if (pi < p.size() && (p[pi] == '?' || (p[pi] != '*' && eq(p[pi], v[vi])))) {
      ++pi;
      ++vi;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = vi;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace rolelab

namespace rolelab {

bool has_wildcards(std::string_view s) {
  // A loop, not find_first_of("*?"), which calls memchr on the set for every
  // character (a batch line asks it of its resource ARN, issue 12).
  for (char c : s) {
    if (c == '*' || c == '?') return true;
  }
  return false;
}

bool wildcard_intersects(std::string_view a, std::string_view b) {
  // Dynamic programming over (i, j): can a[i..] and b[j..] match a common string?
  const std::size_t n = a.size(), m = b.size();
  if ((n + 1) * (m + 1) > (4u << 20)) return true;  // too large to decide exactly: assume overlap
  std::vector<char> can((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> char& { return can[i * (m + 1) + j]; };
  at(n, m) = 1;
  for (std::size_t i = n + 1; i-- > 0;) {
    for (std::size_t j = m + 1; j-- > 0;) {
      if (i == n && j == m) continue;
      bool r = false;
      if (i < n && a[i] == '*') r = r || at(i + 1, j) || (j < m && at(i, j + 1));
      if (j < m && b[j] == '*') r = r || at(i, j + 1) || (i < n && at(i + 1, j));
      if (!r && i < n && j < m && a[i] != '*' && b[j] != '*') {
        r = (a[i] == '?' || b[j] == '?' || a[i] == b[j]) && at(i + 1, j + 1);
      }
      at(i, j) = r;
    }
  }
  return at(0, 0);
}

bool wildcard_covers(std::string_view outer, std::string_view inner) {
  const std::size_t n = outer.size(), m = inner.size();
  if ((n + 1) * (m + 1) > (4u << 20)) return false;
  // cov(i, j): outer[i..] matches every expansion of inner[j..].
  std::vector<char> cov((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> char& { return cov[i * (m + 1) + j]; };
  for (std::size_t i = n + 1; i-- > 0;) {
    for (std::size_t j = m + 1; j-- > 0;) {
      bool r;
      if (i == n) {
        r = j == m;
      } else if (outer[i] == '*') {
        // '*' in outer absorbs nothing more, or the next symbol of inner (including a '*').
        r = at(i + 1, j) || (j < m && at(i, j + 1));
      } else if (j == m) {
        r = false;
      } else if (inner[j] == '*') {
        r = false;  // only an outer '*' covers an inner '*'
      } else {
        r = (outer[i] == '?' || (inner[j] != '?' && outer[i] == inner[j])) && at(i + 1, j + 1);
      }
      at(i, j) = r;
    }
  }
  return at(0, 0);
}

}  // namespace rolelab
