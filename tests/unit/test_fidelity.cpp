// Places where the simulator or the console did not behave as AWS does,
// reported by the lesson authors; each case cites the AWS page it follows.
#include <doctest/doctest.h>

#include "console/console.h"
#include "eval/explain.h"
#include "sts/sts.h"
#include "world/world.h"

using namespace rolelab;

namespace {

const char* kWorld = R"({
  "startTime": "2026-11-28T09:00:00Z",
  "accounts": {
    "111111111111": {
      "oidcProviders": {"token.actions.githubusercontent.com": {"clientIds": ["sts.amazonaws.com"]}},
      "samlProviders": {"CorpIdP": {}},
      "managedPolicies": {
        "ReadData": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]},
        "WriteData": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}
      },
      "users": {
        "alice": {"policies": [{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["sts:*", "iam:*", "lambda:*"], "Resource": "*"}]}]},
        "bob": {"policies": [{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "iam:GetServiceLinkedRoleDeletionStatus",
           "Resource": "arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"}]}]},
        "carol": {"policies": [{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["iam:AttachRolePolicy", "iam:DetachRolePolicy"], "Resource": "*",
           "Condition": {"ArnEquals": {"iam:PolicyARN": "arn:aws:iam::111111111111:policy/ReadData"}}}]}]}
      },
      "roles": {
        "Team": {"path": "/team/",
          "trustPolicy": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": "sts:AssumeRole"}]}},
        "Dev": {
          "trustPolicy": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": "sts:AssumeRole"}]},
          "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]},
        "Ci": {
          "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"Federated": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                                           "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main"}}}]}},
        "Sso": {
          "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"Federated": "arn:aws:iam::111111111111:saml-provider/CorpIdP"}, "Action": "sts:AssumeRoleWithSAML"}]}},
        "AWSServiceRoleForAutoScaling": {"serviceLinked": "autoscaling.amazonaws.com", "usedBy": ["arn:aws:autoscaling:us-east-1:111111111111:autoScalingGroup:g"]}
      },
      "buckets": {"data": {"objects": {"a.txt": "A"}}}
    }
  }
})";

World load() {
  WorldLoad w = load_world(kWorld);
  REQUIRE_MESSAGE(w.ok, to_string(w.error));
  return std::move(w.world);
}

struct Fixture {
  Simulator sim;
  Console console;
  Fixture() : sim(load(), 7), console(sim) {}
  std::string run(const std::string& line) { return console.execute(line); }
};

const Caller kAlice{Caller::Kind::User, "arn:aws:iam::111111111111:user/alice", ""};
const std::string kAliceArn = "arn:aws:iam::111111111111:user/alice";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

// A role's ARN includes its path (IAM User Guide, reference_identifiers.html#identifiers-arns);
// STS answers AccessDenied for an ARN that names no role, as for any role the
// caller may not assume (troubleshoot_access-denied.html).
TEST_CASE("fidelity: AssumeRole needs the role's ARN with its path") {
  Simulator sim(load(), 7);
  AssumeRoleRequest r;
  r.role_arn = "arn:aws:iam::111111111111:role/Team";
  r.role_session_name = "s1";
  auto res = sim.assume_role(kAlice, r);
  CHECK_FALSE(res.ok);
  CHECK(res.error.code == "AccessDenied");
  CHECK(res.error.message == "User: " + kAliceArn +
                                 " is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/"
                                 "Team because no role trust policy allows the sts:AssumeRole action");
  REQUIRE(sim.last_auth);
  CHECK(contains(sim.last_auth->result.summary, "its ARN is arn:aws:iam::111111111111:role/team/Team"));
  r.role_arn = "arn:aws:iam::111111111111:role/team/Team";
  res = sim.assume_role(kAlice, r);
  CHECK(res.ok);
  // The session ARN leaves the path out (reference_identifiers.html).
  CHECK(res.output["AssumedRoleUser"]["Arn"] == "arn:aws:sts::111111111111:assumed-role/Team/s1");
}

// The trace holds views of the request and policies it evaluated (issue 12);
// an Authorization keeps them alive, so a copy still explains its decision
// after the simulator has made others (the runner keeps attempts' copies).
TEST_CASE("fidelity: a copied Authorization still explains its decision after later ones") {
  Simulator sim(load(), 7);
  AssumeRoleRequest r;
  r.role_arn = "arn:aws:iam::111111111111:role/team/Team";
  r.role_session_name = "s1";
  CHECK(sim.assume_role(kAlice, r).ok);
  REQUIRE(sim.last_auth);
  REQUIRE_FALSE(sim.last_auth->trace.policies.empty());
  const std::string first = dump(to_json(sim.last_auth->result, &sim.last_auth->trace));
  const std::string text = to_text(sim.last_auth->result, &sim.last_auth->trace);
  CHECK(contains(first, "\"why\":\"Principal "));
  std::optional<Authorization> kept = sim.last_auth;
  r.role_arn = "arn:aws:iam::111111111111:role/Team";  // denied: a later decision replaces last_auth
  CHECK_FALSE(sim.assume_role(kAlice, r).ok);
  sim.last_auth.reset();  // the original is gone: only the copy holds what was evaluated
  REQUIRE(kept);
  CHECK(dump(to_json(kept->result, &kept->trace)) == first);
  CHECK(to_text(kept->result, &kept->trace) == text);
}

// Passing session tags needs sts:TagSession, a source identity
// sts:SetSourceIdentity, in the role's trust policy (IAM User Guide,
// id_session-tags.html#id_session-tags_permissions-required;
// id_credentials_temp_control-access_monitor.html).
TEST_CASE("fidelity: a trust policy without sts:TagSession is the reason given") {
  Simulator sim(load(), 7);
  AssumeRoleRequest r;
  r.role_arn = "arn:aws:iam::111111111111:role/Dev";
  r.role_session_name = "s1";
  r.tags = {{"team", "red"}};
  auto res = sim.assume_role(kAlice, r);
  CHECK(res.error.message == "User: " + kAliceArn +
                                 " is not authorized to perform: sts:TagSession on resource: arn:aws:iam::111111111111:role/"
                                 "Dev because no role trust policy allows the sts:TagSession action");
  REQUIRE(sim.last_auth);
  CHECK(sim.last_auth->result.denied_by == PolicyKind::Trust);
  const std::string& why = sim.last_auth->result.summary;
  CHECK(contains(why, "the role trust policy must allow sts:TagSession for " + kAliceArn + " (session tags were passed)"));
  CHECK_FALSE(contains(why, "resource-based policy"));

  r.tags.clear();
  r.source_identity = "alice";
  res = sim.assume_role(kAlice, r);
  CHECK(contains(res.error.message, "sts:SetSourceIdentity action"));
  CHECK(contains(sim.last_auth->result.summary, "must allow sts:SetSourceIdentity for " + kAliceArn));
}

// CloudTrail's userIdentity for an IAM user carries the access key that
// signed the call (CloudTrail User Guide, cloudtrail-event-reference-user-identity.html);
// long-term key ids start with AKIA (IAM User Guide, reference_identifiers.html#identifiers-unique-ids).
TEST_CASE("fidelity: IAM users sign with an AKIA access key, shown in their events") {
  Simulator sim(load(), 7);
  sim.get_caller_identity(kAlice);
  const auto& id = sim.events.back()["userIdentity"];
  CHECK(id["type"] == "IAMUser");
  const std::string key = id["accessKeyId"];
  CHECK(key.size() == 20);
  CHECK(key.rfind("AKIA", 0) == 0);
  Simulator again(load(), 7);
  again.get_caller_identity(kAlice);
  CHECK(again.events.back()["userIdentity"]["accessKeyId"] == key);  // seeded: the same every run
  sim.get_caller_identity({Caller::Kind::User, "arn:aws:iam::111111111111:user/bob", ""});
  CHECK(sim.events.back()["userIdentity"]["accessKeyId"] != key);
  // Sessions keep their ASIA keys.
  AssumeRoleRequest r;
  r.role_arn = "arn:aws:iam::111111111111:role/Dev";
  r.role_session_name = "s1";
  CHECK(sim.assume_role(kAlice, r).output["Credentials"]["AccessKeyId"].get<std::string>().rfind("ASIA", 0) == 0);
}

// DetachRolePolicy, DeleteRolePolicy, DetachUserPolicy and the lists (IAM API
// reference, API_DetachRolePolicy.html etc.): NoSuchEntity with IAM's messages.
TEST_CASE("fidelity: console detach-role-policy, delete-role-policy, detach-user-policy and the lists") {
  Fixture f;
  const std::string read = "arn:aws:iam::111111111111:policy/ReadData";
  CHECK(f.run("aws iam list-attached-role-policies --role-name Dev") == "{\n    \"AttachedPolicies\": []\n}\n");
  CHECK(f.run("aws iam attach-role-policy --role-name Dev --policy-arn " + read) == "");
  CHECK(f.run("aws iam list-attached-role-policies --role-name Dev") ==
        "{\n    \"AttachedPolicies\": [\n        {\n            \"PolicyName\": \"ReadData\",\n            \"PolicyArn\": \"" +
            read + "\"\n        }\n    ]\n}\n");
  CHECK(f.run("aws iam detach-role-policy --role-name Dev --policy-arn " + read) == "");
  CHECK(f.run("aws iam detach-role-policy --role-name Dev --policy-arn " + read) ==
        "An error occurred (NoSuchEntity) when calling the DetachRolePolicy operation: Policy " + read + " was not found.\n");
  CHECK(f.run("aws iam detach-role-policy --role-name Nope --policy-arn " + read) ==
        "An error occurred (NoSuchEntity) when calling the DetachRolePolicy operation: The role with name Nope cannot be "
        "found.\n");
  CHECK(f.run("aws iam list-role-policies --role-name Dev") ==
        "{\n    \"PolicyNames\": [\n        \"Dev-policy-1\"\n    ]\n}\n");
  CHECK(f.run("aws iam delete-role-policy --role-name Dev --policy-name Missing") ==
        "An error occurred (NoSuchEntity) when calling the DeleteRolePolicy operation: The role policy with name Missing "
        "cannot be found.\n");
  CHECK(f.run("aws iam delete-role-policy --role-name Dev --policy-name Dev-policy-1") == "");
  CHECK(f.run("aws iam list-role-policies --role-name Dev") == "{\n    \"PolicyNames\": []\n}\n");
  CHECK(f.run("aws iam detach-user-policy --user-name zed --policy-arn " + read) ==
        "An error occurred (NoSuchEntity) when calling the DetachUserPolicy operation: The user with name zed cannot be "
        "found.\n");
  CHECK(f.run("aws iam detach-user-policy --user-name bob --policy-arn " + read) ==
        "An error occurred (NoSuchEntity) when calling the DetachUserPolicy operation: Policy " + read + " was not found.\n");
  CHECK(f.run("aws iam list-attached-user-policies --user-name bob") == "{\n    \"AttachedPolicies\": []\n}\n");
  // A service-linked role is AWS's to change.
  CHECK(contains(f.run("aws iam delete-role-policy --role-name AWSServiceRoleForAutoScaling --policy-name x"),
                 "(UnmodifiableEntity) when calling the DeleteRolePolicy operation: Cannot perform the operation on the "
                 "protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS"));
  // Each call is in the event log under its operation name.
  bool logged = false;
  for (const auto& e : f.sim.events) logged = logged || e["eventName"] == "DetachRolePolicy";
  CHECK(logged);
}

// iam:PolicyARN is in the request context of AttachRolePolicy and
// DetachRolePolicy (Service Authorization Reference,
// list_identityandaccessmanagement.html).
TEST_CASE("fidelity: a condition on iam:PolicyARN limits which policies may be attached") {
  Fixture f;
  f.run("as carol");
  CHECK(f.run("aws iam attach-role-policy --role-name Dev --policy-arn arn:aws:iam::111111111111:policy/ReadData") == "");
  CHECK(f.run("aws iam attach-role-policy --role-name Dev --policy-arn arn:aws:iam::111111111111:policy/WriteData") ==
        "An error occurred (AccessDenied) when calling the AttachRolePolicy operation: User: "
        "arn:aws:iam::111111111111:user/carol is not authorized to perform: iam:AttachRolePolicy on resource: role Dev "
        "because no identity-based policy allows the iam:AttachRolePolicy action\n");
  CHECK(f.run("aws iam detach-role-policy --role-name Dev --policy-arn arn:aws:iam::111111111111:policy/ReadData") == "");
}

TEST_CASE("fidelity: a failed `as` says so and keeps the caller in effect") {
  Fixture f;
  CHECK(f.run("as function:nope") ==
        "rolelab: no Lambda function 'nope' in this world.\nStill acting as " + kAliceArn + ".\n");
  CHECK(f.run("as nobody-here") ==
        "rolelab: no user, instance, function or service 'nobody-here' in this world.\nStill acting as " + kAliceArn + ".\n");
  CHECK(f.console.caller().arn == kAliceArn);
}

// Revoking sessions attaches AWSRevokeOlderSessions: Deny * when
// aws:TokenIssueTime is earlier than the revocation (IAM User Guide,
// id_roles_use_revoke-sessions.html). A session issued at the same simulated
// instant is older than the click, so it is revoked; a later one is not.
TEST_CASE("fidelity: revoke-sessions revokes a session issued at the same instant") {
  Fixture f;
  f.run("aws sts assume-role --role-arn arn:aws:iam::111111111111:role/Dev --role-session-name early");
  CHECK(contains(f.run("revoke-sessions Dev"), "issued before 2026-11-28T09:00:01Z"));
  f.run("use early");
  CHECK(contains(f.run("aws s3api get-object --bucket data --key a.txt out.txt"), "(AccessDenied)"));
  CHECK(contains(f.run("explain"), "AWSRevokeOlderSessions: Deny"));
  f.run("as alice");
  f.run("aws sts assume-role --role-arn arn:aws:iam::111111111111:role/Dev --role-session-name late");
  f.run("use late");
  CHECK(contains(f.run("aws s3api get-object --bucket data --key a.txt out.txt"), "\"ContentLength\""));
}

// AssumeRoleWithSAML: the assertion's Role attribute must pair the role with
// the provider (IAM User Guide, id_roles_providers_create_saml_assertions.html).
TEST_CASE("fidelity: a SAML assertion without the role pair leaves an explainable decision") {
  Fixture f;
  f.run("token saml --issuer https://idp.example.com --role arn:aws:iam::111111111111:role/Dev,"
        "arn:aws:iam::111111111111:saml-provider/CorpIdP --session-name ann");
  f.sim.last_auth.reset();
  CHECK(contains(f.run("aws sts assume-role-with-saml --role-arn arn:aws:iam::111111111111:role/Sso --principal-arn "
                       "arn:aws:iam::111111111111:saml-provider/CorpIdP --saml-assertion $SAML"),
                 "(AccessDenied) when calling the AssumeRoleWithSAML operation: Not authorized to perform "
                 "sts:AssumeRoleWithSAML"));
  REQUIRE(f.sim.last_auth);
  CHECK(f.sim.last_auth->result.decision == Decision::ImplicitlyDenied);
  CHECK(contains(f.sim.last_auth->result.summary,
                 "must hold the pair arn:aws:iam::111111111111:role/Sso,arn:aws:iam::111111111111:saml-provider/CorpIdP"));
  CHECK(contains(f.run("explain"), "it holds arn:aws:iam::111111111111:role/Dev,"));
}

// IAM accepts an OIDC JWT up to five minutes after its exp, for clock skew
// (IAM User Guide, id_roles_providers_oidc.html).
TEST_CASE("fidelity: a web identity token is accepted up to five minutes past exp") {
  Fixture f;
  f.run("token oidc https://token.actions.githubusercontent.com --aud sts.amazonaws.com --sub "
        "repo:acme/app:ref:refs/heads/main --expires-in 15m");
  const std::string call = "aws sts assume-role-with-web-identity --role-arn arn:aws:iam::111111111111:role/Ci "
                           "--role-session-name gh --web-identity-token $TOKEN";
  f.run("clock advance 20m");  // exp + 5 minutes: still inside the window
  CHECK(contains(f.run(call), "\"AccessKeyId\": \"ASIA"));
  f.run("clock advance 1s");
  CHECK(f.run(call) ==
        "An error occurred (ExpiredTokenException) when calling the AssumeRoleWithWebIdentity operation: Token expired: "
        "current date/time 1795857601 must be before the expiration date/time 1795857300\n");
}

// DeletionTaskId: task/aws-service-role/<service-principal-name>/<role-name>/<task-uuid>
// (IAM API reference, API_GetServiceLinkedRoleDeletionStatus.html).
TEST_CASE("fidelity: service-linked role deletion task ids are parsed by position") {
  Fixture f;
  std::string out = f.run("aws iam delete-service-linked-role --role-name AWSServiceRoleForAutoScaling");
  const std::string prefix = "task/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling/";
  REQUIRE(contains(out, prefix));
  std::string uuid = out.substr(out.find(prefix) + prefix.size(), 36);
  CHECK(uuid[8] == '-');
  CHECK(uuid[13] == '-');
  CHECK(uuid.find_first_not_of("0123456789abcdef-") == std::string::npos);
  CHECK(contains(f.run("aws iam get-service-linked-role-deletion-status --deletion-task-id $TASK"), "\"Status\": \"FAILED\""));
  // bob may read deletion status of that role only: a '/' in the task's own id
  // must not be taken for the role name.
  f.run("as bob");
  CHECK(f.run("aws iam get-service-linked-role-deletion-status --deletion-task-id " + prefix + "ab/cd") ==
        "An error occurred (NoSuchEntity) when calling the GetServiceLinkedRoleDeletionStatus operation: Deletion task " +
            prefix + "ab/cd cannot be found.\n");
}

// A role can only be passed to a service in its own account (IAM User Guide,
// id_roles_use_passrole.html); Lambda answers "Cross-account pass role is not allowed."
TEST_CASE("fidelity: passing another account's role to Lambda") {
  Fixture f;
  CHECK(f.run("aws lambda create-function --function-name f --role arn:aws:iam::222222222222:role/Any") ==
        "An error occurred (AccessDeniedException) when calling the CreateFunction operation: Cross-account pass role is not "
        "allowed.\n");
}
