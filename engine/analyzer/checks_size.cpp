// Policy size quotas (POLICY_SIZE_EXCEEDS_*): IAM counts characters without
// whitespace; each kind of policy has its own quota (IAM and STS quotas page,
// reference_iam-quotas.html), so the check needs the policy type.
#include "analyzer/checker.h"

#include <string>

namespace rolelab::analyzer::detail {

void Checker::size_check(const Node& root) {
  (void)root;
  int size = 0;
  for (char c : text_)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') ++size;
  const char* code = nullptr;
  int limit = 0;
  FindingType t = FindingType::Warning;
  std::string what;
  switch (type_) {
    case PolicyType::Identity:
      code = "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", limit = 6144, what = "identity policy (managed policy)";
      break;
    case PolicyType::Resource:
      if (trust_)
        code = "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", limit = 2048, what = "role trust policy";
      else
        code = "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", limit = 20480, what = "resource policy";
      break;
    case PolicyType::ServiceControl:
    case PolicyType::ResourceControl:
      code = "POLICY_SIZE_EXCEEDS_SCP_QUOTA", limit = 5120, t = FindingType::Error,
      what = type_ == PolicyType::ServiceControl ? "service control policy" : "resource control policy";
      break;
  }
  if (opt_.size_limit) limit = *opt_.size_limit;
  if (size > limit)
    add(t, code,
        "The " + what + " has " + std::to_string(size) + " characters (whitespace not counted), more than its quota of " +
            std::to_string(limit) + " characters. Shorten it, or split it into several policies.",
        {}, brace_span(root));
}

}  // namespace rolelab::analyzer::detail
