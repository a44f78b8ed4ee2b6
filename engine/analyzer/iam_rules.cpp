#include "analyzer/iam_rules.h"

#include "analyzer/catalogue.h"

namespace rolelab::analyzer {

namespace {

bool only_wildcards(const std::string& v) { return v.find_first_not_of("*?") == std::string::npos; }

bool scoped(const Statement& s) {
  for (const ConditionClause& c : s.conditions) {
    if (!iequals(c.key, "token.actions.githubusercontent.com:sub") &&
        !iequals(c.key, "token.actions.githubusercontent.com:job_workflow_ref"))
      continue;
    const ConditionOperator& op = c.parsed_op;
    if (op.negated || !(op.kind == OpKind::StringEquals || op.kind == OpKind::StringLike || op.kind == OpKind::StringEqualsIgnoreCase))
      continue;
    bool all_scoped = !c.values.empty();
    for (const Located& v : c.values) all_scoped = all_scoped && !only_wildcards(v.value);
    if (all_scoped) return true;
  }
  return false;
}

}  // namespace

std::optional<Diagnostic> shared_oidc_provider_violation(const Policy& trust) {
  for (const Statement& s : trust.statements) {
    if (s.effect != Effect::Allow || s.principal.negated) continue;
    for (const PrincipalEntry& e : s.principal.entries) {
      if (e.type != "Federated") continue;
      for (const Located& v : e.values) {
        std::size_t at = v.value.find(":oidc-provider/");
        if (at == std::string::npos || !iequals(v.value.substr(at + 15), "token.actions.githubusercontent.com")) continue;
        if (scoped(s)) continue;
        Diagnostic d;
        d.code = "MalformedPolicyDocument";
        d.message = "Trust policy with trusted principal " + v.value +
                    " must evaluate, using StringEquals, StringLike or StringEqualsIgnoreCase, "
                    "token.actions.githubusercontent.com:sub or token.actions.githubusercontent.com:job_workflow_ref which "
                    "is not scoped to all.";
        d.path = located_path(s.principal.path.empty() ? statement_path(trust, s) + "/Principal/Federated" : s.principal.path + "/Federated", v);
        d.line = v.pos.line;
        d.column = v.pos.column;
        d.help =
            "Add a condition such as \"StringEquals\": {\"token.actions.githubusercontent.com:sub\": "
            "\"repo:ORG/REPO:ref:refs/heads/main\"} (IAM User Guide, id_roles_providers_oidc_secure-by-default.html).";
        return d;
      }
    }
  }
  return std::nullopt;
}

}  // namespace rolelab::analyzer
