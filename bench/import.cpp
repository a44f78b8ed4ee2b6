// Import speed: a generated `aws iam get-account-authorization-details`
// output (default 1,000 users in 50 groups and 1,000 roles, one account) is
// imported into a world and who-can-assume runs on it; the goal is at most
// 1 s natively and 2.5 s in the browser build (issue 13). A benchmark, not a
// test: it prints the median of several runs.
//   rolelab-bench-import [--users N] [--groups N] [--roles N] [--runs N] [--report]
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "analyzer/account_report.h"
#include "eval/analysis.h"
#include "world/import_details.h"
#include "generated_account.h"

using namespace rolelab;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
// Process CPU time: on a shared machine (CI, other builds) wall time also counts waiting for a core.
double cpu_ms_since(std::clock_t c0) { return 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC; }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int users = 1000, groups = 50, roles = 1000, runs = 5;
  bool report = false;
  for (int k = 1; k < argc; ++k) {
    std::string a = argv[k];
    auto next = [&] { return k + 1 < argc ? std::atoi(argv[++k]) : 0; };
    if (a == "--users") users = next();
    else if (a == "--groups") groups = next();
    else if (a == "--roles") roles = next();
    else if (a == "--runs") runs = next();
    else if (a == "--report") report = true;
    else {
      std::fprintf(stderr, "usage: rolelab-bench-import [--users N] [--groups N] [--roles N] [--runs N] [--report]\n");
      return 2;
    }
  }
  if (users < 1 || groups < 1 || roles < 1 || runs < 1) return 2;
  const std::string text = bench::generated_account(users, groups, roles);
  std::vector<double> import_ms, analysis_ms, report_ms, import_cpu, analysis_cpu;
  std::size_t edges = 0, reach = 0;
  for (int run = 0; run < runs; ++run) {
    auto t0 = Clock::now();
    std::clock_t c0 = std::clock();
    ImportResult r = import_account_details({{"generated.json", text}}, {});
    import_ms.push_back(ms_since(t0));
    import_cpu.push_back(cpu_ms_since(c0));
    if (!r.ok) {
      std::fprintf(stderr, "import failed: %s %s (%s)\n", r.error.code.c_str(), r.error.message.c_str(), r.error.path.c_str());
      return 1;
    }
    auto t1 = Clock::now();
    std::clock_t c1 = std::clock();
    AssumeGraph g = who_can_assume(r.world);
    analysis_ms.push_back(ms_since(t1));
    analysis_cpu.push_back(cpu_ms_since(c1));
    edges = g.edges.size();
    reach = g.reachable.size();
    if (report) {
      auto t2 = Clock::now();
      AccountReport rep = account_report(r.world);
      report_ms.push_back(ms_since(t2));
    }
  }
  std::printf("generated account: %d users in %d groups, %d roles, %zu KB of JSON\n", users, groups, roles, text.size() / 1024);
  std::printf("who-can-assume: %zu edges, %zu user->role reaches (with chains)\n", edges, reach);
  std::printf("median over %d runs: wall ms (CPU ms)\n", runs);
  std::printf("import (parse, validate, build, load world): %.1f (%.1f)\n", median(import_ms), median(import_cpu));
  std::printf("who-can-assume:                              %.1f (%.1f)\n", median(analysis_ms), median(analysis_cpu));
  std::printf("import + who-can-assume:                     %.1f (%.1f) (goal: 1000 ms native, 2500 ms wasm)\n",
              median(import_ms) + median(analysis_ms), median(import_cpu) + median(analysis_cpu));
  if (report) std::printf("world report (whole, with policy checks):    median %.1f ms\n", median(report_ms));
  return 0;
}
