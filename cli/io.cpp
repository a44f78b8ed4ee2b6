#include "io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace rolelab::cli {

std::optional<std::string> read_input(const std::string& path, std::string& error) {
  FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) {
    error = "cannot open '" + path + "': " + std::strerror(errno);
    return std::nullopt;
  }
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    out.append(buf, n);
    if (out.size() > kMaxInputBytes) {
      error = "'" + path + "' is larger than " + std::to_string(kMaxInputBytes >> 20) + " MiB";
      if (f != stdin) std::fclose(f);
      return std::nullopt;
    }
  }
  bool failed = std::ferror(f) != 0;
  if (f != stdin) std::fclose(f);
  if (failed) {
    error = "cannot read '" + path + "'";
    return std::nullopt;
  }
  return out;
}

}  // namespace rolelab::cli
