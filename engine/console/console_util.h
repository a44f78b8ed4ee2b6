// Small helpers shared by the console's AWS command files.
#pragma once

#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>

#include "console/console_args.h"
#include "eval/explain.h"
#include "sts/sts.h"

namespace rolelab::console_util {

// The AWS CLI's JSON output: 4-space indents.
inline std::string pretty(const nlohmann::ordered_json& j) { return dump_ordered(j, 4) + "\n"; }

// "... because no identity-based policy allows the iam:GetRole action", as IAM words it.
inline std::string denial_reason(const Simulator& sim, const std::string& action) {
  if (sim.last_auth) return access_denied_reason(action, sim.last_auth->result);
  return " because no identity-based policy allows the " + action + " action";
}

// "role-name" -> "roleName" (request parameters in events), or with
// upper_first "associate-iam-instance-profile" -> "AssociateIamInstanceProfile"
// (operation names).
inline std::string from_kebab(std::string_view kebab, bool upper_first) {
  std::string out;
  bool up = upper_first;
  for (char ch : kebab) {
    if (ch == '-') {
      up = true;
    } else {
      out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
      up = false;
    }
  }
  return out;
}

// --duration-seconds and friends: an integer, or the AWS CLI's complaint.
inline bool integer_option(ParsedOptions& o, const char* name, std::optional<long long>& out, std::string& error) {
  if (!o.single.count(name)) return true;
  const std::string& d = o.single[name];
  char* end = nullptr;
  long long v = std::strtoll(d.c_str(), &end, 10);
  if (d.empty() || *end || d.size() > 18) {
    error = "\nInvalid value for parameter " + std::string(name).substr(2) + ": '" + d + "' is not an integer\n";
    return false;
  }
  out = v;
  return true;
}

}  // namespace rolelab::console_util
