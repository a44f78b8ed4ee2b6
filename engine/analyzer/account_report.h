// `rolelab-cli world report`: what an account's IAM set-up lets happen, for a
// whole world (typically one imported from real accounts): who can assume
// which role (with chains and conditions, from who_can_assume), roles whose
// trust policy lets in a whole other account or anyone, admin-equivalent
// principals and who reaches them, and the policy checks' findings for every
// policy. docs/import.md defines each part.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/analyzer.h"
#include "eval/analysis.h"
#include "world/world.h"

namespace rolelab {

// A trust policy statement that lets in more than named principals.
struct WideTrust {
  std::string role;        // role ARN
  std::string principal;   // "*" or the account's root ARN / id as written
  std::string scope;       // "anyone" or "account 444455556666"
  std::vector<std::string> condition_keys;  // the statement's condition keys (empty: none)
};

// A user or role whose own permissions amount to an administrator's.
struct AdminPrincipal {
  std::string arn;
  std::string kind;  // "user" or "role"
  std::string why;   // "allows every action on every resource" or the escalation path
  std::vector<std::string> reached_by;  // principals that can become it: "user ARN (via A -> B)", services, providers
};

struct PolicyFindings {
  std::string where;  // "role Deploy inline policy Ops", "managed policy ReadLogs (account 1111...)"
  std::string policy_type;
  std::vector<analyzer::Finding> findings;
};

struct AccountReport {
  AssumeGraph graph;
  std::vector<WideTrust> wide_trust;
  std::vector<AdminPrincipal> admins;
  std::vector<PolicyFindings> findings;  // policies with at least one finding
  std::size_t policies_checked = 0;
};

AccountReport account_report(const World& world);

std::string to_text(const AccountReport& r);
nlohmann::ordered_json to_json(const AccountReport& r);

}  // namespace rolelab
