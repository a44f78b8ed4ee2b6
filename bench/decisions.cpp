// Decision speed: pre-parsed decisions per second and median nanoseconds per
// decision for a 10-statement policy set, and parse + validate + evaluate per
// simulation. A benchmark, not a test: it prints a table.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "eval/analysis.h"
#include "conformance_case.h"
#include "eval/evaluate.h"
#include "eval/simulate.h"
#include "requests.h"

using namespace rolelab;
using Clock = std::chrono::steady_clock;

namespace {

const char* kTrust = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Ci", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole",
   "Condition": {"StringEquals": {"sts:ExternalId": "ext-123"}}},
  {"Sid": "Tag", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:TagSession"},
  {"Sid": "NoGuests", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
   "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:user/guest-*"}}}]})";

const char* kIdentity = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::logs/*"},
  {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
  {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/Auditor",
   "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
  {"Effect": "Deny", "Action": "iam:*", "Resource": "*"},
  {"Effect": "Allow", "Action": "logs:*", "Resource": "arn:aws:logs:*:444455556666:log-group:/app/*"},
  {"Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:dynamodb:*:*:table/${aws:username}"},
  {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]})";

Policy parse(PolicyKind kind, const char* text) {
  ParseOptions o;
  o.kind = kind;
  return parse_policy(text, o).policy;
}

double median(std::vector<double>& v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

// Parse + validate + evaluate for every strict conformance case, timed one
// simulation at a time from the contract's JSON text.
void conformance(const std::string& dir) {
  std::vector<std::string> inputs;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    auto parsed = json::parse(ss.str());
    if (!parsed.ok || !parsed.value.is_array()) continue;
    for (const json::Value& c : parsed.value.items) {
      if (!cli::is_tool_specific_case(c)) inputs.push_back(json::to_compact_string(cli::to_contract(c)));
    }
  }
  std::vector<double> us;
  int decided = 0;
  const int rounds = 30;
  auto all = Clock::now();
  for (int round = 0; round < rounds; ++round) {
    for (const std::string& text : inputs) {
      auto t0 = Clock::now();
      SimulateParse p = parse_simulate_input(text);
      if (p.ok) decided += evaluate(p.input.request, p.input.policies).decision == Decision::Allowed;
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }
  }
  double total = std::chrono::duration<double>(Clock::now() - all).count();
  // Where the time goes: the JSON reader alone, and evaluation alone.
  std::vector<double> json_us, eval_us;
  for (int round = 0; round < 10; ++round) {
    for (const std::string& text : inputs) {
      auto t0 = Clock::now();
      auto parsed = json::parse(text);
      json_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      SimulateParse p = parse_simulate_input(parsed.value);
      if (!p.ok) continue;
      prepare(p.input.request);
      auto t1 = Clock::now();
      decided += evaluate(p.input.request, p.input.policies).decision == Decision::Allowed;
      eval_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t1).count());
    }
  }
  std::printf("%-52s %14.0f %11.2f us   (%zu cases x %d rounds)\n", "conformance simulation: parse+validate+evaluate",
              double(us.size()) / total, median(us), inputs.size(), rounds);
  std::printf("%-52s %14s %11.2f us\n", "  of which: JSON reader alone", "", median(json_us));
  std::printf("%-52s %14s %11.2f us\n", "  of which: evaluation alone (pre-parsed)", "", median(eval_us));
  if (decided < 0) std::printf("impossible\n");
}

// Who-can-assume over a generated world of n users and n roles (target for
// 50 x 50: under 5 ms in wasm; 200 x 200 is the largest world accepted).
void analysis_bench(int n) {
  std::string users, roles;
  for (int k = 0; k < n; ++k) {
    users +=
        std::string(k ? "," : "") + "\"u" + std::to_string(k) + R"(": {"tags": {"team": "t)" + std::to_string(k % 5) +
        R"("}, "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::222222222222:role/r)" +
        std::to_string(k % 10) + R"(*"}, {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}]})";
    roles +=
        std::string(k ? "," : "") + "\"r" + std::to_string(k) +
        R"(": {"trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["111111111111", "arn:aws:iam::222222222222:role/r)" +
        std::to_string((k + 1) % n) +
        R"("]}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "t)" + std::to_string(k % 5) +
        R"("}}}]}, "policies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}]})";
  }
  std::string text = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {"users": {)" + users +
                     R"(}}, "222222222222": {"roles": {)" + roles + "}}}}";
  WorldLoad w = load_world(text);
  if (!w.ok) {
    std::printf("analysis world failed: %s\n", to_string(w.error).c_str());
    return;
  }
  // The first run is what a learner waits for after loading a world; later
  // runs (every edit recomputes the graph) are what matters after that. In
  // wasm the engine's code starts in V8's baseline compiler and is tiered up
  // to the optimising one as it runs hot, so the two differ most there.
  auto t_first = Clock::now();
  std::size_t edges = who_can_assume(w.world).edges.size();
  const double first = std::chrono::duration<double, std::milli>(Clock::now() - t_first).count();
  auto warm_until = Clock::now() + std::chrono::milliseconds(300);
  while (Clock::now() < warm_until) (void)who_can_assume(w.world);
  std::vector<double> ms;
  for (int k = 0; k < (n > 100 ? 5 : 21); ++k) {
    auto t0 = Clock::now();
    AssumeGraph g = who_can_assume(w.world);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    edges = g.edges.size();
  }
  const std::string label =
      "who-can-assume, " + std::to_string(n) + " users x " + std::to_string(n) + " roles (+" + std::to_string(n) + " sessions)";
  std::printf("%-52s %14.0f %11.2f ms   (%zu edges; first run %.2f ms)\n", label.c_str(), 1000.0 / median(ms), median(ms),
              edges, first);
}

int main(int argc, char** argv) {
  std::string conformance_dir;
  for (int k = 1; k < argc; ++k) {
    std::string a = argv[k];
    if (a == "--conformance" && k + 1 < argc) {
      conformance_dir = argv[++k];
    } else if (a == "--requests" && k + 1 < argc) {  // bench/compare.sh: JSON Lines of simulate inputs
      const std::string file = argv[++k];
      return requests_bench(file, k + 1 < argc ? std::atoi(argv[k + 1]) : 3);
    } else if (a == "--analysis-only") {  // for profiling the who-can-assume benchmark alone
      analysis_bench(50);
      analysis_bench(200);
      return 0;
    } else {
      std::fprintf(stderr, "usage: rolelab-bench [--conformance DIR] [--analysis-only] [--requests FILE [ROUNDS]]\n");
      return 2;
    }
  }
  PolicySet ps;
  ps.resource = parse(PolicyKind::Trust, kTrust);
  ps.identity.push_back(parse(PolicyKind::Identity, kIdentity));
  Request base;
  base.principal = "arn:aws:iam::444455556666:user/alice";
  base.action = "sts:AssumeRole";
  base.resource = "arn:aws:iam::111122223333:role/Auditor";
  base.context.set("sts:ExternalId", "ext-123");
  base.context.set("aws:MultiFactorAuthPresent", "true");
  prepare(base);

  const int batches = 201, per_batch = 2000;
  std::vector<double> ns;
  int allowed = 0;
  auto all_start = Clock::now();
  for (int b = 0; b < batches; ++b) {
    auto t0 = Clock::now();
    for (int k = 0; k < per_batch; ++k) allowed += evaluate(base, ps).decision == Decision::Allowed;
    ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / per_batch);
  }
  double total_s = std::chrono::duration<double>(Clock::now() - all_start).count();
  double decisions = double(batches) * per_batch;

  std::vector<double> sim_us;
  for (int k = 0; k < 2001; ++k) {
    auto t0 = Clock::now();
    PolicySet p2;
    p2.resource = parse(PolicyKind::Trust, kTrust);
    p2.identity.push_back(parse(PolicyKind::Identity, kIdentity));
    Request r = base;
    r.prepared = false;
    allowed += evaluate(r, p2).decision == Decision::Allowed;
    sim_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::printf("%-52s %14s %14s\n", "benchmark", "per second", "median");
  std::printf("%-52s %14.0f %11.0f ns\n", "pre-parsed decision (10 statements, 2 policies)", decisions / total_s, median(ns));
  std::printf("%-52s %14.0f %11.2f us\n", "parse + validate + evaluate (same policies)", 1e6 / median(sim_us), median(sim_us));
  analysis_bench(50);
  analysis_bench(200);
  if (!conformance_dir.empty()) conformance(conformance_dir);
  std::printf("(allowed: %d)\n", allowed);
  return allowed > 0 ? 0 : 1;
}
