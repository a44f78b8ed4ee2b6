// An opened account (account_view.h) as the world diagram's model: the
// principals that pass the view's filters, capped so the picture stays
// readable and cheap with 5,000 users x 5,000 roles, and the trust edges the
// who-can-assume analysis already computed (nothing is evaluated again here).
// With a principal selected, only its edges are drawn (and the principals at
// their other ends); without one, the edges among the shown principals when
// there are few enough to read, none otherwise (the model's note says how to
// see them). No ImGui: ui_account_diagram.cpp draws it, tests check it.
#pragma once

#include <cstddef>

#include "account_view.h"
#include "diagram_model.h"

namespace rolelab::app {

struct AccountDiagramLimits {
  std::size_t max_nodes = 60;   // principals and roles drawn at most
  std::size_t max_edges = 150;  // edges drawn without a selected principal
};

// The limits the world diagram panel draws an account with: the overview
// (no principal selected) at most v.diagram_cap nodes, what the panel shows
// at a readable size; a selected principal with the ends of its edges, up
// to 60 (the card and the list window list them all).
AccountDiagramLimits account_diagram_limits(const AccountView& v);
// A principal of the account is selected: its edges are drawn, not the overview.
bool account_focused(const AccountView& v);

// Built only when the view's version() changes (filters, selection); the
// model's edges carry their index into report.graph.edges (for "Try").
diagram::Model build_account_diagram(AccountView& v, const AccountDiagramLimits& limits = {});

}  // namespace rolelab::app
