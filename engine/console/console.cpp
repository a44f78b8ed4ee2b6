#include "console/console.h"

#include "eval/analysis.h"
#include "json/base64.h"
#include "eval/explain.h"
#include "policy/wildcard.h"

namespace rolelab {

Console::Console(Simulator& sim) : sim_(sim) {
  // Start as the first user of the world, if there is one.
  for (const auto& [id, a] : sim_.world.accounts) {
    if (!a.users.empty()) {
      caller_ = Caller{Caller::Kind::User, a.users.begin()->second.arn, ""};
      caller_label_ = a.users.begin()->second.arn;
      break;
    }
  }
}

std::string Console::who() const { return Simulator::caller_arn(caller_, sim_); }

std::string Console::prompt() const {
  std::string label = who();
  if (label.empty()) label = "nobody";
  return "[" + format_iso8601(sim_.clock.now()) + "] " + label + " $ ";
}

std::string Console::aws_error(const std::string& operation, const StsError& e) {
  return "An error occurred (" + e.code + ") when calling the " + operation + " operation: " + e.message + "\n";
}

std::string Console::invalid_choice(const std::string& what, const std::string& word, const std::vector<std::string>& choices) {
  std::string out =
      "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n"
      "To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n\n"
      "aws: error: argument " +
      what + ": Invalid choice, valid choices are:\n\n";
  for (const std::string& c : choices) out += "  " + c + "\n";
  if (auto s = suggest(word, choices)) out += "\nInvalid choice: '" + word + "', maybe you meant:\n\n  * " + *s + "\n";
  return out;
}

std::string Console::execute(std::string_view line) {
  if (line.size() > kMaxConsoleLine) {
    return "rolelab: error: the line is " + std::to_string(line.size()) + " characters long; the limit is " +
           std::to_string(kMaxConsoleLine) + ".\n";
  }
  std::size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos || line[first] == '#') return "";  // blank lines and comments
  std::string error;
  auto words = split_words(line, error);
  if (!words) return "rolelab: error: " + error + "\n";
  if (words->empty()) return "";
  for (std::string& word : *words) {  // $TOKEN and $SAML from the `token` command
    if (word.size() > 1 && word[0] == '$') {
      auto v = vars_.find(word.substr(1));
      if (v != vars_.end()) word = v->second;
    }
  }
  const Words& w = *words;
  const std::string& cmd = w[0];
  if (cmd == "aws") return aws(w);
  if (cmd == "token") return token(w);
  if (cmd == "analyze") return to_text(who_can_assume(sim_.world));
  if (cmd == "as") return as(w);
  if (cmd == "use") return use(w);
  if (cmd == "clock") return clock(w);
  if (cmd == "whoami") return whoami();
  if (cmd == "revoke-sessions") return revoke_sessions(w);
  if (cmd == "explain") return explain();
  if (cmd == "help") return help();
  if (cmd == "events") {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& e : sim_.events) all.push_back(e);
    return dump_ordered(nlohmann::ordered_json{{"Records", all}}, 4) + "\n";
  }
  if (cmd == "cat") {
    if (w.size() != 2) return "usage: cat FILE\n";
    auto it = files_.find(w[1]);
    return it == files_.end() ? "cat: " + w[1] + ": No such file or directory\n"
                              : it->second + (it->second.empty() || it->second.back() == '\n' ? "" : "\n");
  }
  static const std::vector<std::string> commands = {"aws",   "as",    "use",     "clock", "whoami",         "explain",
                                                    "events", "cat", "token", "analyze", "help",  "revoke-sessions"};
  std::string out = "rolelab: unknown command '" + cmd + "'.";
  if (auto s = suggest(cmd, commands)) out += " Did you mean '" + *s + "'?";
  return out + " Type 'help' for the list.\n";
}

// What the instance metadata service hands out: credentials for the instance
// profile's role, assumed by ec2.amazonaws.com for 6 hours.
bool Console::instance_credentials(const Instance& inst, std::string& error) {
  const Role* r = nullptr;
  if (Account* a = sim_.world.account(inst.account)) {
    auto it = a->roles.find(inst.role);
    if (it != a->roles.end()) r = &it->second;
  }
  if (!r) {
    error = "Instance " + inst.id + " has no instance profile: the instance metadata service has no credentials to hand out. " +
            "Attach one with `aws ec2 associate-iam-instance-profile`.\n";
    return false;
  }
  auto res = sim_.service_assume_role("ec2.amazonaws.com", r->arn, inst.id, 6 * 3600,
                                      "arn:aws:ec2:us-east-1:" + inst.account + ":instance/" + inst.id, inst.account);
  if (!res.ok) {
    error = aws_error("AssumeRole", res.error);
    return false;
  }
  caller_ = Caller{Caller::Kind::Session, "", res.output["Credentials"]["AccessKeyId"].get<std::string>()};
  return true;
}

// Code on an instance never sees its credentials expire: the metadata
// service has new ones at least five minutes before the old ones end, and
// the SDKs and the CLI fetch them (id_roles_use_switch-role-ec2.html).
void Console::renew_instance_credentials() {
  if (instance_.empty() || caller_.kind != Caller::Kind::Session) return;
  const Session* s = sim_.find_session(caller_.access_key);
  if (!s || sim_.clock.now() < s->expires - 5 * 60 * 1000) return;
  for (auto& [id, a] : sim_.world.accounts) {
    auto it = a.instances.find(instance_);
    std::string ignored;  // no profile any more: the old credentials run out
    if (it != a.instances.end()) instance_credentials(it->second, ignored);
  }
}

// A failed `as` changes nothing: the caller (and an instance's renewal) stay
// as they were, and the reply says so, whatever the reason for the failure.
std::string Console::as(const Words& w) {
  auto still = [&](std::string error) {
    const std::string current = who();
    return error + "Still acting as " + (current.empty() ? std::string("nobody") : current) + ".\n";
  };
  if (w.size() != 2)
    return "usage: as USER-ARN | USER-NAME | SERVICE (lambda.amazonaws.com) | INSTANCE-ID (i-...) | function:NAME\n";
  const std::string& x = w[1];
  World& world = sim_.world;
  // A user, by ARN or by name.
  for (auto& [id, a] : world.accounts) {
    for (auto& [name, u] : a.users) {
      if (u.arn == x || name == x) {
        instance_.clear();
        caller_ = Caller{Caller::Kind::User, u.arn, ""};
        return "Now acting as user " + u.arn + " (long-term access keys).\n";
      }
    }
  }
  // An EC2 instance: its instance profile's role, assumed by ec2.amazonaws.com.
  for (auto& [id, a] : world.accounts) {
    auto it = a.instances.find(x);
    if (it != a.instances.end()) {
      std::string error;
      const Caller before = caller_;
      if (!instance_credentials(it->second, error)) {
        caller_ = before;
        return still(error);
      }
      instance_ = x;
      return "Now acting as instance " + x + " with its instance profile credentials (" + who() +
             ", valid for 6h, renewed before they expire; not capped by MaxSessionDuration).\n";
    }
    // A Lambda function: its execution role, assumed by lambda.amazonaws.com.
    if (x.rfind("function:", 0) == 0) {
      auto fn = a.functions.find(x.substr(9));
      if (fn != a.functions.end()) {
        auto role = a.roles.find(fn->second.role);
        if (role == a.roles.end()) {
          return still(aws_error("Invoke", {"InvalidParameterValueException",
                                            "The role defined for the function cannot be assumed by Lambda."}));
        }
        const Role& r = role->second;
        std::string source = "arn:aws:lambda:us-east-1:" + id + ":function:" + fn->first;
        auto res = sim_.service_assume_role("lambda.amazonaws.com", r.arn, fn->first, 3600, source, id);
        if (!res.ok) return still(aws_error("AssumeRole", res.error));
        instance_.clear();
        caller_ = Caller{Caller::Kind::Session, "", res.output["Credentials"]["AccessKeyId"].get<std::string>()};
        return "Now acting as Lambda function " + fn->first + " with its execution role (" + who() + ").\n";
      }
    }
  }
  Principal p = parse_principal(x);
  if (p.kind == PrincipalKind::Service) {
    instance_.clear();
    caller_ = Caller{Caller::Kind::Service, x, ""};
    return "Now acting as the service " + x + ".\n";
  }
  if (x.rfind("function:", 0) == 0)
    return still("rolelab: no Lambda function '" + x.substr(9) + "' in this world.\n");
  return still("rolelab: no user, instance, function or service '" + x + "' in this world.\n");
}

std::string Console::use(const Words& w) {
  if (w.size() != 2) return "usage: use SESSION-NAME | ACCESS-KEY-ID\n";
  const Session* s = sim_.find_session(w[1]);
  if (!s) return "rolelab: no session '" + w[1] + "'. Sessions come from `aws sts assume-role`.\n";
  instance_.clear();  // keys used by hand are not renewed
  caller_ = Caller{Caller::Kind::Session, "", s->access_key_id};
  std::string left = sim_.expired(*s) ? "expired " + format_duration(sim_.clock.now() - s->expires) + " ago"
                                      : "expires in " + format_duration(s->expires - sim_.clock.now());
  return "Now using session " + s->arn + " (" + s->access_key_id + ", " + left + ").\n";
}

// The IAM console's "Revoke active sessions" button: an inline policy named
// AWSRevokeOlderSessions denying everything to sessions issued before now
// (IAM User Guide, id_roles_use_revoke-sessions.html). Put as the caller, so
// it needs iam:PutRolePolicy like the button does.
//
// The simulated clock stands still between commands, so a session issued
// "just now" has the very instant of the click as its aws:TokenIssueTime, and
// DateLessThan (strict) would spare it. On AWS the click always comes later
// than the sessions it revokes: the revocation time is one second after now,
// and the clock moves on that second once the policy is in place, so sessions
// issued afterwards are not affected.
std::string Console::revoke_sessions(const Words& w) {
  if (w.size() != 2) return "usage: revoke-sessions ROLE-NAME\n";
  const TimeMs revoked_at = sim_.clock.now() + 1000;
  const std::string doc =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["*"], "Resource": ["*"], )"
      R"("Condition": {"DateLessThan": {"aws:TokenIssueTime": ")" +
      format_iso8601(revoked_at) + R"("}}}]})";
  std::string out = iam({"aws", "iam", "put-role-policy", "--role-name", w[1], "--policy-name", "AWSRevokeOlderSessions",
                         "--policy-document", doc});
  if (!out.empty()) return out;
  sim_.clock.advance(revoked_at - sim_.clock.now());
  return "Sessions of role " + w[1] + " issued before " + format_iso8601(revoked_at) +
         " are now denied everything (inline policy AWSRevokeOlderSessions: Deny * when aws:TokenIssueTime is earlier). "
         "New sessions are not affected.\n";
}

std::string Console::clock(const Words& w) {
  if (w.size() == 1) return format_iso8601(sim_.clock.now()) + "\n";
  if (w.size() == 3 && w[1] == "advance") {
    std::string why;
    auto d = parse_duration(w[2], why);
    if (!d) return "rolelab: clock advance: " + why + ".\n";
    sim_.clock.advance(*d);
    std::string out = "Clock advanced by " + format_duration(*d) + " to " + format_iso8601(sim_.clock.now()) + ".\n";
    for (const Session& s : sim_.sessions) {
      if (sim_.expired(s) && s.expires > sim_.clock.now() - *d)
        out += "Session " + s.arn + " expired at " + format_iso8601(s.expires) + ".\n";
    }
    return out;
  }
  return "usage: clock | clock advance DURATION (90m, 2h, 3600s, 1h30m)\n";
}

// Mints a simulated identity-provider token, so lessons need no real IdP:
//   token oidc ISSUER --aud A --sub S [--expires-in 1h] [--claim k=v ...]   -> $TOKEN (a JWT)
//   token saml --issuer I --role ROLE-ARN,PROVIDER-ARN --session-name N [--aud A] [--sub S] [--expires-in 5m] -> $SAML
std::string Console::token(const Words& w) {
  const char* usage =
      "usage: token oidc ISSUER --aud A --sub S [--expires-in 1h] [--claim k=v ...]\n"
      "       token saml --issuer I --role ROLE-ARN,PROVIDER-ARN --session-name N [--aud A] [--sub S] [--expires-in 5m]\n";
  if (w.size() < 2 || (w[1] != "oidc" && w[1] != "saml")) return usage;
  const bool oidc = w[1] == "oidc";
  OptionSpec spec;
  spec.single = {"--aud", "--sub", "--expires-in"};
  spec.multi = {"--claim"};
  if (oidc) {
    spec.positional = 1;
    spec.required = {"--aud"};
  } else {
    spec.single.insert(spec.single.end(), {"--issuer", "--role", "--session-name"});
    spec.required = {"--issuer", "--role", "--session-name"};
  }
  ParsedOptions o = parse_options(w, 2, spec);
  if (!o.error.empty()) return o.error + "\n" + usage;
  TimeMs life = (oidc ? 3600 : 300) * 1000LL;
  if (o.single.count("--expires-in")) {
    std::string why;
    auto d = parse_duration(o.single["--expires-in"], why);
    if (!d) return "rolelab: token --expires-in: " + why + ".\n";
    life = *d;
  }
  const TimeMs exp = sim_.clock.now() + life;
  if (oidc) {
    nlohmann::ordered_json claims;
    claims["iss"] = o.positional[0];
    claims["aud"] = o.single["--aud"];
    claims["sub"] = o.single.count("--sub") ? o.single["--sub"] : "user";
    claims["iat"] = sim_.clock.now() / 1000;
    claims["exp"] = exp / 1000;
    for (const std::string& kv : o.multi["--claim"]) {
      std::size_t eq = kv.find('=');
      if (eq == std::string::npos) return "rolelab: token --claim takes key=value.\n";
      claims[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    auto url = [](std::string s) {  // base64url without padding, as JWTs use
      for (char& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
      while (!s.empty() && s.back() == '=') s.pop_back();
      return s;
    };
    vars_["TOKEN"] = url(base64_encode(R"({"alg":"RS256","typ":"JWT","kid":"rolelab"})")) + "." +
                     url(base64_encode(dump_ordered(claims))) + ".c2ltdWxhdGVk";
    return "$TOKEN = " + vars_["TOKEN"] + "\nclaims: " + dump_ordered(claims) + "\n";
  }
  nlohmann::ordered_json a;
  a["issuer"] = o.single["--issuer"];
  a["audience"] = o.single.count("--aud") ? o.single["--aud"] : "https://signin.aws.amazon.com/saml";
  a["subject"] = o.single.count("--sub") ? o.single["--sub"] : o.single["--session-name"];
  a["subjectType"] = "persistent";
  a["notOnOrAfter"] = format_iso8601(exp);
  a["attributes"] = {{"https://aws.amazon.com/SAML/Attributes/Role", nlohmann::ordered_json::array({o.single["--role"]})},
                     {"https://aws.amazon.com/SAML/Attributes/RoleSessionName", o.single["--session-name"]}};
  for (const std::string& kv : o.multi["--claim"]) {
    std::size_t eq = kv.find('=');
    if (eq == std::string::npos) return "rolelab: token --claim takes key=value.\n";
    a["attributes"][kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  vars_["SAML"] = base64_encode(dump_ordered(a));
  return "$SAML = " + vars_["SAML"].substr(0, 40) + "... (" + std::to_string(vars_["SAML"].size()) +
         " characters)\nassertion: " + dump_ordered(a) + "\n";
}

std::string Console::whoami() {
  std::string arn = who();
  if (arn.empty()) return "Nobody: use `as USER` first.\n";
  if (caller_.kind == Caller::Kind::Session) {
    const Session* s = sim_.find_session(caller_.access_key);
    std::string state = sim_.expired(*s) ? "EXPIRED at " + format_iso8601(s->expires)
                                         : "expires " + format_iso8601(s->expires) + " (in " +
                                               format_duration(s->expires - sim_.clock.now()) + ")";
    return arn + "\n  role session of " + s->role_arn + ", key " + s->access_key_id + ", " + state + "\n";
  }
  if (caller_.kind == Caller::Kind::User) {
    const User* u = sim_.world.find_user(caller_.arn);
    return arn + "\n  IAM user (long-term access key" + (u ? " " + sim_.access_key_id(*u) : std::string("s")) + ")\n";
  }
  return arn + "\n  AWS service principal\n";
}

std::string Console::explain() {
  if (!sim_.last_auth) return "Nothing to explain yet: run a command first.\n";
  const Authorization& a = *sim_.last_auth;
  return "Last decision: " + a.action + " on " + a.resource + "\n" + to_text(a.result, &a.trace);
}

std::string Console::help() {
  return "RoleLab console: AWS CLI commands against the simulated world, on a simulated clock.\n"
         "  aws sts assume-role --role-arn ARN --role-session-name NAME [--duration-seconds N] [--external-id ID]\n"
         "      [--policy JSON] [--policy-arns arn=ARN ...] [--tags Key=k,Value=v ...] [--transitive-tag-keys K ...]\n"
         "      [--source-identity S] [--serial-number ARN --token-code 123456]\n"
         "  aws sts assume-role-with-web-identity --role-arn ARN --role-session-name NAME --web-identity-token $TOKEN\n"
         "  aws sts assume-role-with-saml --role-arn ARN --principal-arn PROVIDER-ARN --saml-assertion $SAML\n"
         "  aws sts get-caller-identity      aws sts get-session-token [--serial-number ARN --token-code 123456]\n"
         "  aws iam get-role --role-name NAME\n"
         "  aws iam update-assume-role-policy --role-name NAME --policy-document JSON\n"
         "  aws iam put-role-policy --role-name NAME --policy-name P --policy-document JSON\n"
         "  aws iam update-role --role-name NAME --max-session-duration SECONDS\n"
         "  aws iam create-role | attach-role-policy | delete-role | create-service-linked-role | delete-service-linked-role\n"
         "  aws iam detach-role-policy | detach-user-policy --policy-arn ARN    delete-role-policy --policy-name P\n"
         "  aws iam list-attached-role-policies | list-attached-user-policies | list-role-policies\n"
         "  aws iam create-group | get-group | add-user-to-group | remove-user-from-group --group-name G [--user-name U]\n"
         "  aws iam put-group-policy | attach-group-policy | list-groups-for-user   (a user gets its groups' policies)\n"
         "  aws s3api get-object --bucket B --key K OUTFILE      aws s3 ls s3://B/\n"
         "  aws ec2 associate-iam-instance-profile --instance-id I --iam-instance-profile Name=ROLE   (needs iam:PassRole)\n"
         "  aws ec2 describe-iam-instance-profile-associations | disassociate-iam-instance-profile --association-id A\n"
         "  aws lambda create-function --function-name F --role ROLE-ARN   (needs iam:PassRole; the role must trust Lambda)\n"
         "  aws lambda update-function-configuration --function-name F [--role ROLE-ARN] | get-function-configuration\n"
         "  aws accessanalyzer validate-policy --policy-document JSON|file://FILE --policy-type IDENTITY_POLICY|RESOURCE_POLICY|\n"
         "      SERVICE_CONTROL_POLICY|RESOURCE_CONTROL_POLICY [--validate-policy-resource-type AWS::IAM::AssumeRolePolicyDocument]\n"
         "console commands:\n"
         "  as USER|SERVICE|INSTANCE-ID|function:NAME   act as someone (long-term keys, or a service's role)\n"
         "  use SESSION-NAME|ACCESS-KEY-ID              act with credentials from assume-role\n"
         "  clock | clock advance 90m|2h|3600s           show or move the simulated clock\n"
         "  token oidc ISSUER --aud A --sub S | token saml --issuer I --role ROLE,PROVIDER --session-name N\n"
         "                                              mint a simulated IdP token into $TOKEN / $SAML\n"
         "  analyze                                     who can assume which role, and through which chains\n"
         "  revoke-sessions ROLE-NAME                   the IAM console's \"Revoke active sessions\" (AWSRevokeOlderSessions)\n"
         "  whoami | explain | events | cat FILE | help   # starts a comment\n";
}

}  // namespace rolelab
