// The evaluation order and the trust-policy rules (IAM User Guide,
// reference_policies_evaluation-logic.html and
// reference_policies_evaluation-logic-cross-account.html).
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "eval/evaluate.h"
#include "eval/explain.h"
#include "eval/simulate.h"
#include "eval/trace_words.h"

using namespace rolelab;

namespace {

Policy policy(PolicyKind kind, const std::string& text, const std::string& name = "") {
  ParseOptions o;
  o.kind = kind;
  o.name = name;
  ParsedPolicy p = parse_policy(text, o);
  REQUIRE_MESSAGE(p.ok, (p.errors.empty() ? "" : to_string(p.errors[0])));
  return p.policy;
}

const char* kRole = "arn:aws:iam::111122223333:role/Auditor";

std::string trust_naming(const std::string& who) {
  return R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": ")" + who +
         R"("}, "Action": "sts:AssumeRole"}})";
}

const char* kAllowAssume =
    R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}})";

EvalResult assume(const std::string& caller, const std::string& trust, std::vector<std::string> identity = {}) {
  PolicySet ps;
  ps.resource = policy(PolicyKind::Trust, trust, "trust policy of role Auditor");
  for (const std::string& i : identity) ps.identity.push_back(policy(PolicyKind::Identity, i));
  Request r;
  r.principal = caller;
  r.action = "sts:AssumeRole";
  r.resource = kRole;
  TraceCollector t;
  return evaluate(r, ps, &t);
}

}  // namespace

TEST_CASE("trust: same account, naming the user ARN is enough by itself") {
  auto r = assume("arn:aws:iam::111122223333:user/alice", trust_naming("arn:aws:iam::111122223333:user/alice"));
  CHECK(r.decision == Decision::Allowed);
}

TEST_CASE("trust: same account, naming the account also needs an identity allow") {
  auto denied = assume("arn:aws:iam::111122223333:user/alice", trust_naming("arn:aws:iam::111122223333:root"));
  CHECK(denied.decision == Decision::ImplicitlyDenied);
  CHECK(denied.cause == DenialCause::MissingPermission);
  auto bare = assume("arn:aws:iam::111122223333:user/alice", trust_naming("111122223333"), {kAllowAssume});
  CHECK(bare.decision == Decision::Allowed);
}

TEST_CASE("trust: a principal the trust policy does not name is a trust-relationship denial") {
  auto r = assume("arn:aws:iam::111122223333:user/bob", trust_naming("arn:aws:iam::111122223333:user/alice"));
  CHECK(r.decision == Decision::ImplicitlyDenied);
  CHECK(r.cause == DenialCause::TrustRelationship);
  CHECK(r.summary ==
        "Denied: the trust policy of role Auditor does not name arn:aws:iam::111122223333:user/bob or its account, "
        "and no identity-based policy allows sts:AssumeRole.");
}

TEST_CASE("trust: an identity policy alone never lets anyone assume a role") {
  auto r = assume("arn:aws:iam::111122223333:user/bob", trust_naming("arn:aws:iam::111122223333:user/alice"), {kAllowAssume});
  CHECK(r.decision == Decision::ImplicitlyDenied);
  CHECK(r.cause == DenialCause::TrustRelationship);
  CHECK(r.summary.find("is not enough without it") != std::string::npos);
}

TEST_CASE("trust: cross-account needs an allow on both sides") {
  const std::string carol = "arn:aws:iam::444455556666:user/carol";
  CHECK(assume(carol, trust_naming("444455556666")).cause == DenialCause::MissingPermission);
  CHECK(assume(carol, trust_naming("444455556666"), {kAllowAssume}).decision == Decision::Allowed);
  CHECK(assume(carol, trust_naming(carol), {kAllowAssume}).decision == Decision::Allowed);
  auto untrusted = assume(carol, trust_naming("arn:aws:iam::111122223333:root"), {kAllowAssume});
  CHECK(untrusted.decision == Decision::ImplicitlyDenied);
  CHECK(untrusted.cause == DenialCause::TrustRelationship);
}

TEST_CASE("trust: an explicit deny wins over any allow") {
  std::string t = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"},
    {"Sid": "NoAlice", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:*"}]})";
  auto r = assume("arn:aws:iam::111122223333:user/alice", t);
  CHECK(r.decision == Decision::ExplicitlyDenied);
  CHECK(r.cause == DenialCause::TrustRelationship);
  CHECK(r.summary.find("statement \"NoAlice\"") != std::string::npos);
}

TEST_CASE("trust: service principals") {
  std::string t =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}})";
  CHECK(assume("lambda.amazonaws.com", t).decision == Decision::Allowed);
  auto ec2 = assume("ec2.amazonaws.com", t);
  CHECK(ec2.decision == Decision::ImplicitlyDenied);
  CHECK(ec2.cause == DenialCause::TrustRelationship);
}

TEST_CASE("trust: naming the role ARN matches its sessions (role chaining)") {
  auto r = assume("arn:aws:sts::111122223333:assumed-role/Dev/alice", trust_naming("arn:aws:iam::111122223333:role/Dev"));
  CHECK(r.decision == Decision::Allowed);
}

TEST_CASE("evaluate: the trace explains every statement and element") {
  PolicySet ps;
  ps.resource = policy(PolicyKind::Trust, trust_naming("arn:aws:iam::111122223333:user/alice"), "trust policy of role Auditor");
  Request r;
  r.principal = "arn:aws:iam::111122223333:user/bob";
  r.action = "sts:AssumeRole";
  r.resource = kRole;
  TraceCollector t;
  evaluate(r, ps, &t);
  REQUIRE(t.policies.size() == 1);
  const StatementTrace& s = t.policies[0].statements.at(0);
  CHECK_FALSE(s.applies);
  REQUIRE(s.principal);
  CHECK_FALSE(s.principal->matched);
  CHECK(s.principal->why == ElementWhy::PrincipalNone);
  CHECK(why_text(*s.principal) == "Principal does not name arn:aws:iam::111122223333:user/bob or its account.");
  CHECK(s.action.matched);
  CHECK(s.line == 1);
}

TEST_CASE("evaluate: the fast path (no tracer) decides the same") {
  PolicySet ps;
  ps.resource = policy(PolicyKind::Trust, trust_naming("111122223333"));
  ps.identity.push_back(policy(PolicyKind::Identity, kAllowAssume));
  Request r;
  r.principal = "arn:aws:iam::111122223333:user/alice";
  r.action = "sts:AssumeRole";
  r.resource = kRole;
  CHECK(evaluate(r, ps, nullptr).decision == Decision::Allowed);
}

TEST_CASE("evaluate: a cleared TraceCollector, reused for another request, traces what a new one does") {
  // simulate --batch reuses one collector for every line (issue 12): what an
  // earlier, differently shaped evaluation left in it must not show.
  PolicySet a;
  a.resource = policy(PolicyKind::Trust,
                      R"({"Version": "2012-10-17", "Statement": [
        {"Sid": "Alice", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole",
         "Condition": {"StringEquals": {"sts:ExternalId": ["a-long-external-id-value", "x"]}, "Bool": {"aws:MultiFactorAuthPresent": "true"}}},
        {"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"},
        {"Sid": "Third", "Effect": "Allow", "Principal": "*", "Action": ["sts:TagSession", "sts:SetSourceIdentity"]}]})",
                      "trust policy of role Auditor");
  a.identity.push_back(policy(PolicyKind::Identity, kAllowAssume));
  a.boundary = policy(PolicyKind::Boundary, R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})");
  Request ra;
  ra.principal = "arn:aws:iam::111122223333:user/alice";
  ra.action = "sts:AssumeRole";
  ra.resource = kRole;
  ra.context.set("sts:ExternalId", "a-long-external-id-value");

  PolicySet b;
  b.identity.push_back(policy(PolicyKind::Identity, R"({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::secret/*"}]})"));
  Request rb;
  rb.principal = "arn:aws:iam::111122223333:role/Dev";
  rb.action = "s3:GetObject";
  rb.resource = "arn:aws:s3:::logs/2026/11/29/a-rather-long-object-key.json";

  auto traced = [](Request r, const PolicySet& ps, TraceCollector& t) { return dump(to_json(evaluate(r, ps, &t), &t)); };
  TraceCollector fresh_a, fresh_b;
  const std::string want_a = traced(ra, a, fresh_a), want_b = traced(rb, b, fresh_b);
  TraceCollector reused;
  for (int round = 0; round < 2; ++round) {
    CHECK(traced(ra, a, reused) == want_a);
    reused.clear();
    CHECK(reused.policies.empty());
    CHECK(reused.steps.empty());
    CHECK(traced(rb, b, reused) == want_b);
    reused.clear();
  }
  CHECK(want_a != want_b);
}

TEST_CASE("evaluate: each sentence of an explanation reads the same as text and inside the JSON") {
  // tests/data/simulate-explanations.jsonl holds every kind of sentence
  // (its JSON output is checked byte for byte by the CLI suite); the text
  // form (console, runner) is said by the same code into a std::string.
  std::ifstream in(std::string(ROLELAB_SOURCE_DIR) + "/tests/data/simulate-explanations.jsonl");
  REQUIRE(in);
  int lines = 0, sentences = 0;
  for (std::string line; std::getline(in, line);) {
    SimulateParse p = parse_simulate_input(line);
    REQUIRE(p.ok);
    ++lines;
    TraceCollector t;
    EvalResult r = evaluate(p.input.request, p.input.policies, &t);
    const nlohmann::json j = to_json(r, &t);
    const nlohmann::json& policies = j["explanation"]["policies"];
    REQUIRE(policies.size() == t.policies.size());
    for (std::size_t k = 0; k < t.policies.size(); ++k) {
      for (std::size_t n = 0; n < t.policies[k].statements.size(); ++n) {
        const StatementTrace& s = t.policies[k].statements[n];
        const nlohmann::json& js = policies[k]["statements"][n];
        CHECK(why_text(s.action) == js["action"]["why"]);
        if (s.principal) CHECK(why_text(*s.principal) == js["principal"]["why"]);
        if (s.resource) CHECK(why_text(*s.resource) == js["resource"]["why"]);
        for (std::size_t c = 0; c < s.conditions.size(); ++c) CHECK(why_text(s.conditions[c]) == js["conditions"][c]["why"]);
        sentences += 1 + (s.principal ? 1 : 0) + (s.resource ? 1 : 0) + static_cast<int>(s.conditions.size());
      }
    }
    // The steps: the rules applied, then the summary.
    REQUIRE(j["explanation"]["steps"].size() == step_count(t));
    CHECK(j["explanation"]["steps"].back() == r.summary);
  }
  CHECK(lines == 36);
  CHECK(sentences > 100);
}
