// libFuzzer target: any bytes as a command of the runner's test API (JSON
// from the page's JavaScript): {"ok": ...} JSON back, never a crash.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "app.h"
#include "test_api.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One app for the whole run, as in the page: commands change its state.
  static rolelab::app::App* app = [] {
    auto* a = new rolelab::app::App();
    std::ifstream in(ROLELAB_SOURCE_DIR "/lessons/02-trust-vs-permissions.json");
    std::stringstream text;
    text << in.rdbuf();
    rolelab::app::add_lesson_file(*a, "02-trust-vs-permissions.json", text.str());
    std::ifstream w(ROLELAB_SOURCE_DIR "/worlds/two-accounts.json");
    std::stringstream wt;
    wt << w.rdbuf();
    rolelab::app::add_world_file(*a, "two-accounts.json", wt.str());
    a->ready = true;
    return a;
  }();
  std::string out = rolelab::app::command_json(*app, std::string(reinterpret_cast<const char*>(data), size));
  nlohmann::json reply = nlohmann::json::parse(out, nullptr, false);
  if (reply.is_discarded() || !reply.contains("ok")) __builtin_trap();  // always a JSON answer
  (void)rolelab::app::state_json(*app);
  return 0;
}
