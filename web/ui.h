// The lesson runner's Dear ImGui UI, one file per panel. Each panel draws
// from the App and changes it only through the commands in app.h.
#pragma once

#include "app.h"

namespace rolelab::ui {

void draw(app::App& app);           // the whole window (ui_layout.cpp)
void lessons_panel(app::App& app);  // lesson list and step progress (ui_lessons.cpp)
void editor_panel(app::App& app);   // intro and trust policy editor (ui_editor.cpp)
void outcome_panel(app::App& app);  // principal picker, Assume role, result and trace (ui_outcome.cpp)
void error_panel(const app::App& app);
void console_panel(app::App& app);  // the AWS-CLI-like console over a world (ui_console.cpp)  // shown instead of the lesson
                                    // after a failed frame

// Shared look.
struct Colors {
  static constexpr unsigned allowed = 0xFF5ACB6B;  // ABGR
  static constexpr unsigned denied = 0xFF5A5AE8;
  static constexpr unsigned warning = 0xFF3CB4F0;
  static constexpr unsigned muted = 0xFFA0A0A0;
};

}  // namespace rolelab::ui
