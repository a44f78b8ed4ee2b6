// The clock bar: play/pause, speed (x1, x60, x600), jumps (+15 min, +1 h),
// the simulated time, and every session with a countdown bar that turns red
// on expiry. The clock moves through LessonRun::advance_clock (app.cpp).
#include <imgui.h>

#include "ui.h"

namespace rolelab::ui {

namespace {

bool toggle(const char* label, bool on) {
  if (on) push_accent_button();
  bool clicked = ImGui::Button(label);
  if (on) pop_accent_button();
  return clicked;
}

}  // namespace

void clock_bar(app::App& app) {
  course::LessonRun* run = app.run();
  const Palette& p = palette();
  const float F = ImGui::GetFontSize();
  std::string err;
  ImGui::BeginDisabled(run == nullptr);
  if (toggle(app.clock_playing ? "Pause" : "Play", app.clock_playing)) app.clock_playing = !app.clock_playing;
  ImGui::SameLine();
  for (int speed : {1, 60, 600}) {
    char label[16];
    std::snprintf(label, sizeof label, "x%d", speed);
    if (toggle(label, app.clock_speed == speed)) app.clock_speed = speed;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%d simulated second%s per second", speed, speed == 1 ? "" : "s");
    ImGui::SameLine(0, 2);
  }
  ImGui::SameLine(0, F * 0.6f);
  if (ImGui::Button("+15 min")) app::advance_clock(app, 15 * 60, err);
  ImGui::SameLine(0, 2);
  if (ImGui::Button("+1 h")) app::advance_clock(app, 3600, err);
  ImGui::EndDisabled();
  ImGui::SameLine(0, F);
  ImGui::AlignTextToFramePadding();
  push_font(app.fonts.mono);
  std::string now = run ? format_iso8601(app::shown_time(app)) : std::string("--");
  if (now.size() > 10 && now[10] == 'T') now[10] = ' ';
  ImGui::PushStyleColor(ImGuiCol_Text, app.clock_playing ? p.accent : p.text);
  ImGui::TextUnformatted(now.c_str());
  ImGui::PopStyleColor();
  pop_font(app.fonts.mono);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Simulated time (UTC). Nothing in RoleLab reads your computer's clock.");
  if (!run) return;

  // Sessions, newest first, as compact countdown bars.
  ImGui::SameLine(0, F * 1.2f);
  const std::vector<Session>& sessions = run->sim().sessions;
  const TimeMs t = app::shown_time(app);
  if (sessions.empty()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("No sessions yet: an assume attempt that succeeds starts one.");
    return;
  }
  ImGui::BeginChild("sessions", ImVec2(0, ImGui::GetFrameHeight()), ImGuiChildFlags_None,
                    ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  const float bar_w = F * 5.0f, bar_h = F * 0.35f;
  int k = 0;
  for (auto it = sessions.rbegin(); it != sessions.rend(); ++it, ++k) {
    const Session& s = *it;
    ImGui::PushID(k);
    if (k) ImGui::SameLine(0, F * 0.9f);
    const bool expired = t >= s.expires;
    const TimeMs left = s.expires - t;
    const float frac = s.expires > s.issued ? std::clamp(static_cast<float>(left) / static_cast<float>(s.expires - s.issued), 0.0f, 1.0f) : 0;
    std::string name = s.user_session ? "session token" : s.session_name;
    ImGui::BeginGroup();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 col = expired ? p.denied : frac < 0.15f ? p.warning : p.allowed;
    const float label_h = ImGui::GetTextLineHeight();
    std::string text = name + "  " + (expired ? std::string("expired") : format_duration(left - left % 60000 + (left % 60000 ? 60000 : 0)));
    dl->AddText(pos, expired ? p.denied : p.text, text.c_str());
    float y = pos.y + label_h + 1;
    dl->AddRectFilled(ImVec2(pos.x, y), ImVec2(pos.x + bar_w, y + bar_h), p.code_bg, bar_h * 0.5f);
    dl->AddRectFilled(ImVec2(pos.x, y), ImVec2(pos.x + bar_w * (expired ? 1.0f : frac), y + bar_h), col, bar_h * 0.5f);
    ImGui::Dummy(ImVec2(std::max(bar_w, ImGui::CalcTextSize(text.c_str()).x), label_h + bar_h + 2));
    ImGui::EndGroup();
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s\nrole %s\nissued %s\nexpires %s%s", s.arn.c_str(), s.role_name.c_str(), format_iso8601(s.issued).c_str(),
                        format_iso8601(s.expires).c_str(), expired ? "\nexpired: calls with it fail with ExpiredToken" : "");
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace rolelab::ui
