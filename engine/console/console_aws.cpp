// The `aws ...` commands of the console: argument checking as the AWS CLI
// does it, the call into the simulator, and the AWS CLI's output shapes.
#include <cstdint>
#include <cstdio>

#include "console/console.h"
#include "console/console_util.h"
#include "eval/explain.h"

namespace rolelab {

using console_util::integer_option;
using console_util::pretty;

namespace {

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

}  // namespace

std::string Console::aws(const Words& w) {
  static const std::vector<std::string> services = {"accessanalyzer", "ec2", "iam", "lambda", "s3", "s3api", "sts"};
  if (w.size() < 2) return invalid_choice("command", "", services);
  const std::string& s = w[1];
  const bool federation = s == "sts" && w.size() > 2 && w[2].rfind("assume-role-with-", 0) == 0;  // needs no AWS credentials
  renew_instance_credentials();
  if (who().empty() && !federation)
    return "Unable to locate credentials. You can configure credentials by running \"aws configure\".\n";
  if (s == "sts") return sts(w);
  if (s == "accessanalyzer") return accessanalyzer(w);
  if (s == "iam") return iam(w);
  if (s == "s3api") return s3api(w);
  if (s == "s3") return s3(w);
  if (s == "ec2" || s == "lambda") {
    std::string out = s == "ec2" ? ec2(w) : lambda(w);
    if (w.size() < 3 || out.rfind("usage:", 0) == 0) return out;
    return recorded(s + ".amazonaws.com", console_util::from_kebab(w[2], true), w, std::move(out));
  }
  return invalid_choice("command", s, services);
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

std::string Console::s3api(const Words& w) {
  std::string out = s3api_call(w);
  return w.size() > 2 && w[2] == "get-object" ? recorded("s3.amazonaws.com", "GetObject", w, std::move(out)) : out;
}

std::string Console::s3api_call(const Words& w) {
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
