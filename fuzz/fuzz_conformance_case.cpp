// libFuzzer target: any bytes as an outside conformance case (the
// iam-simulate format that `rolelab-cli conformance` reads): converted to the
// simulate contract, then simulated, or refused with an error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "conformance_case.h"
#include "json/json.h"
#include "eval/simulate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rolelab::json::ParseResult p = rolelab::json::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!p.ok) return 0;
  if (rolelab::cli::is_tool_specific_case(p.value)) return 0;
  rolelab::json::Value contract = rolelab::cli::to_contract(p.value);
  rolelab::SimulateParse s = rolelab::parse_simulate_input(contract);
  if (s.ok) (void)rolelab::simulate(s.input);
  return 0;
}
