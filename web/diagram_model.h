// What the world diagram shows, without any drawing: accounts, their users,
// roles and identity providers, the service principals named in trust
// policies, and the trust edges ("who can wear the hat") coloured by the
// who-can-assume analysis, plus the current step's goal edges. The ImGui panel
// (ui_diagram.cpp) lays this out and draws it; the page's aria-live region
// reads the same edges as text lines (edge_lines), so a screen reader follows
// the picture it cannot see.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "eval/analysis.h"
#include "sts/sts.h"
#include "world/world.h"

namespace rolelab::course {
class LessonRun;
}

namespace rolelab::diagram {

enum class NodeKind { User, Role, Service, Provider };

struct Node {
  NodeKind kind = NodeKind::User;
  std::string id;       // ARN (users, roles, providers) or the service / outside provider host
  std::string key;      // unique: the id, or "host@account" for a service drawn in an account's column
  std::string account;  // the account whose column holds it
  std::string label;    // alice, Auditor, ec2.amazonaws.com
  std::string detail;   // one short line under the label: "service-linked: autoscaling", "OIDC", "MFA"
  std::vector<std::string> uses;  // roles: "EC2 i-0abc", "Lambda report" (what wears it for a service)
  int active_sessions = 0, expired_sessions = 0;
  bool service_linked = false;
  bool external = false;  // a service or identity provider outside the world's accounts (drawn in each
                          // account whose roles trust it)
};

enum class EdgeState { Allowed, Conditional, Denied, None };

struct Edge {
  std::size_t from = 0, to = 0;  // node indices; `to` is a role
  EdgeState state = EdgeState::None;
  bool goal = false;      // one of the current step's goal edges
  std::string reason;     // the engine's sentence (why it succeeds, what must hold, why it is denied)
  std::size_t source = ~std::size_t(0);  // an opened account's edge: its index in the analysis' edges ("Try")
};

struct AccountGroup {
  std::string id, alias;
  std::vector<std::size_t> principals;  // users, identity providers, services trusted here (left)
  std::vector<std::size_t> roles;       // (right)
};

struct Model {
  std::vector<AccountGroup> accounts;           // by id
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::vector<std::vector<std::size_t>> reach;   // per node (users): roles reachable directly or by chaining
  std::string note;  // what the picture leaves out (a large opened account), shown under it; empty for lessons
};

using GoalEdges = std::vector<std::pair<std::string, std::string>>;  // (principal ARN or host, role ARN)

// Builds the model. `sim` (optional) adds the active and expired sessions of each role.
Model build(const World& world, const AssumeGraph& graph, const GoalEdges& goals, const Simulator* sim);
Model build(course::LessonRun& run);

// Short names for people: "alice", "Auditor (222222222222)" when names repeat across accounts.
std::string node_name(const Model& m, std::size_t node);
// One line per edge: "alice -> Auditor: would succeed now (...)", goal edges marked.
std::vector<std::string> edge_lines(const Model& m);
std::vector<std::string> edge_lines(course::LessonRun& run);
const char* state_words(EdgeState s);

}  // namespace rolelab::diagram
