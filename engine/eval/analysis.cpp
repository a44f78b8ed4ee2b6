#include "eval/analysis.h"

#include <algorithm>
#include <map>
#include <set>

#include "policy/request.h"

namespace rolelab {

namespace {

// The action a principal of this kind calls to put on the hat.
const char* assume_action(const GraphPrincipal& p) {
  if (p.kind != "federated") return "sts:AssumeRole";
  return p.arn.find(":saml-provider/") != std::string::npos ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
}

// Everything a principal brings to an evaluation, built once per principal.
struct Side {
  std::vector<Policy> identity;
  std::optional<Policy> boundary;
  std::vector<std::vector<Policy>> scps;
  bool service_linked = false;
};

}  // namespace

AssumeGraph who_can_assume(const World& world) {
  AssumeGraph g;
  std::vector<Side> sides;
  std::vector<const Role*> roles;
  std::set<std::string> named_services, named_federated;
  for (const auto& [id, a] : world.accounts) {
    for (const auto& [name, r] : a.roles) {
      roles.push_back(&r);
      g.roles.push_back(r.arn);
      for (const Statement& s : r.trust.policy.statements) {
        for (const PrincipalEntry& e : s.principal.entries) {
          for (const Located& v : e.values) {
            if (e.type == "Service" && v.value != "*") named_services.insert(v.value);
            if (e.type == "Federated" && v.value != "*") named_federated.insert(v.value);
          }
        }
      }
    }
  }
  auto scps_of = [&](const std::string& account) {
    auto it = world.scps.find(account);
    return it == world.scps.end() ? std::vector<std::vector<Policy>>{} : it->second;
  };
  auto add_identity = [&](Side& side, const Account& a, const std::vector<NamedPolicy>& inl,
                          const std::vector<std::string>& att) {
    for (const Policy* p : world.identity_policies(a, inl, att)) side.identity.push_back(*p);
  };
  for (const auto& [id, a] : world.accounts) {
    for (const auto& [name, u] : a.users) {
      g.principals.push_back({u.arn, "user"});
      Side side;
      for (const Policy* p : world.user_policies(a, u)) side.identity.push_back(*p);  // with its groups' policies
      if (u.boundary) side.boundary = u.boundary->policy;
      side.scps = scps_of(id);
      sides.push_back(std::move(side));
    }
  }
  for (const Role* r : roles) {
    g.principals.push_back({r->arn, "role"});
    Side side;
    add_identity(side, *world.account(r->account), r->policies, r->attached);
    if (r->boundary) side.boundary = r->boundary->policy;
    side.scps = scps_of(r->account);
    side.service_linked = !r->service_linked.empty();
    sides.push_back(std::move(side));
  }
  for (const std::string& s : named_services) {
    g.principals.push_back({s, "service"});
    sides.emplace_back();
  }
  for (const std::string& f : named_federated) {
    g.principals.push_back({f, "federated"});
    sides.emplace_back();
  }

  // One PolicySet per role holds its trust policy; each principal's side is
  // swapped in and out (no policy is copied per evaluation).
  // One prepared request per principal; only the role changes between evaluations.
  std::vector<Request> requests(g.principals.size());
  for (std::size_t pi = 0; pi < g.principals.size(); ++pi) {
    const GraphPrincipal& p = g.principals[pi];
    Request& r = requests[pi];
    // A role acts through a session of itself (role chaining).
    r.principal = p.kind == "role" ? "arn:aws:sts::" + parse_principal(p.arn).account + ":assumed-role/" +
                                         p.arn.substr(p.arn.rfind('/') + 1) + "/chain"
                                   : p.arn;
    r.action = assume_action(p);
    r.resource = "arn:aws:iam::000000000000:role/none";
    prepare(r);
  }
  // Per principal: the role it is (for role sessions), whether it has
  // identity-based policies, and the account last put in its request's context.
  std::vector<const Role*> principal_roles(g.principals.size(), nullptr);
  std::vector<std::size_t> role_principal(roles.size(), 0);  // and back: each role's principal index
  std::vector<bool> has_identity(g.principals.size(), false);
  std::vector<std::string> context_account(g.principals.size());
  // Per principal, its identity policies' Allow statements that match its
  // assume action (pointers into sides[pi].identity, whose elements stay put
  // when the vector is swapped into a PolicySet and back).
  std::vector<std::vector<AllowCandidate>> identity_allows(g.principals.size());
  std::vector<bool> identity_allows_found(g.principals.size(), false);
  for (std::size_t pi = 0, next_role = 0; pi < g.principals.size(); ++pi) {
    const std::string& kind = g.principals[pi].kind;
    has_identity[pi] = kind == "user" || kind == "role";
    if (kind == "role") role_principal[next_role] = pi, principal_roles[pi] = roles[next_role++];  // in the order of `roles`
  }
  for (std::size_t ri = 0; ri < roles.size(); ++ri) {
    const Role& role = *roles[ri];
    PolicySet ps;
    ps.resource = role.trust.policy;
    // The same trust policy without its conditions: would the principal get
    // in if the conditions held (the right external id, MFA, token claims)?
    Policy relaxed = role.trust.policy;
    for (Statement& st : relaxed.statements) {
      if (st.effect == Effect::Allow) st.conditions.clear();
    }
    // A trust policy whose AWS principals are all accounts (ACCOUNT or
    // arn:aws:iam::ACCOUNT:root) delegates to those accounts: their users and
    // role sessions get in only when their own identity-based policies allow
    // it too, in the role's own account as across accounts
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts).
    // Most pairs of a large imported account end at that check.
    bool accounts_only = true;
    for (const Statement& st : role.trust.policy.statements) {
      if (st.effect != Effect::Allow) continue;
      if (st.principal.negated) accounts_only = false;
      for (const PrincipalEntry& e : st.principal.entries) {
        if (e.type != "AWS") continue;
        for (const Principal& p : e.parsed) accounts_only = accounts_only && p.kind == PrincipalKind::Account;
      }
    }
    for (std::size_t pi = 0; pi < g.principals.size(); ++pi) {
      if (principal_roles[pi] == roles[ri]) continue;  // a role does not assume itself here
      Request& r = requests[pi];
      r.resource = role.arn;
      r.resource_account = role.account;
      // Most pairs end here: the trust policy never names this principal.
      if (!may_allow_ignoring_conditions(role.trust.policy, r)) continue;
      Side& side = sides[pi];
      // Users and role sessions calling across accounts need their own
      // policies to allow too (the trust policy alone is not enough), with or
      // without the trust policy's conditions: no allow at all ends it here.
      const bool own_side_decides = has_identity[pi] && (r.caller.account != role.account || accounts_only);
      if (own_side_decides) {
        // The principal's Allow statements for its assume action, found once:
        // per role only their resources are matched (a 5,000 x 5,000 account
        // scanned every identity policy's actions 25 million times).
        if (!identity_allows_found[pi]) {
          for (const Policy& id : side.identity) collect_allows_ignoring_resource(id, r, identity_allows[pi]);
          identity_allows_found[pi] = true;
        }
        if (!some_allow_matches_resource(identity_allows[pi], r)) continue;
      }
      std::swap(ps.identity, side.identity);
      std::swap(ps.boundary, side.boundary);
      std::swap(ps.scps, side.scps);
      ps.caller_is_service_linked_role = side.service_linked;
      if (context_account[pi] != role.account) {
        r.context.set("aws:ResourceAccount", role.account);
        context_account[pi] = role.account;
      }
      EvalResult res = evaluate(r, ps, nullptr, EvalOptions{false});
      bool conditional = false;
      // Would satisfied conditions change anything? Not when the caller's own side says no.
      if (res.decision == Decision::ImplicitlyDenied && res.cause == DenialCause::TrustRelationship &&
          (!own_side_decides || res.identity_allows)) {
        std::swap(*ps.resource, relaxed);
        conditional =
            evaluate(r, ps, nullptr, EvalOptions{false}).decision == Decision::Allowed;  // a prepared request is not changed
        std::swap(*ps.resource, relaxed);
      }
      if (res.decision == Decision::Allowed || conditional) res = evaluate(r, ps);  // now in words, for the edges kept
      std::swap(ps.identity, side.identity);
      std::swap(ps.boundary, side.boundary);
      std::swap(ps.scps, side.scps);
      if (res.decision == Decision::Allowed || conditional) {
        g.edges.push_back({pi, ri, res.decision, conditional, res.summary});
      }
    }
  }

  std::sort(g.edges.begin(), g.edges.end(),
            [](const AssumeEdge& a, const AssumeEdge& b) { return a.from != b.from ? a.from < b.from : a.role < b.role; });

  // Chains: from each user, breadth-first over edges between roles (allowed,
  // or allowed once their conditions hold), along per-principal lists of the
  // roles it can assume (in role order, as the edges are sorted).
  std::vector<std::vector<std::size_t>> next_roles(g.principals.size());
  for (const AssumeEdge& e : g.edges) next_roles[e.from].push_back(e.role);
  std::vector<int> prev(roles.size(), -2);  // -2 unseen, -1 reached directly
  std::vector<std::size_t> queue;
  for (std::size_t pi = 0; pi < g.principals.size(); ++pi) {
    if (g.principals[pi].kind != "user") continue;
    queue.clear();
    for (std::size_t ri : next_roles[pi]) prev[ri] = -1, queue.push_back(ri);
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const std::size_t from = queue[q];
      for (std::size_t ri : next_roles[role_principal[from]]) {
        if (prev[ri] == -2) prev[ri] = static_cast<int>(from), queue.push_back(ri);
      }
    }
    for (std::size_t ri : queue) {
      AssumeGraph::Reach reach{pi, ri, {}};
      for (int at = static_cast<int>(ri); at >= 0; at = prev[static_cast<std::size_t>(at)])
        reach.path.insert(reach.path.begin(), static_cast<std::size_t>(at));
      g.reachable.push_back(std::move(reach));
    }
    for (std::size_t ri : queue) prev[ri] = -2;  // ready for the next user
  }
  return g;
}

}  // namespace rolelab

namespace rolelab {

namespace {
std::string short_role(const std::string& arn) { return arn.substr(arn.rfind('/') + 1); }
}  // namespace

std::string to_text(const AssumeGraph& g) {
  std::string out = "Who can assume which role (" + std::to_string(g.principals.size()) + " principals, " +
                    std::to_string(g.roles.size()) + " roles):\n";
  std::size_t last = static_cast<std::size_t>(-1);
  for (const AssumeEdge& e : g.edges) {
    if (e.from != last) {
      const GraphPrincipal& p = g.principals[e.from];
      out += "  " + p.arn + " (" + (p.kind == "role" ? std::string("sessions of this role") : p.kind) + ")\n";
      last = e.from;
    }
    out += "    " + std::string(e.conditional ? "-> (if) " : "-> ") + short_role(g.roles[e.role]) + ": " + e.summary + "\n";
  }
  if (g.edges.empty()) out += "  nobody can assume any role.\n";
  out += "Roles each user can reach (directly or by role chaining):\n";
  std::size_t user = static_cast<std::size_t>(-1);
  for (const AssumeGraph::Reach& r : g.reachable) {
    if (r.user != user) {
      out += "  " + g.principals[r.user].arn + "\n";
      user = r.user;
    }
    std::string path;
    for (std::size_t k = 0; k < r.path.size(); ++k) path += (k ? " -> " : "") + short_role(g.roles[r.path[k]]);
    out += "    " + path + "\n";
  }
  return out;
}

nlohmann::ordered_json to_json(const AssumeGraph& g) {
  nlohmann::ordered_json j;
  j["principals"] = nlohmann::ordered_json::array();
  for (const GraphPrincipal& p : g.principals) j["principals"].push_back({{"arn", p.arn}, {"kind", p.kind}});
  j["roles"] = g.roles;
  j["edges"] = nlohmann::ordered_json::array();
  for (const AssumeEdge& e : g.edges) {
    j["edges"].push_back({{"from", g.principals[e.from].arn},
                          {"role", g.roles[e.role]},
                          {"decision", decision_name(e.decision)},
                          {"conditional", e.conditional},
                          {"why", e.summary}});
  }
  j["reachable"] = nlohmann::ordered_json::array();
  for (const AssumeGraph::Reach& r : g.reachable) {
    nlohmann::ordered_json path = nlohmann::ordered_json::array();
    for (std::size_t k : r.path) path.push_back(g.roles[k]);
    j["reachable"].push_back({{"user", g.principals[r.user].arn}, {"role", g.roles[r.role]}, {"path", path}});
  }
  return j;
}

}  // namespace rolelab
