// The learner's progress, so a reload, a crash or closing the desktop app
// loses nothing: per lesson, the run's action log (LessonRun::log_json, the
// state is a pure function of the lesson and that log) plus the editor texts
// not saved yet; the lesson, tab and presenter settings shown. Platform-free:
// the platform files decide where it is kept (localStorage in the browser, a
// file on the desktop).
#pragma once

#include <string>
#include <string_view>

#include "app.h"

namespace rolelab::app {

inline constexpr std::size_t kMaxProgressBytes = 1u << 20;  // 1 MiB
inline constexpr std::size_t kMaxEditorChars = 64u << 10;   // one saved editor text
inline constexpr int kProgressVersion = 2;

// {"version": 2, "currentLesson": ID, "tab": 0-3, "presenter": bool, "scale": N, "highContrast": bool,
//  "lessons": {ID: {"log": LOG-JSON-TEXT, "drafts": {TARGET: TEXT}}}}
// A lesson never opened keeps what was restored for it, as it was.
std::string progress_json(const App& app);

// Puts saved progress back. Whatever the text holds (it comes from storage
// anyone can edit), this never throws: entries that do not fit the lessons
// loaded now are skipped and `note` says what was skipped; progress of an
// older RoleLab (version 1) is skipped with a note. Logs are replayed when
// their lesson is opened (the current one at once). Returns false (with
// `note` saying why) when nothing could be used.
bool restore_progress(App& app, std::string_view text, std::string& note);

}  // namespace rolelab::app
