// Shared by the simulate tests: the golden inputs, and one simulation's
// output as simulate_to writes it (or the error).
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "eval/explain.h"
#include "eval/simulate.h"
#include "json/json_writer.h"

namespace rolelab::test {

// The non-empty lines of tests/data/FILE.
inline std::vector<std::string> simulate_lines(const char* file) {
  std::ifstream in(std::string(ROLELAB_SOURCE_DIR) + "/tests/data/" + file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

inline std::string simulate_text(SimulateParse& p) {
  std::string out;
  if (p.ok) {
    simulate_to(p.input, out);
  } else {
    json::Writer w(out);
    write_json(w, p.error);
  }
  return out;
}

}  // namespace rolelab::test
