// The role world: accounts, users, roles (service, cross-account, federated,
// service-linked), managed policies, identity providers, buckets, EC2
// instances and Lambda functions. Loaded from JSON (schema in docs/world.md);
// unknown keys are rejected with the JSON path and line:column.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/diagnostic.h"
#include "policy/policy.h"
#include "world/sim_time.h"

namespace rolelab {

using Tags = std::map<std::string, std::string>;

struct NamedPolicy {
  std::string name;
  std::string text;  // as given (pretty JSON), for get-role-policy and the editor
  Policy policy;
};

struct User {
  std::string account, name, path, arn, id;
  std::vector<NamedPolicy> policies;  // inline
  std::vector<std::string> attached;  // managed policy names or ARNs
  std::optional<NamedPolicy> boundary;
  Tags tags;
  bool mfa = false;  // has an MFA device (arn:aws:iam::ACCT:mfa/NAME)
  std::vector<std::string> groups;  // names of the account's groups the user is a member of
};

// An IAM group: a set of users sharing its inline and attached policies. A
// group is not a principal (no trust policy can name it, it cannot sign in).
struct Group {
  std::string account, name, path, arn, id;
  std::vector<NamedPolicy> policies;  // inline
  std::vector<std::string> attached;  // managed policy names or ARNs
};

struct Role {
  std::string account, name, path, arn, id, description;
  NamedPolicy trust;
  std::vector<NamedPolicy> policies;  // inline
  std::vector<std::string> attached;
  std::optional<NamedPolicy> boundary;
  int max_session_duration = 3600;
  Tags tags;
  std::string service_linked;        // the service for a service-linked role, else empty
  std::vector<std::string> used_by;  // service-linked: resources still using it (blocks deletion)
  TimeMs created = 0;
};

struct ManagedPolicy {
  std::string arn, name;
  NamedPolicy doc;
  bool aws_managed = false;
  bool abridged = false;  // an AWS managed policy shipped with only the entries for simulated services
};

struct Bucket {
  std::string name;
  std::optional<NamedPolicy> policy;
  std::map<std::string, std::string> objects;  // key -> content
};

struct Instance {                 // EC2
  std::string id, account, role;  // role: the instance profile's role name (empty: no profile)
  std::string association, profile_id;  // set by associate-iam-instance-profile
};

struct Function {  // Lambda
  std::string name, account, role;
  std::string runtime = "python3.12", handler = "lambda_function.lambda_handler", description;
  TimeMs modified = 0;  // 0: as old as the world
};

struct Account {
  std::string id, alias;
  std::map<std::string, User> users;
  std::map<std::string, Role> roles;
  std::map<std::string, Group> groups;
  std::map<std::string, ManagedPolicy> managed;                    // by name
  std::map<std::string, std::vector<std::string>> oidc_providers;  // host -> client ids
  std::map<std::string, bool> saml_providers;                      // name
  std::map<std::string, Bucket> buckets;
  std::map<std::string, Instance> instances;
  std::map<std::string, Function> functions;
  std::vector<std::string> log_groups;
};

struct World {
  TimeMs start_time = 0;
  std::map<std::string, Account> accounts;
  std::map<std::string, std::vector<std::vector<Policy>>> scps;  // account -> levels
  std::map<std::string, std::vector<std::vector<std::string>>> scp_texts;  // the same, as written (for the editor)
  std::map<std::string, ManagedPolicy> aws_managed;              // by ARN

  Account* account(std::string_view id);
  const Account* account(std::string_view id) const;
  // By ARN (path ignored, as the session ARN has none), or nothing.
  Role* find_role(std::string_view arn);
  User* find_user(std::string_view arn);
  Bucket* find_bucket(std::string_view name, Account** owner = nullptr);
  // A managed policy by name (in the account) or by ARN (the account's or AWS's).
  const ManagedPolicy* find_managed(const Account& acct, std::string_view name_or_arn) const;
  // Inline + attached policies of a user or role, parsed.
  std::vector<const Policy*> identity_policies(const Account& acct, const std::vector<NamedPolicy>& inline_policies,
                                               const std::vector<std::string>& attached) const;
  // A user's identity-based policies as IAM evaluates them: its own inline
  // and attached policies, then those of every group it is a member of
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html).
  std::vector<const Policy*> user_policies(const Account& acct, const User& u) const;
};

struct WorldLoad {
  bool ok = false;
  World world;
  Diagnostic error;  // InvalidWorld / InvalidJson / MalformedPolicyDocument, with path and line:column
};

inline constexpr std::size_t kMaxWorldBytes = 4u << 20;
inline constexpr std::size_t kMaxWorldAccounts = 50;
inline constexpr std::size_t kMaxWorldUsers = 200;  // in all accounts together
inline constexpr std::size_t kMaxWorldRoles = 200;

// Bounds on a world. Lesson worlds (the default) stay small so that every
// analysis a lesson triggers is instant; a world imported from a real
// account (`rolelab-cli world import`, the runner's "Open your account")
// gets IAM-sized bounds, per account (docs/limits.md has the worst cases
// measured with bench/import.cpp).
struct WorldLimits {
  std::size_t max_bytes = kMaxWorldBytes;
  std::size_t max_accounts = kMaxWorldAccounts;
  std::size_t max_users = kMaxWorldUsers;  // in all accounts together, or per account when per_account
  std::size_t max_roles = kMaxWorldRoles;
  std::size_t max_groups = kMaxWorldUsers;
  std::size_t max_managed = kMaxWorldUsers;  // customer managed policies
  bool per_account = false;
};
inline constexpr WorldLimits kLessonWorldLimits{};
inline constexpr WorldLimits kImportedWorldLimits{64u << 20, 20, 5000, 5000, 1000, 2000, true};

WorldLoad load_world(std::string_view text, const WorldLimits& limits = kLessonWorldLimits);

// IAM resolves every user and role ARN in a policy's Principal when it stores
// the policy: one that names a user or role that does not exist (in an
// account of this world; others cannot be known) is refused with
// MalformedPolicyDocument "Invalid principal in policy: "AWS":"ARN""
// (reference_policies_elements_principal.html). Returns that error, with the
// value's line and column, or nothing.
std::optional<Diagnostic> unknown_principal(const World& w, const Policy& p);

// The AWS managed policies RoleLab ships, with their real documents.
void add_aws_managed_policies(World& w);

// A service-linked role as AWS creates it for this service (false: unknown service).
bool build_service_linked_role(const std::string& account, const std::string& service, Role& out);

// The trust and permissions AWS defines for a service-linked role of this service.
bool service_linked_role_template(std::string_view service, std::string& role_name, std::string& trust, std::string& permissions);

}  // namespace rolelab
