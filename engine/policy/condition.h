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

// Why a condition clause held or not, as facts: the sentence is written when
// the trace is shown (eval/trace_words.cpp), not during evaluation (issue 12).
enum class ConditionWhy : unsigned char {
  UnknownOperator,  // the operator is not one AWS knows: never matches
  Null,             // Null: key_absent against want_absent
  MissingIfExists,  // the key is missing and ...IfExists makes it match
  MissingForAll,    // missing; ForAllValues over no values is true
  MissingForAny,    // missing; ForAnyValue over no values is false
  MissingNegated,   // missing, so the negated operator matches
  Missing,          // missing, so the operator cannot match
  ForAll,           // ForAllValues: every request value satisfies it (result) or not
  ForAny,           // ForAnyValue: some request value satisfies it (result) or none
  Single,           // no qualifier: some request value matches (any) or none
};

// Views and pointers into the clause and the request's context, which must
// outlive the trace (see eval/evaluate.h).
struct ConditionTrace {
  std::string_view op, key;  // as written
  std::string_view base;     // the operator without qualifier and IfExists ("StringLike")
  const std::vector<std::string>* request_values = nullptr;  // null when the key is missing
  const std::vector<Located>* policy_values = nullptr;       // the clause's values as written
  // The values compared after policy variables were replaced, when some
  // were (the sentence names these); empty and unused otherwise.
  std::vector<std::string> substituted;
  bool uses_substituted = false;
  bool key_present = false;
  bool result = false;
  ConditionWhy why = ConditionWhy::UnknownOperator;
  bool negated = false;      // Single: the operator is a negated one (StringNotEquals)
  bool any = false;          // Single: some request value matched a policy value
  bool key_absent = false;   // Null: the key is absent
  bool want_absent = false;  // Null: the policy wants it absent
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
// The same without arn_like's shortcut (the text before the pattern's first
// wildcard compared first): the plain definition, which the tests hold
// arn_like to.
bool arn_like_by_parts(std::string_view pattern, std::string_view value);

}  // namespace rolelab
