// Condition operators (IAM User Guide, reference_policies_elements_condition_operators.html),
// the ...IfExists forms, the ForAllValues:/ForAnyValue: set qualifiers
// (reference_policies_condition-single-vs-multi-valued-context-keys.html) and
// AWS's rules for negated operators and missing keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/condition_operator.h"
#include "policy/policy.h"
#include "policy/request.h"

namespace rolelab {

struct ConditionTrace {
  std::string op, key;
  std::vector<std::string> request_values;  // empty and key_present=false when the key is missing
  std::vector<std::string> policy_values;
  bool key_present = false;
  bool result = false;
  std::string why;
};

// Evaluates one clause. trace may be null (the fast path builds no strings).
bool evaluate_condition(const ConditionClause& clause, const Context& ctx, bool variables, ConditionTrace* trace);

// Date values: ISO 8601 (2026-11-28, 2026-11-28T09:00:00Z, with fractions or
// +hh:mm offsets) or epoch seconds. Returns milliseconds since the epoch.
std::optional<long long> parse_date(std::string_view s);

// IPv4 / IPv6 address or CIDR block, as 16 bytes plus prefix length.
struct IpBlock {
  unsigned char bytes[16] = {};
  int prefix = 128;
  bool v4 = false;
};
std::optional<IpBlock> parse_ip(std::string_view s);
bool ip_in_block(const IpBlock& addr, const IpBlock& block);

// ArnLike / ArnEquals: the six ARN fields are matched one by one, so a
// wildcard never spans a ':' before the resource field.
bool arn_like(std::string_view pattern, std::string_view value);

}  // namespace rolelab
