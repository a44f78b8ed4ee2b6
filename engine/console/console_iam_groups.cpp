// `aws iam` group commands: create a group, put members in and out, give it
// policies, read it back. A user's requests are then evaluated with its
// groups' policies too (World::user_policies). IAM's error codes and messages
// (IAM API reference: API_CreateGroup.html, API_GetGroup.html,
// API_AddUserToGroup.html, API_RemoveUserFromGroup.html,
// API_PutGroupPolicy.html, API_AttachGroupPolicy.html,
// API_ListGroupsForUser.html).
#include <algorithm>

#include "console/console.h"
#include "console/console_util.h"

namespace rolelab {

using console_util::denial_reason;
using console_util::pretty;

namespace {

struct GroupOp {
  const char* cli;
  const char* operation;
  std::vector<std::string> options;   // accepted
  std::vector<std::string> required;
};

const std::vector<GroupOp>& group_ops() {
  static const std::vector<GroupOp> ops = {
      {"create-group", "CreateGroup", {"--group-name", "--path"}, {"--group-name"}},
      {"get-group", "GetGroup", {"--group-name"}, {"--group-name"}},
      {"add-user-to-group", "AddUserToGroup", {"--group-name", "--user-name"}, {"--group-name", "--user-name"}},
      {"remove-user-from-group", "RemoveUserFromGroup", {"--group-name", "--user-name"}, {"--group-name", "--user-name"}},
      {"put-group-policy",
       "PutGroupPolicy",
       {"--group-name", "--policy-name", "--policy-document"},
       {"--group-name", "--policy-name", "--policy-document"}},
      {"attach-group-policy", "AttachGroupPolicy", {"--group-name", "--policy-arn"}, {"--group-name", "--policy-arn"}},
      {"list-groups-for-user", "ListGroupsForUser", {"--user-name"}, {"--user-name"}},
  };
  return ops;
}

// A group's unique id (AGPA + 17 characters of [A-Z2-7], as IAM's), derived
// from its ARN so that transcripts stay the same run after run.
std::string group_id(const std::string& arn) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::uint64_t h = 1469598103934665603ull;
  for (char c : arn) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  std::string id = "AGPA";
  for (int k = 0; k < 17; ++k) {
    h = h * 6364136223846793005ull + 1442695040888963407ull;
    id += alphabet[(h >> 59) & 31];
  }
  return id;
}

nlohmann::ordered_json group_json(const Group& g, TimeMs created) {
  return {{"Path", g.path}, {"GroupName", g.name}, {"GroupId", group_id(g.arn)}, {"Arn", g.arn},
          {"CreateDate", format_aws_cli_time(created)}};
}

}  // namespace

const std::vector<std::string>& Console::iam_group_commands() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const GroupOp& op : group_ops()) out.push_back(op.cli);
    return out;
  }();
  return names;
}

std::string Console::iam_groups(const Words& w) {
  const GroupOp* op = nullptr;
  for (const GroupOp& o : group_ops()) {
    if (w.size() > 2 && w[2] == o.cli) op = &o;
  }
  if (!op) return "";
  OptionSpec spec;
  spec.single = op->options;
  spec.required = op->required;
  ParsedOptions o = parse_options(w, 3, spec);
  if (!o.error.empty()) return o.error + "\n";
  const std::string operation = op->operation;
  const std::string cli = op->cli;

  const std::string arn = who();
  Principal me;
  Account* acct = iam_account(arn, me);
  if (!acct) return iam_no_account(operation);

  const std::string group_name = o.single["--group-name"];
  const std::string user_name = o.single["--user-name"];
  auto git = acct->groups.find(group_name);
  Group* group = git == acct->groups.end() ? nullptr : &git->second;
  auto uit = acct->users.find(user_name);
  User* user = uit == acct->users.end() ? nullptr : &uit->second;
  const std::string path = o.single.count("--path") ? o.single.at("--path") : "/";
  // The resource of each action (Service Authorization Reference): the group, or the user for ListGroupsForUser.
  const bool on_user = cli == "list-groups-for-user";
  const std::string resource = on_user ? (user ? user->arn : "arn:aws:iam::" + me.account + ":user/" + user_name)
                                       : (group ? group->arn : "arn:aws:iam::" + me.account + ":group" + path + group_name);
  Context ctx;
  if (o.single.count("--policy-arn")) ctx.set("iam:PolicyARN", o.single["--policy-arn"]);
  const std::string action = "iam:" + operation;
  StsError err;
  if (!sim_.authorize(caller_, action, resource, me.account, nullptr, ctx, err)) {
    if (err.code == "AccessDenied") {
      err.message = "User: " + arn + " is not authorized to perform: " + action + " on resource: " +
                    (on_user ? "user " + user_name : "group " + group_name) + denial_reason(sim_, action);
    }
    return aws_error(operation, err);
  }
  if (cli == "create-group") {
    if (group) return aws_error(operation, {"EntityAlreadyExists", "Group with name " + group_name + " already exists."});
    if (path.empty() || path.front() != '/' || path.back() != '/') {
      return aws_error(operation, {"ValidationError", "The specified value for path is invalid. It must begin and end with / and "
                                                      "contain only alphanumeric characters and/or / characters."});
    }
    Group g;
    g.account = me.account;
    g.name = group_name;
    g.path = path;
    g.arn = "arn:aws:iam::" + me.account + ":group" + path + group_name;
    Group& stored = acct->groups[group_name] = std::move(g);
    return pretty({{"Group", group_json(stored, sim_.clock.now())}});
  }
  if (on_user) {
    if (!user) return aws_error(operation, {"NoSuchEntity", "The user with name " + user_name + " cannot be found."});
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const std::string& g : user->groups) {
      auto it = acct->groups.find(g);
      if (it != acct->groups.end()) list.push_back(group_json(it->second, sim_.world.start_time));
    }
    return pretty({{"Groups", list}});
  }
  if (!group) return aws_error(operation, {"NoSuchEntity", "The group with name " + group_name + " cannot be found."});
  if (cli == "get-group") {
    nlohmann::ordered_json users = nlohmann::ordered_json::array();
    for (const auto& [name, u] : acct->users) {
      if (std::find(u.groups.begin(), u.groups.end(), group_name) == u.groups.end()) continue;
      users.push_back({{"Path", u.path}, {"UserName", u.name}, {"UserId", sim_.user_id(u)}, {"Arn", u.arn},
                       {"CreateDate", format_aws_cli_time(sim_.world.start_time)}});
    }
    return pretty({{"Users", users}, {"Group", group_json(*group, sim_.world.start_time)}, {"IsTruncated", false}});
  }
  if (cli == "add-user-to-group" || cli == "remove-user-from-group") {
    if (!user) return aws_error(operation, {"NoSuchEntity", "The user with name " + user_name + " cannot be found."});
    auto at = std::find(user->groups.begin(), user->groups.end(), group_name);
    if (cli == "add-user-to-group" && at == user->groups.end()) user->groups.push_back(group_name);
    if (cli == "remove-user-from-group" && at != user->groups.end()) user->groups.erase(at);
    return "";
  }
  if (cli == "attach-group-policy") {
    const std::string& policy_arn = o.single["--policy-arn"];
    const ManagedPolicy* mp = sim_.world.find_managed(*acct, policy_arn);
    if (!mp || policy_arn.rfind("arn:", 0) != 0)
      return aws_error(operation, {"NoSuchEntity", "Policy " + policy_arn + " does not exist or is not attachable."});
    for (const std::string& a : group->attached) {
      if (sim_.world.find_managed(*acct, a) == mp) return "";  // attaching twice changes nothing
    }
    group->attached.push_back(policy_arn);
    return "";
  }
  // put-group-policy: validated strictly, as IAM does when it stores a policy.
  const std::string& text = o.single["--policy-document"];
  ParseOptions popt;
  popt.kind = PolicyKind::Identity;
  popt.name = o.single["--policy-name"];
  popt.owner_account = me.account;
  ParsedPolicy p = parse_policy(text, popt);
  if (!p.ok) return aws_error(operation, {p.errors.front().code, p.errors.front().message});
  NamedPolicy np{popt.name, text, std::move(p.policy)};
  for (NamedPolicy& existing : group->policies) {
    if (existing.name == np.name) {
      existing = std::move(np);
      return "";
    }
  }
  group->policies.push_back(std::move(np));
  return "";
}

}  // namespace rolelab
