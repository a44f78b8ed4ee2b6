// rolelab-cli: the headless front end over the RoleLab IAM engine.
#include <cstdio>
#include <string>

#include "commands.h"
#include "data_dir.h"
#include "version.h"

namespace {

const char* kHelp =
    "usage: rolelab-cli <command> [options]\n"
    "\n"
    "RoleLab's headless tool: the same IAM engine as the lesson runner.\n"
    "\n"
    "commands:\n"
    "  assume    decide whether a principal may call sts:AssumeRole on a role\n"
    "            rolelab-cli assume --trust FILE --principal ARN --role ARN\n"
    "                               [--identity FILE]... [--json]\n"
    "  lessons   list, verify and play lessons; validate lesson files\n"
    "            rolelab-cli lessons list [--json] [DIR]\n"
    "            rolelab-cli lessons verify [FILE|DIR|ID...]\n"
    "            rolelab-cli lessons play ID|FILE [--solve]\n"
    "  simulate  evaluate a request against policies (the simulate input format)\n"
    "            rolelab-cli simulate [--pretty] FILE\n"
    "            rolelab-cli simulate --batch FILE      (JSON Lines in, one result line per input line)\n"
    "  console   the AWS-CLI-like console over a simulated world (commands on stdin)\n"
    "            rolelab-cli console --world FILE [--echo] [--seed N]\n"
    "  validate  policy checks as IAM Access Analyzer makes them (aws accessanalyzer validate-policy)\n"
    "            rolelab-cli validate --policy-type IDENTITY_POLICY|RESOURCE_POLICY|SERVICE_CONTROL_POLICY|\n"
    "                                 RESOURCE_CONTROL_POLICY [--validate-policy-resource-type TYPE] FILE\n"
    "  conformance  run IAM decision cases in the iam-simulate format\n"
    "            rolelab-cli conformance DIR [--min-rate PERCENT] [--notes FILE] [--quiet]\n"
    "  world     import `aws iam get-account-authorization-details` into a world; report on a world\n"
    "            rolelab-cli world import DETAILS.json... [--account-alias ID=NAME] [--organization SCPS.json] [-o FILE]\n"
    "            rolelab-cli world report [--json] WORLD.json\n"
    "\n"
    "options:\n"
    "  --help     show this help (rolelab-cli COMMAND --help: that command's usage)\n"
    "  --version  show the version and the data folder (lessons, worlds) in use\n"
    "\n"
    "FILE may be '-' for standard input. Exit status: 0 allowed/valid,\n"
    "1 denied/invalid, 2 bad input or usage.\n";

}  // namespace

int main(int argc, char** argv) {
  rolelab::cli::Args args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  const std::string cmd = args.front();
  rolelab::cli::Args rest(args.begin() + 1, args.end());
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (cmd == "--version") {
    std::printf("rolelab-cli %s\n", ROLELAB_VERSION);
    const rolelab::paths::DataDir data = rolelab::paths::data_dir();  // which course a bare `lessons` reads
    std::printf("data: %s (%s)\n", data.dir.c_str(), data.origin.c_str());
    return 0;
  }
  if (cmd == "assume") return rolelab::cli::cmd_assume(rest);
  if (cmd == "lessons") return rolelab::cli::cmd_lessons(rest);
  if (cmd == "simulate") return rolelab::cli::cmd_simulate(rest);
  if (cmd == "conformance") return rolelab::cli::cmd_conformance(rest);
  if (cmd == "console") return rolelab::cli::cmd_console(rest);
  if (cmd == "validate") return rolelab::cli::cmd_validate(rest);
  if (cmd == "world") return rolelab::cli::cmd_world(rest);
  return rolelab::cli::usage_error("unknown command '" + cmd + "'",
                                   "commands: assume, lessons, simulate, console, validate, conformance, world (see rolelab-cli --help)");
}
