#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui.h"

namespace rolelab::ui {

void console_panel(app::App& app) {
  app::ConsoleState& c = app.console;
  if (c.worlds.empty()) {
    ImGui::TextWrapped("No worlds were loaded.");
    for (const std::string& e : c.load_errors) ImGui::TextWrapped("%s", e.c_str());
    return;
  }
  ImGui::SetNextItemWidth(320);
  if (ImGui::BeginCombo("World", c.worlds[c.world].first.c_str())) {
    for (std::size_t k = 0; k < c.worlds.size(); ++k) {
      if (ImGui::Selectable(c.worlds[k].first.c_str(), k == c.world)) {
        std::string err;
        app::select_world(app, k, err);
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("Restart world")) {
    std::string err;
    app::select_world(app, c.world, err);
  }
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, Colors::muted);
  ImGui::TextUnformatted("help lists the commands; explain shows why the last call was allowed or denied");
  ImGui::PopStyleColor();

  const float input_h = ImGui::GetFrameHeightWithSpacing() + 4;
  ImGui::BeginChild("console-log", ImVec2(0, -input_h), true, ImGuiWindowFlags_HorizontalScrollbar);
  if (app.fonts.mono) ImGui::PushFont(static_cast<ImFont*>(app.fonts.mono));
  ImGui::TextUnformatted(c.log.data(), c.log.data() + c.log.size());
  if (app.fonts.mono) ImGui::PopFont();
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollHereY(1.0f);  // follow new output
  ImGui::EndChild();

  std::string prompt = c.console ? c.console->prompt() : "$ ";
  ImGui::PushStyleColor(ImGuiCol_Text, Colors::allowed);
  ImGui::TextUnformatted(prompt.c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (app.fonts.mono) ImGui::PushFont(static_cast<ImFont*>(app.fonts.mono));
  bool enter = ImGui::InputText("##console-input", &c.input, ImGuiInputTextFlags_EnterReturnsTrue);
  if (app.fonts.mono) ImGui::PopFont();
  if (enter) {
    app::console_run(app, c.input);
    c.input.clear();
    ImGui::SetKeyboardFocusHere(-1);
  }
}

}  // namespace rolelab::ui
