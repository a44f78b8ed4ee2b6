// Rules AWS services apply outside the policies themselves, each with the AWS
// documentation page it follows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rolelab {

// sts:GetCallerIdentity needs no permission and cannot be denied
// (STS API reference, API_GetCallerIdentity.html).
bool is_always_allowed(std::string_view action);

// AWS-owned resources that no customer policy can change: roles under
// /aws-reserved/ (IAM Identity Center, id_roles_create_for-user.html and
// IAM Identity Center's "referencing permission sets" page), AWS managed
// policies (arn:aws:iam::aws:policy/..., access_policies_managed-vs-inline.html)
// and AWS managed KMS aliases (alias/aws/..., kms/latest/developerguide/alias-about.html).
// Returns why, or nothing.
std::optional<std::string> protected_resource_reason(std::string_view action, std::string_view resource);

// Where the resource policy must allow on its own account too: a role's
// trust policy for sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity and
// sts:SetContext, and a KMS key policy (kms key-policies.html:
// "Every KMS key must have exactly one key policy ... IAM policies by
// themselves are not sufficient").
bool resource_policy_required(std::string_view action, std::string_view resource);

}  // namespace rolelab
