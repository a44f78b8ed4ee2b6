// ARNs and principals (IAM User Guide, reference_identifiers.html).
#include <doctest/doctest.h>

#include "policy/arn.h"
#include "policy/wildcard.h"

using namespace rolelab;

TEST_CASE("arn: six fields, the resource keeps its colons") {
  auto a = parse_arn("arn:aws:s3:::bucket/key:with:colons");
  REQUIRE(a);
  CHECK(a->service == "s3");
  CHECK(a->account.empty());
  CHECK(a->resource == "bucket/key:with:colons");
  CHECK(a->str() == "arn:aws:s3:::bucket/key:with:colons");
  CHECK_FALSE(parse_arn("arn:aws:s3"));
  CHECK_FALSE(parse_arn("nope:aws:s3:::x"));
}

TEST_CASE("principals: every kind") {
  struct Case {
    const char* text;
    PrincipalKind kind;
    const char* account;
    const char* name;
  } cases[] = {
      {"arn:aws:iam::111122223333:root", PrincipalKind::Account, "111122223333", ""},
      {"111122223333", PrincipalKind::Account, "111122223333", ""},
      {"arn:aws:iam::111122223333:user/alice", PrincipalKind::User, "111122223333", "alice"},
      {"arn:aws:iam::111122223333:user/division/team/alice", PrincipalKind::User, "111122223333", "alice"},
      {"arn:aws-cn:iam::111122223333:role/Auditor", PrincipalKind::Role, "111122223333", "Auditor"},
      {"arn:aws-us-gov:sts::111122223333:assumed-role/Auditor/alice-session", PrincipalKind::AssumedRole, "111122223333",
       "Auditor"},
      {"arn:aws:sts::111122223333:federated-user/bob", PrincipalKind::FederatedUser, "111122223333", "bob"},
      {"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", PrincipalKind::OidcProvider, "111122223333",
       "token.actions.githubusercontent.com"},
      {"arn:aws:iam::111122223333:saml-provider/CorpIdP", PrincipalKind::SamlProvider, "111122223333", "CorpIdP"},
      {"lambda.amazonaws.com", PrincipalKind::Service, "", "lambda.amazonaws.com"},
      {"*", PrincipalKind::Anonymous, "", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Principal p = parse_principal(c.text);
    CHECK(p.kind == c.kind);
    CHECK(p.account == c.account);
    CHECK(p.name == c.name);
  }
  Principal user = parse_principal("arn:aws:iam::111122223333:user/division/team/alice");
  CHECK(user.path == "/division/team/");
  Principal session = parse_principal("arn:aws:sts::111122223333:assumed-role/Auditor/alice-session");
  CHECK(session.session == "alice-session");
  CHECK(session.principal_arn() == "arn:aws:iam::111122223333:role/Auditor");
}

TEST_CASE("principals: invalid ones say why") {
  CHECK(parse_principal("arn:aws:iam::12345:user/alice").error.find("12 digits") != std::string::npos);
  CHECK(parse_principal("arn:aws-xx:iam::111122223333:user/alice").error.find("partition") != std::string::npos);
  CHECK(parse_principal("arn:aws:iam::111122223333:group/devs").kind == PrincipalKind::Invalid);
  CHECK(parse_principal("alice").kind == PrincipalKind::Invalid);
  CHECK(parse_principal("arn:aws:iam::111122223333:user/al ice").kind == PrincipalKind::Invalid);
}

TEST_CASE("wildcards: * and ? with every other character literal") {
  CHECK(wildcard_match("sts:Assume*", "sts:AssumeRole"));
  CHECK(wildcard_match("sts:assume*", "sts:AssumeRole", true));
  CHECK_FALSE(wildcard_match("sts:assume*", "sts:AssumeRole", false));
  CHECK(wildcard_match("s3:Get?bject", "s3:GetObject"));
  CHECK_FALSE(wildcard_match("s3:Get?bject", "s3:GetObbject"));
  CHECK(wildcard_match("*", ""));
  CHECK(wildcard_match("a*b*c", "aXXbYYc"));
  CHECK_FALSE(wildcard_match("a*b*c", "aXXbYY"));
  CHECK(wildcard_match("[a-z].+", "[a-z].+"));
  CHECK_FALSE(wildcard_match("[a-z].+", "b.x"));
  // No exponential backtracking.
  std::string hay(5000, 'a');
  CHECK_FALSE(wildcard_match("*a*a*a*a*a*a*a*a*b", hay));
}
