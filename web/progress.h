// The learner's progress (per lesson: the trust policy being edited, the
// chosen principal, the step reached and the last decisions; the lesson and
// tab shown) as JSON, so a reload, a crash or closing the desktop app loses
// nothing. Platform-free: the platform files decide where it is kept
// (localStorage in the browser, a file on the desktop).
#pragma once

#include <string>
#include <string_view>

#include "app.h"

namespace rolelab::app {

inline constexpr std::size_t kMaxProgressBytes = 1u << 20;  // 1 MiB
inline constexpr std::size_t kMaxEditorChars = 64u << 10;   // one saved editor text

// {"version": 1, "currentLesson": ID, "tab": 0|1,
//  "lessons": {ID: {"editor": TEXT, "principal": N, "step": N, "last": ["Allowed" | ... | null]}}}
std::string progress_json(const App& app);

// Puts saved progress back. Whatever the text holds (it comes from storage
// anyone can edit), this never throws: entries that do not fit the lessons
// loaded now are skipped and `note` says what was skipped. Returns false
// (with `note` saying why) when nothing could be used.
bool restore_progress(App& app, std::string_view text, std::string& note);

}  // namespace rolelab::app
