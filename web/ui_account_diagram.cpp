// The world diagram panel showing an opened account (account_diagram.h):
// its filters above the picture (shared with the "Your account" list window,
// so both show the same principals and the same selection), the note that the
// file never leaves the page, and the diagram itself with the analysis'
// colours, node cards (policies) and "Try it in the console" on each edge.
// The model is rebuilt only when the filters or the selection change.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "account_diagram.h"
#include "ui.h"
#include "ui_account.h"
#include "ui_diagram.h"

namespace rolelab::ui {

namespace {

// Row 1: search, account, path (sharing the width). Row 2: what to draw, and
// the buttons on the right (on their own line when the panel is narrow).
void filter_row(app::AccountView& v) {
  const float F = ImGui::GetFontSize();
  const float sp = ImGui::GetStyle().ItemSpacing.x;
  const float avail = ImGui::GetContentRegionAvail().x - 2 * sp;
  ImGui::SetNextItemWidth(std::max(F * 6, avail * 0.45f));
  ImGui::InputTextWithHint("##dsearch", "search name or ARN", &v.search);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(F * 6, avail * 0.3f));
  if (ImGui::BeginCombo("##daccount", v.account.empty() ? "all accounts" : v.account.c_str())) {
    if (ImGui::Selectable("all accounts", v.account.empty())) v.account.clear();
    for (const std::string& a : v.accounts)
      if (ImGui::Selectable(a.c_str(), v.account == a)) v.account = a;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(F * 5, avail * 0.25f));
  ImGui::InputTextWithHint("##dpath", "path /ops/", &v.path);

  ImGui::Checkbox("users##d", &v.users);
  ImGui::SameLine();
  ImGui::Checkbox("roles##d", &v.roles);
  ImGui::SameLine();
  ImGui::Checkbox("admins only##d", &v.admins_only);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Admin-equivalent principals (the report's first tab)");
  ImGui::SameLine();
  if (ImGui::Checkbox("only its edges##d", &v.only_selected)) ++v.version;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("With a principal selected, draw only it and the principals at the other end of its edges");
  const ImGuiStyle& st = ImGui::GetStyle();
  const char* list = v.open ? "Hide list" : "List and report";
  const float buttons = ImGui::CalcTextSize(list).x + ImGui::CalcTextSize("Lesson world").x + st.FramePadding.x * 4 + sp;
  const float right = ImGui::GetWindowContentRegionMax().x - buttons;
  if (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + sp < right) ImGui::SameLine(right);
  if (ImGui::SmallButton(list)) v.open = !v.open;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Every principal, its edges and policies; wide trust, admin-equivalent principals, findings");
  ImGui::SameLine();
  if (ImGui::SmallButton("Lesson world")) v.in_diagram = false;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the lesson's world here again (your account stays open)");
}

// The file never leaves the page: said where the account is shown.
void privacy_row(app::App& app, app::AccountView& v) {
  const std::string where = app.platform == "browser" ? "browser" : "computer";
  const std::string text = v.file + ": read inside this page; the file never leaves your " + where + ".";
  text_colored_wrapped(palette().muted, text.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", v.summary.c_str());
}

}  // namespace

void account_diagram_panel(app::App& app) {
  app::AccountView& v = *app.account;
  if (!app.account_diagram) app.account_diagram = make_diagram_state();
  DiagramState& st = *app.account_diagram;
  const std::string filters_before = v.applied;
  filter_row(v);
  app::apply_account_filters(v);
  if (v.applied != filters_before) diagram_refit(st);  // a new set: fit it in the panel
  privacy_row(app, v);
  // A selection made in the list window shows here too.
  if (v.selected != v.diagram_synced) {
    const auto& ps = v.report.graph.principals;
    diagram_select(st, v.selected < ps.size() ? ps[v.selected].arn : std::string());
    v.diagram_synced = v.selected;
  }
  // The overview draws as many nodes as two columns (principals, roles) show
  // at a readable size in this panel: 60 at once, even maximised in a
  // 1280 x 800 window, were text too small to read with the bottom rows cut
  // off. The note says how many are left out and how to narrow the set.
  const std::size_t cap = std::clamp<std::size_t>(2 * diagram_rows_that_fit(ImGui::GetContentRegionAvail().y), 2, 60);
  if (cap != v.diagram_cap) {
    v.diagram_cap = cap;
    if (!app::account_focused(v)) {  // the overview: a new picture, fitted again
      ++v.version;
      diagram_refit(st);
    }
  }
  DiagramSource src;
  src.key = &v;
  src.version = v.version;
  src.build = [&v] {
    diagram::Model m = app::build_account_diagram(v, app::account_diagram_limits(v));
    // The page's aria-live mirror reads the drawn edges (and what was left out) as text.
    v.edge_lines = diagram::edge_lines(m);
    if (!m.note.empty()) v.edge_lines.insert(v.edge_lines.begin(), m.note);
    return m;
  };
  src.world = &v.world;
  src.title = "Your account";
  src.maximised = &app.diagram_maximised;
  src.empty_text = "No principal matches the filters.";
  src.presenter = app.presenter;
  src.high_contrast = app.high_contrast;
  src.mono = app.fonts.mono;
  src.title_font = app.fonts.bold;
  src.on_select = [&v](const std::string& id) {
    std::size_t found = app::AccountView::kNone;
    const auto& ps = v.report.graph.principals;
    for (std::size_t k = 0; k < ps.size() && !id.empty(); ++k)
      if (ps[k].arn == id) found = k;
    app::select_account_principal(v, found);
    v.diagram_synced = v.selected;
  };
  src.try_edge = [&app, &v](const diagram::Edge& e, bool run) {
    std::vector<std::string> lines = app::attempt_lines(v, e.source);
    if (!run || lines.empty()) return !lines.empty();
    for (const std::string& l : lines) app::console_run(app, l);
    app.tab_request = app::kTabConsole;
    app.diagram_maximised = false;  // the console tab is where the answer shows
    return true;
  };
  diagram_view(st, src);
}

}  // namespace rolelab::ui
