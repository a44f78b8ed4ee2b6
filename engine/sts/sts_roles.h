// How STS finds the role a request names, and the decision it records when
// there is none, shared by AssumeRole and the two federated AssumeRole calls.
#pragma once

#include <string>

#include "sts/sts.h"

namespace rolelab {

// The role at exactly this ARN. A role's ARN includes its path
// (arn:aws:iam::ACCT:role/team/Name; IAM User Guide, reference_identifiers.html#identifiers-arns),
// and STS resolves the full ARN: arn:aws:iam::ACCT:role/Name does not reach a
// role stored at /team/. When only the path differs, *other_path points at the
// role that exists, so the explanation can say which ARN to use.
inline Role* role_by_arn(World& world, const std::string& arn, const Role** other_path = nullptr) {
  Role* role = world.find_role(arn);
  if (role && role->arn != arn) {
    if (other_path) *other_path = role;
    return nullptr;
  }
  return role;
}

// The explainable decision for "no role at this ARN": AWS answers AccessDenied
// (it does not reveal whether a role exists), the learner gets the reason.
inline Authorization missing_role_decision(const std::string& action, const std::string& arn, const Role* other_path) {
  Authorization auth;
  auth.action = action;
  auth.resource = arn;
  auth.result.decision = Decision::ImplicitlyDenied;
  auth.result.cause = DenialCause::TrustRelationship;
  auth.result.denied_by = PolicyKind::Trust;
  if (!other_path) {
    auth.result.summary = "Denied: there is no role " + arn + " (AWS reports a missing role as AccessDenied).";
  } else {
    auth.result.summary = "Denied: there is no role " + arn + ". Role " + other_path->name + " has the path " +
                          other_path->path + ", so its ARN is " + other_path->arn +
                          ": STS finds a role by its full ARN, path included, and reports any other ARN as AccessDenied.";
  }
  return auth;
}

}  // namespace rolelab
