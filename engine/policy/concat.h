// Joins pieces of text into one string with a single allocation. The
// explanation of a simulation builds a sentence per element per statement
// ("Action s3:* covers s3:GetObject."); chains of operator+ allocated two or
// three times for each, a measurable share of `simulate --batch` (issue 12).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace rolelab {

inline std::string concat(std::initializer_list<std::string_view> parts) {
  std::size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  std::string out;
  out.reserve(n);
  for (std::string_view p : parts) out.append(p.data(), p.size());
  return out;
}

}  // namespace rolelab
