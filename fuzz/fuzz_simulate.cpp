// libFuzzer target: any bytes as a simulate input (rolelab-cli simulate and
// each line of a JSON Lines batch): a decision or an error with a code.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "eval/simulate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bool ok = false;
  // simulate() parses json::Writer's text back: text that is not JSON gives a
  // discarded value with neither key, and traps below.
  nlohmann::json out = rolelab::simulate(std::string_view(reinterpret_cast<const char*>(data), size), ok);
  if (ok ? !out.contains("decision") : !out.contains("error")) __builtin_trap();
  if (!ok && out["error"]["code"].get<std::string>().empty()) __builtin_trap();
  return 0;
}
