// The browser test API's logic, platform-free: JSON in, JSON out. The
// browser platform file exports these through EMSCRIPTEN_KEEPALIVE functions
// (rolelab_test_state, rolelab_test_command); doctest calls them directly.
#pragma once

#include <string>

#include "app.h"

namespace rolelab::app {

// {"ready", "platform", "frames", "frameMsMedian", "lessons": [{id, title, track, minutes, steps, custom}],
//  "loadErrors", "errors", "lessonErrors", "lesson", "currentLesson", "step", "stepCount", "stepsDone",
//  "doneSteps", "lessonDone", "checks": [{label, passed, detail}], "lastOutcome": {...} | null,
//  "outcome", "fragment", "tab", "panel", "presenter", "scale", "highContrast", "clock", "sessions",
//  "editor", "editorTarget", "editorFindings": [{issueCode, findingType, line, message, fix?}] (the
//  policy checks of the editor target's draft), "drafts", "principal", "worlds", "worldLoadErrors", "currentWorld",
//  "consoleCaller", "fatalError"}
// (Not const: who-can-assume is computed on demand.)
std::string state_json(App& app);

// Commands, {"cmd": ...}:
//   openLesson {id | index}, gotoStep {step (0-based)}, applySolution, resetStep, restartLesson,
//   editPolicy {target, text | policy}, setDraft {target, text} (also shows it in the editor), resetPolicy {target},
//   applyFix {target, index} (the editor's "Did you mean X? Apply": the index-th editorFindings' fix),
//   attempt {AttemptSpec as in lessons/README.md, at the top level or under "attempt"; none: the panel's fields},
//   console {line}, advanceClock {seconds}, answer {question, choice}, setPresenter {on, scale?},
//   setHighContrast {on}, hint, fragment {fragment}, share, openLessonText {name, text}, openAccountText {name, text}, aria,
//   playClock {on, speed}
// and the older ones: selectLesson {index | id}, selectPrincipal {index}, setTrustPolicy {text},
//   resetTrustPolicy, assume, showTab {index 0-3 | name}, selectWorld {index}, consoleRun {line} (the
//   sandbox world), forceError (the next frame throws), forceAbort (the next frame aborts).
// Returns {"ok": true, ...} or {"ok": false, "error": "..."}.
std::string command_json(App& app, const std::string& json_text);

// An attempt written as lessons write it ({"as", "role", "api", "sessionName", ...}).
bool attempt_from_json(App& app, const nlohmann::json& j, course::AttemptSpec& out, std::string& error);

}  // namespace rolelab::app
