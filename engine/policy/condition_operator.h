// Condition operator names, parsed once when a policy is parsed
// (reference_policies_elements_condition_operators.html).
#pragma once

#include <string>
#include <string_view>

namespace rolelab {

enum class SetQualifier { None, ForAnyValue, ForAllValues };

enum class OpKind {
  Unknown,
  StringEquals,
  StringEqualsIgnoreCase,
  StringLike,
  NumericEquals,
  NumericLessThan,
  NumericLessThanEquals,
  NumericGreaterThan,
  NumericGreaterThanEquals,
  DateEquals,
  DateLessThan,
  DateLessThanEquals,
  DateGreaterThan,
  DateGreaterThanEquals,
  Bool,
  BinaryEquals,
  IpAddress,
  ArnLike,
  Null,
};

struct ConditionOperator {
  std::string base;               // "StringNotEquals", as written without qualifier and IfExists
  OpKind kind = OpKind::Unknown;  // the positive form: StringNotEquals -> StringEquals, ArnEquals -> ArnLike
  SetQualifier qualifier = SetQualifier::None;
  bool if_exists = false;
  bool negated = false;  // StringNotEquals, NotIpAddress, ...
  bool known = false;
};

ConditionOperator parse_operator(std::string_view op);
// The same into o, every field set, reusing the storage of o.base.
void parse_operator(std::string_view op, ConditionOperator& o);

}  // namespace rolelab
