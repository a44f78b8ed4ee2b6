#include "account_view.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "app.h"

namespace rolelab::app {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_admin(const AccountView& v, const std::string& arn) {
  return std::any_of(v.report.admins.begin(), v.report.admins.end(), [&](const AdminPrincipal& a) { return a.arn == arn; });
}

}  // namespace

bool is_account_details(std::string_view text) {
  // A lesson has "format" and "steps"; the command's output has these lists at the top.
  // Only the start of a large file is looked at: the AWS CLI prints the lists first.
  std::string_view head = text.substr(0, std::min<std::size_t>(text.size(), 1u << 16));
  for (const char* key : {"\"UserDetailList\"", "\"GroupDetailList\"", "\"RoleDetailList\"", "\"Policies\""}) {
    if (head.find(key) != std::string_view::npos && head.find("\"steps\"") == std::string_view::npos) return true;
  }
  return false;
}

std::string principal_account(const std::string& arn) {
  // arn:aws:iam::ACCOUNT:...
  if (arn.rfind("arn:", 0) != 0) return "";
  std::size_t pos = 0;
  for (int k = 0; k < 4; ++k) {
    pos = arn.find(':', pos);
    if (pos == std::string::npos) return "";
    ++pos;
  }
  std::size_t end = arn.find(':', pos);
  return end == std::string::npos ? "" : arn.substr(pos, end - pos);
}

std::string principal_path(const std::string& arn) {
  // arn:aws:iam::ACCT:user/ops/olga -> /ops/
  std::size_t colon = arn.rfind(':');
  if (colon == std::string::npos) return "";
  std::string res = arn.substr(colon + 1);
  std::size_t first = res.find('/'), last = res.rfind('/');
  if (first == std::string::npos) return "";
  return res.substr(first, last - first + 1);
}

void apply_account_filters(AccountView& v) {
  const std::string key = v.search + "\x1f" + v.account + "\x1f" + v.path + "\x1f" + (v.users ? "u" : "") + (v.roles ? "r" : "") +
                          (v.admins_only ? "a" : "");
  if (v.computed && key == v.applied) return;
  v.computed = true;
  v.applied = key;
  ++v.version;
  v.visible.clear();
  const std::string needle = lower(v.search);
  const auto& ps = v.report.graph.principals;
  for (std::size_t k = 0; k < ps.size(); ++k) {
    const GraphPrincipal& p = ps[k];
    if (p.kind == "user" ? !v.users : p.kind == "role" ? !v.roles : true) continue;  // services and providers: via edges
    if (!v.account.empty() && principal_account(p.arn) != v.account) continue;
    if (!v.path.empty() && principal_path(p.arn).rfind(v.path, 0) != 0) continue;
    if (!needle.empty() && lower(p.arn).find(needle) == std::string::npos) continue;
    if (v.admins_only && !is_admin(v, p.arn)) continue;
    v.visible.push_back(k);
  }
}

void select_account_principal(AccountView& v, std::size_t principal) {
  v.selected = principal;
  ++v.version;
  v.out_edges.clear();
  v.in_edges.clear();
  const AssumeGraph& g = v.report.graph;
  if (principal >= g.principals.size()) {
    v.selected = AccountView::kNone;
    return;
  }
  const std::string& arn = g.principals[principal].arn;
  std::size_t as_role = g.roles.size();
  for (std::size_t r = 0; r < g.roles.size(); ++r) {
    if (g.roles[r] == arn) as_role = r;
  }
  for (std::size_t e = 0; e < g.edges.size(); ++e) {
    if (g.edges[e].from == principal) v.out_edges.push_back(e);
    if (g.edges[e].role == as_role) v.in_edges.push_back(e);
  }
}

std::vector<std::string> attempt_lines(const AccountView& v, std::size_t edge) {
  const AssumeGraph& g = v.report.graph;
  if (edge >= g.edges.size()) return {};
  const GraphPrincipal& p = g.principals[g.edges[edge].from];
  if (p.kind != "user") return {};  // role sessions and services: chain by hand in the console
  return {"as " + p.arn, "aws sts assume-role --role-arn " + g.roles[g.edges[edge].role] + " --role-session-name rolelab"};
}

bool open_account_text(App& app, const std::string& name, const std::string& text, std::string& error) {
  ImportResult r = import_account_details({{name, text}}, {});
  if (!r.ok) {
    error = name + ": " + to_string(r.error);
    app.status = "Could not open your account: " + error;
    report_error(app, "Could not open your account: " + error);
    return false;
  }
  auto v = std::make_shared<AccountView>();
  v->file = name;
  v->notes = r.notes;
  std::string notes = import_notes_text(r);
  std::size_t last = notes.rfind('\n', notes.size() - 2);
  v->summary = notes.substr(last == std::string::npos ? 0 : last + 1);
  while (!v->summary.empty() && v->summary.back() == '\n') v->summary.pop_back();
  v->report = account_report(r.world);
  for (const auto& [id, a] : r.world.accounts) v->accounts.push_back(id);
  // The console tab's sandbox runs on the same world: assume attempts, the clock, explain.
  app.console.worlds.emplace_back(name + " (your account)", r.world_text);
  if (!select_world(app, app.console.worlds.size() - 1, error)) return false;
  app.console.sandbox = true;
  app.tab_request = kTabConsole;
  v->world = std::move(r.world);
  apply_account_filters(*v);
  app.account = std::move(v);
  app.status = "Opened your account from " + name + ": read inside this page, nothing was sent anywhere.";
  return true;
}

}  // namespace rolelab::app
