// Browser entry point: emscripten's GLFW + WebGL2, the frame function through
// emscripten_set_main_loop_arg, and the exported test API. Lessons and fonts
// are embedded into the build (--embed-file) under /lessons and /fonts.
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "progress.h"
#include "runner.h"
#include "test_api.h"

namespace {

rolelab::runner::Runner* g_runner = nullptr;  // the page's one runner, for the exported C functions

// Keeps the canvas the size of the browser window.
void fit_canvas(rolelab::runner::Runner& r) {
  int w = EM_ASM_INT({ return window.innerWidth; });
  int h = EM_ASM_INT({ return window.innerHeight; });
  int cw = 0, ch = 0;
  glfwGetWindowSize(r.window, &cw, &ch);
  if (w > 0 && h > 0 && (w != cw || h != ch)) glfwSetWindowSize(r.window, w, h);
}

// The learner's progress lives in the page's localStorage, one key per site.
// Storage may be full or switched off (private windows): then it is not kept.
const char* kProgressKey = "rolelab.progress.v1";

std::string load_progress() {
  char* text = reinterpret_cast<char*>(EM_ASM_INT(
      {
        var v = null;
        try {
          v = window.localStorage.getItem(UTF8ToString($0));
        } catch (e) {
        }
        if (v === null) return 0;
        var n = lengthBytesUTF8(v) + 1;
        var p = _malloc(n);
        stringToUTF8(v, p, n);
        return p;
      },
      kProgressKey));
  if (!text) return {};
  std::string out(text);
  std::free(text);
  return out;
}

void store_progress(const std::string& json) {
  EM_ASM(
      {
        try {
          window.localStorage.setItem(UTF8ToString($0), UTF8ToString($1));
        } catch (e) {
          console.warn("RoleLab: progress not saved: " + e);
        }
      },
      kProgressKey, json.c_str());
}

void browser_frame(void* arg) {
  auto& r = *static_cast<rolelab::runner::Runner*>(arg);
  fit_canvas(r);
  rolelab::runner::frame(r);
}

}  // namespace

extern "C" {

// Module.ccall('rolelab_test_state', 'string', [], [])
EMSCRIPTEN_KEEPALIVE const char* rolelab_test_state() {
  if (!g_runner) return "{\"ready\":false}";
  g_runner->app.reply = rolelab::app::state_json(g_runner->app);
  return g_runner->app.reply.c_str();
}

// Module.ccall('rolelab_test_command', 'string', ['string'], [json])
EMSCRIPTEN_KEEPALIVE const char* rolelab_test_command(const char* json) {
  if (!g_runner) return "{\"ok\":false,\"error\":\"not ready\"}";
  try {
    g_runner->app.reply = rolelab::app::command_json(g_runner->app, json ? json : "");
  } catch (const std::exception& e) {
    g_runner->app.reply = std::string("{\"ok\":false,\"error\":\"internal error\"}");
  }
  return g_runner->app.reply.c_str();
}

}  // extern "C"

int main() {
  static rolelab::runner::Runner runner;  // lives for the page's lifetime
  g_runner = &runner;
  runner.app.platform = "browser";
  rolelab::runner::Options opt;
  opt.glsl_version = "#version 300 es";
  opt.fonts_dir = "/fonts";
  opt.lessons_dir = "/lessons";
  opt.worlds_dir = "/worlds";
  if (!rolelab::runner::init(runner, opt)) {
    std::fprintf(stderr, "RoleLab: WebGL2 is not available in this browser\n");
    EM_ASM({
      if (Module.rolelabFatal) Module.rolelabFatal("WebGL2 is not available in this browser.");
    });
    return 1;
  }
  const std::string saved = load_progress();
  if (!saved.empty()) {
    std::string note;
    rolelab::app::restore_progress(runner.app, saved, note);
    if (!note.empty()) runner.app.load_errors.push_back("saved progress: " + note);
  }
  runner.save_progress = store_progress;
  runner.saved_progress = saved;  // rewritten at the first check if it differs (or was unreadable)
  emscripten_set_main_loop_arg(browser_frame, &runner, 0, true);
  return 0;
}
