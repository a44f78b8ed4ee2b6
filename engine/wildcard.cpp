#include "wildcard.h"

#include <cstddef>

#include "variables.h"

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
