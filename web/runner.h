// The runner: the App plus its window, and the one frame function that both
// platforms call (the desktop in a while loop, the browser through
// emscripten_set_main_loop_arg). Platform differences stay in the
// platform_*.cpp files.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "app.h"
#include "gl_renderer.h"

struct GLFWwindow;

namespace rolelab::runner {

struct Runner {
  app::App app;
  GLFWwindow* window = nullptr;
  gl::Renderer gl;          // draws ImGui's lists (gl_renderer.h)
  bool gl_checked = false;  // the shaders' status was read (about two seconds in)
  std::string gl_error;     // set when the shaders failed: nothing can be drawn
  std::string fonts_dir;    // fonts are rebuilt from here when the presenter scale changes
  // Where the platform keeps the learner's progress (progress.h); called
  // with the JSON whenever it changed, checked every 30 frames and at once
  // when a frame fails. Unset: progress is not kept.
  std::function<void(const std::string&)> save_progress;
  std::string saved_progress;  // what was last handed to save_progress
  double last_time = 0;        // glfwGetTime() of the previous frame
  // The last frame put on the screen (draw_hash.h): a frame that would draw
  // the same is not submitted to GL again.
  std::uint64_t drawn_hash = 0;
  double drawn_time = -1;  // glfwGetTime() when it was drawn
  bool redraw = false;     // set by the platform when the surface lost its picture (a resized canvas is cleared)
};

// Hands the progress to save_progress if it changed since the last time.
void save_progress_now(Runner& r);

struct Options {
  const char* glsl_version;  // "#version 300 es" (WebGL2) or "#version 130"
  std::string fonts_dir;     // Roboto-Regular.ttf, Roboto-Medium.ttf, JetBrainsMono-Regular.ttf
  std::string lessons_dir;   // *.json, in file-name order (the course order)
  std::string worlds_dir;    // *.json: worlds lessons name, and the console's sandbox worlds
  int width = 1280, height = 800;
  float pixel_ratio = 1.0f;  // device pixels per CSS pixel: fonts are rasterised and sizes scaled by it
};

// Creates the window and the ImGui context, loads fonts, worlds and lessons.
// Returns false (with a message on stderr) when no window can be made.
bool init(Runner& r, const Options& opt);
// One frame; exceptions stop at this boundary. The frame's CPU time (from the
// start to ImGui::Render, GL submission and swap excluded) goes to
// app.frame_ms (frameMsMedian in the test API). Returns whether it drew:
// false when the picture is the one already on the screen (at least once a
// second it is drawn anyway), so the platform may wait for the next event
// instead of a vsync.
bool frame(Runner& r);
void shutdown(Runner& r);

// Reads every *.json in dir, sorted by name, into the app.
void load_lessons(app::App& app, const std::string& dir);
void load_worlds(app::App& app, const std::string& dir);

}  // namespace rolelab::runner
