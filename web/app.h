// The lesson runner's state and the commands that change it. No ImGui and no
// platform code here: the UI panels and the browser test API both call these
// commands, so a test drives exactly what a click does.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "console/console.h"
#include "json/diagnostic.h"
#include "course/lesson.h"
#include "sts/sts.h"
#include "world/world.h"

namespace rolelab::app {

struct LessonSlot {
  std::string file;  // where it was loaded from
  Lesson lesson;
  std::string editor;                         // the learner's trust policy text (kept per lesson: no lost work)
  std::size_t principal = 0;                  // selected principal
  std::size_t step = 0;                       // current step
  std::vector<std::optional<Decision>> last;  // last decision per principal
  std::optional<AssumeAttempt> attempt;       // the last "Assume role" click
};

// The console tab: a world from worlds/, its simulator and the console over it.
struct ConsoleState {
  std::vector<std::pair<std::string, std::string>> worlds;  // file name, text
  std::vector<std::string> load_errors;
  std::size_t world = 0;
  std::unique_ptr<Simulator> sim;
  std::unique_ptr<Console> console;
  std::string log;    // everything printed so far
  std::string input;  // the line being typed
  std::vector<std::string> history;
};

struct App {
  bool ready = false;
  std::vector<LessonSlot> lessons;
  std::vector<std::string> load_errors;  // lesson files that failed to load
  std::size_t current = 0;
  long long frames = 0;
  std::string platform;      // "browser" or "desktop"
  std::string reply;         // storage for the last test-API string handed to JavaScript
  std::string fatal_error;   // set when a frame failed; the UI shows it instead of the lesson
  bool force_error = false;  // test API: the next frame throws, to exercise the error panel
  bool force_abort = false;  // test API: the next frame aborts, to exercise the page's own error panel
  struct Fonts {
    void* body = nullptr;  // ImFont*, kept opaque so this header stays ImGui-free
    void* mono = nullptr;
    void* heading = nullptr;
  } fonts;

  ConsoleState console;
  int tab = 0;           // the tab shown: 0 lessons, 1 console
  int tab_request = -1;  // a tab a command asked for (test API, --console); the UI selects it once

  LessonSlot* current_slot() { return current < lessons.size() ? &lessons[current] : nullptr; }
};

// Adds a lesson from its file text; a bad file is recorded in load_errors.
void add_lesson_file(App& app, const std::string& file, const std::string& text);

// Commands (each returns false with `error` set when it cannot be done).
bool select_lesson(App& app, std::size_t index, std::string& error);
bool select_lesson_by_id(App& app, const std::string& id, std::string& error);
bool select_principal(App& app, std::size_t index, std::string& error);
bool set_trust_policy(App& app, const std::string& text, std::string& error);
bool reset_trust_policy(App& app, std::string& error);
bool assume(App& app, std::string& error);

// Console tab.
void add_world_file(App& app, const std::string& file, const std::string& text);
bool select_world(App& app, std::size_t index, std::string& error);  // (re)starts the world's simulator
std::string console_run(App& app, const std::string& line);          // runs one line, appends to the log, returns the output

}  // namespace rolelab::app
