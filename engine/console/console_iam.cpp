// The `aws iam ...` commands of the console: the role lifecycle as IAM
// runs it, with IAM's error codes and messages (IAM API reference).
#include <cctype>

#include "analyzer/iam_rules.h"
#include "console/console.h"
#include "console/console_util.h"

namespace rolelab {

using console_util::denial_reason;
using console_util::integer_option;
using console_util::pretty;

namespace {

struct IamOp {
  const char* cli;
  const char* operation;
  std::vector<std::string> single;
  std::vector<std::string> required;
};

const std::vector<IamOp>& iam_ops() {
  static const std::vector<IamOp> ops = {
      {"get-role", "GetRole", {"--role-name"}, {"--role-name"}},
      {"create-role",
       "CreateRole",
       {"--role-name", "--assume-role-policy-document", "--path", "--description", "--max-session-duration"},
       {"--role-name", "--assume-role-policy-document"}},
      {"update-assume-role-policy",
       "UpdateAssumeRolePolicy",
       {"--role-name", "--policy-document"},
       {"--role-name", "--policy-document"}},
      {"put-role-policy",
       "PutRolePolicy",
       {"--role-name", "--policy-name", "--policy-document"},
       {"--role-name", "--policy-name", "--policy-document"}},
      {"attach-role-policy", "AttachRolePolicy", {"--role-name", "--policy-arn"}, {"--role-name", "--policy-arn"}},
      {"update-role", "UpdateRole", {"--role-name", "--max-session-duration", "--description"}, {"--role-name"}},
      {"delete-role", "DeleteRole", {"--role-name"}, {"--role-name"}},
      {"create-service-linked-role", "CreateServiceLinkedRole", {"--aws-service-name", "--description"}, {"--aws-service-name"}},
      {"delete-service-linked-role", "DeleteServiceLinkedRole", {"--role-name"}, {"--role-name"}},
      {"get-service-linked-role-deletion-status",
       "GetServiceLinkedRoleDeletionStatus",
       {"--deletion-task-id"},
       {"--deletion-task-id"}},
  };
  return ops;
}

// DeletionTaskId is task/aws-service-role/<service-principal-name>/<role-name>/<task-uuid>
// (IAM API reference, API_GetServiceLinkedRoleDeletionStatus.html): the role is
// the fourth part, read from the front, so nothing in the task's own id can move it.
std::string deletion_task_role(const std::string& task_id) {
  const std::string prefix = "task/aws-service-role/";
  if (task_id.rfind(prefix, 0) != 0) return "";
  std::size_t service_end = task_id.find('/', prefix.size());
  if (service_end == std::string::npos) return "";
  std::size_t role_end = task_id.find('/', service_end + 1);
  if (role_end == std::string::npos) return "";
  return task_id.substr(service_end + 1, role_end - service_end - 1);
}

// A task id's last part is a UUID (8-4-4-4-12 hex digits), as AWS returns it.
// The parts are drawn one statement at a time: in one expression the order of
// the calls is unspecified (g++ and clang draw them in opposite orders, which
// gave the wasm build other ids than the native one).
std::string task_uuid(IdGenerator& ids) {
  std::string id = ids.hex(8);
  for (int n : {4, 4, 4, 12}) {
    id += '-';
    id += ids.hex(n);
  }
  return id;
}

nlohmann::ordered_json role_json(const Simulator& sim, const Role& role, bool last_used) {
  nlohmann::ordered_json r;
  r["Path"] = role.path;
  r["RoleName"] = role.name;
  r["RoleId"] = sim.role_id(role);
  r["Arn"] = role.arn;
  r["CreateDate"] = format_aws_cli_time(role.created);
  r["AssumeRolePolicyDocument"] = nlohmann::ordered_json::parse(role.trust.text, nullptr, false);
  if (!role.description.empty()) r["Description"] = role.description;
  r["MaxSessionDuration"] = role.max_session_duration;
  if (role.boundary)
    r["PermissionsBoundary"] = {{"PermissionsBoundaryType", "Policy"}, {"PermissionsBoundaryArn", role.boundary->name}};
  if (!role.tags.empty()) {
    nlohmann::ordered_json tags = nlohmann::ordered_json::array();
    for (const auto& [k, v] : role.tags) tags.push_back({{"Key", k}, {"Value", v}});
    r["Tags"] = tags;
  }
  if (last_used) r["RoleLastUsed"] = nlohmann::ordered_json::object();
  return r;
}

}  // namespace

Account* Console::iam_account(const std::string& caller_arn, Principal& me) {
  me = parse_principal(caller_arn);
  return sim_.world.account(me.account);
}

std::string Console::iam_no_account(const std::string& operation) {
  return aws_error(operation, {"InvalidClientTokenId", "The security token included in the request is invalid."});
}

std::string Console::iam_call(const Words& w) {
  std::vector<std::string> names;
  for (const IamOp& op : iam_ops()) names.push_back(op.cli);
  for (const std::string& cli : iam_policy_commands()) names.push_back(cli);
  for (const std::string& cli : iam_group_commands()) names.push_back(cli);
  if (w.size() < 3) return invalid_choice("operation", "", names);
  const IamOp* op = nullptr;
  for (const IamOp& o : iam_ops()) {
    if (w[2] == o.cli) op = &o;
  }
  if (!op) return invalid_choice("operation", w[2], names);
  OptionSpec spec;
  spec.single = op->single;
  spec.required = op->required;
  ParsedOptions o = parse_options(w, 3, spec);
  if (!o.error.empty()) return o.error + "\n";
  const std::string operation = op->operation;
  const std::string cli = op->cli;

  const std::string arn = who();
  Principal me;
  Account* acct = iam_account(arn, me);
  if (!acct) return iam_no_account(operation);

  // The role the call is about (for create-service-linked-role: the one AWS would create).
  std::string name = o.single["--role-name"];
  Role slr_template;
  if (cli == "create-service-linked-role") {
    if (!build_service_linked_role(me.account, o.single["--aws-service-name"], slr_template)) {
      return aws_error(operation, {"InvalidInput", "Service " + o.single["--aws-service-name"] +
                                                       " does not support service-linked roles (RoleLab knows autoscaling, "
                                                       "elasticloadbalancing, ecs and organizations)."});
    }
    name = slr_template.name;
  }
  std::string task_id = o.single["--deletion-task-id"];
  if (cli == "get-service-linked-role-deletion-status") {
    name = deletion_task_role(task_id);
  }
  auto it = acct->roles.find(name);
  Role* role = it == acct->roles.end() ? nullptr : &it->second;
  const std::string path = o.single.count("--path") ? o.single.at("--path") : "/";
  const std::string action = "iam:" + operation;
  const std::string resource = role                        ? role->arn
                               : !slr_template.arn.empty() ? slr_template.arn
                                                           : "arn:aws:iam::" + me.account + ":role" + path + name;
  StsError err;
  // AttachRolePolicy puts the policy's ARN in the request context as
  // iam:PolicyARN (Service Authorization Reference, list_identityandaccessmanagement.html).
  Context ctx;
  if (o.single.count("--policy-arn")) ctx.set("iam:PolicyARN", o.single["--policy-arn"]);
  if (!sim_.authorize(caller_, action, resource, me.account, nullptr, ctx, err)) {
    if (err.code == "AccessDenied") {
      err.message = "User: " + arn + " is not authorized to perform: " + action + " on resource: role " + name +
                    denial_reason(sim_, action);
    }
    return aws_error(operation, err);
  }

  // Creation.
  if (cli == "create-role" || cli == "create-service-linked-role") {
    if (role) {
      return aws_error(operation,
                       cli == "create-role"
                           ? StsError{"EntityAlreadyExists", "Role with name " + name + " already exists."}
                           : StsError{"InvalidInput", "Service role name " + name +
                                                          " has been taken in this account, please try a different suffix."});
    }
    Role r;
    if (cli == "create-service-linked-role") {
      r = std::move(slr_template);
      if (o.single.count("--description")) r.description = o.single["--description"];
    } else {
      r.account = me.account;
      r.name = name;
      r.path = path;
      if (r.path.empty() || r.path.front() != '/' || r.path.back() != '/') {
        return aws_error(operation, {"ValidationError",
                                     "The specified value for path is invalid. It must begin and end with / and contain "
                                     "only alphanumeric characters and/or / characters."});
      }
      r.arn = "arn:aws:iam::" + me.account + ":role" + r.path + name;
      if (o.single.count("--description")) r.description = o.single.at("--description");
      std::optional<long long> max;
      std::string bad;
      if (!integer_option(o, "--max-session-duration", max, bad)) return bad;
      r.max_session_duration = static_cast<int>(max.value_or(3600));
      if (r.max_session_duration < 3600 || r.max_session_duration > 43200) {
        return aws_error(
            operation, {"ValidationError", "1 validation error detected: Value '" + std::to_string(*max) +
                                               "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value " +
                                               (*max < 3600 ? "greater than or equal to 3600" : "less than or equal to 43200")});
      }
      const std::string& text = o.single["--assume-role-policy-document"];
      ParseOptions opt;
      opt.kind = PolicyKind::Trust;
      opt.name = "trust policy of role " + name;
      opt.owner_account = me.account;
      ParsedPolicy p = parse_policy(text, opt);
      if (!p.ok) return aws_error(operation, {p.errors.front().code, p.errors.front().message});
      if (auto bad = unknown_principal(sim_.world, p.policy)) return aws_error(operation, {bad->code, bad->message});
      if (auto bad = analyzer::shared_oidc_provider_violation(p.policy)) return aws_error(operation, {bad->code, bad->message});
      r.trust = {opt.name, text, std::move(p.policy)};
    }
    r.created = sim_.clock.now();
    sim_.register_role(r);
    Role& stored = acct->roles[name] = std::move(r);
    return pretty({{"Role", role_json(sim_, stored, false)}});
  }
  if (cli == "get-service-linked-role-deletion-status") {
    auto t = sim_.deletion_tasks.find(task_id);
    if (t == sim_.deletion_tasks.end()) {
      return aws_error(operation, {"NoSuchEntity", "Deletion task " + task_id + " cannot be found."});
    }
    return pretty(t->second);
  }
  if (!role) return aws_error(operation, {"NoSuchEntity", "The role with name " + name + " cannot be found."});
  if (cli == "get-role") return pretty({{"Role", role_json(sim_, *role, true)}});
  const StsError protected_role{"UnmodifiableEntity", "Cannot perform the operation on the protected role '" + role->name +
                                                          "' - this role is only modifiable by AWS"};
  if (cli == "delete-service-linked-role") {
    if (role->service_linked.empty()) {
      return aws_error(operation, {"ValidationError", "Role " + name + " is not a service-linked role; use delete-role."});
    }
    // Deletion is a task: it fails while a resource still uses the role.
    std::string id = "task/aws-service-role/" + role->service_linked + "/" + role->name + "/" + task_uuid(sim_.ids);
    nlohmann::ordered_json status;
    if (role->used_by.empty()) {
      status["Status"] = "SUCCEEDED";
      acct->roles.erase(it);
    } else {
      status["Status"] = "FAILED";
      nlohmann::ordered_json usage = nlohmann::ordered_json::array();
      usage.push_back({{"Region", "us-east-1"}, {"Resources", role->used_by}});
      status["Reason"] = {{"Reason", "The service-linked role is in use by resources."}, {"RoleUsageList", usage}};
    }
    sim_.deletion_tasks[id] = status;
    vars_["TASK"] = id;  // for get-service-linked-role-deletion-status --deletion-task-id $TASK
    return pretty({{"DeletionTaskId", id}});
  }
  if (!role->service_linked.empty()) return aws_error(operation, protected_role);
  if (cli == "delete-role") {
    if (!role->attached.empty())
      return aws_error(operation, {"DeleteConflict", "Cannot delete entity, must detach all policies first."});
    if (!role->policies.empty())
      return aws_error(operation, {"DeleteConflict", "Cannot delete entity, must delete policies first."});
    for (const auto& [id, inst] : acct->instances) {
      if (inst.role == role->name) {
        return aws_error(operation, {"DeleteConflict", "Cannot delete entity, must remove roles from instance profile first."});
      }
    }
    acct->roles.erase(it);
    return "";
  }
  if (cli == "attach-role-policy") {
    const std::string& policy_arn = o.single["--policy-arn"];
    if (!sim_.world.find_managed(*acct, policy_arn) || policy_arn.rfind("arn:", 0) != 0) {
      return aws_error(operation, {"NoSuchEntity", "Policy " + policy_arn + " does not exist or is not attachable."});
    }
    for (const std::string& a : role->attached) {
      if (a == policy_arn) return "";
    }
    role->attached.push_back(policy_arn);
    return "";
  }
  if (cli == "update-role") {
    std::optional<long long> max;
    std::string bad;
    if (!integer_option(o, "--max-session-duration", max, bad)) return bad;
    if (max) {
      if (*max < 3600 || *max > 43200) {
        return aws_error(
            operation, {"ValidationError", "1 validation error detected: Value '" + std::to_string(*max) +
                                               "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value " +
                                               (*max < 3600 ? "greater than or equal to 3600" : "less than or equal to 43200")});
      }
      role->max_session_duration = static_cast<int>(*max);
    }
    if (o.single.count("--description")) role->description = o.single["--description"];
    return "";
  }
  // Policy documents: validated strictly, as IAM does when it stores them.
  const bool trust = cli == "update-assume-role-policy";
  const std::string& text = o.single["--policy-document"];
  ParseOptions opt;
  opt.kind = trust ? PolicyKind::Trust : PolicyKind::Identity;
  opt.name = trust ? "trust policy of role " + role->name : o.single["--policy-name"];
  opt.owner_account = role->account;
  ParsedPolicy p = parse_policy(text, opt);
  if (!p.ok) return aws_error(operation, {p.errors.front().code, p.errors.front().message});
  if (trust) {
    if (auto bad = unknown_principal(sim_.world, p.policy)) return aws_error(operation, {bad->code, bad->message});
    if (auto bad = analyzer::shared_oidc_provider_violation(p.policy)) return aws_error(operation, {bad->code, bad->message});
  }
  NamedPolicy np{opt.name, text, std::move(p.policy)};
  if (trust) {
    // Sessions already issued keep working: a trust policy is only checked when a role is assumed.
    role->trust = std::move(np);
    return "";
  }
  for (NamedPolicy& existing : role->policies) {
    if (existing.name == np.name) {
      existing = std::move(np);
      return "";
    }
  }
  role->policies.push_back(std::move(np));
  return "";
}

std::string Console::iam(const Words& w) {
  if (w.size() > 2) {
    for (const std::string& cli : iam_policy_commands()) {
      if (w[2] == cli) return recorded("iam.amazonaws.com", console_util::from_kebab(cli, true), w, iam_policies(w));
    }
    for (const std::string& cli : iam_group_commands()) {
      if (w[2] == cli) return recorded("iam.amazonaws.com", console_util::from_kebab(cli, true), w, iam_groups(w));
    }
  }
  std::string out = iam_call(w);
  for (const IamOp& op : iam_ops()) {
    if (w.size() > 2 && w[2] == op.cli) return recorded("iam.amazonaws.com", op.operation, w, std::move(out));
  }
  return out;
}

std::string Console::recorded(const std::string& source, const std::string& operation, const Words& w, std::string output) {
  // Usage errors never reach AWS: nothing to record.
  if (output.rfind("aws: error", 0) == 0 || output.rfind("usage:", 0) == 0 || output.rfind("\nInvalid value", 0) == 0)
    return output;
  nlohmann::ordered_json request = nlohmann::ordered_json::object();
  for (std::size_t k = 3; k + 1 < w.size(); ++k) {
    if (w[k].rfind("--", 0) == 0 && w[k + 1].rfind("--", 0) != 0) {
      request[console_util::from_kebab(std::string_view(w[k]).substr(2), false)] = w[k + 1];  // --role-name -> roleName
      ++k;
    }
  }
  Simulator::Result result;
  const std::string prefix = "An error occurred (";
  if (output.rfind(prefix, 0) == 0) {
    std::size_t close = output.find(')');
    std::size_t colon = output.find(" operation: ");
    result.error.code = output.substr(prefix.size(), close - prefix.size());
    if (colon != std::string::npos) result.error.message = output.substr(colon + 12, output.size() - colon - 13);
  } else {
    result.ok = true;
    // CloudTrail logs responses of create calls; reads and updates log none.
    if (operation.rfind("Create", 0) == 0) result.output = nlohmann::ordered_json::parse(output, nullptr, false);
    if (result.output.is_discarded()) result.output = nullptr;
  }
  sim_.record(source, operation, caller_, std::move(request), result);
  return output;
}

}  // namespace rolelab
