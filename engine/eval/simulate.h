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
// The same into an earlier result, in place: its policies, statements and
// strings keep their storage and are filled again (json/refill.h), which a
// batch does line after line. Every field is set; returns into.ok.
bool parse_simulate_input(std::string_view text, SimulateParse& into);
// Inputs larger than this do not leave their storage to the next one.
inline constexpr std::size_t kKeepSimulateBytes = 64u << 10;

// Runs one simulation and appends its output, one JSON value, to out (no
// newline; out is not cleared, so a batch reuses one buffer). Output:
// {"cause"?, "decision", "explanation", "summary", "warnings"?} or
// {"error": {"code", "column", "help"?, "line", "message", "path"}}, written
// straight to text by json::Writer (indent as nlohmann::json::dump's).
// Returns false for errors.
bool simulate_to(std::string_view text, std::string& out, int indent = -1);
void simulate_to(SimulateInput& input, std::string& out, int indent = -1);

// The same output as a document (tests, callers that inspect it).
nlohmann::json simulate(std::string_view text, bool& ok);
nlohmann::json simulate(SimulateInput& input);

}  // namespace rolelab
