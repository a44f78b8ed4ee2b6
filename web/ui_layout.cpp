#include <imgui.h>

#include "ui.h"

namespace rolelab::ui {

void error_panel(const app::App& app) {
  ImGui::PushStyleColor(ImGuiCol_Text, Colors::denied);
  ImGui::TextWrapped("RoleLab hit an internal error and stopped this view.");
  ImGui::PopStyleColor();
  ImGui::TextWrapped("%s", app.fatal_error.c_str());
  ImGui::Spacing();
  ImGui::TextWrapped("Your edits are kept. Reload the page (or restart the app) to continue.");
}

void draw(app::App& app) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("RoleLab", nullptr, flags);
  if (app.fonts.heading) ImGui::PushFont(static_cast<ImFont*>(app.fonts.heading));
  ImGui::TextUnformatted("RoleLab");
  if (app.fonts.heading) ImGui::PopFont();
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, Colors::muted);
  ImGui::TextUnformatted("  learn AWS IAM roles: who may wear the hat, and why");
  ImGui::PopStyleColor();
  ImGui::Separator();

  if (!app.fatal_error.empty()) {
    error_panel(app);
    ImGui::End();
    return;
  }
  if (ImGui::BeginTabBar("tabs")) {
    const char* names[] = {"Lessons", "Console"};
    for (int k = 0; k < 2; ++k) {
      if (ImGui::BeginTabItem(names[k], nullptr, app.tab_request == k ? ImGuiTabItemFlags_SetSelected : 0)) {
        app.tab = k;
        ImGui::EndTabItem();
      }
    }
    if (app.tab_request == app.tab) app.tab_request = -1;
    ImGui::EndTabBar();
  }
  if (app.tab == 1) {
    console_panel(app);
    ImGui::End();
    return;
  }
  float w = ImGui::GetContentRegionAvail().x;
  float h = ImGui::GetContentRegionAvail().y;
  ImGui::BeginChild("lessons", ImVec2(w * 0.22f, h), true);
  lessons_panel(app);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("editor", ImVec2(w * 0.40f, h), true);
  editor_panel(app);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("outcome", ImVec2(0, h), true);
  outcome_panel(app);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace rolelab::ui
