// The browser test API's logic, platform-free: JSON in, JSON out. The
// browser platform file exports these through EMSCRIPTEN_KEEPALIVE functions
// (rolelab_test_state, rolelab_test_command); doctest calls them directly.
#pragma once

#include <string>

#include "app.h"

namespace rolelab::app {

// {"ready", "platform", "frames", "lessons": [...], "loadErrors", "currentLesson", "step", "stepCount",
//  "principal", "editor", "lastOutcome": {...} | null, "fatalError"}
std::string state_json(const App& app);

// Commands: {"cmd": "selectLesson", "index": N | "id": S}, {"cmd": "selectPrincipal", "index": N},
// {"cmd": "setTrustPolicy", "text": S}, {"cmd": "resetTrustPolicy"}, {"cmd": "assume"},
// {"cmd": "forceError"} (throws inside the next frame, to test the error panel),
// {"cmd": "forceAbort"} (aborts in the next frame: the page shows its own error panel).
// Returns {"ok": true, ...} or {"ok": false, "error": "..."}.
std::string command_json(App& app, const std::string& json_text);

}  // namespace rolelab::app
