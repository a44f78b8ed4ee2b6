// The console: the lesson's AWS-CLI console (LessonRun::console_line, so
// every command counts for the checks), or a sandbox world from worlds/;
// history with Up/Down and Tab completion of command names and flags.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui.h"

namespace rolelab::ui {

namespace {

std::size_t g_seen_records = 0;  // to follow new output
std::size_t g_seen_log = 0;

int input_callback(ImGuiInputTextCallbackData* data) {
  auto& app = *static_cast<app::App*>(data->UserData);
  app::ConsoleState& c = app.console;
  auto replace = [&](const std::string& s) {
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, s.c_str());
  };
  if (data->EventFlag == ImGuiInputTextFlags_CallbackHistory && !c.history.empty()) {
    const int n = static_cast<int>(c.history.size());
    if (data->EventKey == ImGuiKey_UpArrow) c.history_pos = c.history_pos < 0 ? n - 1 : std::max(0, c.history_pos - 1);
    else if (data->EventKey == ImGuiKey_DownArrow) c.history_pos = c.history_pos < 0 || c.history_pos + 1 >= n ? -1 : c.history_pos + 1;
    replace(c.history_pos < 0 ? std::string() : c.history[static_cast<std::size_t>(c.history_pos)]);
  } else if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
    std::string line(data->Buf, static_cast<std::size_t>(data->CursorPos));
    std::string rest(data->Buf + data->CursorPos, static_cast<std::size_t>(data->BufTextLen - data->CursorPos));
    std::vector<std::string> cands = app::complete_line(line);
    c.completions.clear();
    if (cands.size() > 1) {
      for (std::size_t k = 0; k < cands.size() && k < 24; ++k) c.completions += (k ? "  " : "") + cands[k];
      if (cands.size() > 24) c.completions += "  ...";
    } else if (cands.empty()) {
      c.completions = "(no completion)";
    }
    replace(line + rest);
    data->CursorPos = static_cast<int>(line.size());
  }
  return 0;
}

void lesson_log(app::App& app, course::LessonRun& run) {
  const Palette& p = palette();
  const auto& log = run.console_log();
  if (log.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextWrapped("This lesson's world, on its simulated clock. Try: aws sts get-caller-identity, as USER, use SESSION, "
                       "clock advance 1h, explain, help.");
    ImGui::PopStyleColor();
  }
  for (std::size_t k = 0; k < log.size(); ++k) {
    const course::ConsoleRecord& r = log[k];
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    ImGui::TextUnformatted("$");
    ImGui::SameLine();
    ImGui::TextUnformatted(r.line.c_str());
    ImGui::PopStyleColor();
    if (!r.output.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, r.failed ? p.denied : p.text);
      ImGui::TextUnformatted(r.output.data(), r.output.data() + r.output.size());
      ImGui::PopStyleColor();
    }
  }
  if (log.size() != g_seen_records) {
    g_seen_records = log.size();
    ImGui::SetScrollHereY(1.0f);
  }
  (void)app;
}

}  // namespace

void console_panel(app::App& app) {
  const Palette& p = palette();
  app::ConsoleState& c = app.console;
  course::LessonRun* run = app.run();
  const float F = ImGui::GetFontSize();
  // Which world: the lesson's, or a sandbox one.
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("World");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(F * 14);
  std::string preview = c.sandbox && !c.worlds.empty() ? "sandbox: " + c.worlds[c.world].first : std::string("this lesson's world");
  if (ImGui::BeginCombo("##world", preview.c_str())) {
    if (ImGui::Selectable("this lesson's world", !c.sandbox)) c.sandbox = false;
    for (std::size_t k = 0; k < c.worlds.size(); ++k) {
      ImGui::PushID(static_cast<int>(k));
      std::string label = "sandbox: " + c.worlds[k].first;
      if (ImGui::Selectable(label.c_str(), c.sandbox && c.world == k)) {
        std::string err;
        if (!c.sandbox || c.world != k) app::select_world(app, k, err);
        c.sandbox = true;
      }
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  if (c.sandbox) {
    ImGui::SameLine();
    if (ImGui::Button("Restart world")) {
      std::string err;
      app::select_world(app, c.world, err);
    }
  }
  std::string prompt = c.sandbox ? (c.console ? c.console->prompt() : "$ ") : (run ? run->console().prompt() : "$ ");
  while (!prompt.empty() && (prompt.back() == ' ' || prompt.back() == '$')) prompt.pop_back();
  ImGui::SameLine();
  ImGui::TextDisabled(c.sandbox ? "sandbox: nothing here counts for the lesson" : "every command counts for the checks");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Acting as: %s", prompt.c_str());

  push_font(app.fonts.mono);
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
  ImGui::TextUnformatted(prompt.c_str());
  ImGui::PopStyleColor();
  pop_font(app.fonts.mono);
  const float input_h = ImGui::GetFrameHeightWithSpacing() + (c.completions.empty() ? 0 : ImGui::GetTextLineHeightWithSpacing());
  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.panel_alt);
  ImGui::BeginChild("console-log", ImVec2(0, -input_h), ImGuiChildFlags_Border, ImGuiWindowFlags_HorizontalScrollbar);
  push_font(app.fonts.mono);
  if (c.sandbox) {
    ImGui::TextUnformatted(c.log.data(), c.log.data() + c.log.size());
    if (c.log.size() != g_seen_log) {
      g_seen_log = c.log.size();
      ImGui::SetScrollHereY(1.0f);
    }
  } else if (run) {
    lesson_log(app, *run);
  }
  pop_font(app.fonts.mono);
  ImGui::EndChild();
  ImGui::PopStyleColor();

  push_font(app.fonts.mono);
  ImGui::AlignTextToFramePadding();
  ImGui::PushStyleColor(ImGuiCol_Text, p.allowed);
  ImGui::TextUnformatted("$");
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", prompt.c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  bool enter = ImGui::InputTextWithHint("##console-input", "aws sts get-caller-identity   (Tab completes, Up/Down for history)", &c.input,
                                        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory |
                                            ImGuiInputTextFlags_CallbackCompletion,
                                        input_callback, &app);
  pop_font(app.fonts.mono);
  if (enter) {
    const std::string line = c.input;
    c.input.clear();
    c.history_pos = -1;
    c.completions.clear();
    if (c.sandbox) {
      app::console_run(app, line);
    } else {
      std::string out;
      app::lesson_console(app, line, out);
    }
    ImGui::SetKeyboardFocusHere(-1);
  }
  if (!c.completions.empty()) {
    push_font(app.fonts.mono);
    text_colored_wrapped(p.muted, c.completions.c_str());
    pop_font(app.fonts.mono);
  }
}

}  // namespace rolelab::ui
