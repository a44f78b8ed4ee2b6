// rolelab-cli subcommands. Each returns the process exit status:
// 0 success, 1 a denied decision or failed check, 2 bad input or usage.
#pragma once

#include <string>
#include <vector>

namespace rolelab::cli {

using Args = std::vector<std::string>;

int cmd_assume(const Args& args);
int cmd_lessons(const Args& args);
int cmd_simulate(const Args& args);
int cmd_conformance(const Args& args);
int cmd_console(const Args& args);
int cmd_validate(const Args& args);
int cmd_world(const Args& args);  // cmd_world.cpp: world import / world report

// "rolelab-cli: error: ..." plus a hint, on stderr; returns 2.
int usage_error(const std::string& message, const std::string& hint = {});

// `rolelab-cli SUBCOMMAND --help` (or -h) anywhere among its arguments: each
// subcommand starts with `if (wants_help(args)) return print_usage(kUsage);`,
// which prints its usage on stdout and returns 0 (cli/usage.cpp).
bool wants_help(const Args& args);
int print_usage(const std::string& usage);

}  // namespace rolelab::cli
