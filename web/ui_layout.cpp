// The window's layout, the theme (dark and high contrast), fonts at the
// presenter scale, the menu, shortcuts and the helpers every panel shares.
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <filesystem>

#include "account_view.h"
#include "ui.h"
#include "ui_account.h"

#if __has_include("ui_diagram.h")
#include "ui_diagram.h"
#define ROLELAB_HAVE_DIAGRAM 1
#else
#define ROLELAB_HAVE_DIAGRAM 0
#endif

namespace rolelab::ui {

namespace {

constexpr Palette kDark{
    IM_COL32(216, 219, 226, 255),  // text
    IM_COL32(138, 145, 158, 255),  // muted
    IM_COL32(88, 95, 108, 255),    // faint
    IM_COL32(76, 141, 255, 255),   // accent
    IM_COL32(76, 141, 255, 40),    // accent_soft
    IM_COL32(63, 185, 80, 255),    // allowed
    IM_COL32(248, 81, 73, 255),    // denied
    IM_COL32(210, 153, 34, 255),   // warning
    IM_COL32(40, 44, 54, 255),     // code_bg
    IM_COL32(230, 180, 120, 255),  // code_text
    IM_COL32(27, 30, 36, 255),     // panel
    IM_COL32(22, 24, 29, 255),     // panel_alt
    IM_COL32(46, 51, 61, 255),     // border
    IM_COL32(110, 168, 255, 255),  // link
    IM_COL32(76, 141, 255, 70),    // selection
    IM_COL32(255, 255, 255, 255),  // on_accent
};

constexpr Palette kHighContrast{
    IM_COL32(255, 255, 255, 255), IM_COL32(225, 225, 225, 255), IM_COL32(170, 170, 170, 255),
    IM_COL32(255, 212, 0, 255),   IM_COL32(255, 212, 0, 60),    IM_COL32(0, 255, 120, 255),
    IM_COL32(255, 96, 96, 255),   IM_COL32(255, 212, 0, 255),   IM_COL32(30, 30, 30, 255),
    IM_COL32(255, 230, 140, 255), IM_COL32(0, 0, 0, 255),       IM_COL32(0, 0, 0, 255),
    IM_COL32(255, 255, 255, 255), IM_COL32(120, 200, 255, 255), IM_COL32(255, 212, 0, 90),
    IM_COL32(0, 0, 0, 255),
};

const Palette* g_palette = &kDark;

void apply_style(const app::App& app) {
  ImGuiStyle base;
  ImGui::StyleColorsDark(&base);
  const Palette& p = *g_palette;
  ImVec4* c = base.Colors;
  auto set = [&](ImGuiCol i, ImU32 v) { c[i] = col4(v); };
  const bool hc = app.high_contrast;
  set(ImGuiCol_Text, p.text);
  set(ImGuiCol_TextDisabled, p.faint);
  set(ImGuiCol_WindowBg, hc ? IM_COL32(0, 0, 0, 255) : IM_COL32(18, 20, 24, 255));
  set(ImGuiCol_ChildBg, p.panel);
  set(ImGuiCol_PopupBg, hc ? IM_COL32(0, 0, 0, 250) : IM_COL32(31, 35, 42, 250));
  set(ImGuiCol_Border, p.border);
  set(ImGuiCol_BorderShadow, IM_COL32(0, 0, 0, 0));
  set(ImGuiCol_FrameBg, hc ? IM_COL32(20, 20, 20, 255) : IM_COL32(36, 40, 48, 255));
  set(ImGuiCol_FrameBgHovered, hc ? IM_COL32(50, 50, 50, 255) : IM_COL32(44, 49, 58, 255));
  set(ImGuiCol_FrameBgActive, hc ? IM_COL32(70, 70, 70, 255) : IM_COL32(51, 57, 69, 255));
  set(ImGuiCol_MenuBarBg, hc ? IM_COL32(0, 0, 0, 255) : IM_COL32(14, 16, 19, 255));
  set(ImGuiCol_Button, hc ? IM_COL32(25, 25, 25, 255) : IM_COL32(42, 47, 56, 255));
  set(ImGuiCol_ButtonHovered, hc ? IM_COL32(70, 60, 0, 255) : IM_COL32(52, 58, 69, 255));
  set(ImGuiCol_ButtonActive, hc ? IM_COL32(110, 90, 0, 255) : IM_COL32(61, 68, 82, 255));
  set(ImGuiCol_Header, hc ? IM_COL32(60, 50, 0, 255) : IM_COL32(38, 50, 72, 255));
  set(ImGuiCol_HeaderHovered, hc ? IM_COL32(90, 75, 0, 255) : IM_COL32(45, 60, 88, 255));
  set(ImGuiCol_HeaderActive, hc ? IM_COL32(120, 100, 0, 255) : IM_COL32(52, 70, 104, 255));
  set(ImGuiCol_Tab, hc ? IM_COL32(0, 0, 0, 255) : IM_COL32(27, 30, 36, 255));
  set(ImGuiCol_TabHovered, hc ? IM_COL32(90, 75, 0, 255) : IM_COL32(45, 60, 88, 255));
  set(ImGuiCol_TabActive, hc ? IM_COL32(60, 50, 0, 255) : IM_COL32(38, 50, 72, 255));
  set(ImGuiCol_TabUnfocused, c[ImGuiCol_Tab].x >= 0 ? ImGui::ColorConvertFloat4ToU32(c[ImGuiCol_Tab]) : p.panel);
  set(ImGuiCol_TabUnfocusedActive, hc ? IM_COL32(60, 50, 0, 255) : IM_COL32(38, 50, 72, 255));
  set(ImGuiCol_CheckMark, p.accent);
  set(ImGuiCol_SliderGrab, p.accent);
  set(ImGuiCol_SliderGrabActive, p.accent);
  set(ImGuiCol_Separator, p.border);
  set(ImGuiCol_SeparatorHovered, p.accent);
  set(ImGuiCol_ScrollbarBg, IM_COL32(0, 0, 0, 0));
  set(ImGuiCol_ScrollbarGrab, hc ? IM_COL32(200, 200, 200, 255) : IM_COL32(52, 57, 67, 255));
  set(ImGuiCol_TextSelectedBg, p.selection);
  set(ImGuiCol_PlotHistogram, p.accent);
  set(ImGuiCol_TableHeaderBg, hc ? IM_COL32(30, 30, 30, 255) : IM_COL32(33, 37, 45, 255));
  set(ImGuiCol_TableBorderLight, p.border);
  set(ImGuiCol_TableBorderStrong, p.border);
  set(ImGuiCol_TableRowBgAlt, hc ? IM_COL32(20, 20, 20, 255) : IM_COL32(255, 255, 255, 6));
  base.WindowRounding = 0;
  base.ChildRounding = 6;
  base.FrameRounding = 4;
  base.PopupRounding = 6;
  base.GrabRounding = 4;
  base.TabRounding = 4;
  base.ScrollbarRounding = 6;
  base.WindowPadding = ImVec2(10, 8);
  base.FramePadding = ImVec2(8, 4);
  base.ItemSpacing = ImVec2(8, 6);
  base.ItemInnerSpacing = ImVec2(6, 4);
  base.ScrollbarSize = 12;
  base.ChildBorderSize = hc ? 2.0f : 1.0f;
  base.FrameBorderSize = hc ? 1.0f : 0.0f;
  base.WindowBorderSize = 0;
  base.TabBorderSize = 0;
  base.SeparatorTextBorderSize = 1;
  base.ScaleAllSizes(app.scale * app.pixel_ratio);
  ImGui::GetStyle() = base;
}

// The UI's glyphs: Latin-1, punctuation (dashes, quotes, bullet, ellipsis), arrows, minus.
// The browser build embeds fonts cut down to these (web/CMakeLists.txt, subset_unicodes): keep both the same.
const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2190, 0x2193, 0x2212, 0x2212, 0};
// Roboto has no arrows (U+2190..2193: "alice → role Auditor"): they come from JetBrains Mono, merged in.
const ImWchar kArrows[] = {0x2190, 0x2193, 0};

void* add_font(const std::string& path, float size, const std::string& arrows_from = "") {
  ImGuiIO& io = ImGui::GetIO();
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return nullptr;
  // Glyphs snapped to whole pixels, rasterised once (no horizontal
  // oversampling): the fonts are already rasterised at the screen's device
  // pixels (pixel_ratio), and the atlas build is half the work at start
  // (stb_truetype's rasterising was about a fifth of main() in the browser).
  ImFontConfig cfg;
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  ImFont* font = io.Fonts->AddFontFromFileTTF(path.c_str(), size, &cfg, kRanges);
  if (font && !arrows_from.empty() && std::filesystem::exists(arrows_from, ec)) {
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.OversampleH = 1;
    merge.OversampleV = 1;
    merge.PixelSnapH = true;
    merge.GlyphMinAdvanceX = size * 0.6f;
    io.Fonts->AddFontFromFileTTF(arrows_from.c_str(), size * 0.95f, &merge, kArrows);
  }
  return font;
}

void build_fonts(app::App& app, const std::string& dir, float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const std::string mono = dir.empty() ? "" : dir + "/JetBrainsMono-Regular.ttf";
  app.fonts.body = add_font(dir.empty() ? "" : dir + "/Roboto-Regular.ttf", 16.0f * scale, mono);
  if (!app.fonts.body) {
    ImFontConfig cfg;
    cfg.SizePixels = 13.0f * scale;
    app.fonts.body = io.Fonts->AddFontDefault(&cfg);
  }
  app.fonts.bold = add_font(dir.empty() ? "" : dir + "/Roboto-Medium.ttf", 16.0f * scale, mono);
  app.fonts.heading = add_font(dir.empty() ? "" : dir + "/Roboto-Medium.ttf", 21.0f * scale, mono);
  app.fonts.mono = add_font(mono, 14.5f * scale);
  io.FontDefault = static_cast<ImFont*>(app.fonts.body);
  io.Fonts->Build();
}

void open_lesson_file(app::App& app, const std::string& path) {
  std::string error;
  if (app::open_lesson_path(app, path, error)) {
    app.open_dialog = false;
    app.status = "Opened " + path;
  } else if (app.lesson_errors_name == path) {
    app.status = "Cannot open " + path;  // why: the lesson errors panel
  }
}

void copy_text(app::App& app, const std::string& text) {
  if (app.set_clipboard) app.set_clipboard(text);
  else ImGui::SetClipboardText(text.c_str());
}

void menu_bar(app::App& app) {
  if (!ImGui::BeginMenuBar()) return;
  push_font(app.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
  ImGui::TextUnformatted("RoleLab");
  ImGui::PopStyleColor();
  pop_font(app.fonts.bold);
  ImGui::Spacing();
  std::string err;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open lesson...", "Ctrl+O")) app.open_dialog = true;
    if (ImGui::MenuItem("Open your account...")) app.account_dialog = true;  // ui_account.cpp
    if (app.account && ImGui::MenuItem("Your account: list and report", nullptr, app.account->open))
      app.account->open = !app.account->open;
    if (ImGui::MenuItem("Copy link to this step", nullptr, false, app.run() != nullptr)) {
      copy_text(app, "#" + app::location_fragment(app));
      app.status = "Link copied: #" + app::location_fragment(app);
    }
    if (ImGui::MenuItem("Copy share link (with your edits)", nullptr, false, app.run() != nullptr)) {
      std::string f = app::share_fragment(app);
      if (app.share) {
        app.share(f);
      } else {
        copy_text(app, "#" + f);
        app.status = "Share link copied (" + std::to_string(f.size() + 1) + " characters)";
      }
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Reset this step", "R", false, app.run() != nullptr)) app::reset_step(app, err);
    if (ImGui::MenuItem("Restart lesson", nullptr, false, app.run() != nullptr)) app::restart_lesson(app, err);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Presenter mode", nullptr, app.presenter)) {
      app.presenter = !app.presenter;
      app.scale = app.presenter ? std::max(app.scale, 1.5f) : 1.0f;
      app.hide_solutions = app.presenter;
    }
    if (ImGui::MenuItem("Zoom in", "Ctrl +")) app.scale = std::min(3.0f, app.scale + 0.125f);
    if (ImGui::MenuItem("Zoom out", "Ctrl -")) app.scale = std::max(0.75f, app.scale - 0.125f);
    if (ImGui::MenuItem("Actual size", "Ctrl 0")) app.scale = 1.0f;
    ImGui::Separator();
    ImGui::MenuItem("High contrast", nullptr, &app.high_contrast);
    ImGui::MenuItem("Hide solution buttons", nullptr, &app.hide_solutions);
    if (app.presenter) ImGui::MenuItem("Course navigator in presenter mode", nullptr, &app.presenter_course);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts")) app.show_shortcuts = true;
    if (ImGui::MenuItem("IAM roles (AWS documentation)"))
      open_link(app, "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html");
    ImGui::EndMenu();
  }
  if (app.presenter) {
    ImGui::SameLine(0, 24);
    badge("PRESENTER", palette().accent_soft, palette().accent);
  }
  ImGui::EndMenuBar();
}

void open_dialog(app::App& app) {
  if (app.open_dialog) ImGui::OpenPopup("Open lesson");
  const float F = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(F * 34, 0), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal("Open lesson", &app.open_dialog, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextWrapped("A lesson file (format 2, see lessons/README.md). An invalid lesson shows its errors here.");
    ImGui::SetNextItemWidth(-F * 6);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool enter = ImGui::InputTextWithHint("##path", "/path/to/lesson.json", &app.open_path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button("Open", ImVec2(-1, 0)) || enter) open_lesson_file(app, app.open_path);
    if (!app.lesson_errors.empty()) {
      ImGui::Spacing();
      text_colored_wrapped(palette().denied, (app.lesson_errors_name + " is not a valid lesson:").c_str());
      for (const std::string& e : app.lesson_errors) text_colored_wrapped(palette().text, e.c_str());
    }
    if (!app.open_dialog) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

// An invalid custom lesson: each validation error with the file, the path into it,
// line:column and the message, readable (the status bar only has room for a line).
void lesson_errors_window(app::App& app) {
  if (app.lesson_errors.empty()) return;
  const Palette& p = palette();
  const float F = ImGui::GetFontSize();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float w = std::min(F * 42.0f, vp->WorkSize.x - F * 2);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.3f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.3f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->WorkSize.y * 0.8f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_PopupBg));
  ImGui::PushStyleColor(ImGuiCol_Border, p.denied);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(F, F * 0.8f));
  bool open = true;
  const bool visible = ImGui::Begin("Invalid lesson###lesson-errors", &open,
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
  if (visible) {
    push_font(app.fonts.heading);
    ImGui::PushStyleColor(ImGuiCol_Text, p.denied);
    ImGui::TextWrapped("%s is not a valid lesson", app.lesson_errors_name.c_str());
    ImGui::PopStyleColor();
    pop_font(app.fonts.heading);
    text_colored_wrapped(p.muted, "Nothing was opened. Fix the file (the format is in lessons/README.md) and open it again.");
    ImGui::Spacing();
    auto field = [&](const char* label, const std::string& value) {
      ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
      ImGui::TextUnformatted(label);
      ImGui::PopStyleColor();
      ImGui::SameLine(F * 6.5f);
      push_font(app.fonts.mono);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(value.c_str());
      ImGui::PopTextWrapPos();
      pop_font(app.fonts.mono);
    };
    if (!app.lesson_diagnostics.empty()) {
      for (const Diagnostic& d : app.lesson_diagnostics) {
        ImGui::Separator();
        field("File", app.lesson_errors_name);
        field("Path", d.path.empty() ? std::string("(the whole file)") : d.path);
        field("Line", d.line > 0 ? std::to_string(d.line) + ":" + std::to_string(d.column) : std::string("-"));
        field("Error", d.code);
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(d.message.c_str());
        ImGui::PopTextWrapPos();
        if (!d.help.empty()) text_colored_wrapped(p.muted, d.help.c_str());
      }
    } else {
      ImGui::Separator();
      field("File", app.lesson_errors_name);
      for (const std::string& e : app.lesson_errors) text_colored_wrapped(p.text, e.c_str());
    }
    ImGui::Separator();
    if (ImGui::Button("Dismiss")) open = false;
    ImGui::SameLine();
    if (ImGui::Button("Copy errors")) {
      std::string all = app.lesson_errors_name + " is not a valid lesson:\n";
      for (const std::string& e : app.lesson_errors) all += "  " + e + "\n";
      if (app.set_clipboard) app.set_clipboard(all);
      else ImGui::SetClipboardText(all.c_str());
      app.status = "Errors copied";
    }
  }
  ImGui::End();
  if (!open) {
    app.lesson_errors.clear();
    app.lesson_diagnostics.clear();
  }
}

void shortcuts_window(app::App& app) {
  if (app.show_shortcuts) ImGui::OpenPopup("Keyboard shortcuts");
  if (ImGui::BeginPopupModal("Keyboard shortcuts", &app.show_shortcuts,
                             ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    const char* rows[][2] = {{"Left / Right", "previous / next step"}, {"R", "reset the step (presenter mode)"},
                             {"Ctrl + / Ctrl -", "zoom in / out"},     {"Ctrl 0", "actual size"},
                             {"Ctrl O", "open a lesson file"},         {"Up / Down", "console history"},
                             {"Tab", "complete a console command or flag"}};
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
      for (auto& r : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        push_font(app.fonts.mono);
        ImGui::TextUnformatted(r[0]);
        pop_font(app.fonts.mono);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r[1]);
      }
      ImGui::EndTable();
    }
    if (!app.show_shortcuts) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

// A bordered panel with a header; returns after BeginChild (call EndChild).
void begin_panel(const char* id, ImVec2 size) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImGui::GetStyle().WindowPadding);
  ImGui::BeginChild(id, size, ImGuiChildFlags_Border, ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
}

void outcome_banner(app::App& app, float height) {
  const Palette& p = palette();
  const bool ok = app.outcome.ok;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ok ? IM_COL32(20, 60, 32, 255) : IM_COL32(80, 24, 24, 255));
  ImGui::PushStyleColor(ImGuiCol_Border, ok ? p.allowed : p.denied);
  ImGui::BeginChild("banner", ImVec2(0, height), ImGuiChildFlags_Border, ImGuiWindowFlags_NoScrollbar);
  push_font(app.fonts.heading);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  ImGui::TextWrapped("%s", app.outcome.sentence.c_str());
  ImGui::PopStyleColor();
  pop_font(app.fonts.heading);
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

void status_bar(app::App& app) {
  const Palette& p = palette();
  char right[200];
  if (app.shown_frame_ms < 0 || app.frames % 60 == 0) app.shown_frame_ms = app::frame_ms_median(app);
  std::snprintf(right, sizeof right, "#%s   %.2f ms", app::location_fragment(app).c_str(), app.shown_frame_ms);
  const float right_w = ImGui::CalcTextSize(right).x;
  const float right_x = ImGui::GetWindowContentRegionMax().x - right_w;
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
  if (const course::LessonRun* run = app.run()) {
    ImGui::Text("step %zu of %zu  \xC2\xB7  %zu done", run->step() + 1, run->lesson().steps.size(), run->steps_done());
  } else {
    ImGui::TextUnformatted("No lesson open");
  }
  ImGui::PopStyleColor();
  const std::string& text = !app.outcome.sentence.empty() && !app.presenter ? app.outcome.sentence : app.status;
  if (!text.empty()) {
    ImGui::SameLine(0, 16);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float max_x = ImGui::GetWindowPos().x + right_x - 16;
    if (&text == &app.outcome.sentence) {
      const float r = ImGui::GetTextLineHeight() * 0.22f;
      ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + r, pos.y + ImGui::GetTextLineHeight() * 0.5f), r,
                                                  app.outcome.ok ? p.allowed : p.denied);
      pos.x += r * 2 + 6;
    }
    if (max_x > pos.x + 20) {
      // One line, clipped to the room left of the fragment and ellipsized (a message with
      // line breaks would otherwise draw below the bar and over the right-hand text).
      std::string line(text);
      std::replace_if(line.begin(), line.end(), [](char ch) { return ch == '\n' || ch == '\r' || ch == '\t'; }, ' ');
      const float line_h = ImGui::GetTextLineHeight();
      ImGui::PushStyleColor(ImGuiCol_Text, &text == &app.outcome.sentence ? p.text : p.muted);
      ImGui::PushClipRect(ImVec2(pos.x, pos.y), ImVec2(max_x, pos.y + line_h), true);
      ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), pos, ImVec2(max_x, pos.y + line_h), max_x, max_x,
                                line.c_str(), line.c_str() + line.size(), nullptr);
      ImGui::PopClipRect();
      ImGui::PopStyleColor();
      ImGui::Dummy(ImVec2(max_x - pos.x, line_h));
      if (ImGui::IsItemHovered()) {
        ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(ImGui::GetFontSize() * 40, FLT_MAX));
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 38);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
    }
  }
  ImGui::SameLine(right_x);
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
  ImGui::TextUnformatted(right);
  ImGui::PopStyleColor();
}

void work_tabs(app::App& app) {
  const char* names[app::kTabCount] = {"Policy editor", "Attempt", "Console", "Events"};
  const int order[app::kTabCount] = {app::kTabEditor, app::kTabAttempt, app::kTabConsole, app::kTabEvents};
  if (!ImGui::BeginTabBar("work", ImGuiTabBarFlags_FittingPolicyScroll)) return;
  for (int k : order) {
    ImGuiTabItemFlags f = app.tab_request == k ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(names[k], nullptr, f)) {
      app.tab = k;
      ImGui::EndTabItem();
    }
  }
  if (app.tab_request == app.tab) app.tab_request = -1;
  ImGui::EndTabBar();
  ImGui::BeginChild("tab-body", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NoSavedSettings);
  switch (app.tab) {
    case app::kTabAttempt: attempt_panel(app); break;
    case app::kTabConsole: console_panel(app); break;
    case app::kTabEvents: events_panel(app); break;
    default: policy_editor_panel(app); break;
  }
  ImGui::EndChild();
}

void diagram_area(app::App& app) {
#if ROLELAB_HAVE_DIAGRAM
  diagram_panel(app);
#else
  // Placeholder until ui_diagram.cpp lands: who-can-assume as text.
  panel_header(app, "World", "who can wear which hat");
  const app::App::Cache& c = app::cache(app);
  if (c.edge_lines.empty()) ImGui::TextDisabled("No trust edges yet.");
  for (const std::string& l : c.edge_lines) {
    bool ok = l.find(": allowed") != std::string::npos;
    status_icon(ok);
    ImGui::SameLine();
    ImGui::TextUnformatted(l.c_str());
  }
#endif
}

// Applies the step's focus (which tab, which policy) once when a step is entered.
void apply_focus(app::App& app) {
  course::LessonRun* run = app.run();
  if (!run) return;
  if (app.focus_run == run && app.focus_step == run->step()) return;
  app.focus_run = run;
  app.focus_step = run->step();
  const std::string& f = run->lesson().steps[run->step()].focus;
  if (app.tab_request >= 0) return;  // a command asked for a tab: it wins
  if (f == "attempt") app.tab_request = app::kTabAttempt;
  else if (f == "console") app.tab_request = app::kTabConsole;
  else if (f == "events") app.tab_request = app::kTabEvents;
  else if (f.rfind("policy:", 0) == 0) app.tab_request = app::kTabEditor, app.editor_request = f.substr(7);
}

}  // namespace

const Palette& palette() { return *g_palette; }
ImVec4 col4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

void push_accent_button() {
  const Palette& p = palette();
  const bool hc = &p == &kHighContrast;
  ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hc ? IM_COL32(255, 232, 110, 255) : IM_COL32(104, 160, 255, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, hc ? IM_COL32(230, 190, 0, 255) : IM_COL32(56, 118, 230, 255));
  ImGui::PushStyleColor(ImGuiCol_Text, p.on_accent);
}
void pop_accent_button() { ImGui::PopStyleColor(4); }

void push_font(void* font) {
  if (font) ImGui::PushFont(static_cast<ImFont*>(font));
}
void pop_font(void* font) {
  if (font) ImGui::PopFont();
}

void panel_header(app::App& app, const char* title, const char* subtitle) {
  push_font(app.fonts.bold);
  ImGui::TextUnformatted(title);
  pop_font(app.fonts.bold);
  if (subtitle && *subtitle) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextUnformatted(subtitle);
    ImGui::PopStyleColor();
  }
  ImVec2 a = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, a.y), ImVec2(a.x + w, a.y), palette().border);
  ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 0.5f));
}

void text_colored_wrapped(ImU32 color, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

std::string break_lines(const std::string& text, float width) {
  if (text.find('\n') != std::string::npos) return text;
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  std::string out;
  const char* s = text.data();
  const char* const end = s + text.size();
  while (s < end) {
    // ImGui's own break for this line (one pass, as its wrapped text makes).
    const char* brk = font->CalcWordWrapPositionA(scale, s, end, width);
    if (brk <= s) brk = s + 1;
    if (brk < end && brk[-1] != ' ' && *brk != ' ') {
      // Cut between two letters of a word longer than the line: after its
      // last ':' or '/' on this line instead, when it has one.
      const char* word = brk;
      while (word > s && word[-1] != ' ') --word;
      const char* after = nullptr;
      for (const char* q = word; q + 1 < brk; ++q)
        if (*q == ':' || *q == '/') after = q + 1;
      if (after) brk = after;
    }
    out.append(s, brk);
    s = brk;
    while (s < end && *s == ' ') ++s;
    if (s < end) out += '\n';
  }
  return out;
}

void badge(const char* text, ImU32 bg, ImU32 fg) {
  ImVec2 size = ImGui::CalcTextSize(text);
  const float px = ImGui::GetFontSize() * 0.4f, py = ImGui::GetFontSize() * 0.1f;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x + 2 * px, pos.y + size.y + 2 * py), bg, ImGui::GetFontSize() * 0.3f);
  dl->AddText(ImVec2(pos.x + px, pos.y + py), fg, text);
  ImGui::Dummy(ImVec2(size.x + 2 * px, size.y + 2 * py));
}

void status_icon(bool done, bool failed) {
  const float h = ImGui::GetTextLineHeight();
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Palette& pal = palette();
  ImVec2 c(p.x + h * 0.5f, p.y + h * 0.5f);
  float r = h * 0.36f;
  if (done) {
    dl->AddCircleFilled(c, r, pal.allowed, 16);
    ImGui::RenderCheckMark(dl, ImVec2(c.x - r * 0.6f, c.y - r * 0.6f), IM_COL32(10, 30, 14, 255), r * 1.2f);
  } else if (failed) {
    dl->AddCircle(c, r, pal.denied, 16, 1.5f);
    dl->AddLine(ImVec2(c.x - r * 0.45f, c.y - r * 0.45f), ImVec2(c.x + r * 0.45f, c.y + r * 0.45f), pal.denied, 1.5f);
    dl->AddLine(ImVec2(c.x - r * 0.45f, c.y + r * 0.45f), ImVec2(c.x + r * 0.45f, c.y - r * 0.45f), pal.denied, 1.5f);
  } else {
    dl->AddCircle(c, r, pal.faint, 16, 1.5f);
  }
  ImGui::Dummy(ImVec2(h, h));
}

void open_link(app::App& app, const std::string& url) {
  if (app.open_url) app.open_url(url);
  app.status = "Opened " + url;
}

void error_panel(const app::App& app) {
  text_colored_wrapped(palette().denied, "RoleLab hit an internal error and stopped this view.");
  ImGui::TextWrapped("%s", app.fatal_error.c_str());
  ImGui::Spacing();
  ImGui::TextWrapped("Your edits are kept. Reload the page (or restart the app) to continue.");
}

bool prepare_frame(app::App& app, const std::string& fonts_dir) {
  app.scale = std::clamp(app.scale, 0.75f, 3.0f);
  const int theme = app.high_contrast ? 1 : 0;
  g_palette = theme ? &kHighContrast : &kDark;
  bool rebuilt = false;
  const float scale = app.scale * std::max(0.5f, app.pixel_ratio);
  if (app.built_scale != scale) {
    build_fonts(app, fonts_dir, scale);
    rebuilt = true;
  }
  if (rebuilt || app.built_theme != theme) {
    apply_style(app);
    app.built_theme = theme;
  }
  app.built_scale = scale;
  return rebuilt;
}

void update(app::App& app, double real_seconds) {
  app::tick_clock(app, real_seconds);
  // Lessons not opened yet are validated in the background, one a frame, after the first frame.
  if (app.frames > 0) app::parse_next_lesson(app);
  if (course::LessonRun* run = app.run(); run && app.clock_playing && app.clock_carry_ms > 0) {
    (void)run;  // checks are re-evaluated by the run when the carry is handed over
  }
  ImGuiIO& io = ImGui::GetIO();
  std::string err;
  if (io.KeyCtrl) {
    if (ImGui::IsKeyPressed(ImGuiKey_Equal) || ImGui::IsKeyPressed(ImGuiKey_KeypadAdd))
      app.scale = std::min(3.0f, app.scale + 0.125f);
    if (ImGui::IsKeyPressed(ImGuiKey_Minus) || ImGui::IsKeyPressed(ImGuiKey_KeypadSubtract))
      app.scale = std::max(0.75f, app.scale - 0.125f);
    if (ImGui::IsKeyPressed(ImGuiKey_0)) app.scale = 1.0f;
    if (ImGui::IsKeyPressed(ImGuiKey_O, false)) app.open_dialog = true;
  } else if (!io.WantTextInput && !ImGui::IsAnyItemActive() && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopup)) {
    if (app.diagram_maximised && ImGui::IsKeyPressed(ImGuiKey_Escape, false)) app.diagram_maximised = false;
    if (ImGui::IsKeyPressed(ImGuiKey_RightArrow, false)) app::next_step(app, err);
    if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow, false)) app::prev_step(app, err);
    if (app.presenter && ImGui::IsKeyPressed(ImGuiKey_R, false)) app::reset_step(app, err);
  }
}

namespace {

// The lesson's panels: navigator, narrative, and in the right column the world
// diagram over the work tabs.
void panels(app::App& app, ImVec2 avail, float body_h) {
  const float F = ImGui::GetFontSize();
  const ImGuiStyle& st = ImGui::GetStyle();
  const bool show_nav = !app.presenter || app.presenter_course;
  const float nav_w = std::clamp(avail.x * 0.18f, F * 12.0f, F * 20.0f);
  const float nar_w = std::clamp(avail.x * (show_nav ? 0.30f : 0.36f), F * 18.0f, F * 34.0f);

  if (show_nav) {
    begin_panel("navigator", ImVec2(nav_w, body_h));
    navigator_panel(app);
    ImGui::EndChild();
    ImGui::SameLine();
  }
  begin_panel("narrative", ImVec2(nar_w, body_h));
  narrative_panel(app);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginGroup();
  // An opened account's diagram has filter rows above its picture and many
  // more nodes: it gets most of the column's height.
  const bool account_shown = app.account && app.account->in_diagram;
  const float dia_h = std::floor(body_h * (account_shown ? 0.62f : app.presenter ? 0.40f : 0.44f));
  begin_panel("diagram", ImVec2(0, dia_h));
  diagram_area(app);
  ImGui::EndChild();
  begin_panel("work", ImVec2(0, body_h - dia_h - st.ItemSpacing.y));
  work_tabs(app);
  ImGui::EndChild();
  ImGui::EndGroup();
}

}  // namespace

void draw(app::App& app) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_MenuBar;
  ImGui::Begin("RoleLab", nullptr, flags);
  menu_bar(app);
  if (!app.fatal_error.empty()) {
    error_panel(app);
    ImGui::End();
    return;
  }
  if (app.lessons.empty() && !app.run()) {
    panel_header(app, "No lessons", "lessons/ is empty or every file failed to load");
    for (const std::string& e : app.load_errors) text_colored_wrapped(palette().denied, e.c_str());
    open_dialog(app);
    ImGui::End();
    lesson_errors_window(app);
    return;
  }
  if (!app.run()) {
    std::string err;
    app::open_lesson(app, app.current, err);
  }
  apply_focus(app);

  const float F = ImGui::GetFontSize();
  const ImGuiStyle& st = ImGui::GetStyle();
  // Clock bar.
  begin_panel("clock", ImVec2(0, F * 2.0f + st.WindowPadding.y * 2));
  clock_bar(app);
  ImGui::EndChild();
  // The outcome banner (presenter mode: large, for the class to read).
  if (app.presenter && !app.outcome.sentence.empty()) {
    push_font(app.fonts.heading);
    const float wrap = ImGui::GetContentRegionAvail().x - st.WindowPadding.x * 2;
    const float text_h = std::min(ImGui::CalcTextSize(app.outcome.sentence.c_str(), nullptr, false, wrap).y,
                                  ImGui::GetTextLineHeightWithSpacing() * 3);
    pop_font(app.fonts.heading);
    outcome_banner(app, text_h + st.WindowPadding.y * 2 + 4);
  }

  const float status_h = ImGui::GetTextLineHeight() + st.ItemSpacing.y;
  ImVec2 avail = ImGui::GetContentRegionAvail();
  const float body_h = std::max(100.0f, avail.y - status_h);
  if (app.diagram_maximised) {
    // The picture alone (the header's Restore button or Escape brings the panels back).
    begin_panel("diagram", ImVec2(0, body_h));
    diagram_area(app);
    ImGui::EndChild();
  } else {
    panels(app, avail, body_h);
  }
  status_bar(app);

  open_dialog(app);
  shortcuts_window(app);
  account_dialog(app);
  ImGui::End();
  lesson_errors_window(app);
  account_window(app);
}

}  // namespace rolelab::ui
