// "Open your account": the output of `aws iam get-account-authorization-details`
// opened in the runner (a file on the desktop, a dropped file in the
// browser, read only inside the page). The import becomes the console tab's
// sandbox world (console, clock, assume attempts) and this view: the
// account's principals with search and filters (account, path, name), the
// edges of the selected principal only (large accounts have thousands), its
// policies, and the report (wide trust, admin-equivalent principals, policy
// findings). No ImGui here: ui_account.cpp draws it, tests drive it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/account_report.h"
#include "world/import_details.h"

namespace rolelab::app {

struct App;

struct AccountView {
  std::string file;
  std::vector<ImportNote> notes;
  std::string summary;  // "Imported 1 account(s): ..."
  World world;          // as imported (the sandbox console runs on its own copy)
  AccountReport report;

  // Filters: all match (empty = any). The list holds users and roles (indices
  // into report.graph.principals), recomputed only when a filter changes.
  std::string search;   // part of the name or ARN, any case
  std::string account;  // exact account id
  std::string path;     // IAM path prefix ("/ops/")
  bool users = true, roles = true, admins_only = false;
  std::vector<std::size_t> visible;
  std::string applied;  // the filters `visible` was computed for
  bool computed = false;

  static constexpr std::size_t kNone = ~std::size_t(0);
  std::size_t selected = kNone;         // index into report.graph.principals
  std::vector<std::size_t> out_edges;   // graph.edges from the selected principal
  std::vector<std::size_t> in_edges;    // graph.edges into the selected principal (a role)
  std::vector<std::string> accounts;    // account ids, for the filter
  bool open = false;                    // the list and report window is shown (File menu, the diagram's button)
  // The world diagram (account_diagram.h) shows this account instead of the
  // lesson's world; it redraws when `version` changes (filters, selection).
  bool in_diagram = true;
  std::vector<std::string> edge_lines;  // what the diagram draws, as text (aria_text), set when it is rebuilt
  bool only_selected = true;   // with a selected principal: it and the ends of its edges only
  // Principals and roles the diagram panel has room for at a readable size
  // (set by the panel from its height, ui_account_diagram.cpp): the overview
  // draws at most this many, and says how many it leaves out.
  std::size_t diagram_cap = 60;
  std::uint64_t version = 0;
  std::size_t diagram_synced = kNone;  // the selection the diagram was last told about
};

// Is this text the output of get-account-authorization-details (not a lesson)?
// Looks only at the top-level keys, cheaply.
bool is_account_details(std::string_view text);

// Imports the file, builds the report and the view, and loads the world as
// the console's sandbox. False with `error` (also in app.status) when the file
// is refused; the previous view stays.
bool open_account_text(App& app, const std::string& name, const std::string& text, std::string& error);

// Recomputes `visible` when a filter changed (cheap otherwise: call every frame).
void apply_account_filters(AccountView& v);
// Selects a principal (index into report.graph.principals) and collects its edges.
void select_account_principal(AccountView& v, std::size_t principal);
// The account id and path of a principal ARN (arn:aws:iam::ACCT:user/PATH/NAME).
std::string principal_account(const std::string& arn);
std::string principal_path(const std::string& arn);
// The console line that tries the selected edge: switch to the principal, assume the role.
std::vector<std::string> attempt_lines(const AccountView& v, std::size_t edge);

}  // namespace rolelab::app
