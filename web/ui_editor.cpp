#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui.h"

namespace rolelab::ui {

void editor_panel(app::App& app) {
  app::LessonSlot* s = app.current_slot();
  if (!s) return;
  if (app.fonts.heading) ImGui::PushFont(static_cast<ImFont*>(app.fonts.heading));
  ImGui::TextWrapped("%s", s->lesson.title.c_str());
  if (app.fonts.heading) ImGui::PopFont();
  ImGui::TextWrapped("%s", s->lesson.intro.c_str());
  if (!s->lesson.source.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, Colors::muted);
    ImGui::TextWrapped("Source: %s", s->lesson.source.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  ImGui::SeparatorText("Trust policy of the role");
  ImGui::PushStyleColor(ImGuiCol_Text, Colors::muted);
  ImGui::TextWrapped("%s", s->lesson.role_arn.c_str());
  ImGui::PopStyleColor();

  // Errors of the last attempt, with line and column, above the editor.
  float errors_h = 0;
  if (s->attempt && (!s->attempt->errors.empty() || !s->attempt->warnings.empty())) {
    errors_h = ImGui::GetTextLineHeightWithSpacing() * 4.5f;
  }
  float editor_h = ImGui::GetContentRegionAvail().y - errors_h - ImGui::GetFrameHeightWithSpacing() - 8;
  if (app.fonts.mono) ImGui::PushFont(static_cast<ImFont*>(app.fonts.mono));
  ImGui::InputTextMultiline("##trust", &s->editor, ImVec2(-1, editor_h < 120 ? 120 : editor_h),
                            ImGuiInputTextFlags_AllowTabInput);
  if (app.fonts.mono) ImGui::PopFont();
  if (ImGui::Button("Reset to the lesson's policy")) {
    std::string err;
    app::reset_trust_policy(app, err);
  }
  if (errors_h > 0) {
    ImGui::BeginChild("diagnostics", ImVec2(0, 0), false);
    for (const Diagnostic& d : s->attempt->errors) {
      ImGui::PushStyleColor(ImGuiCol_Text, Colors::denied);
      ImGui::TextWrapped("line %d, col %d  %s: %s", d.line, d.column, d.code.c_str(), d.message.c_str());
      ImGui::PopStyleColor();
      if (!d.help.empty()) ImGui::TextWrapped("    %s", d.help.c_str());
    }
    for (const Diagnostic& d : s->attempt->warnings) {
      ImGui::PushStyleColor(ImGuiCol_Text, Colors::warning);
      ImGui::TextWrapped("line %d, col %d  warning: %s", d.line, d.column, d.message.c_str());
      ImGui::PopStyleColor();
      if (!d.help.empty()) ImGui::TextWrapped("    %s", d.help.c_str());
    }
    ImGui::EndChild();
  }
}

}  // namespace rolelab::ui
