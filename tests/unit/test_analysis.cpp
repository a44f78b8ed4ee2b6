// Who-can-assume analysis: edges with explanations, conditional edges, chains.
#include <doctest/doctest.h>

#include "eval/analysis.h"

using namespace rolelab;

TEST_CASE("analysis: direct, conditional and chained edges") {
  const char* world = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {
    "111111111111": {"users": {
      "alice": {"policies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}]},
      "bob": {}}},
    "222222222222": {"roles": {
      "Auditor": {"trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "111111111111"},
                  "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "x1"}}}},
                  "policies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}]},
      "Deep": {"trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
               "Principal": {"AWS": "arn:aws:iam::222222222222:role/Auditor"}, "Action": "sts:AssumeRole"}}},
      "Fn": {"trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
             "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}}}}}}})";
  WorldLoad w = load_world(world);
  REQUIRE_MESSAGE(w.ok, to_string(w.error));
  AssumeGraph g = who_can_assume(w.world);
  auto edge = [&](const std::string& from, const std::string& role) -> const AssumeEdge* {
    for (const AssumeEdge& e : g.edges) {
      if (g.principals[e.from].arn == from && g.roles[e.role].find(":role/" + role) != std::string::npos) return &e;
    }
    return nullptr;
  };
  const AssumeEdge* alice = edge("arn:aws:iam::111111111111:user/alice", "Auditor");
  REQUIRE(alice);
  CHECK(alice->conditional);
  CHECK(alice->summary.find("sts:ExternalId") != std::string::npos);
  CHECK_FALSE(edge("arn:aws:iam::111111111111:user/bob", "Auditor"));  // no identity permission: not even conditionally
  const AssumeEdge* chain = edge("arn:aws:iam::222222222222:role/Auditor", "Deep");
  REQUIRE(chain);
  CHECK_FALSE(chain->conditional);
  REQUIRE(edge("lambda.amazonaws.com", "Fn"));
  bool deep = false;
  for (const AssumeGraph::Reach& r : g.reachable) {
    if (g.principals[r.user].arn == "arn:aws:iam::111111111111:user/alice" && r.path.size() == 2) deep = true;
  }
  CHECK(deep);
  CHECK(to_text(g).find("Auditor -> Deep") != std::string::npos);
  CHECK(to_json(g)["edges"].size() == g.edges.size());
}
