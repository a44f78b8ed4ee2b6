// "Your account" window (account_view.h): an imported account's principals
// with search and filters, the selected principal's edges and policies, and
// the report. Lists are clipped (only visible rows are laid out) and filters
// recomputed only when they change, so a 1,000 x 1,000 account stays cheap
// per frame.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <fstream>
#include <sstream>

#include "account_view.h"
#include "ui.h"
#include "ui_account.h"

namespace rolelab::ui {

namespace {

std::string short_name(const std::string& arn) { return arn.substr(arn.rfind('/') + 1); }

void policy_block(const char* label, const std::string& name, const std::string& text, void* mono) {
  std::string header = std::string(label) + " " + name;
  if (ImGui::TreeNode(header.c_str())) {
    push_font(mono);
    ImGui::TextUnformatted(text.c_str());
    pop_font(mono);
    ImGui::TreePop();
  }
}

void attached_block(const World& w, const Account& a, const std::vector<std::string>& attached, void* mono) {
  for (const std::string& m : attached) {
    const ManagedPolicy* mp = w.find_managed(a, m);
    if (mp) policy_block(mp->aws_managed ? "AWS managed" : "managed", mp->name, mp->doc.text, mono);
  }
}

void policies(app::App& app, app::AccountView& v, const std::string& arn) {
  void* mono = app.fonts.mono;
  if (User* u = v.world.find_user(arn)) {
    const Account& a = *v.world.account(u->account);
    for (const NamedPolicy& p : u->policies) policy_block("inline", p.name, p.text, mono);
    attached_block(v.world, a, u->attached, mono);
    if (u->boundary) policy_block("boundary", "", u->boundary->text, mono);
    for (const std::string& g : u->groups) {
      auto it = a.groups.find(g);
      if (it == a.groups.end()) continue;
      for (const NamedPolicy& p : it->second.policies) policy_block(("group " + g + " inline").c_str(), p.name, p.text, mono);
      attached_block(v.world, a, it->second.attached, mono);
    }
  } else if (Role* r = v.world.find_role(arn)) {
    const Account& a = *v.world.account(r->account);
    policy_block("trust", "policy", r->trust.text, mono);
    for (const NamedPolicy& p : r->policies) policy_block("inline", p.name, p.text, mono);
    attached_block(v.world, a, r->attached, mono);
    if (r->boundary) policy_block("boundary", "", r->boundary->text, mono);
  }
}

void edges_list(app::App& app, app::AccountView& v, const std::vector<std::size_t>& edges, bool outgoing) {
  const AssumeGraph& g = v.report.graph;
  const Palette& p = palette();
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(edges.size()));
  while (clip.Step()) {
    for (int row = clip.DisplayStart; row < clip.DisplayEnd; ++row) {
      const AssumeEdge& e = g.edges[edges[static_cast<std::size_t>(row)]];
      ImGui::PushID(row);
      const std::string other = outgoing ? g.roles[e.role] : g.principals[e.from].arn;
      ImGui::PushStyleColor(ImGuiCol_Text, e.conditional ? p.warning : p.allowed);
      ImGui::TextUnformatted(e.conditional ? "if" : "->");
      ImGui::PopStyleColor();
      ImGui::SameLine();
      ImGui::TextUnformatted(other.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.summary.c_str());
      std::vector<std::string> lines = app::attempt_lines(v, edges[static_cast<std::size_t>(row)]);
      if (!lines.empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Try")) {
          for (const std::string& l : lines) app::console_run(app, l);
          app.tab_request = app::kTabConsole;
        }
      }
      ImGui::PopID();
    }
  }
}

void principal_list(app::AccountView& v, float height) {
  const AssumeGraph& g = v.report.graph;
  ImGui::BeginChild("principals", ImVec2(0, height), true);
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(v.visible.size()));
  while (clip.Step()) {
    for (int row = clip.DisplayStart; row < clip.DisplayEnd; ++row) {
      const std::size_t k = v.visible[static_cast<std::size_t>(row)];
      const GraphPrincipal& pr = g.principals[k];
      std::string label = (pr.kind == "user" ? "user  " : "role  ") + short_name(pr.arn) + "  (" + app::principal_account(pr.arn) +
                          app::principal_path(pr.arn) + ")##" + std::to_string(k);
      if (ImGui::Selectable(label.c_str(), v.selected == k)) app::select_account_principal(v, k);
    }
  }
  ImGui::EndChild();
}

void filters(app::AccountView& v) {
  const float F = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(F * 14);
  ImGui::InputTextWithHint("##search", "search name or ARN", &v.search);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(F * 9);
  if (ImGui::BeginCombo("##account", v.account.empty() ? "all accounts" : v.account.c_str())) {
    if (ImGui::Selectable("all accounts", v.account.empty())) v.account.clear();
    for (const std::string& a : v.accounts) {
      if (ImGui::Selectable(a.c_str(), v.account == a)) v.account = a;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(F * 8);
  ImGui::InputTextWithHint("##path", "path /ops/", &v.path);
  ImGui::SameLine();
  ImGui::Checkbox("users", &v.users);
  ImGui::SameLine();
  ImGui::Checkbox("roles", &v.roles);
  ImGui::SameLine();
  ImGui::Checkbox("admin-equivalent only", &v.admins_only);
  app::apply_account_filters(v);
}

void report_tabs(app::App& app, app::AccountView& v) {
  if (!ImGui::BeginTabBar("report")) return;
  const Palette& p = palette();
  if (ImGui::BeginTabItem(("Admin-equivalent (" + std::to_string(v.report.admins.size()) + ")###admins").c_str())) {
    for (const AdminPrincipal& a : v.report.admins) {
      ImGui::TextUnformatted(a.arn.c_str());
      text_colored_wrapped(p.warning, a.why.c_str());
      for (const std::string& by : a.reached_by) text_colored_wrapped(p.muted, ("reached by " + by).c_str());
    }
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem(("Wide trust (" + std::to_string(v.report.wide_trust.size()) + ")###wide").c_str())) {
    for (const WideTrust& w : v.report.wide_trust) {
      std::string keys;
      for (const std::string& k : w.condition_keys) keys += (keys.empty() ? " if " : ", ") + k;
      ImGui::TextUnformatted((w.role + ": " + w.scope + (keys.empty() ? ", no condition" : keys)).c_str());
    }
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem(("Policy findings (" + std::to_string(v.report.findings.size()) + ")###findings").c_str())) {
    for (const PolicyFindings& f : v.report.findings) {
      ImGui::TextUnformatted(f.where.c_str());
      for (const analyzer::Finding& one : f.findings)
        text_colored_wrapped(p.muted, (std::string("  ") + analyzer::finding_type_name(one.type) + " " + one.issue_code + ": " + one.details).c_str());
    }
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem(("Import notes (" + std::to_string(v.notes.size()) + ")###notes").c_str())) {
    for (const ImportNote& n : v.notes) text_colored_wrapped(p.text, (n.path + ": " + n.subject + ": " + n.message).c_str());
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
  (void)app;
}

}  // namespace

void account_window(app::App& app) {
  if (!app.account || !app.account->open) return;
  app::AccountView& v = *app.account;
  const float F = ImGui::GetFontSize();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  // Over the navigator and the narrative, on the left: the world diagram (top right) shows the same
  // filters and selection as a picture, the console (bottom right) runs the attempts.
  ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.46f, F * 48), vp->WorkSize.y - F * 4.5f), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + F * 0.4f, vp->WorkPos.y + F * 3.5f), ImGuiCond_Appearing);
  if (!ImGui::Begin("Your account###account", &v.open, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  const Palette& p = palette();
  text_colored_wrapped(p.muted, (v.file + ": read inside this page; the file never leaves your " +
                                 std::string(app.platform == "browser" ? "browser" : "computer") + ".")
                                    .c_str());
  ImGui::TextUnformatted(v.summary.c_str());
  filters(v);
  const float list_w = std::max(F * 16, ImGui::GetContentRegionAvail().x * 0.4f);
  const float top_h = ImGui::GetContentRegionAvail().y * 0.6f;
  ImGui::BeginChild("left", ImVec2(list_w, top_h));
  ImGui::Text("%zu of %zu principals", v.visible.size(), v.report.graph.principals.size());
  principal_list(v, ImGui::GetContentRegionAvail().y);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("detail", ImVec2(0, top_h), true);
  if (v.selected == app::AccountView::kNone) {
    ImGui::TextDisabled("Select a user or role: its edges (who it can become, who can become it) and its policies.");
  } else {
    const GraphPrincipal& pr = v.report.graph.principals[v.selected];
    push_font(app.fonts.bold);
    ImGui::TextUnformatted(pr.arn.c_str());
    pop_font(app.fonts.bold);
    for (const AdminPrincipal& a : v.report.admins) {
      if (a.arn == pr.arn) text_colored_wrapped(p.warning, ("Admin-equivalent: " + a.why).c_str());
    }
    ImGui::Text("Can assume (%zu):", v.out_edges.size());
    edges_list(app, v, v.out_edges, true);
    if (pr.kind == "role") {
      ImGui::Text("Can be assumed by (%zu):", v.in_edges.size());
      edges_list(app, v, v.in_edges, false);
    }
    ImGui::Separator();
    policies(app, v, pr.arn);
  }
  ImGui::EndChild();
  report_tabs(app, v);
  ImGui::End();
}

}  // namespace rolelab::ui

namespace rolelab::ui {

void account_dialog(app::App& app) {
  if (app.account_dialog) ImGui::OpenPopup("Open your account");
  const float F = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(F * 36, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal("Open your account", &app.account_dialog, ImGuiWindowFlags_NoSavedSettings)) return;
  ImGui::TextWrapped(
      "The output of `aws iam get-account-authorization-details > account.json` (read-only: "
      "iam:GetAccountAuthorizationDetails). RoleLab draws who can assume which role, checks every policy, and lets you "
      "try assume attempts against a copy in the console tab.");
  if (app.platform == "browser") {
    ImGui::TextWrapped("Drop the file onto this page. It is read inside the page: the file never leaves your browser.");
  } else {
    ImGui::TextWrapped("The file is read on this computer; nothing is sent anywhere.");
    ImGui::SetNextItemWidth(-F * 6);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool enter = ImGui::InputTextWithHint("##account-path", "/path/to/account.json", &app.open_path,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button("Open", ImVec2(-1, 0)) || enter) {
      std::ifstream in(app.open_path, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string error;
      if (!in) {
        app.status = "Cannot read " + app.open_path;
      } else if (app::open_account_text(app, app.open_path.substr(app.open_path.find_last_of('/') + 1), ss.str(), error)) {
        app.account_dialog = false;
      }
    }
    if (!app.status.empty()) text_colored_wrapped(palette().muted, app.status.c_str());
  }
  if (!app.account_dialog) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace rolelab::ui
