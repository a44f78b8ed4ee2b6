// Rules IAM itself enforces when a policy is stored (not Access Analyzer's
// advice): a failure is a MalformedPolicyDocument error of CreateRole /
// UpdateAssumeRolePolicy.
#pragma once

#include <optional>

#include "json/diagnostic.h"
#include "policy/policy.h"

namespace rolelab::analyzer {

// Shared OIDC providers (IAM User Guide, id_roles_providers_oidc_secure-by-default.html):
// since June 2025 IAM refuses to create a role, or update its trust policy,
// when the policy trusts token.actions.githubusercontent.com without
// evaluating token.actions.githubusercontent.com:sub (or :job_workflow_ref)
// with StringEquals, StringLike or StringEqualsIgnoreCase and a value that is
// not only wildcards. Roles stored before (a world file's) keep working.
// Returns the error, located at the principal, or nothing when the policy passes.
std::optional<Diagnostic> shared_oidc_provider_violation(const Policy& trust);

}  // namespace rolelab::analyzer
