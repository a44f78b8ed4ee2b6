// File and stdin reading for the CLI (the engine never touches files).
#pragma once

#include <optional>
#include <string>

namespace rolelab::cli {

inline constexpr std::size_t kMaxInputBytes = 16u << 20;  // 16 MiB

// Reads a whole file, or stdin for "-". On failure returns nothing and sets error.
std::optional<std::string> read_input(const std::string& path, std::string& error);

}  // namespace rolelab::cli
