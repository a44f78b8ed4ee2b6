#include "runner.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_internal.h>  // ErrorCheckEndFrameRecover

#include <dirent.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <string_view>

#include "draw_hash.h"
#include "gl_renderer.h"
#include "progress.h"
#include "ui.h"

namespace rolelab::runner {

namespace {

// dirent rather than std::filesystem, and app::read_file's stdio rather than
// iostreams: in the browser every function the start calls is compiled on
// its first call, and libc++'s stream and path code took a sixth of main()'s
// time in a sampled page-load profile (25 small files).
// Every *.json in dir, sorted by name, as (file name, text).
std::vector<std::pair<std::string, std::string>> read_json_files(const std::string& dir, std::vector<std::string>& errors) {
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (!d) {
    errors.push_back(dir + ": " + std::strerror(errno));
    return out;
  }
  while (const dirent* e = readdir(d)) {
    const std::string_view name = e->d_name;
    if (name.size() > 5 && name.substr(name.size() - 5) == ".json") names.emplace_back(name);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string text;
    const std::string path = dir + "/" + name;
    if (app::read_file(path, text)) out.emplace_back(name, std::move(text));
    else errors.push_back(path + ": cannot be read");
  }
  return out;
}

// ROLELAB_TIMING=1: how long each part of init and the first frames take, on stderr.
bool timing_on() {
  static const bool on = [] {
    const char* t = std::getenv("ROLELAB_TIMING");
    return t && *t && *t != '0';
  }();
  return on;
}
// Wall time and this thread's CPU time (steadier on a loaded machine).
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}
struct Stopwatch {
  std::chrono::steady_clock::time_point t = std::chrono::steady_clock::now();
  double cpu = cpu_ms();
  double lap(const char* what) {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - t).count();
    const double c = cpu_ms();
    if (timing_on()) std::fprintf(stderr, "rolelab timing: %-30s wall %8.1f ms  cpu %8.1f ms\n", what, ms, c - cpu);
    t = now;
    cpu = c;
    return ms;
  }
};

void glfw_error(int code, const char* text) { std::fprintf(stderr, "rolelab: GLFW error %d: %s\n", code, text); }

}  // namespace

void load_lessons(app::App& app, const std::string& dir) {
  for (const auto& [file, text] : read_json_files(dir, app.load_errors)) app::add_lesson_file(app, file, text);
}

void load_worlds(app::App& app, const std::string& dir) {
  for (const auto& [file, text] : read_json_files(dir, app.console.load_errors)) app::add_world_file(app, file, text);
}

bool init(Runner& r, const Options& opt) {
  Stopwatch sw, total;
  glfwSetErrorCallback(glfw_error);
  if (!glfwInit()) return false;
  if (std::string(opt.glsl_version).find("es") != std::string::npos) {
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  } else {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  }
  r.window = glfwCreateWindow(opt.width, opt.height, "RoleLab: IAM roles and delegation", nullptr, nullptr);
  if (!r.window) {
    glfwTerminate();
    return false;
  }
  glfwMakeContextCurrent(r.window);
  glfwSwapInterval(1);
  // The shaders first: compiled by the GPU while fonts, worlds and lessons
  // load here (gl_renderer.h: nothing waits for them until the first frame).
  gl::init(r.gl, opt.glsl_version);
  sw.lap("init: window + GL context + shaders");
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing written next to the page or the binary
  r.fonts_dir = opt.fonts_dir;
  r.app.pixel_ratio = opt.pixel_ratio > 0 ? opt.pixel_ratio : 1.0f;
  ui::prepare_frame(r.app, r.fonts_dir);
  sw.lap("init: fonts (atlas) + style");
  ImGui_ImplGlfw_InitForOpenGL(r.window, true);
  gl::register_with_imgui();
  gl::upload_fonts(r.gl);
  sw.lap("init: backends + font texture");
  load_worlds(r.app, opt.worlds_dir);      // first: lessons name world files
  sw.lap("init: worlds");
  load_lessons(r.app, opt.lessons_dir);
  sw.lap("init: lessons (outlines)");
  if (timing_on() && std::getenv("ROLELAB_EAGER_LESSONS")) {  // for comparison: every lesson parsed now, as before
    std::string err;
    for (std::size_t k = 0; k < r.app.lessons.size(); ++k) app::ensure_parsed(r.app, k, err);
    sw.lap("init: lessons (full parse)");
  }
  total.lap("init: total");
  r.app.ready = true;
  r.last_time = glfwGetTime();
  return true;
}

void save_progress_now(Runner& r) {
  if (!r.save_progress) return;
  std::string p = app::progress_json(r.app);
  if (p == r.saved_progress) return;
  r.save_progress(p);
  r.saved_progress = std::move(p);
}

// When the shaders' compile status is read (below).
constexpr long long kShaderCheckFrame = 120;

bool frame(Runner& r) {
  // The shaders' status, read once, about two seconds in: the read waits for
  // the GPU to finish all it was given, and right after the first frame that
  // was the shader compile plus the first picture, a 0.2-0.3 s stall of the
  // page's thread measured under load (SwiftShader); by now it is one round
  // trip. A failure is reported, as the page's or the terminal's error,
  // since nothing can be drawn.
  if (!r.gl_checked && r.app.frames >= kShaderCheckFrame) {
    r.gl_checked = true;
    r.gl_error = gl::check(r.gl);
    if (!r.gl_error.empty()) std::fprintf(stderr, "rolelab: cannot draw: %s\n", r.gl_error.c_str());
  }
  Stopwatch sw;
  const bool timed = timing_on() && r.app.frames < 2;
  glfwPollEvents();
  const auto t0 = std::chrono::steady_clock::now();
  bool must_draw = r.redraw;
  r.redraw = false;
  if (ui::prepare_frame(r.app, r.fonts_dir)) {
    gl::upload_fonts(r.gl);
    must_draw = true;  // the same vertices now sample another atlas
  }
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  const double now = glfwGetTime();
  const double dt = std::clamp(now - r.last_time, 0.0, 0.25);
  r.last_time = now;
  try {
    if (r.app.force_error) {
      r.app.force_error = false;
      throw std::runtime_error("Forced error from the test API (rolelab_test_command {\"cmd\":\"forceError\"}).");
    }
    if (r.app.force_abort) std::abort();  // test API: what no frame boundary can stop
    ui::update(r.app, dt);
    ui::draw(r.app);
    // Every 30 frames, from the 30th: nothing the learner did needs saving in
    // the first frame, which is the one the page waits for.
    if (r.app.frames % 30 == 29) save_progress_now(r);
  } catch (const std::exception& e) {
    // Stop the error at the frame boundary: close what the UI had open and
    // show the error panel from the next frame on; the App (and the learner's
    // edits) stay as they were, and are saved now.
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    r.app.fatal_error = e.what();
    try {
      save_progress_now(r);
    } catch (const std::exception&) {
      // Saving failed too (out of memory): the last save, at most 30 frames old, stands.
    }
  }
  ImGui::Render();
  if (timed) sw.lap(r.app.frames == 0 ? "frame 1: to Render" : "frame 2: to Render");
  app::record_frame_ms(r.app, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  // The same picture as the one on the screen: not drawn again, except once a
  // second (whatever the platform may have lost meanwhile is restored).
  const std::uint64_t hash = draw_data_hash(*ImGui::GetDrawData());
  const double drawn_at = glfwGetTime();
  if (!must_draw && r.app.frames > 0 && hash == r.drawn_hash && drawn_at - r.drawn_time < 1.0) {
    ++r.app.frames;
    return false;
  }
  r.drawn_hash = hash;
  r.drawn_time = drawn_at;
  ++r.app.drawn_frames;
  int w = 0, h = 0;
  glfwGetFramebufferSize(r.window, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  gl::render(r.gl, *ImGui::GetDrawData());
  glfwSwapBuffers(r.window);
  if (timed) sw.lap(r.app.frames == 0 ? "frame 1: GL draw + swap" : "frame 2: GL draw + swap");
  ++r.app.frames;
  return true;
}

void shutdown(Runner& r) {
  gl::shutdown(r.gl);
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  if (r.window) glfwDestroyWindow(r.window);
  glfwTerminate();
}

}  // namespace rolelab::runner
