// IAM wildcard matching: '*' matches any run of characters (also none), '?'
// matches exactly one character, every other character is literal. Actions
// compare case-insensitively, resources and ARNs case-sensitively
// (IAM User Guide, reference_policies_elements_action.html and
// reference_policies_elements_resource.html).
#pragma once

#include <string_view>

namespace rolelab {

bool wildcard_match(std::string_view pattern, std::string_view value, bool case_insensitive = false);

bool iequals(std::string_view a, std::string_view b);

}  // namespace rolelab
