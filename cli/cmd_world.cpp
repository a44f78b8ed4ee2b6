// rolelab-cli world: a real account, offline.
//   world import DETAILS.json... [--account-alias ID=NAME]... [--organization SCPS.json] [-o WORLD.json]
//     converts the output of `aws iam get-account-authorization-details` (one
//     file per account) into a world (docs/import.md); notes on what was
//     imported differently or left out go to stderr.
//   world report [--json] WORLD.json
//     who can assume which role, roles trusting a whole other account or
//     anyone, admin-equivalent principals and who reaches them, and the
//     policy checks' findings for every policy.
// Exit status: 0 done, 2 bad input or usage.
#include <cstdio>
#include <string>
#include <vector>

#include "analyzer/account_report.h"
#include "commands.h"
#include "io.h"
#include "world/import_details.h"

namespace rolelab::cli {

namespace {

const char* kWorldHelp =
    "usage: rolelab-cli world import DETAILS.json [DETAILS2.json ...] [--account-alias ID=NAME]...\n"
    "                                [--organization SCPS.json] [-o WORLD.json] [--quiet]\n"
    "       rolelab-cli world report [--json] WORLD.json\n"
    "\n"
    "import  turns the output of `aws iam get-account-authorization-details` (one file per\n"
    "        account; policy documents as JSON objects or URL-encoded) into a world file.\n"
    "        What RoleLab cannot model is listed on stderr, never dropped silently\n"
    "        (--quiet: only the summary line). Files holding access keys are refused.\n"
    "        --organization: {\"serviceControlPolicies\": {\"ACCOUNT\": [[SCP, ...], ...]}}\n"
    "        (one array per level, root first). Without -o the world goes to stdout.\n"
    "report  who can assume which role (with chains and conditions), roles that trust\n"
    "        a whole other account or anyone, admin-equivalent principals and who\n"
    "        reaches them, and the policy checks' findings; text or --json.\n"
    "\n"
    "See docs/import.md. Exit status: 0 done, 2 bad input or usage.\n";

std::string where(const std::string& file, const Diagnostic& d) {
  std::string out = file;
  if (d.line > 0) out += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
  out += ": " + d.code + ": " + d.message;
  if (!d.path.empty()) out += " (" + d.path + ")";
  if (!d.help.empty()) out += "\n  " + d.help;
  return out;
}

int import(const Args& args) {
  std::vector<std::string> paths;
  std::string out_path, org_path;
  bool quiet = false;
  ImportOptions opt;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kWorldHelp, stdout);
      return 0;
    }
    if (a == "--account-alias" || a == "--organization" || a == "-o") {
      if (i + 1 >= args.size()) return usage_error(a + " needs a value", kWorldHelp);
      const std::string& v = args[++i];
      if (a == "-o") {
        out_path = v;
      } else if (a == "--organization") {
        org_path = v;
      } else {
        std::size_t eq = v.find('=');
        if (eq != 12 || v.size() == 13) return usage_error("--account-alias takes ACCOUNT=ALIAS (12-digit account id), not '" + v + "'");
        opt.aliases[v.substr(0, eq)] = v.substr(eq + 1);
      }
    } else if (a == "--quiet") {
      quiet = true;
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return usage_error("unknown option '" + a + "'", kWorldHelp);
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) return usage_error("world import needs at least one DETAILS.json file", kWorldHelp);
  std::vector<ImportFile> files;
  std::string error;
  for (const std::string& p : paths) {
    auto text = read_input(p, error);
    if (!text) return usage_error(error);
    files.push_back({p, std::move(*text)});
  }
  ImportFile org;
  if (!org_path.empty()) {
    auto text = read_input(org_path, error);
    if (!text) return usage_error(error);
    org = {org_path, std::move(*text)};
    opt.organization = &org;
  }
  ImportResult r = import_account_details(files, opt);
  if (!r.ok) {
    std::fprintf(stderr, "%s\n", where(r.error_file.empty() ? "rolelab-cli" : r.error_file, r.error).c_str());
    return 2;
  }
  std::string notes = import_notes_text(r);
  if (quiet) notes = notes.substr(notes.rfind('\n', notes.size() - 2) == std::string::npos ? 0 : notes.rfind('\n', notes.size() - 2) + 1);
  std::fputs(notes.c_str(), stderr);
  if (out_path.empty()) {
    std::fputs(r.world_text.c_str(), stdout);
    return 0;
  }
  FILE* f = std::fopen(out_path.c_str(), "wb");
  if (!f || std::fwrite(r.world_text.data(), 1, r.world_text.size(), f) != r.world_text.size() || std::fclose(f) != 0) {
    return usage_error("cannot write '" + out_path + "'");
  }
  return 0;
}

int report(const Args& args) {
  std::string path;
  bool as_json = false;
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kWorldHelp, stdout);
      return 0;
    }
    if (a == "--json") {
      as_json = true;
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return usage_error("unknown option '" + a + "'", kWorldHelp);
    } else if (path.empty()) {
      path = a;
    } else {
      return usage_error("world report reads one world file", kWorldHelp);
    }
  }
  if (path.empty()) return usage_error("world report needs a WORLD.json file", kWorldHelp);
  std::string error;
  auto text = read_input(path, error);
  if (!text) return usage_error(error);
  WorldLoad w = load_world(*text, kImportedWorldLimits);
  if (!w.ok) {
    std::fprintf(stderr, "%s\n", where(path, w.error).c_str());
    return 2;
  }
  AccountReport r = account_report(w.world);
  if (as_json) {
    std::printf("%s\n", to_json(r).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
  } else {
    std::fputs(to_text(r).c_str(), stdout);
  }
  return 0;
}

}  // namespace

int cmd_world(const Args& args) {
  if (args.empty()) return usage_error("world needs a subcommand: import or report", kWorldHelp);
  const std::string& sub = args.front();
  Args rest(args.begin() + 1, args.end());
  if (sub == "--help" || sub == "-h" || sub == "help") {
    std::fputs(kWorldHelp, stdout);
    return 0;
  }
  if (sub == "import") return import(rest);
  if (sub == "report") return report(rest);
  return usage_error("unknown world subcommand '" + sub + "'", "world subcommands: import, report (see rolelab-cli world --help)");
}

}  // namespace rolelab::cli
