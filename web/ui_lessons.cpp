#include <imgui.h>

#include "ui.h"

namespace rolelab::ui {

void lessons_panel(app::App& app) {
  ImGui::SeparatorText("Lessons");
  for (std::size_t k = 0; k < app.lessons.size(); ++k) {
    const app::LessonSlot& s = app.lessons[k];
    bool done = !s.lesson.steps.empty() && s.step >= s.lesson.steps.size();
    std::string label = std::to_string(k + 1) + ". " + s.lesson.title + (done ? "  (done)" : "");
    if (ImGui::Selectable(label.c_str(), app.current == k)) {
      std::string err;
      app::select_lesson(app, k, err);
    }
  }
  if (app.lessons.empty()) ImGui::TextWrapped("No lessons were loaded.");
  for (const std::string& e : app.load_errors) {
    ImGui::PushStyleColor(ImGuiCol_Text, Colors::denied);
    ImGui::TextWrapped("%s", e.c_str());
    ImGui::PopStyleColor();
  }
  const app::LessonSlot* s = app.current_slot();
  if (!s || s->lesson.steps.empty()) return;
  ImGui::Spacing();
  ImGui::SeparatorText("Steps");
  const std::size_t n = s->lesson.steps.size();
  ImGui::ProgressBar(static_cast<float>(s->step) / static_cast<float>(n), ImVec2(-1, 0),
                     (std::to_string(s->step) + " / " + std::to_string(n)).c_str());
  for (std::size_t k = 0; k < n; ++k) {
    unsigned color = k < s->step ? Colors::allowed : k == s->step ? 0xFFFFFFFF : Colors::muted;
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s %zu. %s", k < s->step ? "[x]" : "[ ]", k + 1, s->lesson.steps[k].text.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace rolelab::ui
