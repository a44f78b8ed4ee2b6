#include "diagram_model.h"

#include <algorithm>
#include <map>

#include "course/lesson_run.h"
#include "policy/request.h"

namespace rolelab::diagram {

namespace {

// Users named in a trust policy through their account (root or a bare id)
// get a red edge when denied, but only in small accounts: beyond that the
// picture would be all red lines and teach nothing.
constexpr std::size_t kMaxAccountFanOut = 6;

std::string provider_arn(const std::string& account, const char* kind, const std::string& name) {
  return "arn:aws:iam::" + account + ":" + kind + "/" + name;
}

struct Builder {
  const World& world;
  Model m;
  std::map<std::string, std::size_t> by_id;

  std::size_t add(Node n) {
    auto it = by_id.find(n.id);
    if (it != by_id.end()) return it->second;
    n.key = n.id;
    m.nodes.push_back(std::move(n));
    by_id[m.nodes.back().id] = m.nodes.size() - 1;
    return m.nodes.size() - 1;
  }

  AccountGroup* group(const std::string& account) {
    for (AccountGroup& g : m.accounts)
      if (g.id == account) return &g;
    return nullptr;
  }

  // A user, role or provider by ARN, tolerating paths (session ARNs and
  // goal edges name roles without their path).
  std::optional<std::size_t> find(const std::string& text) {
    auto it = by_id.find(text);
    if (it != by_id.end()) return it->second;
    Principal p = parse_principal(text);
    NodeKind kind;
    switch (p.kind) {
      case PrincipalKind::User: kind = NodeKind::User; break;
      case PrincipalKind::Role:
      case PrincipalKind::AssumedRole: kind = NodeKind::Role; break;
      case PrincipalKind::OidcProvider:
      case PrincipalKind::SamlProvider: kind = NodeKind::Provider; break;
      default: return std::nullopt;
    }
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
      const Node& n = m.nodes[i];
      if (n.kind == kind && n.account == p.account && n.label == p.name) return i;
    }
    return std::nullopt;
  }

  // A principal the analysis names, for a role in `account`. Services and
  // providers outside the world's accounts are drawn in the column of each
  // account whose roles trust them, so no edge has to cross another account.
  std::optional<std::size_t> principal(const GraphPrincipal& gp, const std::string& account) {
    if (gp.kind != "service" && gp.kind != "federated") return find(gp.arn);
    if (gp.kind == "federated") {
      if (auto f = find(gp.arn)) return f;
    }
    const std::string key = gp.arn + "@" + account;
    if (auto it = by_id.find(key); it != by_id.end()) return it->second;
    AccountGroup* g = group(account);
    if (!g) return std::nullopt;
    Node n;
    n.id = gp.arn;
    n.account = account;
    n.external = true;
    if (gp.kind == "service") {
      n.kind = NodeKind::Service;
      n.label = gp.arn;
      n.detail = "AWS service";
    } else {
      Principal p = parse_principal(gp.arn);
      n.kind = NodeKind::Provider;
      const bool iam_provider = p.kind == PrincipalKind::OidcProvider || p.kind == PrincipalKind::SamlProvider;
      n.label = iam_provider ? p.name : gp.arn;
      n.detail = iam_provider ? (p.kind == PrincipalKind::OidcProvider ? "OIDC provider (not created)" : "SAML provider (not created)")
                              : "identity provider";
      n.external = !iam_provider || p.account != account;
    }
    n.key = key;
    m.nodes.push_back(std::move(n));
    by_id[key] = m.nodes.size() - 1;
    g->principals.push_back(m.nodes.size() - 1);
    return m.nodes.size() - 1;
  }

  // Why this principal cannot assume the role: the engine's sentence.
  std::string denial(const Node& from, const Role& role) {
    Request r;
    PolicySet ps;
    ps.resource = role.trust.policy;
    r.action = "sts:AssumeRole";
    r.principal = from.id;
    auto own_side = [&](const Account& a, const std::vector<NamedPolicy>& inl, const std::vector<std::string>& att,
                        const std::optional<NamedPolicy>& boundary) {
      for (const Policy* p : world.identity_policies(a, inl, att)) ps.identity.push_back(*p);
      if (boundary) ps.boundary = boundary->policy;
      auto s = world.scps.find(a.id);
      if (s != world.scps.end()) ps.scps = s->second;
    };
    const Account* acct = from.account.empty() ? nullptr : world.account(from.account);
    if (from.kind == NodeKind::User && acct) {
      for (const auto& [name, u] : acct->users)
        if (u.arn == from.id) {
          own_side(*acct, u.policies, u.attached, u.boundary);
          for (const std::string& g : u.groups) {  // a user's groups' policies apply to it too
            auto it = acct->groups.find(g);
            if (it != acct->groups.end()) own_side(*acct, it->second.policies, it->second.attached, std::nullopt);
          }
        }
    } else if (from.kind == NodeKind::Role && acct) {
      r.principal = "arn:aws:sts::" + from.account + ":assumed-role/" + from.label + "/chain";
      for (const auto& [name, rr] : acct->roles) {
        if (rr.arn != from.id) continue;
        own_side(*acct, rr.policies, rr.attached, rr.boundary);
        ps.caller_is_service_linked_role = !rr.service_linked.empty();
      }
    } else if (from.kind == NodeKind::Provider) {
      r.action = from.id.find(":saml-provider/") != std::string::npos ? "sts:AssumeRoleWithSAML"
                                                                      : "sts:AssumeRoleWithWebIdentity";
    }
    r.resource = role.arn;
    r.resource_account = role.account;
    r.context.set("aws:ResourceAccount", role.account);
    // The structural reason first: would it be denied even if the trust
    // policy's conditions held (no permission on the caller's side, a Deny)?
    Policy relaxed = role.trust.policy;
    for (Statement& st : relaxed.statements)
      if (st.effect == Effect::Allow) st.conditions.clear();
    std::swap(*ps.resource, relaxed);
    EvalResult res = evaluate(r, ps);
    std::swap(*ps.resource, relaxed);
    if (res.decision != Decision::Allowed) return res.summary;
    return evaluate(r, ps).summary;
  }
};

}  // namespace

Model build(const World& world, const AssumeGraph& graph, const GoalEdges& goals, const Simulator* sim) {
  Builder b{world, {}, {}};
  Model& m = b.m;
  // Accounts in id order; in each, users then identity providers on the left, roles on the right.
  for (const auto& [id, a] : world.accounts) {
    m.accounts.push_back({id, a.alias, {}, {}});
    for (const auto& [name, u] : a.users) {
      Node n;
      n.kind = NodeKind::User;
      n.id = u.arn;
      n.account = id;
      n.label = name;
      n.detail = "user";
      if (u.mfa) n.detail += " \xC2\xB7 MFA";
      if (u.boundary) n.detail += " \xC2\xB7 boundary";
      std::size_t i = b.add(std::move(n));
      m.accounts.back().principals.push_back(i);
    }
    for (const auto& [host, clients] : a.oidc_providers) {
      Node n;
      n.kind = NodeKind::Provider;
      n.id = provider_arn(id, "oidc-provider", host);
      n.account = id;
      n.label = host;
      n.detail = "OIDC provider";
      std::size_t i = b.add(std::move(n));
      m.accounts.back().principals.push_back(i);
    }
    for (const auto& [name, on] : a.saml_providers) {
      Node n;
      n.kind = NodeKind::Provider;
      n.id = provider_arn(id, "saml-provider", name);
      n.account = id;
      n.label = name;
      n.detail = "SAML provider";
      std::size_t i = b.add(std::move(n));
      m.accounts.back().principals.push_back(i);
    }
    for (const auto& [name, r] : a.roles) {
      Node n;
      n.kind = NodeKind::Role;
      n.id = r.arn;
      n.account = id;
      n.label = name;
      n.service_linked = !r.service_linked.empty();
      n.detail = n.service_linked ? "service-linked \xC2\xB7 " + r.service_linked : "role";
      // A trust that names whole accounts (root or a bare id) delegates to their
      // own policies: say which, since no single edge shows it.
      std::vector<std::string> trusted;
      for (const Statement& st : r.trust.policy.statements) {
        if (st.effect != Effect::Allow || !st.principal.present || st.principal.negated) continue;
        for (const PrincipalEntry& e : st.principal.entries) {
          if (e.type != "AWS") continue;
          for (const Principal& p : e.parsed)
            if (p.kind == PrincipalKind::Account && std::find(trusted.begin(), trusted.end(), p.account) == trusted.end())
              trusted.push_back(p.account);
        }
      }
      if (!n.service_linked && trusted.size() == 1) n.detail = "trusts account " + trusted[0];
      if (!n.service_linked && trusted.size() > 1) n.detail = "trusts " + std::to_string(trusted.size()) + " accounts";
      if (r.boundary) n.detail += " \xC2\xB7 boundary";
      std::size_t i = b.add(std::move(n));
      m.accounts.back().roles.push_back(i);
    }
    for (const auto& [iid, inst] : a.instances) {
      if (inst.role.empty()) continue;
      auto r = a.roles.find(inst.role);
      if (r != a.roles.end()) m.nodes[b.by_id[r->second.arn]].uses.push_back("EC2 " + iid);
    }
    for (const auto& [fname, fn] : a.functions) {
      auto r = a.roles.find(fn.role);
      if (r != a.roles.end()) m.nodes[b.by_id[r->second.arn]].uses.push_back("Lambda " + fname);
    }
  }

  // The analysis' principals, in its order, mapped onto nodes.
  std::vector<std::optional<std::size_t>> pnode(graph.principals.size());
  for (std::size_t i = 0; i < graph.principals.size(); ++i) {
    if (graph.principals[i].kind != "service" && graph.principals[i].kind != "federated") pnode[i] = b.find(graph.principals[i].arn);
  }
  std::vector<std::optional<std::size_t>> rnode(graph.roles.size());
  for (std::size_t i = 0; i < graph.roles.size(); ++i) rnode[i] = b.find(graph.roles[i]);
  auto edge_from = [&](std::size_t pi, std::size_t to) -> std::optional<std::size_t> {
    if (pnode[pi]) return pnode[pi];
    return b.principal(graph.principals[pi], m.nodes[to].account);
  };

  std::map<std::pair<std::size_t, std::size_t>, std::size_t> edge_at;
  auto add_edge = [&](std::size_t from, std::size_t to, EdgeState st, std::string why) -> Edge& {
    auto it = edge_at.find({from, to});
    if (it != edge_at.end()) return m.edges[it->second];
    m.edges.push_back({from, to, st, false, std::move(why)});
    edge_at[{from, to}] = m.edges.size() - 1;
    return m.edges.back();
  };
  for (const AssumeEdge& e : graph.edges) {
    if (e.from >= pnode.size() || e.role >= rnode.size() || !rnode[e.role]) continue;
    auto from = edge_from(e.from, *rnode[e.role]);
    if (!from) continue;
    EdgeState st = e.conditional ? EdgeState::Conditional
                                 : (e.decision == Decision::Allowed ? EdgeState::Allowed : EdgeState::Denied);
    add_edge(*from, *rnode[e.role], st, e.summary);
  }

  // Red edges: principals a trust policy names (Allow or Deny) that cannot get in.
  for (const auto& [id, a] : world.accounts) {
    for (const auto& [rname, role] : a.roles) {
      auto to = b.find(role.arn);
      if (!to) continue;
      std::vector<std::size_t> named;
      for (const Statement& s : role.trust.policy.statements) {
        if (!s.principal.present || s.principal.negated) continue;
        for (const PrincipalEntry& e : s.principal.entries) {
          for (std::size_t k = 0; k < e.values.size(); ++k) {
            const std::string& v = e.values[k].value;
            if (v == "*") continue;
            if (e.type == "Service" || e.type == "Federated") {
              if (auto f = b.principal({v, e.type == "Service" ? "service" : "federated"}, id)) named.push_back(*f);
              continue;
            }
            if (e.type != "AWS") continue;
            const Principal& p = k < e.parsed.size() ? e.parsed[k] : parse_principal(v);
            if (p.kind == PrincipalKind::Account) {
              const Account* other = world.account(p.account);
              if (!other || other->users.size() > kMaxAccountFanOut) continue;
              for (const auto& [un, u] : other->users)
                if (auto f = b.find(u.arn)) named.push_back(*f);
            } else if (auto f = b.find(v)) {
              named.push_back(*f);
            }
          }
        }
      }
      for (std::size_t from : named) {
        if (from == *to || edge_at.count({from, *to})) continue;
        add_edge(from, *to, EdgeState::Denied, b.denial(m.nodes[from], role));
      }
    }
  }

  // The step's goal edges: the target picture.
  for (const auto& [p, r] : goals) {
    auto to = b.find(r);
    if (!to) continue;
    auto from = b.find(p);
    for (const GraphPrincipal& gp : graph.principals) {
      if (!from && gp.arn == p) from = b.principal(gp, m.nodes[*to].account);
    }
    if (!from) continue;
    add_edge(*from, *to, EdgeState::None, "").goal = true;
  }

  if (sim) {
    for (const Session& s : sim->sessions) {
      if (s.user_session || s.role_arn.empty()) continue;
      auto n = b.find(s.role_arn);
      if (!n) continue;
      (sim->expired(s) ? m.nodes[*n].expired_sessions : m.nodes[*n].active_sessions)++;
    }
  }

  m.reach.assign(m.nodes.size(), {});
  for (const AssumeGraph::Reach& r : graph.reachable) {
    if (r.user < pnode.size() && r.role < rnode.size() && pnode[r.user] && rnode[r.role])
      m.reach[*pnode[r.user]].push_back(*rnode[r.role]);
  }
  return m;
}

Model build(course::LessonRun& run) {
  return build(run.sim().world, run.graph(), run.goal_edges(), &run.sim());
}

std::string node_name(const Model& m, std::size_t i) {
  const Node& n = m.nodes[i];
  if (n.account.empty() || n.external) return n.label;
  for (std::size_t k = 0; k < m.nodes.size(); ++k) {
    if (k != i && m.nodes[k].kind == n.kind && m.nodes[k].label == n.label) return n.label + " (" + n.account + ")";
  }
  return n.label;
}

const char* state_words(EdgeState s) {
  switch (s) {
    case EdgeState::Allowed: return "can assume it now";
    case EdgeState::Conditional: return "can assume it only if a condition holds";
    case EdgeState::Denied: return "is named in the trust policy but denied";
    case EdgeState::None: return "cannot assume it yet";
  }
  return "";
}

std::vector<std::string> edge_lines(const Model& m) {
  std::vector<std::string> out;
  for (const Edge& e : m.edges) {
    std::string line = e.goal ? "Goal: " : "";
    line += node_name(m, e.from) + " \xE2\x86\x92 role " + node_name(m, e.to) + ": " + state_words(e.state);
    if (!e.reason.empty()) line += ". " + e.reason;
    out.push_back(std::move(line));
  }
  if (out.empty()) out.push_back("No trust edges: nobody can assume any role.");
  return out;
}

std::vector<std::string> edge_lines(course::LessonRun& run) { return edge_lines(build(run)); }

}  // namespace rolelab::diagram
