// Who can assume which role: for a world, every principal (users, roles'
// sessions, service principals and identity providers named in trust
// policies) against every role, with the explanation of each edge, and the
// chains of roles a user can reach through role chaining.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/evaluate.h"
#include "world/world.h"

namespace rolelab {

struct AssumeEdge {
  std::size_t from = 0;  // index into AssumeGraph::principals
  std::size_t role = 0;  // index into AssumeGraph::roles
  Decision decision = Decision::ImplicitlyDenied;
  bool conditional = false;  // named in the trust policy, but a condition must hold (external id, MFA, claims, ...)
  std::string summary;       // the engine's one-sentence explanation
};

struct GraphPrincipal {
  std::string arn;   // user ARN, role ARN (its sessions), service principal, provider ARN or host
  std::string kind;  // "user", "role", "service", "federated"
};

struct AssumeGraph {
  std::vector<GraphPrincipal> principals;
  std::vector<std::string> roles;  // role ARNs
  std::vector<AssumeEdge> edges;   // allowed or conditional edges only (denials are the default), by principal
  // For each user: the roles reachable directly or by chaining, with the path.
  struct Reach {
    std::size_t user;
    std::size_t role;
    std::vector<std::size_t> path;  // role indices, first hop first
  };
  std::vector<Reach> reachable;
};

AssumeGraph who_can_assume(const World& world);

}  // namespace rolelab

namespace rolelab {

std::string to_text(const AssumeGraph& g);
nlohmann::ordered_json to_json(const AssumeGraph& g);

}  // namespace rolelab
