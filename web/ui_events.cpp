// The event log: the simulator's CloudTrail-shaped events, newest first,
// filterable by text (event name, identity, error code, source) and by
// failures only; a selected event shows its whole record.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cctype>

#include "eval/explain.h"
#include "ui.h"

namespace rolelab::ui {

namespace {

struct Row {
  std::size_t index;
  std::string time, source, name, who, error;
};

struct EventsCache {
  const void* run = nullptr;
  std::size_t count = ~std::size_t(0);
  std::uint64_t version = ~0ull;
  std::string filter;
  bool errors_only = false;
  std::vector<Row> rows;  // filtered, newest first
  int detail_for = -1;
  std::string detail;
} g_cache;

std::string str(const nlohmann::ordered_json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void refresh(app::App& app, const course::LessonRun& run) {
  const auto& events = run.sim().events;
  if (g_cache.run == &run && g_cache.count == events.size() && g_cache.version == run.version() && g_cache.filter == app.events_filter &&
      g_cache.errors_only == app.events_errors_only)
    return;
  g_cache.run = &run;
  g_cache.count = events.size();
  g_cache.version = run.version();
  g_cache.filter = app.events_filter;
  g_cache.errors_only = app.events_errors_only;
  g_cache.rows.clear();
  g_cache.detail_for = -1;
  const std::string f = lower(app.events_filter);
  for (std::size_t k = events.size(); k-- > 0;) {
    const auto& e = events[k];
    Row r;
    r.index = k;
    r.time = str(e, "eventTime");
    if (r.time.size() >= 19) r.time = r.time.substr(11, 8);
    r.source = str(e, "eventSource");
    if (auto dot = r.source.find('.'); dot != std::string::npos) r.source.resize(dot);
    r.name = str(e, "eventName");
    if (auto id = e.find("userIdentity"); id != e.end() && id->is_object()) {
      r.who = str(*id, "arn");
      if (r.who.empty()) r.who = str(*id, "invokedBy");
      if (r.who.empty()) r.who = str(*id, "identityProvider");
      if (r.who.empty()) r.who = str(*id, "type");
    }
    r.error = str(e, "errorCode");
    if (app.events_errors_only && r.error.empty()) continue;
    if (!f.empty() && lower(r.name + " " + r.who + " " + r.error + " " + r.source).find(f) == std::string::npos) continue;
    g_cache.rows.push_back(std::move(r));
  }
}

}  // namespace

void events_panel(app::App& app) {
  course::LessonRun* run = app.run();
  if (!run) return;
  const Palette& p = palette();
  const float F = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(F * 16);
  ImGui::InputTextWithHint("##filter", "filter: AssumeRole, alice, AccessDenied...", &app.events_filter);
  ImGui::SameLine();
  ImGui::Checkbox("failures only", &app.events_errors_only);
  refresh(app, *run);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%zu of %zu events, newest first", g_cache.rows.size(), run->sim().events.size());
  if (app.events_selected >= static_cast<int>(run->sim().events.size())) app.events_selected = -1;
  const float detail_h = app.events_selected >= 0 ? ImGui::GetContentRegionAvail().y * 0.45f : 0;
  ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                       ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("events", 5, tf, ImVec2(0, -detail_h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, F * 4.6f);
    ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthFixed, F * 4.0f);
    ImGui::TableSetupColumn("Event", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Identity", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Result", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(g_cache.rows.size()));
    while (clip.Step()) {
      for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
        const Row& r = g_cache.rows[static_cast<std::size_t>(k)];
        ImGui::PushID(static_cast<int>(r.index));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (ImGui::Selectable(r.time.c_str(), app.events_selected == static_cast<int>(r.index), ImGuiSelectableFlags_SpanAllColumns))
          app.events_selected = app.events_selected == static_cast<int>(r.index) ? -1 : static_cast<int>(r.index);
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", r.source.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.who.c_str());
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, r.error.empty() ? p.allowed : p.denied);
        ImGui::TextUnformatted(r.error.empty() ? "success" : r.error.c_str());
        ImGui::PopStyleColor();
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  if (run->sim().events.empty()) ImGui::TextDisabled("No events yet: attempts and console commands are recorded here.");
  if (app.events_selected >= 0) {
    if (g_cache.detail_for != app.events_selected) {
      g_cache.detail_for = app.events_selected;
      g_cache.detail = dump_ordered(run->sim().events[static_cast<std::size_t>(app.events_selected)], 2);
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.panel_alt);
    ImGui::BeginChild("event-detail", ImVec2(0, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_HorizontalScrollbar);
    push_font(app.fonts.mono);
    ImGui::TextUnformatted(g_cache.detail.data(), g_cache.detail.data() + g_cache.detail.size());
    pop_font(app.fonts.mono);
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
}

}  // namespace rolelab::ui
