#include "data_dir.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace rolelab::paths {

namespace {

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

}  // namespace

std::string executable_dir() {
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && exe.has_parent_path()) return exe.parent_path().string();
#endif
  // Under node (the wasm CLI) the "executable" would be node itself.
  return {};
}

DataDir data_dir() {
  if (const char* env = std::getenv("ROLELAB_DATA_DIR"); env && *env) return {env, "ROLELAB_DATA_DIR"};
  if (std::string bin = executable_dir(); !bin.empty()) {
    // lexically_normal: report /usr/share/rolelab, not /usr/bin/../share/rolelab.
    fs::path installed = (fs::path(bin) / ".." / "share" / "rolelab").lexically_normal();
    if (is_dir(installed / "lessons")) return {installed.string(), "installed"};
  }
#ifdef ROLELAB_SOURCE_DIR
  return {ROLELAB_SOURCE_DIR, "source tree"};
#else
  return {".", "current directory"};
#endif
}

std::string fonts_dir() {
  fs::path shipped = fs::path(data_dir().dir) / "fonts";
  if (is_dir(shipped)) return shipped.string();
#ifdef ROLELAB_FONTS_DIR
  return ROLELAB_FONTS_DIR;
#else
  return {};
#endif
}

}  // namespace rolelab::paths
