#include "account_diagram.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

namespace rolelab::app {

namespace {

using diagram::AccountGroup;
using diagram::Edge;
using diagram::EdgeState;
using diagram::Model;
using diagram::Node;
using diagram::NodeKind;

std::string short_name(const std::string& arn) { return arn.substr(arn.rfind('/') + 1); }

std::string count_text(std::size_t n) {
  std::string s = std::to_string(n);
  for (int at = static_cast<int>(s.size()) - 3; at > 0; at -= 3) s.insert(static_cast<std::size_t>(at), ",");
  return s;
}

struct Builder {
  AccountView& v;
  const AssumeGraph& g;
  Model m;
  std::unordered_map<std::string, std::size_t> by_key;  // node key -> index
  std::map<std::string, std::size_t> group_of;          // account id -> m.accounts index

  AccountGroup& group(const std::string& account) {
    auto it = group_of.find(account);
    if (it != group_of.end()) return m.accounts[it->second];
    // Accounts in id order, as the lesson diagram draws them.
    auto at = std::lower_bound(m.accounts.begin(), m.accounts.end(), account,
                               [](const AccountGroup& a, const std::string& id) { return a.id < id; });
    const Account* acct = v.world.account(account);
    at = m.accounts.insert(at, AccountGroup{account, acct ? acct->alias : "", {}, {}});
    group_of.clear();
    for (std::size_t k = 0; k < m.accounts.size(); ++k) group_of[m.accounts[k].id] = k;
    return *at;
  }

  // The node of an analysis principal; services and outside providers are
  // drawn in the column of the role they reach (`for_account`).
  std::size_t principal(std::size_t pi, const std::string& for_account) {
    const GraphPrincipal& p = g.principals[pi];
    const bool outside = p.kind == "service" || p.kind == "federated";
    const std::string account = outside ? for_account : principal_account(p.arn);
    const std::string key = outside ? p.arn + "@" + account : p.arn;
    if (auto it = by_key.find(key); it != by_key.end()) return it->second;
    Node n;
    n.id = p.arn;
    n.key = key;
    n.account = account;
    n.label = outside && p.kind == "service" ? p.arn : short_name(p.arn);
    if (p.kind == "user") {
      n.kind = NodeKind::User;
      n.detail = "user";
      if (const User* u = v.world.find_user(p.arn)) {
        if (!u->groups.empty())
          n.detail += " \xC2\xB7 " + std::to_string(u->groups.size()) + (u->groups.size() == 1 ? " group" : " groups");
        if (u->boundary) n.detail += " \xC2\xB7 boundary";
      }
    } else if (p.kind == "role") {
      n.kind = NodeKind::Role;
      n.detail = "role";
      if (const Role* r = v.world.find_role(p.arn)) {
        n.service_linked = !r->service_linked.empty();
        if (n.service_linked) n.detail = "service-linked \xC2\xB7 " + r->service_linked;
        if (r->boundary) n.detail += " \xC2\xB7 boundary";
      }
    } else {
      n.kind = p.kind == "service" ? NodeKind::Service : NodeKind::Provider;
      n.detail = p.kind == "service" ? "AWS service" : "identity provider";
      n.external = true;
    }
    const std::string path = principal_path(p.arn);
    if (!outside && path.size() > 1) n.detail += " \xC2\xB7 " + path;
    for (const AdminPrincipal& a : v.report.admins)
      if (a.arn == p.arn) n.detail = "admin-equivalent \xC2\xB7 " + n.detail;
    m.nodes.push_back(std::move(n));
    const std::size_t idx = m.nodes.size() - 1;
    by_key[key] = idx;
    AccountGroup& grp = group(account);
    (p.kind == "role" ? grp.roles : grp.principals).push_back(idx);
    return idx;
  }

  // A role by its index in g.roles: its principal entry when the analysis has
  // one (roles chain), else a node of its own.
  std::size_t role(std::size_t ri, const std::vector<std::size_t>& role_principal) {
    if (role_principal[ri] != AccountView::kNone) return principal(role_principal[ri], "");
    const std::string& arn = g.roles[ri];
    if (auto it = by_key.find(arn); it != by_key.end()) return it->second;
    Node n;
    n.kind = NodeKind::Role;
    n.id = n.key = arn;
    n.account = principal_account(arn);
    n.label = short_name(arn);
    n.detail = "role";
    m.nodes.push_back(std::move(n));
    by_key[arn] = m.nodes.size() - 1;
    group(m.nodes.back().account).roles.push_back(m.nodes.size() - 1);
    return m.nodes.size() - 1;
  }

  // Are both ends of an analysis edge drawn already?
  bool has_ends(std::size_t ei) const {
    const AssumeEdge& e = g.edges[ei];
    const GraphPrincipal& from = g.principals[e.from];
    const bool outside = from.kind == "service" || from.kind == "federated";
    const std::string& role_arn = g.roles[e.role];
    return by_key.count(role_arn) && by_key.count(outside ? from.arn + "@" + principal_account(role_arn) : from.arn);
  }

  void edge(std::size_t ei, const std::vector<std::size_t>& role_principal) {
    const AssumeEdge& e = g.edges[ei];
    const std::size_t to = role(e.role, role_principal);
    const std::size_t from = principal(e.from, m.nodes[to].account);
    Edge out;
    out.from = from;
    out.to = to;
    out.state =
        e.conditional ? EdgeState::Conditional : (e.decision == Decision::Allowed ? EdgeState::Allowed : EdgeState::Denied);
    out.reason = e.summary;
    out.source = ei;
    m.edges.push_back(std::move(out));
  }
};

}  // namespace

bool account_focused(const AccountView& v) {
  return v.selected != AccountView::kNone && v.selected < v.report.graph.principals.size();
}

AccountDiagramLimits account_diagram_limits(const AccountView& v) {
  AccountDiagramLimits limits;
  if (!account_focused(v)) limits.max_nodes = std::min(limits.max_nodes, v.diagram_cap);
  return limits;
}

diagram::Model build_account_diagram(AccountView& v, const AccountDiagramLimits& limits) {
  apply_account_filters(v);
  const AssumeGraph& g = v.report.graph;
  Builder b{v, g, {}, {}, {}};
  // Which analysis principal is each role (its sessions chain into other roles)?
  std::vector<std::size_t> role_principal(g.roles.size(), AccountView::kNone);
  {
    std::unordered_map<std::string_view, std::size_t> role_at;
    for (std::size_t r = 0; r < g.roles.size(); ++r) role_at[g.roles[r]] = r;
    for (std::size_t p = 0; p < g.principals.size(); ++p) {
      if (g.principals[p].kind != "role") continue;
      auto it = role_at.find(g.principals[p].arn);
      if (it != role_at.end()) role_principal[it->second] = p;
    }
  }
  const std::size_t cap = std::max<std::size_t>(limits.max_nodes, 2);
  const bool focused = account_focused(v);
  std::size_t edges_of_selected = 0, edges_left_out = 0;
  if (focused) {
    // The selected principal, then the other ends of its edges, until the cap.
    b.principal(v.selected, "");
    for (const std::vector<std::size_t>* list : {&v.out_edges, &v.in_edges}) {
      for (std::size_t ei : *list) {
        ++edges_of_selected;
        if (b.m.nodes.size() >= cap && !b.has_ends(ei)) {
          ++edges_left_out;
          continue;
        }
        b.edge(ei, role_principal);
      }
    }
  }
  // The filtered principals, up to the cap (a selected one's neighbours first).
  std::size_t shown_from_filter = 0;
  if (!focused || !v.only_selected) {
    // Half the room for roles, half for the others (a list of users only would
    // draw no edge), then whatever is left in the list's order.
    std::vector<char> taken(v.visible.size(), 0);
    const std::size_t room = cap > b.m.nodes.size() ? cap - b.m.nodes.size() : 0;
    std::size_t roles = 0, others = 0;
    for (std::size_t k = 0; k < v.visible.size(); ++k) {
      const bool is_role = g.principals[v.visible[k]].kind == "role";
      std::size_t& n = is_role ? roles : others;
      if (n >= (is_role ? room / 2 : room - room / 2)) continue;
      ++n;
      taken[k] = 1;
    }
    for (std::size_t k = 0; k < v.visible.size() && roles + others < room; ++k) {
      if (taken[k]) continue;
      taken[k] = 1;
      ++(g.principals[v.visible[k]].kind == "role" ? roles : others);
    }
    for (std::size_t k = 0; k < v.visible.size(); ++k) {
      if (!taken[k]) continue;
      const std::size_t had = b.m.nodes.size();
      b.principal(v.visible[k], "");
      if (b.m.nodes.size() > had || !focused) ++shown_from_filter;
    }
    if (!focused) {
      // Edges among the shown nodes, when few enough to read.
      std::vector<std::size_t> among;
      for (std::size_t ei = 0; ei < g.edges.size(); ++ei) {
        const AssumeEdge& e = g.edges[ei];
        const GraphPrincipal& from = g.principals[e.from];
        const bool outside = from.kind == "service" || from.kind == "federated";
        if (!b.by_key.count(g.roles[e.role])) continue;
        if (!outside && !b.by_key.count(from.arn)) continue;
        among.push_back(ei);
      }
      if (among.size() <= limits.max_edges) {
        for (std::size_t ei : among) b.edge(ei, role_principal);
      } else {
        edges_left_out = among.size();
      }
    }
  }
  // Roles the shown users reach by chaining (highlighted with the user).
  b.m.reach.assign(b.m.nodes.size(), {});
  for (const AssumeGraph::Reach& r : g.reachable) {
    if (r.user >= g.principals.size() || r.role >= g.roles.size()) continue;
    auto u = b.by_key.find(g.principals[r.user].arn);
    auto to = b.by_key.find(g.roles[r.role]);
    if (u != b.by_key.end() && to != b.by_key.end()) b.m.reach[u->second].push_back(to->second);
  }

  // What the picture leaves out, in words, and how to see it.
  std::string& note = b.m.note;
  if (focused) {
    note = "Edges of " + short_name(g.principals[v.selected].arn) + ": " + count_text(edges_of_selected - edges_left_out) +
           " of " + count_text(edges_of_selected) + " drawn";
    if (edges_left_out) note += " (the list window has them all)";
    if (!v.only_selected)
      note += "; with " + count_text(shown_from_filter) + " of " + count_text(v.visible.size()) + " filtered principals";
    note += ".";
  } else {
    note = "Showing " + count_text(shown_from_filter) + " of " + count_text(v.visible.size()) + " principals";
    if (shown_from_filter < v.visible.size()) note += ": narrow the filter (account, path, name)";
    note += ". ";
    note += edges_left_out ? count_text(edges_left_out) + " edges among them: click a principal to draw its own."
                           : "Click a principal to see only its edges.";
  }
  return std::move(b.m);
}

}  // namespace rolelab::app
