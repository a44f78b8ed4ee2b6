// Data-driven cases in tests/cases/, each citing the AWS documentation page it
// follows: every condition operator (condition-operators.json) and every
// evaluation rule (evaluation-rules.json). Run natively and as wasm.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "eval/explain.h"
#include "json/json.h"
#include "eval/simulate.h"

using namespace rolelab;

namespace {

std::string read(const std::string& name) {
  std::ifstream in(std::string(ROLELAB_SOURCE_DIR) + "/tests/cases/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("cases: every condition operator (condition-operators.json)") {
  auto file = json::parse(read("condition-operators.json"));
  REQUIRE(file.ok);
  REQUIRE(file.value.items.size() >= 80);
  for (const json::Value& c : file.value.items) {
    const std::string name = c.find("name")->text;
    CAPTURE(name);
    CHECK(c.find("doc")->text.rfind("https://docs.aws.amazon.com/", 0) == 0);
    const json::Value* version = c.find("version");
    std::string input = R"({"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
        "resource": "arn:aws:s3:::reports/q4.csv", "resourceAccount": "111122223333", "context": )" +
                        json::to_compact_string(*c.find("context")) + R"(},
        "identityPolicies": [{"Version": ")" +
                        (version ? version->text : std::string("2012-10-17")) +
                        R"(", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": )" +
                        json::to_compact_string(*c.find("condition")) + "}}]}";
    bool ok = false;
    nlohmann::json out = simulate(input, ok);
    REQUIRE_MESSAGE(ok, dump(out));
    const bool expect = c.find("expect")->boolean;
    CHECK(out["decision"] == (expect ? "Allowed" : "ImplicitlyDenied"));
    // The explanation names every condition with a reason.
    const auto& conds = out["explanation"]["policies"][0]["statements"][0]["conditions"];
    CHECK(conds.size() >= 1);
    for (const auto& cj : conds) CHECK_FALSE(cj["why"].get<std::string>().empty());
  }
}

TEST_CASE("cases: every evaluation rule (evaluation-rules.json)") {
  auto file = json::parse(read("evaluation-rules.json"));
  REQUIRE(file.ok);
  REQUIRE(file.value.items.size() >= 50);
  for (const json::Value& c : file.value.items) {
    const std::string name = c.find("name")->text;
    CAPTURE(name);
    CHECK(c.find("doc")->text.rfind("https://docs.aws.amazon.com/", 0) == 0);
    SimulateParse in = parse_simulate_input(*c.find("input"));
    REQUIRE_MESSAGE(in.ok, to_string(in.error));
    TraceCollector trace;
    EvalResult r = evaluate(in.input.request, in.input.policies, &trace);
    CHECK(decision_name(r.decision) == c.find("expected")->text);
    CHECK_FALSE(r.summary.empty());
    if (const json::Value* cause = c.find("cause")) CHECK(denial_cause_name(r.cause) == cause->text);
    // The fast path (no tracer) decides the same.
    SimulateParse again = parse_simulate_input(*c.find("input"));
    CHECK(evaluate(again.input.request, again.input.policies).decision == r.decision);
  }
}
