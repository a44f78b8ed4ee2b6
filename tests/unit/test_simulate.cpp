// The simulate input contract: key names, policies as objects or strings,
// errors with path and line:column.
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "eval/explain.h"
#include "eval/simulate.h"
#include "json/json_writer.h"
#include "simulate_fixture.h"

using namespace rolelab;
using test::simulate_lines;
using test::simulate_text;

TEST_CASE("simulate: the contract's example input") {
  const char* input = R"({"request": {"principal": "arn:aws:iam::111111111111:user/alice",
                 "action": "sts:AssumeRole",
                 "resource": "arn:aws:iam::222222222222:role/Auditor",
                 "resourceAccount": "222222222222",
                 "context": {"sts:ExternalId": "x", "aws:TagKeys": ["a", "b"]}},
     "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}],
     "resourcePolicy": "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111111111111\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"x\"}}}}",
     "serviceControlPolicies": [[{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}]],
     "resourceControlPolicies": [[]]})";
  bool ok = false;
  nlohmann::json out = simulate(input, ok);
  REQUIRE(ok);
  CHECK(out["decision"] == "Allowed");
  CHECK(out["summary"].get<std::string>().rfind("Allowed: ", 0) == 0);
  CHECK(out["explanation"]["policies"].size() == 3);
}

TEST_CASE("simulate: a denied request's summary is AWS's AccessDenied message, naming the policy type (troubleshoot_access-denied.html)") {
  struct Case {
    const char* input;
    const char* decision;
    const char* summary;
  } cases[] = {
      {R"({"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject",
           "resource": "arn:aws:s3:::reports/q1.csv", "resourceAccount": "111111111111"}, "identityPolicies": []})",
       "ImplicitlyDenied",
       "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: s3:GetObject on resource: "
       "arn:aws:s3:::reports/q1.csv because no identity-based policy allows the s3:GetObject action"},
      {R"({"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject",
           "resource": "arn:aws:s3:::reports/q1.csv", "resourceAccount": "111111111111"},
           "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}],
           "serviceControlPolicies": [[{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
             {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}]]})",
       "ExplicitlyDenied",
       "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: s3:GetObject on resource: "
       "arn:aws:s3:::reports/q1.csv with an explicit deny in a service control policy"},
      {R"({"request": {"principal": "arn:aws:iam::111111111111:user/bob", "action": "sts:AssumeRole",
           "resource": "arn:aws:iam::111111111111:role/Auditor"},
           "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}],
           "resourcePolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": "sts:AssumeRole"}}})",
       "ImplicitlyDenied",
       "User: arn:aws:iam::111111111111:user/bob is not authorized to perform: sts:AssumeRole on resource: "
       "arn:aws:iam::111111111111:role/Auditor because no role trust policy allows the sts:AssumeRole action"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.summary);
    bool ok = false;
    nlohmann::json out = simulate(c.input, ok);
    REQUIRE(ok);
    CHECK(out["decision"] == c.decision);
    CHECK(out["summary"] == c.summary);
    // RoleLab's own account of why is still there, as the explanation's last step.
    REQUIRE(!out["explanation"]["steps"].empty());
    CHECK(out["explanation"]["steps"].back().get<std::string>().rfind("Denied: ", 0) == 0);
  }
}

TEST_CASE("simulate: errors carry code, message, path, line and column") {
  struct Case {
    const char* input;
    const char* code;
    const char* path;
    int line;
  } cases[] = {
      {"{\"request\": {\"action\": \"s3:GetObject\"},\n \"identityPolicies\": [{\"Version\": \"2012-10-17\", \"Statement\": [\n "
       "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},\n {\"Effect\": 7, \"Action\": \"s3:*\", "
       "\"Resource\": \"*\"}]}]}",
       "MalformedPolicyDocument", "/identityPolicies/0/Statement/1/Effect", 4},
      {"{\"request\": {\"action\": \"s3:GetObject\", \"principal\": 5}}", "InvalidInput", "/request/principal", 1},
      {"{\"request\": {\"action\": \"GetObject\"}}", "InvalidInput", "/request/action", 1},
      {"{\"request\": {\"action\": \"s3:GetObject\"}, \"identityPolicy\": []}", "InvalidInput", "/identityPolicy", 1},
      {"{\"request\": {\"action\": \"s3:GetObject\", \"resourceAccount\": \"12\"}}", "InvalidInput", "/request/resourceAccount",
       1},
      {"{\"request\": {\"action\": \"s3:GetObject\", \"principal\": \"bob\"}}", "InvalidInput", "/request/principal", 1},
      {"{\"request\": {\"action\": \"s3:GetObject\"}, \"serviceControlPolicies\": [{}]}", "InvalidInput",
       "/serviceControlPolicies/0", 1},
      {"{\"request\": {\"action\": \"s3:GetObject\", \"context\": {\"k\": {}}}}", "InvalidInput", "/request/context/k", 1},
      {"{\"request\": ", "InvalidJson", "", 1},
      {"[]", "InvalidInput", "", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    bool ok = true;
    nlohmann::json out = simulate(c.input, ok);
    CHECK_FALSE(ok);
    REQUIRE(out.contains("error"));
    CHECK(out["error"]["code"] == c.code);
    CHECK(out["error"].value("path", std::string()) == c.path);
    CHECK(out["error"]["line"] == c.line);
    CHECK(out["error"]["column"].get<int>() >= 1);
  }
}

TEST_CASE("simulate: AWS's storage rules are warnings, and documents are evaluated as written") {
  const char* input = R"({"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "sts:AssumeRole",
     "resource": "arn:aws:iam::111111111111:role/R"},
     "resourcePolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"},
       "Action": "sts:AssumeRole", "Resource": "*"}}})";
  bool ok = false;
  nlohmann::json out = simulate(input, ok);
  REQUIRE(ok);
  CHECK(out["decision"] == "Allowed");
  REQUIRE(out.contains("warnings"));
  CHECK(out["warnings"][0]["message"] == "Has prohibited field Resource.");
  CHECK(out["warnings"][0]["path"] == "/resourcePolicy/Statement/0/Resource");
}

TEST_CASE("simulate: anonymous requests (no principal)") {
  const char* input =
      R"({"request": {"action": "s3:GetObject", "resource": "arn:aws:s3:::pub/a", "resourceAccount": "111111111111"},
     "resourcePolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}}})";
  bool ok = false;
  CHECK(simulate(input, ok)["decision"] == "Allowed");
}


TEST_CASE("simulate: an input read in place over an earlier one reads as if read alone (a batch reuses one model)") {
  // Every ordered pair of the golden inputs (valid and invalid, with and
  // without resource policies, boundaries, SCP levels, conditions and
  // context): the second, read into the model the first left, gives the
  // same result, byte for byte, as the second read into a new model.
  std::vector<std::string> lines = simulate_lines("simulate-golden.jsonl");
  for (const std::string& l : simulate_lines("simulate-explanations.jsonl")) lines.push_back(l);
  REQUIRE(lines.size() == 57);
  std::vector<std::string> alone;
  for (const std::string& l : lines) {
    SimulateParse fresh;
    parse_simulate_input(l, fresh);
    alone.push_back(simulate_text(fresh));
  }
  int invalid = 0;
  for (std::size_t a = 0; a < lines.size(); ++a) {
    for (std::size_t b = 0; b < lines.size(); ++b) {
      SimulateParse reused;
      parse_simulate_input(lines[a], reused);
      if (reused.ok) simulate_text(reused);  // evaluation adds the request's derived context keys
      const bool ok = parse_simulate_input(lines[b], reused);
      CHECK(ok == reused.ok);
      CHECK_MESSAGE(simulate_text(reused) == alone[b], "line " << b << " read over line " << a);
      if (a == 0 && !ok) ++invalid;
    }
  }
  CHECK(invalid > 0);  // the pairs include inputs that fail to parse
}
