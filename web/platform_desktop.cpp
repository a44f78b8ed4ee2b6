// Desktop entry point: GLFW + OpenGL 3, the frame function in a while loop.
#include <GLFW/glfw3.h>
#include <spawn.h>
#include <unistd.h>
#include <sys/wait.h>

#include <csignal>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <algorithm>

#include "account_view.h"
#include "app.h"
#include "test_api.h"

#include "progress.h"
#include "runner.h"

#include "data_dir.h"

#ifndef ROLELAB_VERSION
#define ROLELAB_VERSION "unknown"
#endif

namespace {

const char* kUsage =
    "usage: rolelab-desktop [--lesson FILE] [--account FILE] [--lessons DIR] [--worlds DIR] [--fonts DIR] [--console] [--presenter]\n"
    "                       [--open FRAGMENT] [--frames N] [--seconds S] [--version]\n"
    "  --lesson FILE  open a lesson file (your own; an invalid one shows its errors in the app)\n"
    "  --account FILE open your account: the output of `aws iam get-account-authorization-details`\n"
    "                 (File > Open your account...), shown in the world diagram; read here, sent nowhere\n"
    "  --lessons DIR  the course's lesson files (default: /usr/share/rolelab/lessons when installed,\n"
    "                 else the source tree's; $ROLELAB_DATA_DIR/lessons when that is set)\n"
    "  --worlds DIR   worlds lessons name, and the console's sandbox worlds (default: worlds/ in the same data folder)\n"
    "  --open FRAG    open a deep or share link: lesson=ID&step=N[&state=...]\n"
    "  --console      open on the console tab\n"
    "  --command JSON run one test-API command after start (repeatable; its reply is printed), e.g.\n"
    "                 --command '{\"cmd\":\"attempt\",\"as\":\"user/bob\",\"role\":\"Auditor\"}'\n"
    "  --presenter    presenter mode (larger, high-visibility outcome banners, solution buttons hidden)\n"
    "  --state FILE   where the learner's progress is kept (default: $XDG_STATE_HOME/rolelab/progress.json,\n"
    "                 else ~/.local/state/rolelab/progress.json); --state none keeps nothing\n"
    "  --fonts DIR    TrueType fonts (default: Debian's Roboto and JetBrains Mono, linked from\n"
    "                 the data folder's fonts/ when installed)\n"
    "  --frames N     exit after N frames (smoke tests)\n"
    "  --seconds S    exit after S seconds (smoke tests)\n"
    "  --version      show the version and the data folder in use\n";

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

// Links in lessons open in the desktop's browser (xdg-open), never through a shell.
void open_url(const std::string& url) {
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) return;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '\'' || c == '\\') return;
  }
  std::string prog = "xdg-open";
  char* argv[] = {prog.data(), const_cast<char*>(url.c_str()), nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) != 0)
    std::fprintf(stderr, "rolelab-desktop: cannot run xdg-open for %s\n", url.c_str());
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
  const rolelab::paths::DataDir data = rolelab::paths::data_dir();  // installed, or the source tree
  opt.lessons_dir = data.dir + "/lessons";
  opt.worlds_dir = data.dir + "/worlds";
  opt.fonts_dir = rolelab::paths::fonts_dir();
  long max_frames = -1, max_seconds = -1;
  bool start_console = false, presenter = false;
  std::string lesson_file, account_file, fragment;
  std::vector<std::string> commands;
  std::string state_file = default_state_file();
  for (int k = 1; k < argc; ++k) {
    std::string a = argv[k];
    bool has_value = k + 1 < argc;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--version") {
      std::printf("rolelab-desktop %s\ndata: %s (%s)\nfonts: %s\n", ROLELAB_VERSION, data.dir.c_str(), data.origin.c_str(),
                  opt.fonts_dir.c_str());
      return 0;
    } else if (a == "--worlds" && has_value) {
      opt.worlds_dir = argv[++k];
    } else if (a == "--state" && has_value) {
      state_file = argv[++k];
      if (state_file == "none") state_file.clear();
    } else if (a == "--console") {
      start_console = true;
    } else if (a == "--presenter") {
      presenter = true;
    } else if (a == "--lesson" && has_value) {
      lesson_file = argv[++k];
    } else if (a == "--account" && has_value) {
      account_file = argv[++k];
    } else if (a == "--command" && has_value) {
      commands.push_back(argv[++k]);
    } else if (a == "--open" && has_value) {
      fragment = argv[++k];
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
  std::signal(SIGCHLD, SIG_IGN);  // xdg-open children are reaped by the system
  rolelab::runner::Runner r;
  r.app.platform = "desktop";
  r.app.open_url = open_url;
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
  if (start_console) r.app.tab_request = rolelab::app::kTabConsole;
  if (presenter) {
    r.app.presenter = true;
    r.app.scale = std::max(r.app.scale, 1.5f);
    r.app.hide_solutions = true;
  }
  if (!lesson_file.empty()) {
    std::string error;
    if (!rolelab::app::open_lesson_path(r.app, lesson_file, error))
      std::fprintf(stderr, "rolelab-desktop: %s\n", error.c_str());
    else
      std::printf("rolelab-desktop: opened lesson %s (%s)\n", r.app.run()->lesson().id.c_str(), lesson_file.c_str());
  }
  if (!account_file.empty()) {
    std::ifstream in(account_file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string error;
    const std::string name = std::filesystem::path(account_file).filename().string();
    if (!in) std::fprintf(stderr, "rolelab-desktop: --account: cannot read %s\n", account_file.c_str());
    else if (!rolelab::app::open_account_text(r.app, name, text.str(), error)) std::fprintf(stderr, "rolelab-desktop: --account: %s\n", error.c_str());
    else
      std::printf("rolelab-desktop: opened account %s (%zu principals, %zu edges)\n", account_file.c_str(),
                  r.app.account->report.graph.principals.size(), r.app.account->report.graph.edges.size());
  }
  if (!fragment.empty()) {
    std::string error;
    if (!rolelab::app::apply_fragment(r.app, fragment, error)) std::fprintf(stderr, "rolelab-desktop: --open: %s\n", error.c_str());
  }
  for (const std::string& c : commands) std::printf("rolelab-desktop: %s\n", rolelab::app::command_json(r.app, c).c_str());
  const auto start = std::chrono::steady_clock::now();
  while (!glfwWindowShouldClose(r.window)) {
    // Nothing new drawn: no vsync paced the loop, so wait for an event (or the
    // next frame's time) instead of spinning.
    if (!rolelab::runner::frame(r)) glfwWaitEventsTimeout(1.0 / 60);
    if (!r.gl_error.empty()) break;  // the shaders failed (the runner said why): nothing can be drawn
    if (max_frames > 0 && r.app.frames >= max_frames) break;
    if (max_seconds > 0 && std::chrono::steady_clock::now() - start >= std::chrono::seconds(max_seconds)) break;
  }
  rolelab::runner::save_progress_now(r);
  std::printf("rolelab-desktop: %lld frames (%lld drawn), %zu lessons, frame median %.2f ms\n", r.app.frames, r.app.drawn_frames,
              r.app.lessons.size(), rolelab::app::frame_ms_median(r.app));
  if (const rolelab::course::LessonRun* run = r.app.run())
    std::printf("rolelab-desktop: lesson %s, step %zu of %zu\n", run->lesson().id.c_str(), run->step() + 1, run->lesson().steps.size());
  if (r.app.account && r.app.account->in_diagram)
    std::printf("rolelab-desktop: account %s shown in the world diagram\n", r.app.account->file.c_str());
  rolelab::runner::shutdown(r);
  return r.gl_error.empty() ? 0 : 1;
}
