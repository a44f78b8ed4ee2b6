// The simulate input contract (rolelab-cli simulate, JSON Lines batches and
// the conformance runner) and its output. Outside tools rely on these key
// names:
//   {"request": {"principal", "action", "resource", "resourceAccount", "context"},
//    "identityPolicies": [doc...], "resourcePolicy": doc, "permissionsBoundary": doc,
//    "sessionPolicy": doc, "serviceControlPolicies": [[doc...]...], "resourceControlPolicies": [[doc...]...]}
// A doc is a policy as a JSON object or as a string holding JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "json/diagnostic.h"
#include "eval/evaluate.h"
#include "json/json.h"

namespace rolelab {

struct SimulateInput {
  Request request;
  PolicySet policies;
  Diagnostics warnings;
};

struct SimulateParse {
  bool ok = false;
  SimulateInput input;
  Diagnostic error;  // code, message, path, line, column
};

inline constexpr std::size_t kMaxSimulateBytes = 8u << 20;  // one simulate input (one batch line)
// Values matched against the request, over all of one input's policies: with
// values of at most 4,096 characters, the worst decision stays under a second.
inline constexpr std::size_t kMaxSimulatePatternChars = 256u << 10;

SimulateParse parse_simulate_input(std::string_view text);
SimulateParse parse_simulate_input(const json::Value& root);

// Runs one simulation. Output: {"decision", "summary", "cause"?, "explanation", "warnings"?}
// or {"error": {"code", "message", "path", "line", "column"}}. ok is false for errors.
nlohmann::json simulate(std::string_view text, bool& ok);
nlohmann::json simulate(SimulateInput& input);

}  // namespace rolelab
