// The course navigator: tracks in course order, their lessons with minutes
// and a tick when finished, the current lesson's steps with their ticks; load
// errors and an invalid custom lesson's errors underneath.
#include <imgui.h>

#include "ui.h"

namespace rolelab::ui {

namespace {

// A selectable row with an icon and wrapped text; returns true when clicked.
bool row(const char* id, const std::string& text, const char* right, bool selected, int icon /*0 none,1 open,2 done*/,
         ImU32 text_color) {
  const Palette& p = palette();
  const float h1 = ImGui::GetTextLineHeight();
  const float icon_w = h1 + 4;
  const float right_w = right ? ImGui::CalcTextSize(right).x + 6 : 0;
  const float wrap = std::max(ImGui::GetContentRegionAvail().x - icon_w - right_w - 8, 20.0f);
  const std::string lines = break_lines(text, wrap);
  ImVec2 size = ImGui::CalcTextSize(lines.c_str(), nullptr, false, wrap);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  bool clicked = ImGui::Selectable(id, selected, 0, ImVec2(0, size.y + 4));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 c(pos.x + h1 * 0.5f + 2, pos.y + h1 * 0.5f + 2);
  float r = h1 * 0.32f;
  if (icon == 2) {
    dl->AddCircleFilled(c, r, p.allowed, 12);
    dl->AddLine(ImVec2(c.x - r * 0.5f, c.y), ImVec2(c.x - r * 0.1f, c.y + r * 0.45f), IM_COL32(10, 30, 14, 255), 1.6f);
    dl->AddLine(ImVec2(c.x - r * 0.1f, c.y + r * 0.45f), ImVec2(c.x + r * 0.55f, c.y - r * 0.4f), IM_COL32(10, 30, 14, 255), 1.6f);
  } else if (icon == 1) {
    dl->AddCircle(c, r, selected ? p.accent : p.faint, 12, 1.5f);
  }
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + icon_w, pos.y + 2), text_color, lines.c_str(), nullptr, wrap);
  if (right) dl->AddText(ImVec2(pos.x + ImGui::GetContentRegionAvail().x - right_w + 4, pos.y + 2), p.muted, right);
  return clicked;
}

}  // namespace

void navigator_panel(app::App& app) {
  const Palette& p = palette();
  char sub[48];
  std::snprintf(sub, sizeof sub, "%zu lessons", app.lessons.size());
  panel_header(app, "Course", sub);
  ImGui::BeginChild("course", ImVec2(0, 0), ImGuiChildFlags_None);
  // Tracks in the order of their first lesson.
  std::vector<const std::string*> tracks;
  for (const app::LessonEntry& e : app.lessons) {
    bool seen = false;
    for (const std::string* t : tracks) seen = seen || *t == e.lesson.track;
    if (!seen) tracks.push_back(&e.lesson.track);
  }
  std::string err;
  for (std::size_t t = 0; t < tracks.size(); ++t) {
    ImGui::PushID(static_cast<int>(t));
    std::size_t total = 0, done = 0;
    for (const app::LessonEntry& e : app.lessons) {
      if (e.lesson.track != *tracks[t]) continue;
      ++total;
      if (e.run && e.run->lesson_done()) ++done;
    }
    if (t > 0) ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    push_font(app.fonts.bold);
    ImGui::TextUnformatted(tracks[t]->empty() ? "Lessons" : tracks[t]->c_str());
    pop_font(app.fonts.bold);
    ImGui::SameLine();
    ImGui::Text("%zu/%zu", done, total);
    ImGui::PopStyleColor();
    for (std::size_t k = 0; k < app.lessons.size(); ++k) {
      app::LessonEntry& e = app.lessons[k];
      if (e.lesson.track != *tracks[t]) continue;
      ImGui::PushID(static_cast<int>(k));
      const bool current = k == app.current;
      char minutes[24];
      std::snprintf(minutes, sizeof minutes, "%d min", e.lesson.minutes);
      std::string title = e.custom ? e.lesson.title + " (custom)" : e.lesson.title;
      int icon = e.run && e.run->lesson_done() ? 2 : 1;
      if (row("##lesson", title, minutes, current, icon, current ? p.text : p.text)) app::open_lesson(app, k, err);
      if (ImGui::IsItemHovered() && !e.lesson.summary.empty()) {
        ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 22, 0));
        ImGui::BeginTooltip();
        ImGui::TextWrapped("%s", e.lesson.summary.c_str());
        if (!e.lesson.prerequisites.empty()) {
          std::string pre = "After: ";
          for (std::size_t q = 0; q < e.lesson.prerequisites.size(); ++q) pre += (q ? ", " : "") + e.lesson.prerequisites[q];
          text_colored_wrapped(p.muted, pre.c_str());
        }
        ImGui::EndTooltip();
      }
      if (current && e.run) {
        ImGui::Indent(ImGui::GetTextLineHeight() * 0.9f);
        for (std::size_t s = 0; s < e.lesson.steps.size(); ++s) {
          ImGui::PushID(static_cast<int>(s));
          std::string label = std::to_string(s + 1) + ". " + e.lesson.steps[s].title;
          bool here = s == e.run->step();
          if (row("##step", label, nullptr, here, e.run->step_done(s) ? 2 : 1, here ? p.text : p.muted))
            app::goto_step(app, s, err);
          ImGui::PopID();
        }
        ImGui::Unindent(ImGui::GetTextLineHeight() * 0.9f);
      }
      ImGui::PopID();
    }
    ImGui::PopID();
  }
  if (!app.lesson_errors.empty()) {
    ImGui::Spacing();
    ImGui::Separator();
    text_colored_wrapped(p.denied, (app.lesson_errors_name + " is not a valid lesson").c_str());
    for (const std::string& e : app.lesson_errors) text_colored_wrapped(p.text, e.c_str());
    if (ImGui::SmallButton("Dismiss")) {
      app.lesson_errors.clear();
      app.lesson_diagnostics.clear();
    }
  }
  if (!app.load_errors.empty()) {
    ImGui::Spacing();
    ImGui::Separator();
    text_colored_wrapped(p.warning, "Not loaded:");
    for (const std::string& e : app.load_errors) text_colored_wrapped(p.muted, e.c_str());
  }
  ImGui::EndChild();
}

}  // namespace rolelab::ui
