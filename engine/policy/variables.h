// Policy variables: ${aws:username}, ${aws:PrincipalTag/team}, any request
// key, ${*} ${?} ${$} for literal characters, and defaults such as
// ${aws:username, 'none'} (reference_policies_variables.html). Only in
// policies with "Version": "2012-10-17".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "policy/request.h"

namespace rolelab {

// Marks the next character of a substituted pattern as literal: ${*} in a
// StringLike value or a Resource must match a real '*', not any text.
inline constexpr char kLiteralMark = '\x01';

// Replaces the variables in text. Returns nothing when a variable has no
// value in the context and no default (the element then does not match).
// With for_pattern, literal characters from ${*}/${?} come out as
// kLiteralMark + char, for wildcard_match.
std::optional<std::string> substitute_variables(std::string_view text, const Context& ctx, bool for_pattern);

bool has_variables(std::string_view text);

}  // namespace rolelab
