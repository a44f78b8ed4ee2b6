// Desktop entry point: GLFW + OpenGL 3, the frame function in a while loop.
#include <GLFW/glfw3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runner.h"

#ifndef ROLELAB_SOURCE_DIR
#define ROLELAB_SOURCE_DIR "."
#endif

namespace {

const char* kUsage =
    "usage: rolelab-desktop [--lessons DIR] [--worlds DIR] [--fonts DIR] [--console] [--frames N] [--seconds S]\n"
    "  --lessons DIR  lesson files (default: the source tree's lessons/)\n"
    "  --worlds DIR   worlds for the console tab (default: the source tree's worlds/)\n"
    "  --console      open on the console tab\n"
    "  --fonts DIR    TrueType fonts (default: Debian's Roboto and JetBrains Mono)\n"
    "  --frames N     exit after N frames (smoke tests)\n"
    "  --seconds S    exit after S seconds (smoke tests)\n";

bool parse_count(const char* s, long& out) {
  char* end = nullptr;
  out = std::strtol(s, &end, 10);
  return end && *end == 0 && out > 0;
}

}  // namespace

int main(int argc, char** argv) {
  rolelab::runner::Options opt;
  opt.glsl_version = "#version 130";
  opt.lessons_dir = std::string(ROLELAB_SOURCE_DIR) + "/lessons";
  opt.worlds_dir = std::string(ROLELAB_SOURCE_DIR) + "/worlds";
  opt.fonts_dir = ROLELAB_FONTS_DIR;
  long max_frames = -1, max_seconds = -1;
  bool start_console = false;
  for (int k = 1; k < argc; ++k) {
    std::string a = argv[k];
    bool has_value = k + 1 < argc;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--worlds" && has_value) {
      opt.worlds_dir = argv[++k];
    } else if (a == "--console") {
      start_console = true;
    } else if (a == "--lessons" && has_value) {
      opt.lessons_dir = argv[++k];
    } else if (a == "--fonts" && has_value) {
      opt.fonts_dir = argv[++k];
    } else if (a == "--frames" && has_value && parse_count(argv[k + 1], max_frames)) {
      ++k;
    } else if (a == "--seconds" && has_value && parse_count(argv[k + 1], max_seconds)) {
      ++k;
    } else {
      std::fprintf(stderr, "rolelab-desktop: bad argument '%s'\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  rolelab::runner::Runner r;
  r.app.platform = "desktop";
  if (!rolelab::runner::init(r, opt)) {
    std::fprintf(stderr, "rolelab-desktop: cannot open a window (is there a display? try xvfb-run)\n");
    return 1;
  }
  if (start_console) r.app.tab_request = 1;
  const auto start = std::chrono::steady_clock::now();
  while (!glfwWindowShouldClose(r.window)) {
    rolelab::runner::frame(r);
    if (max_frames > 0 && r.app.frames >= max_frames) break;
    if (max_seconds > 0 && std::chrono::steady_clock::now() - start >= std::chrono::seconds(max_seconds)) break;
  }
  std::printf("rolelab-desktop: %lld frames, %zu lessons\n", r.app.frames, r.app.lessons.size());
  rolelab::runner::shutdown(r);
  return 0;
}
