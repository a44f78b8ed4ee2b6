// libFuzzer target: any bytes as saved progress (localStorage in the browser,
// a file on the desktop: anyone can edit them): restoring never throws, and
// the progress saved afterwards reads back to progress that saves the same.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app.h"
#include "progress.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string lesson = [] {
    std::ifstream in(ROLELAB_SOURCE_DIR "/lessons/02-trust-vs-permissions.json");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }();
  rolelab::app::App app;
  rolelab::app::add_lesson_file(app, "01.json", lesson);
  std::string note;
  (void)rolelab::app::restore_progress(app, std::string_view(reinterpret_cast<const char*>(data), size), note);
  const std::string saved = rolelab::app::progress_json(app);
  // What RoleLab saves, it reads back to progress that saves the same again. (The first save
  // may differ from the second: a lesson that is current is opened on restore, and its log is
  // then replayed and written in RoleLab's own form, without what did not replay. From then on
  // the round trip is exact.)
  rolelab::app::App again;
  rolelab::app::add_lesson_file(again, "01.json", lesson);
  (void)rolelab::app::restore_progress(again, saved, note);
  const std::string second = rolelab::app::progress_json(again);
  rolelab::app::App third;
  rolelab::app::add_lesson_file(third, "01.json", lesson);
  (void)rolelab::app::restore_progress(third, second, note);
  const auto a = nlohmann::json::parse(second, nullptr, false);
  const auto b = nlohmann::json::parse(saved, nullptr, false);
  if (a.is_discarded() || b.is_discarded() || !a.contains("lessons") || !b.contains("lessons")) __builtin_trap();
  if (rolelab::app::progress_json(third) != second) __builtin_trap();
  return 0;
}
