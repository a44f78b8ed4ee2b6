#include <imgui.h>

#include "ui.h"

namespace rolelab::ui {

namespace {

void element_line(const char* what, const ElementTrace& e) {
  ImGui::PushStyleColor(ImGuiCol_Text, e.matched ? Colors::allowed : Colors::denied);
  ImGui::TextWrapped("%s %s: %s", e.matched ? "+" : "-", what, e.why.c_str());
  ImGui::PopStyleColor();
}

void trace_view(const AssumeAttempt& a) {
  for (const PolicyTrace& p : a.trace.policies) {
    const char* verdict = p.verdict == PolicyVerdict::Allow  ? "allows"
                          : p.verdict == PolicyVerdict::Deny ? "denies"
                                                             : "does not apply";
    std::string title = (p.name.empty() ? std::string(policy_kind_name(p.kind)) : p.name) + ": " + verdict;
    if (!ImGui::TreeNodeEx(title.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) continue;
    for (const StatementTrace& s : p.statements) {
      std::string label = std::string(s.applies ? "applies: " : "does not apply: ") +
                          (s.effect == Effect::Allow ? "Allow" : "Deny") + " statement " + std::to_string(s.index + 1) +
                          (s.sid.empty() ? "" : " (" + s.sid + ")") + ", line " + std::to_string(s.line) + "##" + p.name +
                          std::to_string(s.index);
      ImGui::PushStyleColor(ImGuiCol_Text, s.applies ? Colors::allowed : Colors::muted);
      bool open = ImGui::TreeNodeEx(label.c_str(), ImGuiTreeNodeFlags_DefaultOpen);
      ImGui::PopStyleColor();
      if (!open) continue;
      if (s.principal) element_line("principal", *s.principal);
      element_line("action", s.action);
      if (s.resource) element_line("resource", *s.resource);
      for (const ConditionTrace& c : s.conditions) {
        ElementTrace e{c.result, c.op + " " + c.key + ": " + c.why};
        element_line("condition", e);
      }
      ImGui::TreePop();
    }
    ImGui::TreePop();
  }
}

}  // namespace

void outcome_panel(app::App& app) {
  app::LessonSlot* s = app.current_slot();
  if (!s) return;
  ImGui::SeparatorText("Who puts on the hat?");
  for (std::size_t k = 0; k < s->lesson.principals.size(); ++k) {
    const LessonPrincipal& p = s->lesson.principals[k];
    if (ImGui::RadioButton(p.label.c_str(), s->principal == k)) {
      std::string err;
      app::select_principal(app, k, err);
    }
    ImGui::Indent(ImGui::GetFrameHeight() + 8);
    ImGui::PushStyleColor(ImGuiCol_Text, Colors::muted);
    ImGui::TextWrapped("%s", p.arn.c_str());
    ImGui::PopStyleColor();
    ImGui::Unindent(ImGui::GetFrameHeight() + 8);
  }
  ImGui::Spacing();
  if (ImGui::Button("Assume role", ImVec2(160, 0))) {
    std::string err;
    app::assume(app, err);
  }
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, Colors::muted);
  ImGui::TextUnformatted("sts:AssumeRole");
  ImGui::PopStyleColor();
  ImGui::Spacing();
  if (!s->attempt) {
    ImGui::TextWrapped("Press Assume role to see whether %s may wear the hat, and why.",
                       s->lesson.principals[s->principal].label.c_str());
    return;
  }
  const AssumeAttempt& a = *s->attempt;
  if (!a.policy_ok) {
    ImGui::PushStyleColor(ImGuiCol_Text, Colors::denied);
    ImGui::TextWrapped("The trust policy is invalid: AWS would reject it before anyone could assume the role.");
    ImGui::PopStyleColor();
    return;
  }
  bool ok = a.result.decision == Decision::Allowed;
  if (app.fonts.heading) ImGui::PushFont(static_cast<ImFont*>(app.fonts.heading));
  ImGui::PushStyleColor(ImGuiCol_Text, ok ? Colors::allowed : Colors::denied);
  ImGui::TextUnformatted(ok ? "Allowed" : a.result.decision == Decision::ExplicitlyDenied ? "Denied (explicit deny)" : "Denied");
  ImGui::PopStyleColor();
  if (app.fonts.heading) ImGui::PopFont();
  ImGui::TextWrapped("%s", a.result.summary.c_str());
  if (a.result.cause != DenialCause::None) {
    ImGui::PushStyleColor(ImGuiCol_Text, Colors::warning);
    ImGui::TextWrapped("Classic cause: %s", denial_cause_name(a.result.cause));
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  ImGui::SeparatorText("Why: every policy and statement considered");
  ImGui::BeginChild("trace", ImVec2(0, 0), false);
  trace_view(a);
  ImGui::EndChild();
}

}  // namespace rolelab::ui
