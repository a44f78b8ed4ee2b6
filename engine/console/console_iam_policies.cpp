// `aws iam` commands on the policies a role or a user already has: detach a
// managed policy, delete an inline one, list both kinds. IAM's error codes and
// messages (IAM API reference: API_DetachRolePolicy.html, API_DetachUserPolicy.html,
// API_DeleteRolePolicy.html, API_ListAttachedRolePolicies.html,
// API_ListAttachedUserPolicies.html, API_ListRolePolicies.html).
#include "console/console.h"
#include "console/console_util.h"

namespace rolelab {

using console_util::denial_reason;
using console_util::pretty;

namespace {

struct PolicyOp {
  const char* cli;
  const char* operation;
  bool user;  // on a user (--user-name), else on a role (--role-name)
  std::vector<std::string> options;  // all required
};

const std::vector<PolicyOp>& policy_ops() {
  static const std::vector<PolicyOp> ops = {
      {"detach-role-policy", "DetachRolePolicy", false, {"--role-name", "--policy-arn"}},
      {"detach-user-policy", "DetachUserPolicy", true, {"--user-name", "--policy-arn"}},
      {"delete-role-policy", "DeleteRolePolicy", false, {"--role-name", "--policy-name"}},
      {"list-attached-role-policies", "ListAttachedRolePolicies", false, {"--role-name"}},
      {"list-attached-user-policies", "ListAttachedUserPolicies", true, {"--user-name"}},
      {"list-role-policies", "ListRolePolicies", false, {"--role-name"}},
  };
  return ops;
}

std::string policy_name_of(const std::string& arn) { return arn.substr(arn.rfind('/') + 1); }

}  // namespace

const std::vector<std::string>& Console::iam_policy_commands() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const PolicyOp& op : policy_ops()) out.push_back(op.cli);
    return out;
  }();
  return names;
}

std::string Console::iam_policies(const Words& w) {
  const PolicyOp* op = nullptr;
  for (const PolicyOp& o : policy_ops()) {
    if (w.size() > 2 && w[2] == o.cli) op = &o;
  }
  if (!op) return "";
  OptionSpec spec;
  spec.single = op->options;
  spec.required = op->options;
  ParsedOptions o = parse_options(w, 3, spec);
  if (!o.error.empty()) return o.error + "\n";
  const std::string operation = op->operation;
  const std::string cli = op->cli;

  const std::string arn = who();
  Principal me;
  Account* acct = iam_account(arn, me);
  if (!acct) return iam_no_account(operation);

  const std::string name = o.single[op->user ? "--user-name" : "--role-name"];
  const char* kind = op->user ? "user" : "role";
  Role* role = nullptr;
  User* user = nullptr;
  if (op->user) {
    auto it = acct->users.find(name);
    user = it == acct->users.end() ? nullptr : &it->second;
  } else {
    auto it = acct->roles.find(name);
    role = it == acct->roles.end() ? nullptr : &it->second;
  }
  const std::string resource = role   ? role->arn
                               : user ? user->arn
                                      : "arn:aws:iam::" + me.account + ":" + kind + "/" + name;
  // The policy being detached is in the request context as iam:PolicyARN
  // (Service Authorization Reference, list_identityandaccessmanagement.html:
  // DetachRolePolicy, DetachUserPolicy, ... take the iam:PolicyARN condition key).
  Context ctx;
  if (o.single.count("--policy-arn")) ctx.set("iam:PolicyARN", o.single["--policy-arn"]);
  const std::string action = "iam:" + operation;
  StsError err;
  if (!sim_.authorize(caller_, action, resource, me.account, nullptr, ctx, err)) {
    if (err.code == "AccessDenied") {
      err.message = "User: " + arn + " is not authorized to perform: " + action + " on resource: " + kind + " " + name +
                    denial_reason(sim_, action);
    }
    return aws_error(operation, err);
  }
  if (!role && !user) {
    return aws_error(operation, {"NoSuchEntity", std::string("The ") + kind + " with name " + name + " cannot be found."});
  }
  // Attached policies are stored as names (of the account's policies) or ARNs.
  std::vector<std::string>& attached = role ? role->attached : user->attached;

  if (cli == "list-attached-role-policies" || cli == "list-attached-user-policies") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const std::string& entry : attached) {
      const ManagedPolicy* mp = sim_.world.find_managed(*acct, entry);
      const std::string policy_arn = mp ? mp->arn : entry;
      list.push_back({{"PolicyName", mp ? mp->name : policy_name_of(entry)}, {"PolicyArn", policy_arn}});
    }
    return pretty({{"AttachedPolicies", list}});
  }
  if (cli == "list-role-policies") {
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    for (const NamedPolicy& p : role->policies) names.push_back(p.name);
    return pretty({{"PolicyNames", names}});
  }
  // The rest change the role: a service-linked role is AWS's to change.
  if (role && !role->service_linked.empty()) {
    return aws_error(operation, {"UnmodifiableEntity", "Cannot perform the operation on the protected role '" + role->name +
                                                           "' - this role is only modifiable by AWS"});
  }
  if (cli == "delete-role-policy") {
    const std::string& policy_name = o.single["--policy-name"];
    for (auto it = role->policies.begin(); it != role->policies.end(); ++it) {
      if (it->name == policy_name) {
        role->policies.erase(it);
        return "";
      }
    }
    // An attached managed policy is not an inline one: detach-role-policy removes it.
    return aws_error(operation, {"NoSuchEntity", "The role policy with name " + policy_name + " cannot be found."});
  }
  // detach-role-policy, detach-user-policy.
  const std::string& policy_arn = o.single["--policy-arn"];
  const ManagedPolicy* wanted = sim_.world.find_managed(*acct, policy_arn);
  for (auto it = attached.begin(); it != attached.end(); ++it) {
    const ManagedPolicy* mp = sim_.world.find_managed(*acct, *it);
    if (*it == policy_arn || (wanted && mp == wanted && policy_arn.rfind("arn:", 0) == 0)) {
      attached.erase(it);
      return "";
    }
  }
  return aws_error(operation, {"NoSuchEntity", "Policy " + policy_arn + " was not found."});
}

}  // namespace rolelab
