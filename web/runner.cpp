#include "runner.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>  // ErrorCheckEndFrameRecover

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "progress.h"
#include "ui.h"

namespace rolelab::runner {

namespace {

// Every *.json in dir, sorted by name, as (file name, text).
std::vector<std::pair<std::string, std::string>> read_json_files(const std::string& dir, std::vector<std::string>& errors) {
  std::vector<std::pair<std::string, std::string>> out;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  if (ec) errors.push_back(dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out.emplace_back(f.filename().string(), ss.str());
  }
  return out;
}

}  // namespace

void load_lessons(app::App& app, const std::string& dir) {
  for (const auto& [file, text] : read_json_files(dir, app.load_errors)) app::add_lesson_file(app, file, text);
}

void load_worlds(app::App& app, const std::string& dir) {
  for (const auto& [file, text] : read_json_files(dir, app.console.load_errors)) app::add_world_file(app, file, text);
}

namespace {

void* load_font(const std::string& path, float size) {
  ImGuiIO& io = ImGui::GetIO();
  if (!std::filesystem::exists(path)) {
    std::fprintf(stderr, "rolelab: font %s not found; using ImGui's built-in font\n", path.c_str());
    return nullptr;
  }
  return io.Fonts->AddFontFromFileTTF(path.c_str(), size);
}

void style() {
  ImGui::StyleColorsDark();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 0;
  s.ChildRounding = 6;
  s.FrameRounding = 4;
  s.WindowPadding = ImVec2(12, 10);
  s.FramePadding = ImVec2(8, 5);
  s.ItemSpacing = ImVec2(8, 7);
}

void glfw_error(int code, const char* text) { std::fprintf(stderr, "rolelab: GLFW error %d: %s\n", code, text); }

}  // namespace

bool init(Runner& r, const Options& opt) {
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
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing written next to the page or the binary
  style();
  r.app.fonts.body = load_font(opt.fonts_dir + "/Roboto-Regular.ttf", 17.0f);
  r.app.fonts.heading = load_font(opt.fonts_dir + "/Roboto-Medium.ttf", 22.0f);
  r.app.fonts.mono = load_font(opt.fonts_dir + "/JetBrainsMono-Regular.ttf", 15.0f);
  if (r.app.fonts.body) io.FontDefault = static_cast<ImFont*>(r.app.fonts.body);
  ImGui_ImplGlfw_InitForOpenGL(r.window, true);
  ImGui_ImplOpenGL3_Init(opt.glsl_version);
  load_lessons(r.app, opt.lessons_dir);
  load_worlds(r.app, opt.worlds_dir);
  r.app.ready = true;
  return true;
}

void save_progress_now(Runner& r) {
  if (!r.save_progress) return;
  std::string p = app::progress_json(r.app);
  if (p == r.saved_progress) return;
  r.save_progress(p);
  r.saved_progress = std::move(p);
}

void frame(Runner& r) {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  try {
    if (r.app.force_error) {
      r.app.force_error = false;
      throw std::runtime_error("Forced error from the test API (rolelab_test_command {\"cmd\":\"forceError\"}).");
    }
    if (r.app.force_abort) std::abort();  // test API: what no frame boundary can stop
    ui::draw(r.app);
    if (r.app.frames % 30 == 0) save_progress_now(r);
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
  int w = 0, h = 0;
  glfwGetFramebufferSize(r.window, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glfwSwapBuffers(r.window);
  ++r.app.frames;
}

void shutdown(Runner& r) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  if (r.window) glfwDestroyWindow(r.window);
  glfwTerminate();
}

}  // namespace rolelab::runner
