// `rolelab-cli SUBCOMMAND --help`: every subcommand begins with
//   if (wants_help(args)) return print_usage(kItsUsage);
// so its usage goes to stdout with exit status 0 (a usage error prints the
// same text on stderr with status 2).
#include <cstdio>

#include "commands.h"

namespace rolelab::cli {

bool wants_help(const Args& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

int print_usage(const std::string& usage) {
  std::fputs(usage.c_str(), stdout);
  if (usage.empty() || usage.back() != '\n') std::fputc('\n', stdout);
  return 0;
}

}  // namespace rolelab::cli
