// Any bytes as a policy or a simulate input give a decision or a clear error:
// never a crash, a hang, an abort or unbounded memory.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "eval/explain.h"
#include "policy/policy.h"
#include "eval/simulate.h"

using namespace rolelab;

namespace {

const std::string kValid = R"({"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "sts:AssumeRole",
  "resource": "arn:aws:iam::111111111111:role/R", "context": {"sts:ExternalId": "x", "aws:TagKeys": ["a"], "aws:SecureTransport": "true"}},
  "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:*", "Resource": "*",
     "Condition": {"StringEquals": {"sts:ExternalId": ["x", "y"]}, "Bool": {"aws:SecureTransport": true}}}]}],
  "resourcePolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "111111111111"},
     "Action": "sts:AssumeRole"}}})";

// Either a decision or an error with a code and a message.
void check_outcome(const std::string& input) {
  bool ok = false;
  nlohmann::json out = simulate(input, ok);
  if (ok) {
    CHECK(out.contains("decision"));
  } else {
    REQUIRE(out.contains("error"));
    CHECK_FALSE(out["error"]["code"].get<std::string>().empty());
    CHECK_FALSE(out["error"]["message"].get<std::string>().empty());
  }
}

}  // namespace

TEST_CASE("bad input: every truncation of a valid input") {
  for (std::size_t n = 0; n < kValid.size(); ++n) check_outcome(kValid.substr(0, n));
  bool ok = false;
  CHECK(simulate(kValid, ok)["decision"] == "Allowed");
}

TEST_CASE("bad input: deterministic byte mutations (a small fuzz in every test run)") {
  std::uint32_t seed = 12345;
  auto next = [&] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int k = 0; k < 3000; ++k) {
    std::string s = kValid;
    int edits = 1 + next() % 4;
    for (int e = 0; e < edits; ++e) {
      std::size_t at = next() % s.size();
      switch (next() % 3) {
        case 0:
          s[at] = static_cast<char>(next() & 0xFF);
          break;
        case 1:
          s.erase(at, 1 + next() % 8);
          break;
        default:
          s.insert(at, 1, "{}[]\",:\\*?$"[next() % 11]);
          break;
      }
      if (s.empty()) s = "x";
    }
    check_outcome(s);
  }
}

TEST_CASE("bad input: 10 MB is refused with a clear error") {
  std::string big = R"({"request": {"action": "s3:GetObject", "principal": ")" + std::string(10u << 20, 'a') + "\"}}";
  bool ok = true;
  nlohmann::json out = simulate(big, ok);
  CHECK_FALSE(ok);
  CHECK(out["error"]["code"] == "InvalidJson");
  CHECK(out["error"]["message"].get<std::string>().find("the limit is 8388608 bytes") != std::string::npos);
}

TEST_CASE("bad input: nesting 100,000 deep") {
  std::string deep = R"({"request": {"action": "s3:GetObject", "context": {"k": )" + std::string(100000, '[');
  bool ok = true;
  nlohmann::json out = simulate(deep, ok);
  CHECK_FALSE(ok);
  CHECK(out["error"]["message"].get<std::string>().find("Nesting is deeper than 64 levels") != std::string::npos);
  ParseOptions o;
  CHECK_FALSE(parse_policy("{\"Statement\": " + std::string(100000, '['), o).ok);
}

TEST_CASE("bad input: invalid UTF-8 in a policy") {
  ParseOptions o;
  ParsedPolicy p = parse_policy(
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:\xC3\x28\", \"Resource\": \"*\"}}",
      o);
  REQUIRE_FALSE(p.ok);
  CHECK(p.errors[0].message == "Syntax errors in policy.");
  CHECK(p.errors[0].help.find("UTF-8") != std::string::npos);
  CHECK(p.errors[0].column == 74);  // the invalid byte itself
}

TEST_CASE("bad input: huge numbers and numbers where strings belong") {
  check_outcome(
      R"({"request": {"action": "s3:GetObject", "context": {"n": 1e999999}}, "identityPolicies": [{"Version": "2012-10-17",
     "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericLessThan": {"n": 1e999999}}}}]})");
  bool ok = true;
  nlohmann::json out = simulate(R"({"request": {"action": 12}})", ok);
  CHECK_FALSE(ok);
  CHECK(out["error"]["path"] == "/request/action");
}

TEST_CASE("bad input: duplicate keys use the last one, with a warning") {
  ParseOptions o;
  ParsedPolicy p = parse_policy(
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}})", o);
  REQUIRE(p.ok);
  CHECK(p.policy.statements[0].effect == Effect::Allow);
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0].code == "DuplicateKey");
  CHECK(p.warnings[0].path == "/Statement/0/Effect");
}

TEST_CASE("bad input: empty statements") {
  ParseOptions o;
  ParsedPolicy empty = parse_policy(R"({"Version": "2012-10-17", "Statement": []})", o);
  CHECK(empty.ok);
  REQUIRE(empty.warnings.size() == 1);
  CHECK(empty.warnings[0].code == "EmptyPolicy");
  ParsedPolicy blank = parse_policy(R"({"Version": "2012-10-17", "Statement": [{}]})", o);
  REQUIRE_FALSE(blank.ok);
  CHECK(blank.errors[0].message == "Missing required field Effect");
  CHECK(blank.errors[1].message == "Policy statement must contain actions.");
}

TEST_CASE("bad input: every element of a policy with the wrong type") {
  const char* cases[][2] = {
      {R"({"Version": 2012, "Statement": []})", "/Version"},
      {R"({"Version": "2012-10-17", "Id": [], "Statement": []})", "/Id"},
      {R"({"Version": "2012-10-17", "Statement": 5})", "/Statement"},
      {R"({"Version": "2012-10-17", "Statement": [5]})", "/Statement/0"},
      {R"({"Version": "2012-10-17", "Statement": {"Sid": 1, "Effect": "Allow", "Action": "s3:*", "Resource": "*"}})",
       "/Statement/0/Sid"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": true, "Action": "s3:*", "Resource": "*"}})", "/Statement/0/Effect"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": {}, "Resource": "*"}})", "/Statement/0/Action"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": [], "Resource": "*"}})", "/Statement/0/Action"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": [1]}})",
       "/Statement/0/Resource/0"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": []}})",
       "/Statement/0/Condition"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": "x"}}})",
       "/Statement/0/Condition/StringEquals"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"a:b": {}}}}})",
       "/Statement/0/Condition/StringEquals/a:b"},
  };
  for (const auto& c : cases) {
    CAPTURE(c[0]);
    ParseOptions o;
    ParsedPolicy p = parse_policy(c[0], o);
    REQUIRE_FALSE(p.ok);
    CHECK(p.errors[0].code == "MalformedPolicyDocument");
    CHECK(p.errors[0].path == c[1]);
    CHECK(p.errors[0].line == 1);
  }
  ParseOptions trust;
  trust.kind = PolicyKind::Trust;
  for (
      const char* bad :
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": 5, "Action": "sts:AssumeRole"}})",
       R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {}, "Action": "sts:AssumeRole"}})",
       R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": [true]}, "Action": "sts:AssumeRole"}})",
       R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Aws": "1"}, "Action": "sts:AssumeRole"}})"}) {
    CAPTURE(bad);
    ParsedPolicy p = parse_policy(bad, trust);
    REQUIRE_FALSE(p.ok);
    CHECK(p.errors[0].path.rfind("/Statement/0/Principal", 0) == 0);
  }
}
