// simulate() as a nlohmann::json document, for tests and callers that
// inspect the output. Kept apart from simulate.cpp so that the simulation
// itself uses no nlohmann code: in wasm, simulate.cpp is built without
// exception support (engine/CMakeLists.txt, issue 12), and nlohmann's inline
// functions must not be instantiated there without it.
#include "eval/simulate.h"

namespace rolelab {

nlohmann::json simulate(SimulateInput& input) {
  std::string text;
  simulate_to(input, text);
  return nlohmann::json::parse(text, nullptr, false);  // the writer's text is always valid JSON
}

nlohmann::json simulate(std::string_view text, bool& ok) {
  std::string out;
  ok = simulate_to(text, out);
  return nlohmann::json::parse(out, nullptr, false);
}

}  // namespace rolelab
