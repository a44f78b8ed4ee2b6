// rolelab-cli conformance DIR: runs outside IAM decision cases (the
// iam-simulate case format, read in place, never copied) through the engine
// and prints the pass rate per file and overall, and every failure with the
// reason. Discovery-mode and endpoint-policy cases are features of that tool,
// not of IAM, and are counted separately.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "commands.h"
#include "conformance_case.h"
#include "eval/explain.h"
#include "io.h"
#include "json/json.h"
#include "eval/simulate.h"

namespace rolelab::cli {

namespace {

const char* kUsage = "usage: rolelab-cli conformance DIR [--min-rate PERCENT] [--notes FILE] [--quiet]";

struct FileStats {
  int passed = 0, failed = 0, skipped = 0;
};

}  // namespace

int cmd_conformance(const Args& args) {
  if (wants_help(args)) return print_usage(kUsage);
  std::string dir, notes_file;
  double min_rate = 0;
  bool quiet = false;
  for (std::size_t k = 0; k < args.size(); ++k) {
    const std::string& a = args[k];
    if (a == "--min-rate" && k + 1 < args.size()) {
      char* end = nullptr;
      min_rate = std::strtod(args[++k].c_str(), &end);
      if (!end || *end || min_rate < 0 || min_rate > 100) return usage_error("--min-rate takes a percentage 0-100", kUsage);
    } else if (a == "--notes" && k + 1 < args.size()) {
      notes_file = args[++k];
    } else if (a == "--quiet") {
      quiet = true;
    } else if (!a.empty() && a[0] != '-' && dir.empty()) {
      dir = a;
    } else {
      return usage_error("unexpected argument '" + a + "' for conformance", kUsage);
    }
  }
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return usage_error("conformance needs a DIR of case files", kUsage);

  // Notes: {"case name": "why the case disagrees with AWS's documentation, with the page"}.
  std::map<std::string, std::string> notes;
  if (!notes_file.empty()) {
    std::string err;
    auto text = read_input(notes_file, err);
    if (!text) return usage_error(err);
    auto parsed = json::parse(*text);
    if (!parsed.ok || !parsed.value.is_object()) return usage_error(notes_file + ": not a JSON object of case name -> note");
    for (const json::Member& m : parsed.value.members) notes[m.key] = m.value.text;
  }

  std::vector<std::string> files;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); it != std::filesystem::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->path().extension() == ".json" && it->path().filename() != "package.json") files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  int passed = 0, failed = 0, skipped = 0, explained = 0;
  std::vector<std::string> failures;
  for (const std::string& f : files) {
    std::string err;
    auto text = read_input(f, err);
    std::string rel = std::filesystem::relative(f, dir, ec).string();
    if (!text) {
      failures.push_back(rel + ": " + err);
      ++failed;
      continue;
    }
    auto parsed = json::parse(*text);
    if (!parsed.ok || !parsed.value.is_array()) {
      failures.push_back(rel + ": not a JSON array of cases");
      ++failed;
      continue;
    }
    FileStats fs;
    for (const json::Value& c : parsed.value.items) {
      const json::Value* name_v = c.find("name");
      std::string name = name_v && name_v->is_string() ? name_v->text : "(unnamed)";
      if (is_tool_specific_case(c)) {
        ++fs.skipped;
        continue;
      }
      const json::Value* exp = c.find("expected");
      const json::Value* want = exp ? exp->find("response") : nullptr;
      std::string expected = want && want->is_string() ? want->text : "?";
      SimulateParse in = parse_simulate_input(to_contract(c));
      std::string got, why;
      if (!in.ok) {
        got = "error";
        why = to_string(in.error);
      } else {
        EvalResult r = evaluate(in.input.request, in.input.policies);
        got = decision_name(r.decision);
        why = r.summary;
      }
      if (got == expected) {
        ++fs.passed;
      } else {
        ++fs.failed;
        std::string line = rel + " :: " + name + "\n    expected " + expected + ", got " + got + ": " + why;
        if (auto n = notes.find(name); n != notes.end()) {
          line += "\n    note: " + n->second;
          ++explained;
        }
        failures.push_back(line);
      }
    }
    passed += fs.passed;
    failed += fs.failed;
    skipped += fs.skipped;
    int n = fs.passed + fs.failed;
    if (!quiet && (n > 0 || fs.skipped > 0)) {
      std::printf("%-60s %3d/%-3d %6.1f%%%s\n", rel.c_str(), fs.passed, n, n ? 100.0 * fs.passed / n : 100.0,
                  fs.skipped ? ("  (" + std::to_string(fs.skipped) + " skipped: discovery/endpoint)").c_str() : "");
    }
  }
  if (!failures.empty()) {
    std::printf("\nfailures:\n");
    for (const std::string& f : failures) std::printf("  %s\n", f.c_str());
  }
  int total = passed + failed;
  double rate = total ? 100.0 * passed / total : 0;
  std::printf(
      "\nconformance: %d/%d passed (%.1f%%), %d failed (%d with a documented disagreement), %d skipped (discovery mode or "
      "endpoint policies)\n",
      passed, total, rate, failed, explained, skipped);
  if (rate < min_rate) {
    std::printf("conformance: below the target of %.1f%%\n", min_rate);
    return 1;
  }
  return 0;
}

}  // namespace rolelab::cli
