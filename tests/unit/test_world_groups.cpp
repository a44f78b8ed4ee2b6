// IAM groups in worlds: a user gets its groups' inline and attached policies
// when IAM evaluates its requests (IAM User Guide, id_groups.html: "Any user
// in a user group automatically has the permissions that are assigned to the
// user group"); a group is not a principal.
#include <doctest/doctest.h>

#include "eval/analysis.h"
#include "sts/sts.h"
#include "world/world.h"

using namespace rolelab;

namespace {

const char* kWorld = R"({
  "startTime": "2026-11-28T09:00:00Z",
  "accounts": {
    "111111111111": {
      "managedPolicies": {"AssumeOps": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111111111111:role/Ops"}]}},
      "groups": {
        "Devs": {"path": "/teams/", "policies": {"AssumeDev": {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::222222222222:role/Dev"}]}}},
        "Ops": {"attachedPolicies": ["AssumeOps"]},
        "Nope": {"policies": [{"Version": "2012-10-17", "Statement": [
          {"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"}]}]}
      },
      "users": {
        "alice": {"groups": ["Devs", "Ops"]},
        "bob": {},
        "mallory": {"groups": ["Devs", "Nope"]}
      },
      "roles": {"Ops": {"trustPolicy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole"}]}}}
    },
    "222222222222": {
      "roles": {"Dev": {"trustPolicy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "sts:AssumeRole"}]}}}
    }
  }
})";

AssumeRoleRequest req(const std::string& arn) {
  AssumeRoleRequest r;
  r.role_arn = arn;
  r.role_session_name = "groups-test";
  return r;
}

Caller user(const std::string& name) { return {Caller::Kind::User, "arn:aws:iam::111111111111:user/" + name, ""}; }

}  // namespace

TEST_CASE("groups: loaded with path, ARN, inline and attached policies") {
  WorldLoad w = load_world(kWorld);
  REQUIRE_MESSAGE(w.ok, to_string(w.error));
  const Account& a = *w.world.account("111111111111");
  REQUIRE(a.groups.size() == 3);
  CHECK(a.groups.at("Devs").arn == "arn:aws:iam::111111111111:group/teams/Devs");
  CHECK(a.groups.at("Devs").policies.front().name == "AssumeDev");
  CHECK(a.groups.at("Ops").attached == std::vector<std::string>{"AssumeOps"});
  CHECK(a.users.at("alice").groups == std::vector<std::string>{"Devs", "Ops"});
  // The user's own (none) plus both groups'.
  CHECK(w.world.user_policies(a, a.users.at("alice")).size() == 2);
  CHECK(w.world.user_policies(a, a.users.at("bob")).empty());
}

TEST_CASE("groups: STS lets a member in with its groups' policies, across accounts and within") {
  WorldLoad w = load_world(kWorld);
  REQUIRE(w.ok);
  Simulator sim(std::move(w.world), 3);
  // Cross-account: the caller's side must allow; only the group's inline policy does.
  CHECK(sim.assume_role(user("alice"), req("arn:aws:iam::222222222222:role/Dev")).ok);
  // Same account, trust names the account: the group's attached managed policy allows.
  CHECK(sim.assume_role(user("alice"), req("arn:aws:iam::111111111111:role/Ops")).ok);
  // bob has no group: denied, with AWS's message.
  auto denied = sim.assume_role(user("bob"), req("arn:aws:iam::222222222222:role/Dev"));
  REQUIRE_FALSE(denied.ok);
  CHECK(denied.error.code == "AccessDenied");
  // A group's explicit deny wins over another group's allow.
  CHECK_FALSE(sim.assume_role(user("mallory"), req("arn:aws:iam::222222222222:role/Dev")).ok);
}

TEST_CASE("groups: who-can-assume counts group policies") {
  WorldLoad w = load_world(kWorld);
  REQUIRE(w.ok);
  AssumeGraph g = who_can_assume(w.world);
  auto can = [&](const std::string& user_arn, const std::string& role_arn) {
    for (const AssumeEdge& e : g.edges) {
      if (g.principals[e.from].arn == user_arn && g.roles[e.role] == role_arn) return true;
    }
    return false;
  };
  CHECK(can("arn:aws:iam::111111111111:user/alice", "arn:aws:iam::222222222222:role/Dev"));
  CHECK(can("arn:aws:iam::111111111111:user/alice", "arn:aws:iam::111111111111:role/Ops"));
  CHECK_FALSE(can("arn:aws:iam::111111111111:user/bob", "arn:aws:iam::222222222222:role/Dev"));
  CHECK_FALSE(can("arn:aws:iam::111111111111:user/mallory", "arn:aws:iam::222222222222:role/Dev"));
  for (const GraphPrincipal& p : g.principals) CHECK(p.arn.find(":group/") == std::string::npos);  // not a principal
}

TEST_CASE("groups: bad references are refused with the path") {
  std::string unknown = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {
    "users": {"alice": {"groups": ["Ghosts"]}}}}})";
  WorldLoad w = load_world(unknown);
  REQUIRE_FALSE(w.ok);
  CHECK(w.error.path == "/accounts/111111111111/users/alice/groups");
  CHECK(w.error.message == "User alice is a member of group 'Ghosts', which account 111111111111 does not have.");

  std::string attach = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {
    "groups": {"G": {"attachedPolicies": ["arn:aws:iam::aws:policy/NoSuchPolicy"]}}}}})";
  w = load_world(attach);
  REQUIRE_FALSE(w.ok);
  CHECK(w.error.path == "/accounts/111111111111/groups/G/attachedPolicies");

  std::string key = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {
    "groups": {"G": {"members": ["alice"]}}}}})";
  w = load_world(key);
  REQUIRE_FALSE(w.ok);
  CHECK(w.error.path == "/accounts/111111111111/groups/G/members");
}

TEST_CASE("limits: lesson worlds stay small, imported worlds get per-account IAM-sized bounds") {
  std::string users;
  for (int k = 0; k < 201; ++k) users += std::string(k ? "," : "") + "\"u" + std::to_string(k) + "\": {}";
  std::string text = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {"users": {)" + users + "}}}}";
  WorldLoad lesson = load_world(text);
  REQUIRE_FALSE(lesson.ok);
  CHECK(lesson.error.message == "A world has at most 200 users and 200 roles in all; this one has 201 users and 0 roles.");
  CHECK(load_world(text, kImportedWorldLimits).ok);
  WorldLimits tight = kImportedWorldLimits;
  tight.max_users = 100;
  WorldLoad over = load_world(text, tight);
  REQUIRE_FALSE(over.ok);
  CHECK(over.error.message ==
        "A world has at most 100 users and 5000 roles in account 111111111111; this one has 201 users and 0 roles.");
}
