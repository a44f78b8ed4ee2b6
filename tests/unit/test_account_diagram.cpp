// An opened account as the world diagram's model (web/account_diagram.h):
// the filtered principals capped for a readable picture, only the selected
// principal's edges, the analysis' edges reused (their index kept for
// "Try"), services drawn in the column of the role that trusts them, and the
// note saying what the picture leaves out.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "../../bench/generated_account.h"
#include "account_diagram.h"

using namespace rolelab;

namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(ROLELAB_SOURCE_DIR) + "/tests/data/import/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// What open_account_text builds, without the App (its console and window).
std::unique_ptr<app::AccountView> view_of(const std::vector<ImportFile>& files) {
  ImportResult r = import_account_details(files, {});
  REQUIRE_MESSAGE(r.ok, r.error.message);
  auto v = std::make_unique<app::AccountView>();
  v->report = account_report(r.world);
  for (const auto& [id, a] : r.world.accounts) v->accounts.push_back(id);
  v->world = std::move(r.world);
  app::apply_account_filters(*v);
  return v;
}

std::size_t principal_index(const app::AccountView& v, const std::string& arn) {
  const auto& ps = v.report.graph.principals;
  for (std::size_t k = 0; k < ps.size(); ++k)
    if (ps[k].arn == arn) return k;
  FAIL("no principal " << arn);
  return 0;
}

std::size_t node_index(const diagram::Model& m, const std::string& id) {
  for (std::size_t k = 0; k < m.nodes.size(); ++k)
    if (m.nodes[k].id == id) return k;
  return m.nodes.size();
}

}  // namespace

TEST_CASE("account diagram: a large account is capped, half users half roles, and says so") {
  // 200 users in 10 groups, 200 roles: each user reaches its team's 20 roles.
  auto v = view_of({{"generated.json", bench::generated_account(200, 10, 200)}});
  REQUIRE(v->visible.size() == 400);
  app::AccountDiagramLimits lim;
  lim.max_edges = 100000;  // every edge among the shown nodes, to check them
  diagram::Model m = app::build_account_diagram(*v, lim);
  CHECK(m.nodes.size() == lim.max_nodes);
  CHECK(!m.edges.empty());
  const auto users =
      std::count_if(m.nodes.begin(), m.nodes.end(), [](const diagram::Node& n) { return n.kind == diagram::NodeKind::User; });
  CHECK(users == static_cast<long>(lim.max_nodes / 2));
  REQUIRE(m.accounts.size() == 1);
  CHECK(m.accounts[0].id == bench::kGeneratedAccount);
  CHECK(m.accounts[0].roles.size() == lim.max_nodes / 2);
  CHECK(m.reach.size() == m.nodes.size());
  CHECK(m.note.find("Showing 60 of 400 principals: narrow the filter") == 0);
  // Edges only between drawn nodes, each the analysis' own (same ends, same sentence).
  for (const diagram::Edge& e : m.edges) {
    REQUIRE(e.source < v->report.graph.edges.size());
    const AssumeEdge& src = v->report.graph.edges[e.source];
    CHECK(m.nodes[e.from].id == v->report.graph.principals[src.from].arn);
    CHECK(m.nodes[e.to].id == v->report.graph.roles[src.role]);
    CHECK(e.reason == src.summary);
  }
  // Too many edges among them for a picture: none drawn, the note counts them.
  lim.max_edges = 0;
  m = app::build_account_diagram(*v, lim);
  CHECK(m.edges.empty());
  CHECK(m.note.find("edges among them: click a principal to draw its own") != std::string::npos);
  // The filters narrow the set: one team's users by name, roles by name.
  v->search = "team-3-";
  app::apply_account_filters(*v);
  m = app::build_account_diagram(*v);
  CHECK(m.nodes.size() == 20);  // team-3's roles only (no user ARN holds "team-3-")
  CHECK(m.note.find("Showing 20 of 20 principals.") == 0);
  v->search = "nobody-by-this-name";
  app::apply_account_filters(*v);
  CHECK(app::build_account_diagram(*v).nodes.empty());
}

TEST_CASE("account diagram: only the selected principal's edges, capped, each one tryable") {
  auto v = view_of({{"generated.json", bench::generated_account(200, 10, 200)}});
  const std::string user = std::string("arn:aws:iam::") + bench::kGeneratedAccount + ":user/user-3";
  app::select_account_principal(*v, principal_index(*v, user));
  REQUIRE(v->out_edges.size() == 20);
  diagram::Model m = app::build_account_diagram(*v);
  CHECK(m.nodes.size() == 21);  // user-3 and team-3's 20 roles
  REQUIRE(m.edges.size() == 20);
  const std::size_t me = node_index(m, user);
  REQUIRE(me < m.nodes.size());
  for (const diagram::Edge& e : m.edges) {
    CHECK(e.from == me);
    CHECK(e.state == diagram::EdgeState::Allowed);
    CHECK(m.nodes[e.to].label.rfind("team-3-role-", 0) == 0);
    CHECK(app::attempt_lines(*v, e.source).size() == 2);  // "as USER", then assume-role
  }
  CHECK(m.note == "Edges of user-3: 20 of 20 drawn.");
  // The filtered principals around it too, still only its edges.
  v->only_selected = false;
  m = app::build_account_diagram(*v);
  CHECK(m.nodes.size() == 60);
  CHECK(m.edges.size() == 20);
  v->only_selected = true;
  // A tight cap: the picture keeps what fits and says the list has the rest.
  app::AccountDiagramLimits lim;
  lim.max_nodes = 5;
  m = app::build_account_diagram(*v, lim);
  CHECK(m.nodes.size() == 5);
  CHECK(m.edges.size() == 4);
  CHECK(m.note == "Edges of user-3: 4 of 20 drawn (the list window has them all).");
  // A role: who can assume it (its team's users, and roles chaining in), all into it.
  const std::string role = std::string("arn:aws:iam::") + bench::kGeneratedAccount + ":role/team-3-role-3";
  app::select_account_principal(*v, principal_index(*v, role));
  m = app::build_account_diagram(*v);
  const std::size_t r = node_index(m, role);
  REQUIRE(r < m.nodes.size());
  CHECK(m.edges.size() >= 20);
  for (const diagram::Edge& e : m.edges) CHECK((e.to == r || e.from == r));
  // Clearing the selection goes back to the filtered picture.
  app::select_account_principal(*v, app::AccountView::kNone);
  CHECK(v->selected == app::AccountView::kNone);
  CHECK(app::build_account_diagram(*v).note.find("Showing") == 0);
}

TEST_CASE("account diagram: two imported accounts, services drawn in the trusting role's account") {
  auto v =
      view_of({{"account-a.json", read_fixture("account-a.json")}, {"account-b-api.json", read_fixture("account-b-api.json")}});
  REQUIRE(v->accounts.size() == 2);
  diagram::Model m = app::build_account_diagram(*v);
  CHECK(m.accounts.size() == 2);
  CHECK(std::is_sorted(m.accounts.begin(), m.accounts.end(),
                       [](const diagram::AccountGroup& a, const diagram::AccountGroup& b) { return a.id < b.id; }));
  // The filter by account keeps one column.
  v->account = v->accounts[1];
  app::apply_account_filters(*v);
  m = app::build_account_diagram(*v);
  REQUIRE(m.accounts.size() == 1);
  CHECK(m.accounts[0].id == v->accounts[1]);
  v->account.clear();
  app::apply_account_filters(*v);
  // A role a service may assume: selected, its service principal sits in its own column.
  const AssumeGraph& g = v->report.graph;
  auto svc =
      std::find_if(g.edges.begin(), g.edges.end(), [&](const AssumeEdge& e) { return g.principals[e.from].kind == "service"; });
  REQUIRE(svc != g.edges.end());
  const std::string role = g.roles[svc->role];
  app::select_account_principal(*v, principal_index(*v, role));
  m = app::build_account_diagram(*v);
  const std::size_t host = node_index(m, g.principals[svc->from].arn);
  REQUIRE(host < m.nodes.size());
  CHECK(m.nodes[host].kind == diagram::NodeKind::Service);
  CHECK(m.nodes[host].external);
  CHECK(m.nodes[host].account == app::principal_account(role));
  CHECK(m.nodes[host].key == m.nodes[host].id + "@" + m.nodes[host].account);
  // A service's edge is not tried as a user (the console has no "as ec2").
  for (const diagram::Edge& e : m.edges)
    if (e.from == host) CHECK(app::attempt_lines(*v, e.source).empty());
}
