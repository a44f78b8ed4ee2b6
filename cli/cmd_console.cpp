// rolelab-cli console --world FILE [--echo] [--seed N]: the AWS-CLI-like
// console over a simulated world. Commands come from stdin: a script, or
// typed at a prompt when stdin is a terminal.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "commands.h"
#include "console/console.h"
#include "io.h"
#include "world/world.h"

namespace rolelab::cli {

int cmd_console(const Args& args) {
  const char* usage = "usage: rolelab-cli console --world FILE [--echo] [--seed N]   (commands on stdin)";
  if (wants_help(args)) return print_usage(usage);
  std::string world_file;
  bool echo = false;
  unsigned long long seed = 1;
  for (std::size_t k = 0; k < args.size(); ++k) {
    if (args[k] == "--world" && k + 1 < args.size()) {
      world_file = args[++k];
    } else if (args[k] == "--echo") {
      echo = true;
    } else if (args[k] == "--seed" && k + 1 < args.size()) {
      char* end = nullptr;
      seed = std::strtoull(args[++k].c_str(), &end, 10);
      if (!end || *end) return usage_error("--seed takes a number", usage);
    } else {
      return usage_error("unexpected argument '" + args[k] + "' for console", usage);
    }
  }
  if (world_file.empty()) return usage_error("console needs --world FILE", usage);
  std::string err;
  auto text = read_input(world_file, err);
  if (!text) return usage_error(err);
  // Any world a learner may bring, lesson-sized or imported from a real account (docs/import.md).
  WorldLoad w = load_world(*text, kImportedWorldLimits);
  if (!w.ok) {
    std::fprintf(stderr, "%s: %s\n", world_file.c_str(), to_string(w.error).c_str());
    return 2;
  }
  Simulator sim(std::move(w.world), seed);
  Console console(sim);
  // Prompts only for a person at a terminal; --echo (scripts, transcripts) never prompts.
  const bool interactive = !echo && isatty(0);
  std::string line;
  bool too_long = false;
  for (;;) {
    if (interactive) {
      std::fputs(console.prompt().c_str(), stdout);
      std::fflush(stdout);
    }
    line.clear();
    too_long = false;
    int c;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n') {
      if (line.size() <= kMaxConsoleLine)
        line += static_cast<char>(c);
      else
        too_long = true;
    }
    if (c == EOF && line.empty()) break;
    if (echo) std::printf("$ %s\n", line.c_str());
    std::string out = too_long ? "rolelab: error: the line is longer than " + std::to_string(kMaxConsoleLine) + " characters.\n"
                               : console.execute(line);
    std::fputs(out.c_str(), stdout);
    std::fflush(stdout);
    if (c == EOF) break;
  }
  return 0;
}

}  // namespace rolelab::cli
