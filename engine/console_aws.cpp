// The `aws ...` commands of the console: argument checking as the AWS CLI
// does it, the call into the simulator, and the AWS CLI's output shapes.
#include <cstdint>
#include <cstdio>

#include "console.h"
#include "explain.h"
#include "lesson.h"

namespace rolelab {

namespace {

std::string pretty(const nlohmann::ordered_json& j) { return dump_ordered(j, 4) + "\n"; }

// Parses "Key=k,Value=v".
bool parse_tag(const std::string& s, std::string& key, std::string& value) {
  std::size_t comma = s.find(",Value=");
  if (s.rfind("Key=", 0) != 0 || comma == std::string::npos) return false;
  key = s.substr(4, comma - 4);
  value = s.substr(comma + 7);
  return true;
}

std::string etag(const std::string& content) {
  std::uint64_t a = 1469598103934665603ULL, b = 1099511628211ULL ^ content.size();
  for (unsigned char c : content) {
    a = (a ^ c) * 1099511628211ULL;
    b = (b ^ c) * 14695981039346656037ULL + 7;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
  return "\"" + std::string(buf) + "\"";
}

// "... because no identity-based policy allows the iam:GetRole action", as IAM words it.
std::string denial_reason(const Simulator& sim, const std::string& action) {
  if (sim.last_auth && sim.last_auth->result.decision == Decision::ExplicitlyDenied) {
    for (const PolicyTrace& p : sim.last_auth->trace.policies) {
      if (p.verdict == PolicyVerdict::Deny) {
        std::string kind = policy_kind_name(p.kind);
        bool vowel = !kind.empty() && std::string("aeiou").find(kind[0]) != std::string::npos;
        return std::string(" with an explicit deny in ") + (vowel ? "an " : "a ") + kind;
      }
    }
  }
  return " because no identity-based policy allows the " + action + " action";
}

}  // namespace

std::string Console::aws(const Words& w) {
  static const std::vector<std::string> services = {"sts", "iam", "s3api", "s3"};
  if (w.size() < 2) return invalid_choice("command", "", services);
  const std::string& s = w[1];
  const bool federation = s == "sts" && w.size() > 2 && w[2].rfind("assume-role-with-", 0) == 0;  // needs no AWS credentials
  if (who().empty() && !federation)
    return "Unable to locate credentials. You can configure credentials by running \"aws configure\".\n";
  if (s == "sts") return sts(w);
  if (s == "iam") return iam(w);
  if (s == "s3api") return s3api(w);
  if (s == "s3") return s3(w);
  return invalid_choice("command", s, services);
}

// --duration-seconds and friends: an integer, or the AWS CLI's complaint.
static bool integer_option(ParsedOptions& o, const char* name, std::optional<long long>& out, std::string& error) {
  if (!o.single.count(name)) return true;
  const std::string& d = o.single[name];
  char* end = nullptr;
  long long v = std::strtoll(d.c_str(), &end, 10);
  if (d.empty() || *end || d.size() > 18) {
    error = "\nInvalid value for parameter " + std::string(name).substr(2) + ": '" + d + "' is not an integer\n";
    return false;
  }
  out = v;
  return true;
}

std::string Console::sts(const Words& w) {
  static const std::vector<std::string> ops = {"assume-role", "assume-role-with-saml", "assume-role-with-web-identity",
                                               "get-caller-identity", "get-session-token"};
  if (w.size() < 3) return invalid_choice("operation", "", ops);
  const std::string& op = w[2];
  if (op == "get-caller-identity") {
    ParsedOptions o = parse_options(w, 3, {});
    if (!o.error.empty()) return o.error + "\n";
    auto r = sim_.get_caller_identity(caller_);
    return r.ok ? pretty(r.output) : aws_error("GetCallerIdentity", r.error);
  }
  if (op == "assume-role") {
    OptionSpec spec;
    spec.single = {"--role-arn", "--role-session-name", "--duration-seconds", "--external-id",
                   "--policy",   "--source-identity",   "--serial-number",    "--token-code"};
    spec.multi = {"--policy-arns", "--tags", "--transitive-tag-keys"};
    spec.required = {"--role-arn", "--role-session-name"};
    ParsedOptions o = parse_options(w, 3, spec);
    if (!o.error.empty()) return o.error + "\n";
    AssumeRoleRequest req;
    req.role_arn = o.single["--role-arn"];
    req.role_session_name = o.single["--role-session-name"];
    if (o.single.count("--duration-seconds")) {
      const std::string& d = o.single["--duration-seconds"];
      char* end = nullptr;
      long long v = std::strtoll(d.c_str(), &end, 10);
      if (d.empty() || *end || d.size() > 18)
        return "\nInvalid value for parameter --duration-seconds: '" + d + "' is not an integer\n";
      req.duration_seconds = v;
    }
    auto opt = [&](const char* name, std::optional<std::string>& out) {
      if (o.single.count(name)) out = o.single[name];
    };
    opt("--external-id", req.external_id);
    opt("--policy", req.policy);
    opt("--source-identity", req.source_identity);
    opt("--serial-number", req.serial_number);
    opt("--token-code", req.token_code);
    for (const std::string& a : o.multi["--policy-arns"]) {
      if (a.rfind("arn=", 0) != 0) return "Error parsing parameter '--policy-arns': Expected: 'arn=', received: '" + a + "'\n";
      req.policy_arns.push_back(a.substr(4));
    }
    for (const std::string& t : o.multi["--tags"]) {
      std::string k, v;
      if (!parse_tag(t, k, v)) return "Error parsing parameter '--tags': Expected: 'Key=k,Value=v', received: '" + t + "'\n";
      req.tags.emplace_back(k, v);
    }
    req.transitive_tag_keys = o.multi["--transitive-tag-keys"];
    auto r = sim_.assume_role(caller_, req);
    return r.ok ? pretty(r.output) : aws_error("AssumeRole", r.error);
  }
  if (op == "get-session-token") {
    OptionSpec spec;
    spec.single = {"--duration-seconds", "--serial-number", "--token-code"};
    ParsedOptions o = parse_options(w, 3, spec);
    if (!o.error.empty()) return o.error + "\n";
    std::optional<long long> duration;
    std::string bad;
    if (!integer_option(o, "--duration-seconds", duration, bad)) return bad;
    std::optional<std::string> serial, code;
    if (o.single.count("--serial-number")) serial = o.single["--serial-number"];
    if (o.single.count("--token-code")) code = o.single["--token-code"];
    auto r = sim_.get_session_token(caller_, duration, serial, code);
    return r.ok ? pretty(r.output) : aws_error("GetSessionToken", r.error);
  }
  // Federation needs no AWS credentials: the identity provider's token is the proof.
  if (op == "assume-role-with-web-identity" || op == "assume-role-with-saml") {
    const bool web = op == "assume-role-with-web-identity";
    OptionSpec spec;
    spec.single = {"--role-arn", "--duration-seconds", "--policy"};
    spec.multi = {"--policy-arns"};
    if (web) {
      spec.single.insert(spec.single.end(), {"--role-session-name", "--web-identity-token", "--provider-id"});
      spec.required = {"--role-arn", "--role-session-name", "--web-identity-token"};
    } else {
      spec.single.insert(spec.single.end(), {"--principal-arn", "--saml-assertion"});
      spec.required = {"--role-arn", "--principal-arn", "--saml-assertion"};
    }
    ParsedOptions o = parse_options(w, 3, spec);
    if (!o.error.empty()) return o.error + "\n";
    std::optional<long long> duration;
    std::string bad;
    if (!integer_option(o, "--duration-seconds", duration, bad)) return bad;
    std::optional<std::string> policy;
    if (o.single.count("--policy")) policy = o.single["--policy"];
    std::vector<std::string> arns;
    for (const std::string& a : o.multi["--policy-arns"]) {
      if (a.rfind("arn=", 0) != 0) return "Error parsing parameter '--policy-arns': Expected: 'arn=', received: '" + a + "'\n";
      arns.push_back(a.substr(4));
    }
    Simulator::Result r;
    if (web) {
      r = sim_.assume_role_with_web_identity(
          {o.single["--role-arn"], o.single["--role-session-name"], o.single["--web-identity-token"], duration, policy, arns});
    } else {
      r = sim_.assume_role_with_saml(
          {o.single["--role-arn"], o.single["--principal-arn"], o.single["--saml-assertion"], duration, policy, arns});
    }
    return r.ok ? pretty(r.output) : aws_error(web ? "AssumeRoleWithWebIdentity" : "AssumeRoleWithSAML", r.error);
  }
  return invalid_choice("operation", op, ops);
}

std::string Console::iam(const Words& w) {
  static const std::vector<std::string> ops = {"get-role", "update-assume-role-policy", "put-role-policy", "update-role"};
  if (w.size() < 3) return invalid_choice("operation", "", ops);
  const std::string& op = w[2];
  OptionSpec spec;
  spec.required = {"--role-name"};
  std::string operation;
  if (op == "get-role") {
    spec.single = {"--role-name"};
    operation = "GetRole";
  } else if (op == "update-assume-role-policy") {
    spec.single = {"--role-name", "--policy-document"};
    spec.required.push_back("--policy-document");
    operation = "UpdateAssumeRolePolicy";
  } else if (op == "put-role-policy") {
    spec.single = {"--role-name", "--policy-name", "--policy-document"};
    spec.required.insert(spec.required.end(), {"--policy-name", "--policy-document"});
    operation = "PutRolePolicy";
  } else if (op == "update-role") {
    spec.single = {"--role-name", "--max-session-duration", "--description"};
    operation = "UpdateRole";
  } else {
    return invalid_choice("operation", op, ops);
  }
  ParsedOptions o = parse_options(w, 3, spec);
  if (!o.error.empty()) return o.error + "\n";
  // IAM calls go to the caller's own account.
  std::string arn = who();
  Principal me = parse_principal(arn);
  Account* acct = sim_.world.account(me.account);
  const std::string& name = o.single["--role-name"];
  Role* role = nullptr;
  if (acct) {
    auto it = acct->roles.find(name);
    if (it != acct->roles.end()) role = &it->second;
  }
  const std::string action = "iam:" + operation;
  const std::string resource = role ? role->arn : "arn:aws:iam::" + me.account + ":role/" + name;
  StsError err;
  if (!sim_.authorize(caller_, action, resource, me.account, nullptr, Context{}, err)) {
    if (err.code == "AccessDenied") {
      err.message = "User: " + arn + " is not authorized to perform: " + action + " on resource: role " + name +
                    denial_reason(sim_, action);
    }
    return aws_error(operation, err);
  }
  if (!role) return aws_error(operation, {"NoSuchEntity", "The role with name " + name + " cannot be found."});
  if (op == "get-role") {
    nlohmann::ordered_json r;
    r["Path"] = role->path;
    r["RoleName"] = role->name;
    r["RoleId"] = sim_.role_id(*role);
    r["Arn"] = role->arn;
    r["CreateDate"] = format_aws_cli_time(role->created);
    r["AssumeRolePolicyDocument"] = nlohmann::ordered_json::parse(role->trust.text, nullptr, false);
    if (!role->description.empty()) r["Description"] = role->description;
    r["MaxSessionDuration"] = role->max_session_duration;
    if (role->boundary) {
      r["PermissionsBoundary"] = {{"PermissionsBoundaryType", "Policy"}, {"PermissionsBoundaryArn", role->boundary->name}};
    }
    if (!role->tags.empty()) {
      nlohmann::ordered_json tags = nlohmann::ordered_json::array();
      for (const auto& [k, v] : role->tags) tags.push_back({{"Key", k}, {"Value", v}});
      r["Tags"] = tags;
    }
    r["RoleLastUsed"] = nlohmann::ordered_json::object();
    return pretty({{"Role", r}});
  }
  if (!role->service_linked.empty()) {
    return aws_error(operation, {"UnmodifiableEntity", "Cannot perform the operation on the protected role '" + role->name +
                                                           "' - this role is only modifiable by AWS"});
  }
  if (op == "update-role") {
    if (o.single.count("--max-session-duration")) {
      const std::string& d = o.single["--max-session-duration"];
      char* end = nullptr;
      long long v = std::strtoll(d.c_str(), &end, 10);
      if (d.empty() || *end || d.size() > 18)
        return "\nInvalid value for parameter --max-session-duration: '" + d + "' is not an integer\n";
      if (v < 3600 || v > 43200) {
        return aws_error(
            operation, {"ValidationError", "1 validation error detected: Value '" + d +
                                               "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value " +
                                               (v < 3600 ? "greater than or equal to 3600" : "less than or equal to 43200")});
      }
      role->max_session_duration = static_cast<int>(v);
    }
    if (o.single.count("--description")) role->description = o.single["--description"];
    return "";
  }
  // Policy documents: validated strictly, as IAM does when it stores them.
  const std::string& text = o.single["--policy-document"];
  ParseOptions opt;
  opt.kind = op == "update-assume-role-policy" ? PolicyKind::Trust : PolicyKind::Identity;
  opt.name = op == "update-assume-role-policy" ? "trust policy of role " + role->name : o.single["--policy-name"];
  opt.owner_account = role->account;
  ParsedPolicy p = parse_policy(text, opt);
  if (!p.ok) return aws_error(operation, {p.errors.front().code, p.errors.front().message});
  NamedPolicy np{opt.name, text, std::move(p.policy)};
  if (op == "update-assume-role-policy") {
    // Sessions already issued keep working: a trust policy is only checked when a role is assumed.
    role->trust = std::move(np);
  } else {
    bool replaced = false;
    for (NamedPolicy& existing : role->policies) {
      if (existing.name == np.name) existing = np, replaced = true;
    }
    if (!replaced) role->policies.push_back(std::move(np));
  }
  return "";
}

std::string Console::s3api(const Words& w) {
  static const std::vector<std::string> ops = {"get-object"};
  if (w.size() < 3) return invalid_choice("operation", "", ops);
  if (w[2] != "get-object") return invalid_choice("operation", w[2], ops);
  OptionSpec spec;
  spec.single = {"--bucket", "--key"};
  spec.required = {"--bucket", "--key"};
  spec.positional = 1;
  ParsedOptions o = parse_options(w, 3, spec);
  if (!o.error.empty()) return o.error + "\n";
  const std::string& bucket_name = o.single["--bucket"];
  const std::string& key = o.single["--key"];
  Account* owner = nullptr;
  Bucket* b = sim_.world.find_bucket(bucket_name, &owner);
  if (!b) return aws_error("GetObject", {"NoSuchBucket", "The specified bucket does not exist"});
  const Policy* bp = b->policy ? &b->policy->policy : nullptr;
  StsError err;
  if (!sim_.authorize(caller_, "s3:GetObject", "arn:aws:s3:::" + bucket_name + "/" + key, owner->id, bp, Context{}, err)) {
    if (err.code == "AccessDenied") err.message = "Access Denied";
    return aws_error("GetObject", err);
  }
  auto it = b->objects.find(key);
  if (it == b->objects.end()) {
    // Without s3:ListBucket, S3 answers a missing key with 403, not 404 (AmazonS3 API_GetObject.html).
    StsError list_err;
    Authorization get_auth = *sim_.last_auth;
    bool can_list = sim_.authorize(caller_, "s3:ListBucket", "arn:aws:s3:::" + bucket_name, owner->id, bp, Context{}, list_err);
    sim_.last_auth = std::move(get_auth);
    if (!can_list) return aws_error("GetObject", {"AccessDenied", "Access Denied"});
    return aws_error("GetObject", {"NoSuchKey", "The specified key does not exist."});
  }
  files_[o.positional[0]] = it->second;
  nlohmann::ordered_json out;
  out["AcceptRanges"] = "bytes";
  out["LastModified"] = format_aws_cli_time(sim_.world.start_time);
  out["ContentLength"] = it->second.size();
  out["ETag"] = etag(it->second);
  out["ContentType"] = "binary/octet-stream";
  out["Metadata"] = nlohmann::ordered_json::object();
  return pretty(out);
}

std::string Console::s3(const Words& w) {
  static const std::vector<std::string> ops = {"ls"};
  if (w.size() < 3) return invalid_choice("operation", "", ops);
  if (w[2] != "ls") return invalid_choice("operation", w[2], ops);
  if (w.size() != 4 || w[3].rfind("s3://", 0) != 0) return "usage: aws s3 ls s3://BUCKET[/PREFIX]\n";
  std::string rest = w[3].substr(5);
  std::size_t slash = rest.find('/');
  std::string bucket_name = rest.substr(0, slash);
  std::string prefix = slash == std::string::npos ? "" : rest.substr(slash + 1);
  Account* owner = nullptr;
  Bucket* b = sim_.world.find_bucket(bucket_name, &owner);
  if (!b) return aws_error("ListObjectsV2", {"NoSuchBucket", "The specified bucket does not exist"});
  StsError err;
  Context ctx;
  ctx.set("s3:prefix", prefix);
  if (!sim_.authorize(caller_, "s3:ListBucket", "arn:aws:s3:::" + bucket_name, owner->id,
                      b->policy ? &b->policy->policy : nullptr, ctx, err)) {
    if (err.code == "AccessDenied") err.message = "Access Denied";
    return aws_error("ListObjectsV2", err);
  }
  std::string out;
  std::string last_dir;
  const std::string date =
      format_iso8601(sim_.world.start_time).substr(0, 10) + " " + format_iso8601(sim_.world.start_time).substr(11, 8);
  for (const auto& [key, content] : b->objects) {
    if (key.rfind(prefix, 0) != 0) continue;
    std::string tail = key.substr(prefix.size());
    std::size_t dir = tail.find('/');
    if (dir != std::string::npos) {
      std::string d = tail.substr(0, dir + 1);
      if (d != last_dir) out += "                           PRE " + d + "\n";
      last_dir = d;
      continue;
    }
    char size[16];
    std::snprintf(size, sizeof size, "%10zu", content.size());
    out += date + " " + size + " " + tail + "\n";
  }
  return out;
}

}  // namespace rolelab
