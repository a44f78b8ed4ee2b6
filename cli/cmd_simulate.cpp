// rolelab-cli simulate FILE | --batch FILE: the simulate input contract in,
// one line of JSON out (see engine/simulate.h). FILE may be '-' for stdin.
#include <cstdio>
#include <string>

#include "commands.h"
#include "eval/explain.h"
#include "io.h"
#include "eval/simulate.h"

namespace rolelab::cli {

namespace {

const char* kUsage = "usage: rolelab-cli simulate [--batch] [--pretty] FILE   (FILE may be '-' for stdin)";

void print_error(const std::string& code, const std::string& message) {
  nlohmann::json j = {{"error", {{"code", code}, {"message", message}}}};
  std::printf("%s\n", dump(j).c_str());
}

}  // namespace

int cmd_simulate(const Args& args) {
  bool batch = false, pretty = false;
  std::string file;
  for (const std::string& a : args) {
    if (a == "--batch")
      batch = true;
    else if (a == "--pretty")
      pretty = true;
    else if (a.size() > 1 && a[0] == '-' && a != "-")
      return usage_error("unknown option '" + a + "' for simulate", kUsage);
    else if (file.empty())
      file = a;
    else
      return usage_error("simulate takes one FILE", kUsage);
  }
  if (file.empty()) return usage_error("simulate needs a FILE (or '-' for stdin)", kUsage);
  std::string err;
  if (!batch) {
    auto text = read_input(file, err);
    if (!text) {
      print_error("InvalidInput", err);
      return 2;
    }
    bool ok = false;
    nlohmann::json out = simulate(*text, ok);
    std::printf("%s\n", dump(out, pretty ? 2 : -1).c_str());
    return ok ? 0 : 2;
  }
  // JSON Lines: one result line per input line, in order; a bad line gives an
  // error line and the batch goes on. Blank lines give no output.
  FILE* f = file == "-" ? stdin : std::fopen(file.c_str(), "rb");
  if (!f) {
    print_error("InvalidInput", "cannot open '" + file + "'");
    return 2;
  }
  std::string line;
  int errors = 0;
  bool too_long = false;
  auto flush = [&] {
    if (too_long) {
      print_error("LimitExceeded", "The input line is longer than " + std::to_string(kMaxSimulateBytes) + " bytes.");
      ++errors;
    } else if (line.find_first_not_of(" \t\r") != std::string::npos) {
      bool ok = false;
      nlohmann::json out = simulate(line, ok);
      if (!ok) ++errors;
      std::printf("%s\n", dump(out).c_str());
    }
    std::fflush(stdout);
    line.clear();
    too_long = false;
  };
  int c;
  while ((c = std::fgetc(f)) != EOF) {
    if (c == '\n') {
      flush();
    } else if (!too_long) {
      line += static_cast<char>(c);
      if (line.size() > kMaxSimulateBytes) too_long = true, line.clear();
    }
  }
  if (!line.empty() || too_long) flush();
  if (f != stdin) std::fclose(f);
  return errors == 0 ? 0 : 2;
}

}  // namespace rolelab::cli
