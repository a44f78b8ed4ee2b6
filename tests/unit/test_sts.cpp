// STS on the simulated clock: AWS's parameter rules, codes and messages
// (STS API reference, API_AssumeRole.html; IAM User Guide,
// id_roles_use.html and id_credentials_temp_control-access_disable-perms.html).
#include <doctest/doctest.h>

#include "console/console.h"
#include "sts/sts.h"
#include "world/world.h"

using namespace rolelab;

namespace {

const char* kWorld = R"({
  "startTime": "2026-11-28T09:00:00Z",
  "accounts": {
    "111111111111": {
      "users": {
        "alice": {"mfa": true, "policies": [{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession", "iam:*"], "Resource": "*"}]}]},
        "bob": {}
      },
      "roles": {
        "Dev": {"maxSessionDuration": 7200,
          "trustPolicy": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": "sts:AssumeRole"}]},
          "policies": [{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:*", "sts:AssumeRole"], "Resource": "*"}]}]},
        "Tagged": {
          "trustPolicy": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}]}},
        "MfaOnly": {
          "trustPolicy": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": "sts:AssumeRole",
             "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}},
        "Next": {"maxSessionDuration": 43200,
          "trustPolicy": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/Dev"}, "Action": "sts:AssumeRole"}]}},
        "AWSServiceRoleForAutoScaling": {"serviceLinked": "autoscaling.amazonaws.com"}
      },
      "buckets": {"data": {"objects": {"a.txt": "A"}}}
    }
  }
})";

Simulator make() {
  WorldLoad w = load_world(kWorld);
  REQUIRE_MESSAGE(w.ok, to_string(w.error));
  return Simulator(std::move(w.world), 7);
}

const Caller kAlice{Caller::Kind::User, "arn:aws:iam::111111111111:user/alice", ""};
const Caller kBob{Caller::Kind::User, "arn:aws:iam::111111111111:user/bob", ""};

AssumeRoleRequest req(const std::string& role, const std::string& name = "s1") {
  AssumeRoleRequest r;
  r.role_arn = "arn:aws:iam::111111111111:role/" + role;
  r.role_session_name = name;
  return r;
}

}  // namespace

TEST_CASE("sts: AssumeRole issues credentials in AWS's shapes") {
  Simulator sim = make();
  auto r = sim.assume_role(kAlice, req("Dev", "alice-session"));
  REQUIRE(r.ok);
  const auto& c = r.output["Credentials"];
  std::string key = c["AccessKeyId"];
  CHECK(key.size() == 20);
  CHECK(key.rfind("ASIA", 0) == 0);
  CHECK(c["SecretAccessKey"].get<std::string>().size() == 40);
  CHECK(c["Expiration"] == "2026-11-28T10:00:00+00:00");  // default 3600 s
  CHECK(r.output["AssumedRoleUser"]["Arn"] == "arn:aws:sts::111111111111:assumed-role/Dev/alice-session");
  std::string id = r.output["AssumedRoleUser"]["AssumedRoleId"];
  CHECK(id.rfind("AROA", 0) == 0);
  CHECK(id.substr(id.find(':')) == ":alice-session");
  // Seeded: the same world and calls give the same keys.
  Simulator again = make();
  CHECK(again.assume_role(kAlice, req("Dev", "alice-session")).output["Credentials"]["AccessKeyId"] == key);
}

TEST_CASE("sts: parameter validation uses AWS's messages") {
  Simulator sim = make();
  auto r = sim.assume_role(kAlice, req("Dev", "a"));
  CHECK(r.error.code == "ValidationError");
  CHECK(r.error.message ==
        "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length "
        "greater than or equal to 2");
  r = sim.assume_role(kAlice, req("Dev", "bad name!"));
  CHECK(r.error.message ==
        "1 validation error detected: Value 'bad name!' at 'roleSessionName' failed to satisfy constraint: Member must satisfy "
        "regular expression pattern: [\\w+=,.@-]*");
  AssumeRoleRequest big = req("Dev");
  big.duration_seconds = 43201;
  CHECK(sim.assume_role(kAlice, big).error.message ==
        "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have a value "
        "less than or equal to 43200");
  big.duration_seconds = 899;
  CHECK(sim.assume_role(kAlice, big).error.message ==
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have a value "
        "greater than or equal to 900");
  AssumeRoleRequest ext = req("Dev");
  ext.external_id = "x";
  CHECK(sim.assume_role(kAlice, ext)
            .error.message.find(
                "at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2") !=
        std::string::npos);
}

TEST_CASE("sts: duration checks in AWS's order: range, MaxSessionDuration, role chaining") {
  Simulator sim = make();
  AssumeRoleRequest r = req("Dev");
  r.duration_seconds = 10800;
  auto res = sim.assume_role(kAlice, r);
  CHECK(res.error.code == "ValidationError");
  CHECK(res.error.message == "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  CHECK(sim.last_auth->result.cause == DenialCause::SessionDuration);
  r.duration_seconds = 7200;
  auto dev = sim.assume_role(kAlice, r);
  REQUIRE(dev.ok);
  Caller session{Caller::Kind::Session, "", dev.output["Credentials"]["AccessKeyId"]};
  AssumeRoleRequest chain = req("Next", "chained");
  chain.duration_seconds = 7200;
  CHECK(sim.assume_role(session, chain).error.message ==
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  chain.duration_seconds.reset();
  CHECK(sim.assume_role(session, chain).ok);
}

TEST_CASE("sts: AccessDenied names the caller, the role and the policy type (troubleshoot_access-denied.html)") {
  Simulator sim = make();
  auto r = sim.assume_role(kBob, req("Dev"));
  CHECK(r.error.code == "AccessDenied");
  CHECK(r.error.message ==
        "User: arn:aws:iam::111111111111:user/bob is not authorized to perform: sts:AssumeRole on resource: "
        "arn:aws:iam::111111111111:role/Dev because no role trust policy allows the sts:AssumeRole action");
  CHECK(sim.last_auth->result.cause == DenialCause::TrustRelationship);
  // A role that does not exist is reported the same way.
  CHECK(sim.assume_role(kAlice, req("Nope")).error.code == "AccessDenied");
}

TEST_CASE("sts: credentials expire on the simulated clock; a trust edit does not end sessions") {
  Simulator sim = make();
  auto r = sim.assume_role(kAlice, req("Dev"));
  REQUIRE(r.ok);
  Caller s{Caller::Kind::Session, "", r.output["Credentials"]["AccessKeyId"]};
  StsError err;
  CHECK(sim.authorize(s, "s3:GetObject", "arn:aws:s3:::data/a.txt", "111111111111", nullptr, Context{}, err));
  // Editing the trust policy: the session keeps working.
  Role* dev = sim.world.find_role("arn:aws:iam::111111111111:role/Dev");
  ParseOptions o;
  o.kind = PolicyKind::Trust;
  dev->trust.policy =
      parse_policy(R"({"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"}})",
                   o)
          .policy;
  CHECK(sim.authorize(s, "s3:GetObject", "arn:aws:s3:::data/a.txt", "111111111111", nullptr, Context{}, err));
  sim.clock.advance(3600 * 1000);
  CHECK_FALSE(sim.authorize(s, "s3:GetObject", "arn:aws:s3:::data/a.txt", "111111111111", nullptr, Context{}, err));
  CHECK(err.code == "ExpiredToken");
  CHECK(err.message == "The security token included in the request is expired");
}

TEST_CASE("sts: revoking older sessions (AWSRevokeOlderSessions)") {
  Simulator sim = make();
  auto r = sim.assume_role(kAlice, req("Dev"));
  Caller s{Caller::Kind::Session, "", r.output["Credentials"]["AccessKeyId"]};
  sim.clock.advance(60 * 1000);
  Role* dev = sim.world.find_role("arn:aws:iam::111111111111:role/Dev");
  ParseOptions o;
  std::string revoke = R"({"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": {"DateLessThan": {"aws:TokenIssueTime": ")" +
                       format_iso8601(sim.clock.now()) + R"("}}}})";
  dev->policies.push_back({"AWSRevokeOlderSessions", revoke, parse_policy(revoke, o).policy});
  StsError err;
  CHECK_FALSE(sim.authorize(s, "s3:GetObject", "arn:aws:s3:::data/a.txt", "111111111111", nullptr, Context{}, err));
  CHECK(sim.last_auth->result.decision == Decision::ExplicitlyDenied);
  auto fresh = sim.assume_role(kAlice, req("Dev", "s2"));
  Caller s2{Caller::Kind::Session, "", fresh.output["Credentials"]["AccessKeyId"]};
  CHECK(sim.authorize(s2, "s3:GetObject", "arn:aws:s3:::data/a.txt", "111111111111", nullptr, Context{}, err));
}

TEST_CASE("sts: session tags need sts:TagSession; MFA; session policies") {
  Simulator sim = make();
  AssumeRoleRequest tagged = req("Dev");
  tagged.tags = {{"project", "x"}};
  auto r = sim.assume_role(kAlice, tagged);
  CHECK(r.error.code == "AccessDenied");
  CHECK(r.error.message.find("sts:TagSession on resource: arn:aws:iam::111111111111:role/Dev") != std::string::npos);
  tagged.role_arn = "arn:aws:iam::111111111111:role/Tagged";
  auto ok = sim.assume_role(kAlice, tagged);
  CHECK(ok.ok);
  CHECK(ok.output.contains("PackedPolicySize"));

  CHECK(sim.assume_role(kAlice, req("MfaOnly")).error.code == "AccessDenied");
  AssumeRoleRequest mfa = req("MfaOnly");
  mfa.serial_number = "arn:aws:iam::111111111111:mfa/alice";
  mfa.token_code = "123456";
  CHECK(sim.assume_role(kAlice, mfa).ok);
  mfa.serial_number = "arn:aws:iam::111111111111:mfa/bob";
  CHECK(sim.assume_role(kAlice, mfa).error.message == "MultiFactorAuthentication failed with invalid MFA one time pass code. ");

  AssumeRoleRequest scoped = req("Dev", "scoped");
  scoped.policy = R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}})";
  auto s = sim.assume_role(kAlice, scoped);
  REQUIRE(s.ok);
  Caller sc{Caller::Kind::Session, "", s.output["Credentials"]["AccessKeyId"]};
  StsError err;
  CHECK(sim.authorize(sc, "s3:ListBucket", "arn:aws:s3:::data", "111111111111", nullptr, Context{}, err));
  CHECK_FALSE(sim.authorize(sc, "s3:GetObject", "arn:aws:s3:::data/a.txt", "111111111111", nullptr, Context{}, err));
  scoped.policy = "{\"Version\": \"2012-10-17\", \"Statement\": [" + std::string(3000, ' ') + "]}";
  CHECK(sim.assume_role(kAlice, scoped)
            .error.message.find("at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048") !=
        std::string::npos);
}

TEST_CASE("sts: packed policy size, policy ARN and tag limits (API_AssumeRole.html)") {
  Simulator sim = make();
  // 1,900 characters of policy plus ten managed policy ARNs: more than the packed space.
  AssumeRoleRequest big = req("Tagged", "big");
  std::string actions;
  for (int k = 0; actions.size() < 1800; ++k) actions += std::string(k ? "," : "") + "\"s3:GetObjectVersion" + std::to_string(k) + "\"";
  big.policy = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[)" + actions + R"(],"Resource":"*"}})";
  REQUIRE(big.policy->size() < 2048);
  for (int k = 0; k < 10; ++k) big.policy_arns.push_back("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  auto r = sim.assume_role(kAlice, big);
  CHECK(r.error.code == "PackedPolicyTooLarge");
  CHECK(r.error.message.rfind("Packed policy consumes ", 0) == 0);
  CHECK(r.error.message.find("% of allotted space, please use smaller policy.") != std::string::npos);
  big.policy_arns.push_back("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  big.policy.reset();
  CHECK(sim.assume_role(kAlice, big).error.message ==
        "1 validation error detected: Value '[...]' at 'policyArns' failed to satisfy constraint: Member must have length less "
        "than or equal to 10");
  AssumeRoleRequest tags = req("Tagged", "tags");
  for (int k = 0; k < 51; ++k) tags.tags.emplace_back("k" + std::to_string(k), "v");
  CHECK(sim.assume_role(kAlice, tags).error.message ==
        "1 validation error detected: Value '[...]' at 'tags' failed to satisfy constraint: Member must have length less than "
        "or equal to 50");
}

TEST_CASE("sts: GetCallerIdentity needs no permission") {
  Simulator sim = make();
  auto r = sim.get_caller_identity(kBob);
  REQUIRE(r.ok);
  CHECK(r.output["Arn"] == "arn:aws:iam::111111111111:user/bob");
  CHECK(r.output["UserId"].get<std::string>().rfind("AIDA", 0) == 0);
}

TEST_CASE("sts: events are CloudTrail-shaped and hold no secrets") {
  Simulator sim = make();
  sim.assume_role(kAlice, req("Dev"));
  sim.assume_role(kBob, req("Dev"));
  REQUIRE(sim.events.size() == 2);
  const auto& ok = sim.events[0];
  CHECK(ok["eventSource"] == "sts.amazonaws.com");
  CHECK(ok["eventName"] == "AssumeRole");
  CHECK(ok["userIdentity"]["type"] == "IAMUser");
  CHECK_FALSE(ok["responseElements"]["Credentials"].contains("SecretAccessKey"));
  CHECK_FALSE(ok["responseElements"]["Credentials"].contains("SessionToken"));
  CHECK(sim.events[1]["errorCode"] == "AccessDenied");
}

TEST_CASE("world: service-linked roles get AWS's path and refuse edits") {
  Simulator sim = make();
  Role* slr = sim.world.find_role(
      "arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
  REQUIRE(slr);
  CHECK(slr->path == "/aws-service-role/autoscaling.amazonaws.com/");
  Console console(sim);
  std::string out = console.execute(
      "aws iam update-assume-role-policy --role-name AWSServiceRoleForAutoScaling --policy-document '{\"Version\": "
      "\"2012-10-17\"}'");
  CHECK(
      out ==
      "An error occurred (UnmodifiableEntity) when calling the UpdateAssumeRolePolicy operation: Cannot perform the operation on "
      "the protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS\n");
  // Only its service may assume it.
  CHECK(sim.assume_role(kAlice, req("aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")).error.code ==
        "AccessDenied");
}

TEST_CASE("world: load errors carry the JSON path and line:column") {
  struct Case {
    const char* text;
    const char* path;
    const char* contains;
  } cases[] = {
      {R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {"userz": {}}}})", "/accounts/111111111111/userz",
       "Unknown key 'userz'"},
      {R"({"startTime": "yesterday", "accounts": {}})", "/startTime", "ISO 8601"},
      {R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"12": {}}})", "/accounts/12", "12 digits"},
      {R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {"roles": {"R": {"maxSessionDuration": 60,
          "trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}}}}}}})",
       "/accounts/111111111111/roles/R/maxSessionDuration", "between 3600 and 43200"},
      {R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {"roles": {"R": {
          "trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Resource": "*"}}}}}}})",
       "/accounts/111111111111/roles/R/trustPolicy/Statement/0/Resource", "Has prohibited field Resource."},
      {R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {"users": {"u": {"attachedPolicies": ["Nope"]}}}}})",
       "/accounts/111111111111/users/u/attachedPolicies", "'Nope'"},
      {R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {"instances": {"i-1": {"role": "Missing"}}}}})",
       "/accounts/111111111111/instances/i-1/role", "does not have"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    WorldLoad w = load_world(c.text);
    REQUIRE_FALSE(w.ok);
    CHECK(w.error.path == c.path);
    CHECK(w.error.line >= 1);
    CHECK(w.error.message.find(c.contains) != std::string::npos);
  }
}

TEST_CASE("console: typos, bad durations and bad quoting never crash") {
  Simulator sim = make();
  Console c(sim);
  CHECK(c.execute("clock advance -5m") == "rolelab: clock advance: '-5m' is negative: the clock only moves forward.\n");
  CHECK(c.execute("clock advance 99999999h").find("too long") != std::string::npos);
  CHECK(c.execute("clock advance 90m") == "Clock advanced by 1h 30m to 2026-11-28T10:30:00Z.\n");
  CHECK(c.execute("clok").find("Did you mean 'clock'?") != std::string::npos);
  CHECK(c.execute("aws sts assume-role --role-arn 'unterminated") == "rolelab: error: unterminated single quote\n");
  CHECK(c.execute("aws ec2 describe-instances").find("Invalid choice") != std::string::npos);
  CHECK(c.execute("aws sts assume-role --role-arn x").find("the following arguments are required: --role-session-name") !=
        std::string::npos);
  CHECK(c.execute("aws sts assume-role --role-arn x --role-session-name y --duration-seconds lots").find("is not an integer") !=
        std::string::npos);
  CHECK(c.execute(std::string(kMaxConsoleLine + 1, 'x')).find("the limit is") != std::string::npos);
  CHECK(c.execute("# comment").empty());
  CHECK(c.execute("   ").empty());
}

TEST_CASE("sts: web identity and SAML federation (API_AssumeRoleWithWebIdentity.html, API_AssumeRoleWithSAML.html)") {
  const char* world = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"333333333333": {
    "oidcProviders": {"token.actions.githubusercontent.com": {"clientIds": ["sts.amazonaws.com"]}},
    "samlProviders": {"CorpIdP": {}},
    "roles": {
      "Deploy": {"trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
        "Principal": {"Federated": "arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/app:*"}}}}},
      "Admin": {"trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
        "Principal": {"Federated": "arn:aws:iam::333333333333:saml-provider/CorpIdP"}, "Action": "sts:AssumeRoleWithSAML",
        "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}}}}}}})";
  WorldLoad w = load_world(world);
  REQUIRE_MESSAGE(w.ok, to_string(w.error));
  Simulator sim(std::move(w.world));
  const std::string role = "arn:aws:iam::333333333333:role/Deploy";
  auto claims = [](const std::string& iss, const std::string& aud, const std::string& sub, long long exp) {
    return R"({"iss": ")" + iss + R"(", "aud": ")" + aud + R"(", "sub": ")" + sub + R"(", "exp": )" + std::to_string(exp) + "}";
  };
  const long long later = sim.clock.now() / 1000 + 600;
  auto ok = sim.assume_role_with_web_identity(
      {role,
       "run-1",
       claims("https://token.actions.githubusercontent.com", "sts.amazonaws.com", "repo:acme/app:ref:refs/heads/main", later),
       {},
       {},
       {}});
  REQUIRE(ok.ok);
  CHECK(ok.output["SubjectFromWebIdentityToken"] == "repo:acme/app:ref:refs/heads/main");
  CHECK(ok.output["AssumedRoleUser"]["Arn"] == "arn:aws:sts::333333333333:assumed-role/Deploy/run-1");
  auto sub = sim.assume_role_with_web_identity(
      {role,
       "run-2",
       claims("https://token.actions.githubusercontent.com", "sts.amazonaws.com", "repo:evil/app:ref:refs/heads/main", later),
       {},
       {},
       {}});
  CHECK(sub.error.code == "AccessDenied");
  CHECK(sub.error.message == "Not authorized to perform sts:AssumeRoleWithWebIdentity");
  CHECK(sim.last_auth->result.summary.find("its condition StringLike token.actions.githubusercontent.com:sub") !=
        std::string::npos);
  auto aud = sim.assume_role_with_web_identity(
      {role, "run-3", claims("https://token.actions.githubusercontent.com", "other", "repo:acme/app:x", later), {}, {}, {}});
  CHECK(aud.error.code == "InvalidIdentityToken");
  CHECK(aud.error.message == "Incorrect token audience");
  auto iss = sim.assume_role_with_web_identity(
      {role, "run-4", claims("https://gitlab.example.com", "sts.amazonaws.com", "x", later), {}, {}, {}});
  CHECK(iss.error.message == "No OpenIDConnect provider found in your account for https://gitlab.example.com");
  auto expired = sim.assume_role_with_web_identity(
      {role,
       "run-5",
       claims("https://token.actions.githubusercontent.com", "sts.amazonaws.com", "repo:acme/app:x", 100),
       {},
       {},
       {}});
  CHECK(expired.error.code == "ExpiredTokenException");
  CHECK(expired.error.message == "Token expired: current date/time 1795856400 must be before the expiration date/time 100");
  CHECK(sim.assume_role_with_web_identity({role, "run-6", "abc.def", {}, {}, {}}).error.code == "InvalidIdentityToken");

  const std::string admin = "arn:aws:iam::333333333333:role/Admin", idp = "arn:aws:iam::333333333333:saml-provider/CorpIdP";
  std::string assertion = R"({"issuer": "https://idp/", "audience": "https://signin.aws.amazon.com/saml", "subject": "jdoe",
      "attributes": {"https://aws.amazon.com/SAML/Attributes/Role": [")" +
                          admin + "," + idp + R"("],
                     "https://aws.amazon.com/SAML/Attributes/RoleSessionName": "jdoe"}})";
  auto saml = sim.assume_role_with_saml({admin, idp, assertion, {}, {}, {}});
  REQUIRE(saml.ok);
  CHECK(saml.output["Subject"] == "jdoe");
  CHECK(sim.assume_role_with_saml({admin, "arn:aws:iam::333333333333:saml-provider/Nope", assertion, {}, {}, {}}).error.message ==
        "Specified provider doesn't exist.");
  CHECK(sim.assume_role_with_saml({role, idp, assertion, {}, {}, {}}).error.message ==
        "Not authorized to perform sts:AssumeRoleWithSAML");
}

TEST_CASE("sts: a web identity token whose exp is not a number is refused (RFC 7519 4.1.4 NumericDate), never taken as not expiring") {
  const char* world = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"333333333333": {
    "oidcProviders": {"token.actions.githubusercontent.com": {"clientIds": ["sts.amazonaws.com"]}},
    "roles": {
      "Deploy": {"trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
        "Principal": {"Federated": "arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/app:*"}}}}}}}}})";
  WorldLoad w = load_world(world);
  REQUIRE_MESSAGE(w.ok, to_string(w.error));
  Simulator sim(std::move(w.world));
  const std::string role = "arn:aws:iam::333333333333:role/Deploy";
  auto token = [](const std::string& exp_json) {
    return R"({"iss": "https://token.actions.githubusercontent.com", "aud": "sts.amazonaws.com", "sub": "repo:acme/app:ref:refs/heads/main", "exp": )" +
           exp_json + "}";
  };
  const std::string later = std::to_string(sim.clock.now() / 1000 + 600);
  int n = 0;
  for (const std::string& exp : {"\"" + later + "\"", std::string("\"never\""), std::string("null"), std::string("true"),
                                 std::string("[1]"), std::string("{}")}) {
    CAPTURE(exp);
    auto r = sim.assume_role_with_web_identity({role, "bad-exp-" + std::to_string(++n), token(exp), {}, {}, {}});
    CHECK_FALSE(r.ok);
    CHECK(r.error.code == "InvalidIdentityToken");
    CHECK(r.error.message.find("exp claim must be a number") != std::string::npos);
  }
  // The same token with a numeric exp (in the future) is accepted; one in the past has expired.
  CHECK(sim.assume_role_with_web_identity({role, "good-exp", token(later), {}, {}, {}}).ok);
  CHECK(sim.assume_role_with_web_identity({role, "old-exp", token("100"), {}, {}, {}}).error.code == "ExpiredTokenException");
}
