// Browser entry point: emscripten's GLFW + WebGL2, the frame function through
// emscripten_set_main_loop_arg, the exported test API, and everything the page
// (shell.html) and the app exchange: the canvas size and devicePixelRatio
// (HiDPI), deep links in the URL fragment (both ways), share links on the
// clipboard, custom lessons (drag-and-drop, ?lesson=URL), the aria-live
// mirror of the outcome and the diagram's edges, and the learner's progress in
// localStorage. Lessons, worlds and fonts are embedded (--embed-file) under
// /lessons, /worlds and /fonts. No other file of the app knows about the page.
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "account_view.h"
#include "progress.h"
#include "runner.h"
#include "test_api.h"
#include "ui_diagram.h"

namespace {

rolelab::runner::Runner* g_runner = nullptr;  // the page's one runner, for the exported C functions
std::string g_last_fragment;                  // the fragment last written into the URL
std::string g_last_aria;                      // the text last handed to the aria-live region
std::string g_reply;                          // storage for strings handed to JavaScript by the page's exports
bool g_gl_error_shown = false;                // the runner's GL error was handed to the page's fatal panel

// A string from JavaScript (malloc'd there with stringToUTF8), freed here.
std::string take_js_string(char* p) {
  if (!p) return {};
  std::string out(p);
  std::free(p);
  return out;
}

// Keeps the canvas the size of the browser window, in device pixels: in
// emscripten 3.1.6's GLFW the window size is the canvas' backing size, and
// mouse positions arrive in backing pixels, so ImGui works in device pixels
// and the runner rasterises fonts at pixel_ratio times their size (crisp text).
void fit_canvas(rolelab::runner::Runner& r) {
  double dpr = EM_ASM_DOUBLE({ return window.devicePixelRatio || 1; });
  dpr = std::clamp(dpr, 1.0, 3.0);
  const int css_w = EM_ASM_INT({ return document.documentElement.clientWidth || window.innerWidth; });
  const int css_h = EM_ASM_INT({ return document.documentElement.clientHeight || window.innerHeight; });
  const int w = static_cast<int>(std::lround(css_w * dpr)), h = static_cast<int>(std::lround(css_h * dpr));
  int cw = 0, ch = 0;
  glfwGetWindowSize(r.window, &cw, &ch);
  // Not glfwSetWindowSize: emscripten's GLFW asks for fullscreen when the size
  // equals the screen's (a maximised window at ratio 1), which the browser
  // refuses without a click. The canvas' resize listener updates GLFW's window.
  if (w > 0 && h > 0 && (w != cw || h != ch)) {
    EM_ASM({ Browser.setCanvasSize($0, $1); }, w, h);
    r.redraw = true;  // a resized canvas is cleared: draw even an unchanged picture
  }
  // A changed ratio (browser zoom, another screen): the runner rebuilds the fonts.
  if (std::fabs(static_cast<float>(dpr) - r.app.pixel_ratio) > 0.01f) r.app.pixel_ratio = static_cast<float>(dpr);
}

// The learner's progress lives in the page's localStorage, one key per site.
// Storage may be full or switched off (private windows): then it is not kept.
const char* kProgressKey = "rolelab.progress.v1";

std::string load_progress() {
  return take_js_string(reinterpret_cast<char*>(EM_ASM_INT(
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
      kProgressKey)));
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

// ---- the page's queue: what the page asks of the app (drained once a frame) ----
// shell.html pushes {kind: "lesson", name, text}, {kind: "error", message} and
// {kind: "hash", value} into Module.rolelabQueue (a dropped file, a fetched
// ?lesson=URL, a hashchange); they are applied here, before the frame, so the
// frame shows their effect.
void drain_page_queue(rolelab::app::App& app) {
  for (int guard = 0; guard < 16; ++guard) {
    std::string item = take_js_string(reinterpret_cast<char*>(EM_ASM_INT({
      var q = Module.rolelabQueue;
      if (!q || !q.length) return 0;
      var s = JSON.stringify(q.shift());
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    })));
    if (item.empty()) return;
    nlohmann::json j = nlohmann::json::parse(item, nullptr, false);
    if (!j.is_object()) continue;
    const std::string kind = j.value("kind", "");
    std::string error;
    if (kind == "lesson" && rolelab::app::is_account_details(j.value("text", ""))) {
      // A dropped `aws iam get-account-authorization-details` output: "Open your account" (account_view.h).
      const std::string name = j.value("name", "account.json");
      if (!rolelab::app::open_account_text(app, name, j.value("text", ""), error))
        std::fprintf(stderr, "RoleLab: account %s: %s\n", name.c_str(), error.c_str());
    } else if (kind == "lesson") {
      const std::string name = j.value("name", "lesson.json");
      if (!rolelab::app::open_lesson_text(app, name, j.value("text", ""), error)) {
        std::fprintf(stderr, "RoleLab: lesson %s: %s\n", name.c_str(), error.c_str());
      }
      g_last_fragment.clear();  // the URL follows the lesson now open
    } else if (kind == "error") {
      rolelab::app::report_error(app, j.value("message", "error"));
    } else if (kind == "hash") {
      std::string frag = j.value("value", "");
      if (!frag.empty() && frag[0] == '#') frag.erase(0, 1);
      if (frag.empty() || frag == rolelab::app::location_fragment(app)) continue;
      if (!rolelab::app::apply_fragment(app, frag, error)) {
        rolelab::app::report_error(app, "The link #" + frag.substr(0, 200) + " does not open: " + error);
      }
      g_last_fragment.clear();
    }
  }
}

// The URL's fragment follows the learner (lesson and step), without new
// history entries; a fragment the learner types comes back as a hashchange.
void sync_location(rolelab::app::App& app) {
  if (EM_ASM_INT({ return Module.rolelabHold ? 1 : 0; })) return;  // a ?lesson=URL is still loading
  const std::string frag = rolelab::app::location_fragment(app);
  if (frag.empty() || frag == g_last_fragment) return;
  g_last_fragment = frag;
  EM_ASM(
      {
        var f = "#" + UTF8ToString($0);
        if (window.location.hash !== f) {
          try {
            history.replaceState(history.state, "", f);
          } catch (e) {
          }
        }
      },
      frag.c_str());
}

// The aria-live region mirrors the outcome and the diagram's edges (checked every 10 frames).
void sync_aria(rolelab::app::App& app) {
  if (app.frames % 10 != 0) return;
  std::string text = rolelab::app::aria_text(app);
  if (text == g_last_aria) return;
  g_last_aria = std::move(text);
  EM_ASM({ if (Module.rolelabAria) Module.rolelabAria(UTF8ToString($0)); }, g_last_aria.c_str());
}

void browser_frame(void* arg) {
  auto& r = *static_cast<rolelab::runner::Runner*>(arg);
  if (r.app.frames == 0) EM_ASM({ window.rolelabTiming.firstFrame = performance.now(); });
  fit_canvas(r);
  drain_page_queue(r.app);
  rolelab::runner::frame(r);
  if (!r.gl_error.empty() && !g_gl_error_shown) {  // the shaders failed: nothing on the canvas can be read
    g_gl_error_shown = true;
    EM_ASM({ if (Module.rolelabFatal) Module.rolelabFatal('WebGL2 could not draw: ' + UTF8ToString($0)); }, r.gl_error.c_str());
  }
  sync_location(r.app);
  sync_aria(r.app);
  if (r.app.frames == 1) {
    EM_ASM({ if (Module.rolelabStarted) Module.rolelabStarted(); });
  }
}

void copy_text(const std::string& text) {
  EM_ASM({ if (Module.rolelabCopy) Module.rolelabCopy(UTF8ToString($0)); }, text.c_str());
}

std::string page_base_url() {
  return take_js_string(reinterpret_cast<char*>(EM_ASM_INT({
    var s = window.location.origin + window.location.pathname + window.location.search;
    var n = lengthBytesUTF8(s) + 1;
    var p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
  })));
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

// Opens a lesson file's text (what a drop or ?lesson=URL does): {"ok": true} or {"ok": false, "error"}.
EMSCRIPTEN_KEEPALIVE const char* rolelab_open_lesson_text(const char* name, const char* text) {
  if (!g_runner) return "{\"ok\":false,\"error\":\"not ready\"}";
  std::string error;
  const bool ok = rolelab::app::open_lesson_text(g_runner->app, name ? name : "lesson.json", text ? text : "", error);
  g_reply = nlohmann::json{{"ok", ok}, {"error", error}}.dump();
  return g_reply.c_str();
}

// The share link of the current state: page URL + "#" + share_fragment.
EMSCRIPTEN_KEEPALIVE const char* rolelab_share_link() {
  if (!g_runner) return "";
  g_reply = page_base_url() + "#" + rolelab::app::share_fragment(g_runner->app);
  return g_reply.c_str();
}

// Applies a fragment as a hashchange does: {"ok": true} or {"ok": false, "error"}.
EMSCRIPTEN_KEEPALIVE const char* rolelab_apply_fragment(const char* fragment) {
  if (!g_runner) return "{\"ok\":false,\"error\":\"not ready\"}";
  std::string error;
  const bool ok = rolelab::app::apply_fragment(g_runner->app, fragment ? fragment : "", error);
  g_reply = nlohmann::json{{"ok", ok}, {"error", error}}.dump();
  return g_reply.c_str();
}

// What the aria-live region holds (for the test).
EMSCRIPTEN_KEEPALIVE const char* rolelab_aria_text() {
  if (!g_runner) return "";
  g_reply = rolelab::app::aria_text(g_runner->app);
  return g_reply.c_str();
}

// Opens a node's card in the diagram (by ARN, or "host@account" for a service),
// as a click does; for screenshots. Returns 1 when the diagram exists.
EMSCRIPTEN_KEEPALIVE int rolelab_diagram_select(const char* key) {
  if (!g_runner || !g_runner->app.diagram) return 0;
  rolelab::ui::diagram_select(*g_runner->app.diagram, key ? key : "");
  return 1;
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
  const double dpr = std::clamp(EM_ASM_DOUBLE({ return window.devicePixelRatio || 1; }), 1.0, 3.0);
  opt.pixel_ratio = static_cast<float>(dpr);
  opt.width = static_cast<int>(std::lround(EM_ASM_INT({ return document.documentElement.clientWidth || 1280; }) * dpr));
  opt.height = static_cast<int>(std::lround(EM_ASM_INT({ return document.documentElement.clientHeight || 800; }) * dpr));
  if (!rolelab::runner::init(runner, opt)) {
    std::fprintf(stderr, "RoleLab: WebGL2 is not available in this browser\n");
    EM_ASM({
      if (Module.rolelabNoWebGL) Module.rolelabNoWebGL();
    });
    return 1;
  }
  EM_ASM({ window.rolelabTiming.initialized = performance.now(); });  // fonts, worlds and lessons loaded
  runner.app.open_url = [](const std::string& url) {
    if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) return;
    EM_ASM({ window.open(UTF8ToString($0), "_blank", "noopener,noreferrer"); }, url.c_str());
  };
  runner.app.set_clipboard = copy_text;
  runner.app.share = [](const std::string& fragment) {
    const std::string url = page_base_url() + "#" + fragment;
    EM_ASM({ if (Module.rolelabShare) Module.rolelabShare(UTF8ToString($0)); }, url.c_str());
  };
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
