// Desktop entry point: GLFW + OpenGL 3, the frame function in a while loop.
#include <GLFW/glfw3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "progress.h"
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
    "  --state FILE   where the learner's progress is kept (default: $XDG_STATE_HOME/rolelab/progress.json,\n"
    "                 else ~/.local/state/rolelab/progress.json); --state none keeps nothing\n"
    "  --fonts DIR    TrueType fonts (default: Debian's Roboto and JetBrains Mono)\n"
    "  --frames N     exit after N frames (smoke tests)\n"
    "  --seconds S    exit after S seconds (smoke tests)\n";

std::string default_state_file() {
  if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x) return std::string(x) + "/rolelab/progress.json";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/state/rolelab/progress.json";
  return {};
}

// Written to a temporary file and renamed, so a crash mid-write never leaves half a file.
void write_state(const std::string& path, const std::string& json) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << json;
    if (!out) {
      std::fprintf(stderr, "rolelab-desktop: cannot save progress to %s\n", tmp.c_str());
      return;
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::fprintf(stderr, "rolelab-desktop: cannot save progress to %s: %s\n", path.c_str(), ec.message().c_str());
}

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
  std::string state_file = default_state_file();
  for (int k = 1; k < argc; ++k) {
    std::string a = argv[k];
    bool has_value = k + 1 < argc;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--worlds" && has_value) {
      opt.worlds_dir = argv[++k];
    } else if (a == "--state" && has_value) {
      state_file = argv[++k];
      if (state_file == "none") state_file.clear();
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
  if (!state_file.empty()) {
    std::ifstream in(state_file, std::ios::binary);
    std::stringstream text;
    if (in) {
      text << in.rdbuf();
      std::string note;
      rolelab::app::restore_progress(r.app, text.str(), note);
      if (!note.empty()) r.app.load_errors.push_back("saved progress (" + state_file + "): " + note);
    }
    r.save_progress = [state_file](const std::string& json) { write_state(state_file, json); };
    r.saved_progress = text.str();  // rewritten at the first check if it differs (or was unreadable)
  }
  if (start_console) r.app.tab_request = 1;
  const auto start = std::chrono::steady_clock::now();
  while (!glfwWindowShouldClose(r.window)) {
    rolelab::runner::frame(r);
    if (max_frames > 0 && r.app.frames >= max_frames) break;
    if (max_seconds > 0 && std::chrono::steady_clock::now() - start >= std::chrono::seconds(max_seconds)) break;
  }
  rolelab::runner::save_progress_now(r);
  std::printf("rolelab-desktop: %lld frames, %zu lessons\n", r.app.frames, r.app.lessons.size());
  rolelab::runner::shutdown(r);
  return 0;
}
