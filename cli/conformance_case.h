// The outside conformance case format (iam-simulate's coreEngineTests),
// rewritten into RoleLab's simulate contract. Shared by `rolelab-cli
// conformance` and the benchmark.
#pragma once

#include "json/json.h"

namespace rolelab::cli {

// One case (an object with request, identityPolicies, ...) in the contract's shape.
json::Value to_contract(const json::Value& c);

// Discovery mode and endpoint policies are features of that tool, not of IAM.
bool is_tool_specific_case(const json::Value& c);

}  // namespace rolelab::cli
