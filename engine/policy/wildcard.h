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

namespace rolelab {

// For requests whose resource is itself a pattern ("*" for actions without
// resource-level permissions, "arn:aws:s3:::bucket/*" to ask about a set):
// do the two patterns share at least one concrete string?
bool wildcard_intersects(std::string_view a, std::string_view b);

// Does pattern `outer` match every string that pattern `inner` matches?
// (A '*' in inner is only covered by a '*' in outer.)
bool wildcard_covers(std::string_view outer, std::string_view inner);

bool has_wildcards(std::string_view s);

}  // namespace rolelab
