// The lesson runner's Dear ImGui UI, one file per panel. Each panel draws
// from the App and changes it only through the commands in app.h (or the
// current LessonRun's own actions, which log themselves).
#pragma once

#include <imgui.h>

#include <string>

#include "app.h"

namespace rolelab::ui {

// The whole window (ui_layout.cpp): menu, clock bar, navigator, narrative,
// diagram, the editor/attempt/console/events tabs and the status bar.
void draw(app::App& app);
// Before ImGui::NewFrame: rebuilds the font atlas when the presenter scale
// changed and the style when the theme did. Returns true when the atlas was
// rebuilt (the renderer must upload it again).
bool prepare_frame(app::App& app, const std::string& fonts_dir);
// Per-frame logic outside any window: clock play, keyboard shortcuts.
void update(app::App& app, double real_seconds);

void navigator_panel(app::App& app);     // tracks, lessons, steps (ui_navigator.cpp)
void narrative_panel(app::App& app);     // the step's text, hints, solution, checklist, questions (ui_narrative.cpp)
void policy_editor_panel(app::App& app); // editable policies (ui_policy_editor.cpp)
void attempt_panel(app::App& app);       // the assume attempt form and result card (ui_attempt.cpp)
void clock_bar(app::App& app);           // the simulated clock and sessions (ui_clock.cpp)
void console_panel(app::App& app);       // the lesson's AWS-CLI console, or a sandbox world (ui_console.cpp)
void events_panel(app::App& app);        // CloudTrail-shaped events (ui_events.cpp)
void error_panel(const app::App& app);   // shown instead of the lesson after a failed frame

// ---- shared look (ui_layout.cpp) ----
struct Palette {
  ImU32 text, muted, faint, accent, accent_soft, allowed, denied, warning, code_bg, code_text, panel, panel_alt, border,
      link, selection, on_accent;  // on_accent: text on an accent-coloured button
};
const Palette& palette();  // of the current theme (dark, or high contrast)
ImVec4 col4(ImU32 c);

void push_font(void* font);  // no-op when the font is missing (tests, no fonts)
void pop_font(void* font);
// A panel's title line: the title in the heading weight, a muted subtitle after it.
void panel_header(app::App& app, const char* title, const char* subtitle = nullptr);
// A primary (accent-coloured) button: background, hover, active and a text colour readable on it
// in both themes (high contrast: black on yellow). Pops 4 colours.
void push_accent_button();
void pop_accent_button();
// Coloured text, wrapped.
void text_colored_wrapped(ImU32 color, const char* text);
// The text with line breaks for `width` pixels in the current font, at spaces
// first; a word longer than a line ("aws:SourceAccount") breaks after a ':'
// or '/' in it, as ImGui's own wrapping would cut it between two letters.
std::string break_lines(const std::string& text, float width);
// A small rounded badge ("AccessDenied", "trust relationship").
void badge(const char* text, ImU32 bg, ImU32 fg);
// A tick (done) or an empty circle, drawn at the cursor, one text line high.
void status_icon(bool done, bool failed = false);
// Markdown blocks (course::md::parse) with bold, code, lists and links (links open through app.open_url).
void markdown(app::App& app, const std::vector<course::md::Block>& blocks);
void markdown_text(app::App& app, const std::string& text);  // parses then draws (small texts: hints, explanations)
// Opens a link: the platform's hook, or nothing (tests).
void open_link(app::App& app, const std::string& url);

}  // namespace rolelab::ui
