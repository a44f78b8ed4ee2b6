// The plain reader of simulate inputs (eval/simulate_plain.cpp and
// policy/policy_plain.cpp, issue 12) against the reader over a JSON tree,
// which is the definition: for any text, reading it with
// parse_simulate_input (the plain reader first, the tree when it gives up)
// gives byte for byte the output of the tree alone: the decision, the
// explanation with every position, the warnings and their order, the error.
// Over the golden inputs, compact and pretty-printed, and over thousands of
// variants of them damaged at random: a value changed (type, text, escapes,
// non-ASCII, over-long), a member renamed, doubled, dropped or moved, an
// array emptied.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "eval/explain.h"
#include "eval/simulate.h"
#include "eval/simulate_parts.h"
#include "json/json_writer.h"
#include "simulate_fixture.h"

using namespace rolelab;

namespace {

// The definition: the text read into a tree, the tree into a new model.
std::string via_tree(const std::string& text) {
  json::ParseResult r = json::parse(text, json::Limits{kMaxSimulateBytes, 64});
  SimulateParse p;
  if (r.ok) {
    p = parse_simulate_input(r.value);
  } else {
    p.error = r.error;
  }
  return test::simulate_text(p);
}

// All the nodes of a tree, for picking one to change.
void collect(json::Value& v, std::vector<json::Value*>& out) {
  out.push_back(&v);
  for (json::Value& item : v.items) collect(item, out);
  for (json::Member& m : v.members) collect(m.value, out);
}

json::Value string_value(std::string text) {
  json::Value v;
  v.type = json::Type::String;
  v.text = std::move(text);
  return v;
}

// One random change to the tree.
void damage(json::Value& root, std::mt19937& rng) {
  static const char* texts[] = {"*", "iam:PassRole", "s3:*", "sts:AssumeRole", "Allow", "Deny", "allow", "", "s3",
                                "arn:aws:iam::111111111111:root", "222222222222", "arn:aws:iam::*:role/x", "lambda.amazonaws.com",
                                "2012-10-17", "2008-10-17", "2012-10-18", "caf\xC3\xA9", "a\"b", "tab\there", "x\\y", "Null",
                                "StringEquals", "aws:SourceIp", "noprefix", "${aws:username}", "arn:aws:s3:::b/*"};
  static const char* keys[] = {"Action",    "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Effect",
                               "Sid",       "Condition", "Version",  "Id",          "Statement", "version",      "AWS",
                               "Service",   "Federated", "Null",     "StringLike",  "aws:PrincipalTag/team",   "context",
                               "principal", "action",    "resource", "resourcePolicy", "sessionPolicy", "permissionsBoundary",
                               "identityPolicies", "serviceControlPolicies", "wildcardOnlyAction", "request", "caf\xC3\xA9"};
  std::vector<json::Value*> nodes;
  collect(root, nodes);
  json::Value& v = *nodes[std::uniform_int_distribution<std::size_t>(0, nodes.size() - 1)(rng)];
  auto pick = [&](auto& list) { return list[std::uniform_int_distribution<std::size_t>(0, std::size(list) - 1)(rng)]; };
  switch (std::uniform_int_distribution<int>(0, 11)(rng)) {
    case 0:
    case 1:
      v = string_value(pick(texts));
      break;
    case 2:
      v = json::Value{};
      v.type = json::Type::Number;
      v.text = pick(texts)[0] == 'a' ? "3600" : "-1.5e3";
      break;
    case 3:
      v = json::Value{};
      v.type = (rng() & 1) ? json::Type::Bool : json::Type::Null;
      v.boolean = rng() & 2;
      break;
    case 4:  // a value into an array of it
      if (!v.is_array()) {
        json::Value a;
        a.type = json::Type::Array;
        a.items.push_back(v);
        if (rng() & 1) a.items.push_back(string_value(pick(texts)));
        v = std::move(a);
      }
      break;
    case 5:
      v.items.clear();
      v.members.clear();
      break;
    case 6:  // a member renamed
      if (!v.members.empty()) v.members[rng() % v.members.size()].key = pick(keys);
      break;
    case 7:  // a member doubled
      if (!v.members.empty()) v.members.push_back(v.members[rng() % v.members.size()]);
      break;
    case 8:  // a member dropped
      if (!v.members.empty()) v.members.erase(v.members.begin() + static_cast<std::ptrdiff_t>(rng() % v.members.size()));
      break;
    case 9:  // two members swapped
      if (v.members.size() > 1) std::swap(v.members[rng() % v.members.size()], v.members[rng() % v.members.size()]);
      break;
    case 10:  // a member added
      if (v.is_object()) {
        json::Member m;
        m.key = pick(keys);
        m.value = string_value(pick(texts));
        v.members.push_back(std::move(m));
      }
      break;
    case 11:  // a value over the length limits
      v = string_value("arn:aws:s3:::" + std::string(kMaxPolicyValueChars, 'a'));
      break;
  }
}

}  // namespace

TEST_CASE("simulate: the plain reader gives what the tree gives, for the golden inputs and damaged variants of them") {
  std::vector<std::string> lines = test::simulate_lines("simulate-golden.jsonl");
  for (const std::string& l : test::simulate_lines("simulate-explanations.jsonl")) lines.push_back(l);
  REQUIRE(lines.size() == 57);
  std::vector<std::string> texts;
  for (const std::string& l : lines) {
    json::ParseResult r = json::parse(l);
    texts.push_back(l);
    if (!r.ok) continue;
    texts.push_back(json::to_compact_string(r.value));
    texts.push_back(pretty_json(r.value));  // lines and columns past the first line
  }
  std::mt19937 rng(12);
  const std::size_t originals = texts.size();
  for (std::size_t k = 0; k < originals; ++k) {
    json::ParseResult r = json::parse(texts[k]);
    if (!r.ok) continue;
    for (int n = 0; n < 120; ++n) {
      json::Value v = r.value;
      for (int changes = 1 + static_cast<int>(rng() % 3); changes > 0; --changes) damage(v, rng);
      texts.push_back(n % 4 == 0 ? pretty_json(v) : json::to_compact_string(v));
    }
  }
  SimulateParse reused;  // every text read over the model the last one left, as a batch does
  int plain = 0, valid = 0, mismatches = 0;
  for (const std::string& text : texts) {
    SimulateParse probe;
    if (simulate_detail::parse_simulate_plain(text, probe)) ++plain;
    parse_simulate_input(text, reused);
    valid += reused.ok;
    const std::string expected = via_tree(text);
    if (test::simulate_text(reused) != expected && ++mismatches <= 5) {
      CHECK_MESSAGE(test::simulate_text(reused) == expected, "input: " << text);
    }
  }
  MESSAGE(texts.size() << " inputs, " << valid << " valid, " << plain << " read by the plain reader");
  CHECK(mismatches == 0);
  CHECK(texts.size() > 6000);
  // Both readers are exercised: the plain one takes most valid inputs, the
  // tree the rest (errors, warnings other than a statement's, escapes, ...).
  CHECK(plain > valid / 2);
  CHECK(plain < valid);
}

TEST_CASE("simulate: the plain reader gives up on what only the tree reads right") {
  const std::string request = R"({"request":{"principal":"arn:aws:iam::111111111111:user/a","action":"s3:GetObject"},)";
  const std::string ok_policy = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})";
  SimulateParse p;
  REQUIRE(simulate_detail::parse_simulate_plain(request + R"("identityPolicies":[)" + ok_policy + "]}", p));
  CHECK(p.ok);
  const char* given_up[] = {
      // a string needing decoding, a policy as a string, an unknown key, keys out of the contract's order
      R"("identityPolicies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:\u002A","Resource":"*"}}]})",
      R"("identityPolicies":["{}"]})",
      R"("identityPolicies":[],"extra":1})",
      R"("sessionPolicy":null,"identityPolicies":[]})",
      // a warning that is not a statement's (no Version), a rule AWS enforces, a key given twice
      R"("identityPolicies":[{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}]})",
      R"("identityPolicies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3","Resource":"*"}}]})",
      R"("identityPolicies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Effect":"Deny","Action":"s3:*","Resource":"*"}}]})",
  };
  for (const char* rest : given_up) {
    CHECK_MESSAGE(!simulate_detail::parse_simulate_plain(request + rest, p), rest);
    parse_simulate_input(request + rest, p);  // the tree reads each, with its diagnostics
    CHECK(test::simulate_text(p) == via_tree(request + rest));
  }
  // Values over kMaxSimulatePatternChars in all (the plain reader counts
  // them as it reads): 70 resources of 4,000 characters.
  std::string resources;
  for (int k = 0; k < 70; ++k) resources += std::string(k ? "," : "") + "\"arn:aws:s3:::" + std::string(3987, 'a') + "\"";
  const std::string big = request + R"("identityPolicies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":[)" +
                          resources + "]}}]}";
  CHECK(!simulate_detail::parse_simulate_plain(big, p));
  parse_simulate_input(big, p);
  CHECK(!p.ok);
  CHECK(p.error.message.find("the limit for one simulation is 262144") != std::string::npos);
  CHECK(test::simulate_text(p) == via_tree(big));
}
