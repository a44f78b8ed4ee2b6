// The bad-input suite for every input RoleLab reads (issue: hardening):
// truncated and invalid JSON, invalid UTF-8, 10 MB inputs, nesting 100,000
// deep, numbers out of range, wrong types in every element of a policy, of a
// world and of a lesson, unknown commands and flags, bad durations. Each gives
// the documented error (code, message, location: docs/limits.md) and the
// process keeps working: a valid input still succeeds afterwards.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "console/console.h"
#include "course/lesson.h"
#include "lesson_fixture.h"
#include "policy/policy.h"
#include "eval/simulate.h"
#include "world/world.h"

using namespace rolelab;

namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(ROLELAB_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kSimulate = R"({"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject",
  "resource": "arn:aws:s3:::b/k"}, "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
  "Action": "s3:GetObject", "Resource": "*"}}]})";
const std::string kPolicy = R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}})";

// What each format gives back: ok, or an error with a code, a message and a line.
struct Outcome {
  bool ok = false;
  Diagnostic error;
};

Outcome world(const std::string& text) {
  WorldLoad w = load_world(text);
  return {w.ok, w.error};
}
Outcome lesson(const std::string& text) {
  course::LessonParse p = course::parse_lesson(text);
  return {p.ok, p.error};
}
Outcome simulate_input(const std::string& text) {
  SimulateParse p = parse_simulate_input(text);
  return {p.ok, p.error};
}
Outcome policy(const std::string& text) {
  ParsedPolicy p = parse_policy(text, ParseOptions{});
  return {p.ok, p.ok ? Diagnostic{} : p.errors.front()};
}

struct Format {
  const char* name;
  Outcome (*read)(const std::string&);
  std::string valid;
  const char* json_error_code;  // what a JSON syntax error is reported as
};

std::vector<Format> formats() {
  return {{"world", world, read("worlds/two-accounts.json"), "InvalidJson"},
          {"lesson", lesson, std::string(test::kTwoStepLesson), "InvalidJson"},
          {"simulate", simulate_input, kSimulate, "InvalidJson"},
          {"policy", policy, kPolicy, "MalformedPolicyDocument"}};
}

// The message with its help: a policy's syntax error says "Syntax errors in
// policy." (IAM's words) and the detail goes in the help.
std::string said(const Outcome& o) { return o.error.message + " " + o.error.help; }

void check_error(const Outcome& o, const std::string& what) {
  INFO(what);
  CHECK_FALSE(o.ok);
  CHECK_FALSE(o.error.code.empty());
  CHECK_FALSE(o.error.message.empty());
}

// After any bad input, the same code still reads a good one.
void check_still_works() {
  for (const Format& f : formats()) {
    INFO(f.name);
    CHECK(f.read(f.valid).ok);
  }
}

}  // namespace

TEST_CASE("bad input files: the shipped files are valid") { check_still_works(); }

TEST_CASE("bad input files: truncated JSON, in every format, reports line and column") {
  for (const Format& f : formats()) {
    REQUIRE(f.valid.size() > 50);
    const std::size_t step = f.valid.size() / 60 + 1;
    for (std::size_t n = 0; n + 1 < f.valid.size(); n += step) {
      Outcome o = f.read(f.valid.substr(0, n));
      check_error(o, std::string(f.name) + " cut at " + std::to_string(n));
      if (n > 0) CHECK(o.error.line >= 1);
    }
  }
  check_still_works();
}

TEST_CASE("bad input files: invalid JSON and invalid UTF-8") {
  for (const Format& f : formats()) {
    INFO(f.name);
    Outcome o = f.read("{\"a\": [1, 2,, 3]}");
    check_error(o, "double comma");
    CHECK(o.error.code == f.json_error_code);
    CHECK(said(f.read("{\"x\": \"\xff\xfe\"}")).find("Invalid UTF-8") != std::string::npos);
    CHECK(said(f.read("{\"x\": \"\xc3\"}")).find("Invalid UTF-8") != std::string::npos);  // truncated sequence
    CHECK(said(f.read("{\"x\": \"\xed\xa0\x80\"}")).find("Invalid UTF-8") != std::string::npos);  // a surrogate
    check_error(f.read(std::string("{\"x\": \"a\0b\"}", 12)), "NUL in a string");
    check_error(f.read(""), "empty");
    check_error(f.read("\xef\xbb\xbf"), "only a byte-order mark");
  }
  check_still_works();
}

TEST_CASE("bad input files: 10 MB inputs are refused with the limit") {
  const std::string big = "{\"x\": \"" + std::string(10u << 20, 'a') + "\"}";
  for (const Format& f : formats()) {
    Outcome o = f.read(big);
    check_error(o, std::string(f.name) + " 10 MB");
  }
  CHECK(world(big).error.message.find("4194304") != std::string::npos);
  Simulator sim(load_world(read("worlds/two-accounts.json")).world);
  Console c(sim);
  CHECK(c.execute(std::string(10u << 20, 'a')).find("the limit is 65536") != std::string::npos);
  check_still_works();
}

TEST_CASE("bad input files: nesting 100,000 deep ends in an error, not a stack overflow") {
  const std::string arrays = std::string(100000, '[') + std::string(100000, ']');
  std::string objects;
  for (int k = 0; k < 100000; ++k) objects += "{\"a\":";
  objects += "1" + std::string(100000, '}');
  for (const Format& f : formats()) {
    INFO(f.name);
    Outcome a = f.read(arrays);
    check_error(a, "arrays");
    CHECK(said(a).find("Nesting is deeper than") != std::string::npos);
    check_error(f.read(objects), "objects");
  }
  check_still_works();
}

TEST_CASE("bad input files: numbers out of range") {
  std::string w = read("worlds/two-accounts.json");
  for (const char* n : {"1e999", "99999999999999999999", "-3600", "3600.5", "\"3600\""}) {
    std::string bad = w;
    std::size_t at = bad.find("\"maxSessionDuration\": 7200");
    REQUIRE(at != std::string::npos);
    bad.replace(at, 26, std::string("\"maxSessionDuration\": ") + n);
    Outcome o = world(bad);
    check_error(o, n);
    CHECK(o.error.path.find("maxSessionDuration") != std::string::npos);
  }
  // In a condition, a number AWS cannot hold never matches; it does not crash.
  bool ok = false;
  nlohmann::json out = simulate(
      R"({"request": {"principal": "arn:aws:iam::111111111111:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k",
          "context": {"s3:max-keys": "1e999"}},
          "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
          "Condition": {"NumericLessThan": {"s3:max-keys": 99999999999999999999999}}}}]})",
      ok);
  REQUIRE(ok);
  CHECK(out["decision"] == "ImplicitlyDenied");
  Simulator sim(load_world(w).world);
  Console c(sim);
  c.execute("as alice");
  CHECK(c.execute("aws sts assume-role --role-arn arn:aws:iam::222222222222:role/Auditor --role-session-name s "
                  "--duration-seconds 99999999999999999999")
            .find("is not an integer") != std::string::npos);
  CHECK(c.execute("aws sts assume-role --role-arn arn:aws:iam::222222222222:role/Auditor --role-session-name s "
                  "--duration-seconds -1")
            .find("greater than or equal to 900") != std::string::npos);
}

TEST_CASE("bad input files: every element of a policy with the wrong type") {
  struct Case {
    const char* doc;
    const char* path;
  };
  const Case cases[] = {
      {R"({"Version": 2012, "Statement": []})", "/Version"},
      {R"({"Version": "2012-10-17", "Statement": "allow"})", "/Statement"},
      {R"({"Version": "2012-10-17", "Statement": [1]})", "/Statement/0"},
      {R"({"Version": "2012-10-17", "Statement": {"Sid": 7, "Effect": "Allow", "Action": "s3:*", "Resource": "*"}})",
       "/Statement/0/Sid"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": true, "Action": "s3:*", "Resource": "*"}})", "/Statement/0/Effect"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": {"s3": "*"}, "Resource": "*"}})",
       "/Statement/0/Action"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": [1], "Resource": "*"}})",
       "/Statement/0/NotAction/0"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": 5}})",
       "/Statement/0/Resource"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "NotResource": null}})",
       "/Statement/0/NotResource"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": 1, "Action": "s3:*", "Resource": "*"}})",
       "/Statement/0/Principal"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": {"x": 1}}, "Action": "s3:*", "Resource": "*"}})",
       "/Statement/0/Principal/AWS"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": []}})",
       "/Statement/0/Condition"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": "x"}}})",
       "/Statement/0/Condition/StringEquals"},
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": {"a": 1}}}}})",
       "/Statement/0/Condition/StringEquals/aws:username"},
      {R"([{"Version": "2012-10-17"}])", ""},
  };
  for (const Case& c : cases) {
    INFO(c.doc);
    ParseOptions opt;
    opt.kind = PolicyKind::Resource;  // every element is allowed in a resource-based policy
    ParsedPolicy p = parse_policy(c.doc, opt);
    REQUIRE_FALSE(p.ok);
    // Each error names its place; the wrong-typed element is among them.
    bool named = false;
    for (const Diagnostic& d : p.errors) {
      CHECK(d.code == "MalformedPolicyDocument");
      CHECK(d.line >= 1);
      named = named || d.path == c.path;
    }
    CHECK(named);
  }
  check_still_works();
}

TEST_CASE("bad input files: wrong-type world fields name their JSON path") {
  const std::string base = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": %})";
  auto with = [&](const std::string& account) {
    std::string s = base;
    s.replace(s.find('%'), 1, account);
    return s + "}";
  };
  const std::string trust =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}})";
  struct Case {
    std::string text;
    const char* path;
  };
  const Case cases[] = {
      {R"({"startTime": 1, "accounts": {}})", "/startTime"},
      {R"({"startTime": "yesterday", "accounts": {}})", "/startTime"},
      {R"({"startTime": "2026-11-28T09:00:00Z", "accounts": []})", "/accounts"},
      {R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"12345": {}}})", "/accounts/12345"},
      {R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {}}, "organization": 1})", "/organization"},
      {with(R"({"alias": 5})"), "/accounts/111111111111/alias"},
      {with(R"({"users": []})"), "/accounts/111111111111/users"},
      {with(R"({"users": {"a": {"path": 1}}})"), "/accounts/111111111111/users/a/path"},
      {with(R"({"users": {"a": {"policies": 7}}})"), "/accounts/111111111111/users/a/policies"},
      {with(R"({"users": {"a": {"policies": [7]}}})"), "/accounts/111111111111/users/a/policies/0"},
      {with(R"({"users": {"a": {"attachedPolicies": "ReadLogs"}}})"), "/accounts/111111111111/users/a/attachedPolicies"},
      {with(R"({"users": {"a": {"tags": ["team"]}}})"), "/accounts/111111111111/users/a/tags"},
      {with(R"({"users": {"a": {"mfa": "yes"}}})"), "/accounts/111111111111/users/a/mfa"},
      {with(R"({"roles": {"R": {"trustPolicy": 1}}})"), "/accounts/111111111111/roles/R/trustPolicy"},
      {with(R"({"roles": {"R": {"trustPolicy": )" + trust + R"(, "maxSessionDuration": "1h"}}})"),
       "/accounts/111111111111/roles/R/maxSessionDuration"},
      {with(R"({"roles": {"R": {"trustPolicy": )" + trust + R"(, "description": []}}})"),
       "/accounts/111111111111/roles/R/description"},
      {with(R"({"roles": {"R": {"serviceLinked": true}}})"), "/accounts/111111111111/roles/R/serviceLinked"},
      {with(R"({"managedPolicies": {"P": "not json"}})"), "/accounts/111111111111/managedPolicies/P"},
      {with(R"({"oidcProviders": {"x": {"clientIds": "sts.amazonaws.com"}}})"),
       "/accounts/111111111111/oidcProviders/x/clientIds"},
      {with(R"({"samlProviders": []})"), "/accounts/111111111111/samlProviders"},
      {with(R"({"buckets": {"b": {"objects": {"k": 1}}}})"), "/accounts/111111111111/buckets/b/objects/k"},
      {with(R"({"instances": {"i-1": {"role": 1}}})"), "/accounts/111111111111/instances/i-1/role"},
      {with(R"({"functions": {"f": "R"}})"), "/accounts/111111111111/functions/f"},
      {with(R"({"logGroups": {"a": 1}})"), "/accounts/111111111111/logGroups"},
      {with(R"({"unknownKey": 1})"), "/accounts/111111111111/unknownKey"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    WorldLoad w = load_world(c.text);
    REQUIRE_FALSE(w.ok);
    CHECK_FALSE(w.error.code.empty());
    CHECK(w.error.path.rfind(c.path, 0) == 0);
    CHECK(w.error.line >= 1);
  }
  check_still_works();
}

TEST_CASE("bad input files: wrong-type lesson fields name their JSON path") {
  const std::string valid = std::string(test::kTwoStepLesson);
  json::ParseResult parsed = json::parse(valid);
  REQUIRE(parsed.ok);
  // Each top-level field replaced by a value of the wrong type.
  for (const json::Member& m : parsed.value.members) {
    for (const char* wrong : {"12", "[]", "{\"x\": 1}", "null"}) {
      std::string text = "{";
      for (const json::Member& other : parsed.value.members) {
        if (text.size() > 1) text += ", ";
        text += "\"" + other.key + "\": " + (other.key == m.key ? std::string(wrong) : json::to_compact_string(other.value));
      }
      text += "}";
      course::LessonParse p = course::parse_lesson(text);
      // Some replacements are still valid (a trust policy given as an object); the rest name the field.
      if (p.ok) continue;
      // No editable policies at all is valid too; then the solution's edit is the error.
      if (m.key == "editable" && std::string(wrong) == "[]") continue;
      INFO(m.key << " = " << wrong);
      CHECK((p.error.code == "InvalidLesson" || p.error.code == "InvalidWorld"));
      CHECK(p.error.path.rfind("/" + m.key, 0) == 0);
    }
  }
  CHECK(course::parse_lesson(R"({"id": "x"})").error.message.find("Missing") != std::string::npos);
  check_still_works();
}

TEST_CASE("bad input files: unknown console commands, flags and bad durations") {
  Simulator sim(load_world(read("worlds/two-accounts.json")).world);
  Console c(sim);
  c.execute("as alice");
  CHECK(c.execute("fly").find("rolelab: unknown command 'fly'") != std::string::npos);
  CHECK(c.execute("aws stz get-caller-identity").find("maybe you meant:\n\n  * sts") != std::string::npos);
  CHECK(c.execute("aws sts get-caller-identiy").find("maybe you meant:\n\n  * get-caller-identity") != std::string::npos);
  CHECK(c.execute("aws sts get-caller-identity --nope").find("Unknown options: --nope") != std::string::npos);
  CHECK(c.execute("aws sts assume-role --role-arn").find("expected one argument") != std::string::npos);
  CHECK(c.execute("aws iam get-role").find("the following arguments are required: --role-name") != std::string::npos);
  for (const char* d : {"-5m", "99999999h", "5 m", "1.5h", "m", "0s", "9223372036854775807s", "5x"}) {
    INFO(d);
    std::string out = c.execute(std::string("clock advance ") + d);
    CHECK((out.rfind("rolelab: clock advance", 0) == 0 || out.rfind("usage: clock", 0) == 0));
  }
  CHECK(c.execute("clock advance").find("usage") != std::string::npos);
  // The console still works, and nothing moved the clock.
  CHECK(c.execute("clock").find("2026-11-28T09:00:00Z") != std::string::npos);
  CHECK(c.execute("aws sts get-caller-identity").find("\"Arn\": \"arn:aws:iam::111111111111:user/alice\"") != std::string::npos);
}

TEST_CASE("bad input files: inputs built to make matching slow are bounded (docs/limits.md)") {
  // Found while hardening: "*aaa...ab" against "aaa...a" made the matcher
  // quadratic; a 300 KB simulate input took 12 s. Long values are refused,
  // and the worst accepted pattern is decided at once.
  const std::string a4k(4080, 'a');
  auto input = [](const std::string& resource, const std::string& pattern, int copies) {
    std::string patterns;
    for (int k = 0; k < copies; ++k) patterns += std::string(k ? ", " : "") + "\"" + pattern + "\"";
    return R"({"request": {"principal": "arn:aws:iam::111111111111:user/a", "action": "s3:GetObject", "resource": ")" +
           resource + R"(", "resourceAccount": "111111111111"}, "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
           "Action": "s3:GetObject", "Resource": [)" + patterns + "]}}]}";
  };
  bool ok = false;
  nlohmann::json out = simulate(input("arn:aws:s3:::" + std::string(200000, 'a'), "arn:aws:s3:::*b", 1), ok);
  CHECK_FALSE(ok);
  CHECK(out["error"]["message"] == "request.resource is 200013 characters long; the limit is 4096.");
  out = simulate(input("arn:aws:s3:::" + a4k, "arn:aws:s3:::*" + std::string(8000, 'a') + "b", 1), ok);
  CHECK_FALSE(ok);
  CHECK(out["error"]["help"].get<std::string>().find("Resource values are at most 4096 characters; this one has 8015") !=
        std::string::npos);
  // 64 worst-case patterns of 4,016 characters: within the 256 KiB of matched values, decided (no match).
  out = simulate(input("arn:aws:s3:::" + a4k, "arn:aws:s3:::*" + std::string(4000, 'a') + "b*", 64), ok);
  REQUIRE(ok);
  CHECK(out["decision"] == "ImplicitlyDenied");
  out = simulate(input("arn:aws:s3:::" + a4k, "arn:aws:s3:::*" + std::string(4000, 'a') + "b*", 66), ok);
  CHECK_FALSE(ok);
  CHECK(out["error"]["message"].get<std::string>().find("the limit for one simulation is 262144") != std::string::npos);
  // A matching long pattern still matches.
  out = simulate(input("arn:aws:s3:::" + a4k + "b", "arn:aws:s3:::*" + std::string(4000, 'a') + "b", 1), ok);
  REQUIRE(ok);
  CHECK(out["decision"] == "Allowed");
}

TEST_CASE("bad input files: worlds beyond the size limits are refused with the counts") {
  std::string users;
  for (int k = 0; k < 201; ++k) users += std::string(k ? ", " : "") + "\"u" + std::to_string(k) + "\": {}";
  WorldLoad w = load_world(R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {"users": {)" + users + "}}}}");
  REQUIRE_FALSE(w.ok);
  CHECK(w.error.message == "A world has at most 200 users and 200 roles in all; this one has 201 users and 0 roles.");
  std::string accounts;
  for (int k = 0; k < 51; ++k) accounts += std::string(k ? ", " : "") + "\"1000000000" + (k < 10 ? "0" : "") + std::to_string(k) + "\": {}";
  w = load_world(R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {)" + accounts + "}}");
  REQUIRE_FALSE(w.ok);
  CHECK(w.error.message == "A world has at most 50 accounts; this one has 51.");
}
