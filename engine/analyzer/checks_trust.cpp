// Role trust policies and service principals: a federated principal must be
// trusted with its own action (SAML or web identity), OIDC principals need a
// condition on their keys, GitHub's needs a scoped sub; a service principal in
// a resource policy needs aws:SourceArn/SourceAccount (confused deputy) unless
// the service assumes the role in its own account.
#include "analyzer/checker.h"

namespace rolelab::analyzer::detail {

namespace {

// Services that assume their role in the role's own account (service roles):
// aws:SourceArn / aws:SourceAccount are not expected there.
bool service_role_principal(std::string_view p) {
  static const char* exempt[] = {"ec2.amazonaws.com",       "lambda.amazonaws.com", "edgelambda.amazonaws.com",
                                 "ecs-tasks.amazonaws.com", "eks.amazonaws.com",    "eks-fargate-pods.amazonaws.com",
                                 "build.apprunner.amazonaws.com", "tasks.apprunner.amazonaws.com"};
  for (const char* e : exempt)
    if (iequals(p, e)) return true;
  return false;
}

}  // namespace

std::string Checker::provider_of(const std::string& federated) {
  std::size_t at = federated.find(":oidc-provider/");
  if (at != std::string::npos) return federated.substr(at + 15);
  return federated;  // bare web identity providers: accounts.google.com, ...
}

bool Checker::statement_allows_action(const StatementInfo& st, std::string_view action) {
  if (st.not_action) {
    for (const Item& a : st.actions)
      if (wild_match(a.node->text, action)) return false;
    return true;
  }
  for (const Item& a : st.actions)
    if (wild_match(a.node->text, action)) return true;
  return false;
}

void Checker::trust_checks(const StatementInfo& st) {
  if (!st.allow || !st.effect_known) return;
  std::vector<CondUse> uses = condition_uses(st);
  for (const auto& [type, it] : st.principals) {
    if (type != "Federated") continue;
    const std::string& fed = it.node->text;
    bool saml = fed.find(":saml-provider/") != std::string::npos;
    const char* needed = saml ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
    if (!statement_allows_action(st, needed)) {
      std::string listed;
      for (const Item& a : st.actions) listed += (listed.empty() ? "" : ", ") + a.node->text;
      add(FindingType::Error, "MISMATCHED_ACTION_FOR_PRINCIPAL",
          "The action " + (listed.empty() ? std::string("in the statement") : listed) +
              " does not match the principal " + fed + ". A " + (saml ? "SAML" : "web identity (OIDC)") +
              " provider is trusted with " + needed + ".",
          it.path, it.node->span);
    }
    if (saml) continue;
    std::string provider = provider_of(fed);
    bool github = iequals(provider, "token.actions.githubusercontent.com");
    if (github) {
      bool repo_key = false;
      for (const CondUse& u : uses) {
        if (!iequals(u.key, "token.actions.githubusercontent.com:sub") &&
            !iequals(u.key, "token.actions.githubusercontent.com:job_workflow_ref"))
          continue;
        repo_key = true;
        // Wildcards in the repository or branch: a specific one is recommended.
        // The environment and pull_request forms are specific (no finding).
        for (const Item& v : items_of(*u.values, u.path)) {
          if (!v.node->is_string() || !has_wildcard(v.node->text)) continue;
          if (u.parsed.kind != OpKind::StringLike) continue;
          add(FindingType::Warning, "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
              "Using a wildcard (*) in " + u.key + " (" + v.node->text +
                  ") can grant access to more repositories or branches than intended. We recommend that you specify the "
                  "repository and branch, e.g. repo:ORG/REPO:ref:refs/heads/main.",
              v.path, v.node->span);
        }
      }
      if (!repo_key)
        add(FindingType::SecurityWarning, "MISSING_GITHUB_REPO_CONDITION_KEY",
            "Granting a federated GitHub principal permissions without a condition key can allow more sources to assume "
            "the role than you intended. Add the token.actions.githubusercontent.com:sub condition key with a value "
            "such as repo:ORG/REPO:ref:refs/heads/BRANCH.",
            it.path, it.node->span);
      continue;
    }
    bool cognito = iequals(provider, "cognito-identity.amazonaws.com");
    bool has_key = false;
    for (const CondUse& u : uses) {
      std::string want = provider + ":";
      if (cognito ? iequals(u.key, "cognito-identity.amazonaws.com:aud") : starts_with_ci(u.key, want)) has_key = true;
    }
    if (!has_key)
      add(FindingType::SecurityWarning, "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
          "Granting a federated OIDC principal permissions without a condition key can allow more identities to assume "
          "the role than you intended. Add a condition on " +
              provider + (cognito ? ":aud (the identity pool ID)." : ":aud (and :sub) to name the audience and subject."),
          it.path, it.node->span);
  }
}

void Checker::service_principal_checks(const StatementInfo& st) {
  if (!st.allow || !st.effect_known) return;
  std::vector<CondUse> uses = condition_uses(st);
  bool restricted = false;
  for (const CondUse& u : uses) {
    for (const char* k : {"aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths"})
      if (iequals(u.key, k)) restricted = true;
  }
  if (restricted) return;
  for (const auto& [type, it] : st.principals) {
    if (type != "Service") continue;
    if (trust_ && service_role_principal(it.node->text)) continue;
    add(FindingType::SecurityWarning, "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
        "Granting access to the service principal " + it.node->text +
            " without specifying a source is overly permissive (the confused deputy problem). Use the aws:SourceArn, "
            "aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths condition key to grant fine-grained access.",
        it.path, it.node->span);
  }
}

}  // namespace rolelab::analyzer::detail
