// world import: the output of `aws iam get-account-authorization-details`
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html)
// into a world, from the project's own fixtures in tests/data/import (the AWS
// CLI's shape, and the API's URL-encoded documents); and the world report.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "analyzer/account_report.h"
#include "world/import_details.h"
#include "world/import_documents.h"

using namespace rolelab;

namespace {

ImportFile fixture(const std::string& name) {
  std::ifstream in(std::string(ROLELAB_SOURCE_DIR) + "/tests/data/import/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  REQUIRE_MESSAGE(!ss.str().empty(), name);
  return {name, ss.str()};
}

bool has_note(const ImportResult& r, const std::string& subject, const std::string& part) {
  for (const ImportNote& n : r.notes) {
    if (n.subject == subject && n.message.find(part) != std::string::npos) return true;
  }
  return false;
}

ImportResult import_both() {
  ImportFile org = fixture("scps.json");
  ImportOptions opt;
  opt.aliases["111111111111"] = "prod";
  opt.organization = &org;
  return import_account_details({fixture("account-a.json"), fixture("account-b-api.json")}, opt);
}

}  // namespace

TEST_CASE("import: two accounts, CLI and API forms, into one world") {
  ImportResult r = import_both();
  REQUIRE_MESSAGE(r.ok, std::string(r.error_file + ": " + to_string(r.error)));
  CHECK(r.accounts == 2);
  const Account& a = *r.world.account("111111111111");
  const Account& b = *r.world.account("222222222222");
  CHECK(a.alias == "prod");
  // Users with path, groups, tags, boundary (the boundary policy's document).
  CHECK(a.users.at("olga").arn == "arn:aws:iam::111111111111:user/ops/olga");
  CHECK(a.users.at("olga").groups == std::vector<std::string>{"Admins"});  // Contractors: not in GroupDetailList
  REQUIRE(a.users.at("olga").boundary);
  CHECK(a.users.at("olga").boundary->text.find("iam:*") != std::string::npos);
  CHECK(a.users.at("alice").tags.at("team") == "blue");
  CHECK(a.users.at("bob").attached == std::vector<std::string>{"arn:aws:iam::aws:policy/ReadOnlyAccess"});
  // Groups with inline and AWS managed policies.
  CHECK(a.groups.at("Developers").policies.front().name == "AssumeDeploy");
  CHECK(a.groups.at("Admins").attached == std::vector<std::string>{"arn:aws:iam::aws:policy/AdministratorAccess"});
  // Only the default version of a managed policy is in force.
  const ManagedPolicy& deploy = a.managed.at("DeployPolicy");
  CHECK(deploy.doc.text.find("iam:CreatePolicyVersion") != std::string::npos);
  CHECK(deploy.doc.text.find("\"Action\":\"*\"") == std::string::npos);
  CHECK(b.managed.at("Shared").doc.text.find("logs:*") != std::string::npos);  // v3 is the default, listed first
  // Roles: trust, paths, boundary by AWS managed ARN, known service-linked role.
  CHECK(a.roles.at("AppRole").arn == "arn:aws:iam::111111111111:role/service/AppRole");
  CHECK(a.roles.at("Auditor").boundary);
  CHECK(a.roles.at("AWSServiceRoleForAutoScaling").service_linked == "autoscaling.amazonaws.com");
  CHECK(a.roles.at("AWSServiceRoleForSupport").service_linked.empty());
  // URL-encoded documents decoded.
  CHECK(b.users.at("carol").policies.front().text.find("sts:AssumeRole") != std::string::npos);
  CHECK(b.roles.at("BreakGlass").trust.policy.statements.size() == 1);
  CHECK(b.roles.at("BreakGlass").tags.at("purpose") == "emergency");
  // SCPs from --organization.
  REQUIRE(r.world.scps.count("222222222222"));
  CHECK(r.world.scps.at("222222222222").size() == 2);
  // The clock starts at the newest CreateDate.
  CHECK(r.world_text.find("\"startTime\": \"2025-06-03T08:00:00Z\"") != std::string::npos);
}

TEST_CASE("import: what cannot be modelled is noted, never dropped silently") {
  ImportResult r = import_both();
  REQUIRE(r.ok);
  CHECK(has_note(r, "user bob", "AWS managed policy arn:aws:iam::aws:policy/PowerUserAccess left out"));
  CHECK(has_note(r, "user olga", "Membership of group Contractors left out"));
  CHECK(has_note(r, "policy DeployPolicy", "1 non-default version(s) left out"));
  CHECK(has_note(r, "role AWSServiceRoleForSupport", "imported as an ordinary role"));
  CHECK(has_note(r, "role AWSServiceRoleForSupport", "AWSSupportServiceRolePolicy left out"));
  CHECK(has_note(r, "role AppRole", "Instance profile app-profile holds this role"));
  std::string text = import_notes_text(r);
  CHECK(text.find("Imported 2 account(s): 4 users, 2 groups, 8 roles, 3 customer managed policies") != std::string::npos);
}

TEST_CASE("import: a paged file imports its page and says what is missing") {
  ImportResult r = import_account_details({fixture("paged.json")}, {});
  REQUIRE(r.ok);
  CHECK(has_note(r, "file", "one page of a paged output"));
  CHECK(r.users == 1);
}

TEST_CASE("import: bad input gives clear errors") {
  SUBCASE("access keys are refused, the value never echoed") {
    ImportResult r = import_account_details({fixture("keys.json")}, {});
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.code == "SecretsInFile");
    CHECK(r.error.path == "/UserDetailList/0/AccessKeyMetadata");
    CHECK(r.error.line == 10);
    std::string id = "AKIA" + std::string(16, 'Q');
    ImportResult bare = import_account_details(
        {{"k.json", R"({"UserDetailList": [{"UserName": "x", "Arn": "arn:aws:iam::333333333333:user/x", "Note": ")" + id + "\"}]}"}},
        {});
    REQUIRE_FALSE(bare.ok);
    CHECK(bare.error.code == "SecretsInFile");
    CHECK(bare.error.message.find(id) == std::string::npos);
  }
  SUBCASE("another command's output") {
    ImportResult r = import_account_details({fixture("wrong-shape.json")}, {});
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.code == "InvalidAccountDetails");
    CHECK(r.error.message.find("none of UserDetailList, GroupDetailList, RoleDetailList or Policies") != std::string::npos);
  }
  SUBCASE("a file cut off") {
    ImportResult r = import_account_details({fixture("cut-off.json")}, {});
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.code == "InvalidJson");
    CHECK(r.error.line > 0);
  }
  SUBCASE("a role without its trust policy") {
    ImportResult r = import_account_details({fixture("missing-trust.json")}, {});
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.message == "Missing required key 'AssumeRolePolicyDocument'.");
    CHECK(r.error.path == "/RoleDetailList/0");
  }
  SUBCASE("one file mixing accounts") {
    ImportResult r = import_account_details(
        {{"mixed.json", R"({"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a"},
                                               {"UserName": "b", "Arn": "arn:aws:iam::222222222222:user/b"}]})"}},
        {});
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.path == "/UserDetailList/1/Arn");
  }
  SUBCASE("an alias or SCPs for an account not imported") {
    ImportOptions opt;
    opt.aliases["999999999999"] = "x";
    CHECK(import_account_details({fixture("paged.json")}, opt).error.code == "InvalidAccountAlias");
    ImportFile org = fixture("scps.json");
    ImportOptions o2;
    o2.organization = &org;
    ImportResult r = import_account_details({fixture("account-a.json")}, o2);
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.code == "InvalidOrganization");
    CHECK(r.error.path == "/serviceControlPolicies/222222222222");
  }
  SUBCASE("a policy RoleLab cannot read is left out with its error") {
    ImportResult r = import_account_details(
        {{"p.json", R"({"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a",
            "UserPolicyList": [{"PolicyName": "Bad", "PolicyDocument": {"Statement": [{"Effect": "Maybe", "Action": "*", "Resource": "*"}]}}]}]})"}},
        {});
    REQUIRE(r.ok);
    CHECK(has_note(r, "user a inline policy Bad", "Skipped: RoleLab cannot model this policy (MalformedPolicyDocument"));
    CHECK(r.world.account("111111111111")->users.at("a").policies.empty());
  }
}

TEST_CASE("import: URL decoding as RFC 3986") {
  CHECK(import_detail::percent_decode("%7B%22a%22%3A%201%7D") == std::optional<std::string>("{\"a\": 1}"));
  CHECK(import_detail::percent_decode("a+b") == std::optional<std::string>("a+b"));  // '+' is not a space
  CHECK_FALSE(import_detail::percent_decode("%7").has_value());
  CHECK_FALSE(import_detail::percent_decode("%zz").has_value());
}

TEST_CASE("report: wide trust, admin-equivalent principals and who reaches them, findings") {
  ImportResult r = import_both();
  REQUIRE(r.ok);
  AccountReport rep = account_report(r.world);
  // Auditor trusts all of 222222222222 (with an external id); Everyone trusts anyone.
  REQUIRE(rep.wide_trust.size() == 2);
  CHECK(rep.wide_trust[0].role == "arn:aws:iam::111111111111:role/Auditor");
  CHECK(rep.wide_trust[0].scope == "account 222222222222");
  CHECK(rep.wide_trust[0].condition_keys == std::vector<std::string>{"sts:ExternalId"});
  CHECK(rep.wide_trust[1].scope == "anyone");
  auto admin = [&](const std::string& arn) -> const AdminPrincipal* {
    for (const AdminPrincipal& a : rep.admins)
      if (a.arn == arn) return &a;
    return nullptr;
  };
  // Deploy: a new default version of its own policy. Reached by alice through her group.
  const AdminPrincipal* deploy = admin("arn:aws:iam::111111111111:role/Deploy");
  REQUIRE(deploy);
  CHECK(deploy->why.find("iam:CreatePolicyVersion") != std::string::npos);
  CHECK(std::find(deploy->reached_by.begin(), deploy->reached_by.end(),
                  "arn:aws:iam::111111111111:user/alice (Deploy)") != deploy->reached_by.end());
  // olga: AdministratorAccess through Admins, capped by her boundary, which she may delete.
  const AdminPrincipal* olga = admin("arn:aws:iam::111111111111:user/ops/olga");
  REQUIRE(olga);
  CHECK(olga->why.find("iam:PutUserPolicy") != std::string::npos);
  // BreakGlass: AdministratorAccess, reached by carol once MFA holds.
  const AdminPrincipal* bg = admin("arn:aws:iam::222222222222:role/BreakGlass");
  REQUIRE(bg);
  CHECK(bg->why == "allows every action on every resource");
  CHECK_FALSE(admin("arn:aws:iam::111111111111:user/bob"));
  CHECK_FALSE(admin("arn:aws:iam::111111111111:role/Auditor"));
  // The typo s3:GetObjekt is found in role Typo's inline policy.
  bool typo = false;
  for (const PolicyFindings& p : rep.findings) {
    for (const analyzer::Finding& f : p.findings) typo = typo || (p.where.find("role Typo inline policy Reads") == 0 && f.issue_code == "INVALID_ACTION");
  }
  CHECK(typo);
  CHECK(rep.policies_checked > 10);
}
