// The runner: the App plus its window, and the one frame function that both
// platforms call (the desktop in a while loop, the browser through
// emscripten_set_main_loop_arg). Platform differences stay in the
// platform_*.cpp files.
#pragma once

#include <string>

#include "app.h"

struct GLFWwindow;

namespace rolelab::runner {

struct Runner {
  app::App app;
  GLFWwindow* window = nullptr;
};

struct Options {
  const char* glsl_version;  // "#version 300 es" (WebGL2) or "#version 130"
  std::string fonts_dir;     // Roboto-Regular.ttf, Roboto-Medium.ttf, JetBrainsMono-Regular.ttf
  std::string lessons_dir;   // *.json
  std::string worlds_dir;    // *.json, for the console tab
  int width = 1280, height = 800;
};

// Creates the window and the ImGui context, loads fonts and lessons.
// Returns false (with a message on stderr) when no window can be made.
bool init(Runner& r, const Options& opt);
void frame(Runner& r);  // one frame; exceptions stop at this boundary
void shutdown(Runner& r);

// Reads every *.json in dir, sorted by name, into the app.
void load_lessons(app::App& app, const std::string& dir);
void load_worlds(app::App& app, const std::string& dir);

}  // namespace rolelab::runner
