// Parsing and validating policies: AWS's codes and messages, with the JSON
// path and line:column of the element (reference_policies_grammar.html,
// reference_iam-quotas.html).
#include <doctest/doctest.h>

#include "policy/policy.h"

using namespace rolelab;

namespace {

ParsedPolicy trust(const std::string& text) {
  ParseOptions o;
  o.kind = PolicyKind::Trust;
  o.owner_account = "111122223333";
  return parse_policy(text, o);
}

ParsedPolicy identity(const std::string& text) {
  ParseOptions o;
  o.kind = PolicyKind::Identity;
  return parse_policy(text, o);
}

bool has_warning(const ParsedPolicy& p, const std::string& code) {
  for (const Diagnostic& d : p.warnings) {
    if (d.code == code) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("policy: a trust policy parses with every element kept") {
  auto p = trust(R"({"Version": "2012-10-17", "Id": "t",
    "Statement": {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:user/alice"]},
                  "Action": ["sts:AssumeRole", "sts:TagSession"],
                  "Condition": {"StringEquals": {"sts:ExternalId": "x"}, "Bool": {"aws:MultiFactorAuthPresent": true}}}})");
  REQUIRE(p.ok);
  REQUIRE(p.policy.statements.size() == 1);
  const Statement& s = p.policy.statements[0];
  CHECK(s.sid == "A");
  CHECK(s.principal.entries[0].values.size() == 2);
  CHECK(s.actions.size() == 2);
  REQUIRE(s.conditions.size() == 2);
  CHECK(s.conditions[1].values[0].value == "true");
  CHECK(s.index == 0);
  CHECK(statement_path(p.policy, s) == "/Statement/0");
}

TEST_CASE("policy: Resource in a trust policy is prohibited") {
  auto p = trust(R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole",
   "Resource": "*"}]})");
  REQUIRE_FALSE(p.ok);
  CHECK(p.errors[0].code == "MalformedPolicyDocument");
  CHECK(p.errors[0].message == "Has prohibited field Resource.");
  CHECK(p.errors[0].path == "/Statement/0/Resource");
  CHECK(p.errors[0].line == 3);
  CHECK(p.errors[0].column == 4);
}

TEST_CASE("policy: syntax errors say 'Syntax errors in policy.' with the JSON reason as help") {
  auto p = trust("{\"Version\": \"2012-10-17\", \"Statement\": [}");
  REQUIRE_FALSE(p.ok);
  CHECK(p.errors[0].message == "Syntax errors in policy.");
  CHECK(p.errors[0].line == 1);
  CHECK(p.errors[0].column == 41);
  CHECK_FALSE(p.errors[0].help.empty());
}

TEST_CASE("policy: invalid principals use AWS's message") {
  auto p = trust(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:user/*"}, "Action": "sts:AssumeRole"}})");
  REQUIRE_FALSE(p.ok);
  CHECK(p.errors[0].message == "Invalid principal in policy: \"AWS\":\"arn:aws:iam::111122223333:user/*\"");
  CHECK(p.errors[0].path == "/Statement/0/Principal/AWS");
  auto q = trust(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
    "Principal": {"Service": "lambda"}, "Action": "sts:AssumeRole"}})");
  CHECK(q.errors[0].message == "Invalid principal in policy: \"Service\":\"lambda\"");
}

TEST_CASE("policy: structural errors") {
  struct Case {
    const char* text;
    bool trust;
    const char* message;
    const char* path;
  } cases[] = {
      {R"({"Statement": {"Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}})", true,
       "Missing required field Effect", "/Statement/0"},
      {R"({"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole"}})", true, "Missing required field Principal",
       "/Statement/0"},
      {R"({"Statement": {"Effect": "Allow", "Principal": "*"}})", true, "Policy statement must contain actions.", "/Statement/0"},
      {R"({"Statement": {"Effect": "Allow", "Action": "s3:GetObject"}})", false, "Policy statement must contain resources.",
       "/Statement/0"},
      {R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}})", false,
       "Policy document should not specify a principal.", "/Statement/0/Principal"},
      {R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "NotAction": "s3:Get*", "Resource": "*"}})", false,
       "Syntax errors in policy.", "/Statement/0/NotAction"},
      {R"({"Statement": {"Effect": "allow", "Action": "s3:*", "Resource": "*"}})", false, "Syntax errors in policy.",
       "/Statement/0/Effect"},
      {R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Actions": "x"}})", false,
       "Syntax errors in policy.", "/Statement/0/Actions"},
      {R"({"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})", false,
       "Syntax errors in policy.", "/Version"},
      {R"({"Statement": {"Effect": "Allow", "Action": "GetObject", "Resource": "*"}})", false,
       "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.", "/Statement/0/Action"},
      {R"({"Statement": {"Effect": "Allow", "Action": 5, "Resource": "*"}})", false, "Syntax errors in policy.",
       "/Statement/0/Action"},
      {R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}})", true,
       "AssumeRolepolicy contained an invalid action", "/Statement/0/Action"},
      {R"([1])", false, "Syntax errors in policy.", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto p = c.trust ? trust(c.text) : identity(c.text);
    REQUIRE_FALSE(p.ok);
    CHECK(p.errors[0].message == c.message);
    CHECK(p.errors[0].path == c.path);
    CHECK(p.errors[0].line >= 1);
  }
}

TEST_CASE("policy: size limits count characters without whitespace") {
  std::string principals;
  for (int k = 0; k < 60; ++k)
    principals += std::string(k ? "," : "") + "\"arn:aws:iam::111122223333:user/user" + std::to_string(k) + "\"";
  std::string text = R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": [)" + principals +
                     R"(]}, "Action": "sts:AssumeRole"}})";
  auto p = trust(text);
  REQUIRE_FALSE(p.ok);
  CHECK(p.errors.back().code == "LimitExceeded");
  CHECK(p.errors.back().message == "Cannot exceed quota for ACLSizePerRole: 2048");
  CHECK(p.errors.back().help.find("2048") != std::string::npos);
  CHECK(policy_size(" a b\n c\t") == 3);
  ParseOptions raised;
  raised.kind = PolicyKind::Trust;
  raised.size_limit = 4096;  // the quota can be raised to 4,096
  CHECK(parse_policy(text, raised).ok);
}

TEST_CASE("policy: Access Analyzer style warnings") {
  CHECK(has_warning(
      trust(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}})"),
      "PublicTrust"));
  CHECK_FALSE(has_warning(
      trust(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole",
      "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}}})"),
      "PublicTrust"));
  CHECK(has_warning(
      trust(
          R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}})"),
      "MissingExternalId"));
  CHECK_FALSE(has_warning(
      trust(
          R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}})"),
      "MissingExternalId"));
  CHECK(has_warning(trust(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}})"),
                    "MissingOidcCondition"));
  CHECK(
      has_warning(identity(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:*", "Resource": "*"}})"),
                  "PassRoleWithStar"));
  ParseOptions res;
  res.kind = PolicyKind::Resource;
  CHECK(has_warning(
      parse_policy(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"},
      "Action": "s3:GetObject", "Resource": "*"}})",
                   res),
      "NotPrincipalWithAllow"));
  CHECK(has_warning(identity(R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})"), "MissingVersion"));
}
