// libFuzzer target: any bytes as a world file: a world, or an error with a
// code, a message and a JSON path; a world that loads can be analysed and
// printed (who can assume which role).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "eval/analysis.h"
#include "world/world.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rolelab::WorldLoad w = rolelab::load_world(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!w.ok) {
    if (w.error.code.empty() || w.error.message.empty()) __builtin_trap();
    return 0;
  }
  rolelab::AssumeGraph g = rolelab::who_can_assume(w.world);
  (void)rolelab::to_text(g);
  return 0;
}
