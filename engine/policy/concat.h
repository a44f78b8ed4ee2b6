// Joins pieces of text into one string with at most one allocation. The
// explanation of a simulation builds a sentence per element per statement
// ("Action s3:* covers s3:GetObject."); chains of operator+ allocated two or
// three times for each, a measurable share of `simulate --batch` (issue 12).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace rolelab {

// The pieces into out, replacing what it held but keeping its capacity: a
// trace reused from one simulation to the next writes its sentences without
// allocating once its strings are long enough.
inline void concat_to(std::string& out, std::initializer_list<std::string_view> parts) {
  std::size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  out.clear();
  out.reserve(n);
  for (std::string_view p : parts) out.append(p.data(), p.size());
}

}  // namespace rolelab
