// rolelab-cli assume: one sts:AssumeRole decision from a trust policy file,
// the caller's ARN and optional identity policies.
#include <cstdio>

#include "policy/arn.h"
#include "commands.h"
#include "eval/evaluate.h"
#include "eval/explain.h"
#include "io.h"
#include "policy/policy.h"

namespace rolelab::cli {

int usage_error(const std::string& message, const std::string& hint) {
  std::fprintf(stderr, "rolelab-cli: error: %s\n", message.c_str());
  if (!hint.empty()) std::fprintf(stderr, "%s\n", hint.c_str());
  return 2;
}

namespace {

const char* kAssumeUsage =
    "usage: rolelab-cli assume --trust FILE --principal ARN --role ARN [--identity FILE]... [--json]\n"
    "Decides whether PRINCIPAL may call sts:AssumeRole on ROLE under the role's trust policy (FILE)\n"
    "and the caller's identity policies. Exit status: 0 allowed, 1 denied, 2 bad input or usage.";

int report_errors(const Diagnostics& errors, const std::string& file, bool as_json) {
  for (const Diagnostic& d : errors) {
    if (as_json) {
      nlohmann::json j = to_json(d);
      j["file"] = file;
      std::printf("%s\n", dump({{"error", j}}).c_str());
    } else {
      std::fprintf(stderr, "%s: %s\n", file.c_str(), to_string(d).c_str());
    }
  }
  return 2;
}

}  // namespace

int cmd_assume(const Args& args) {
  if (wants_help(args)) return print_usage(kAssumeUsage);
  std::string trust_file, principal, role;
  std::vector<std::string> identity_files;
  bool as_json = false;
  for (std::size_t k = 0; k < args.size(); ++k) {
    const std::string& a = args[k];
    auto value = [&](std::string& out) {
      if (k + 1 >= args.size()) return false;
      out = args[++k];
      return true;
    };
    std::string v;
    if (a == "--trust") {
      if (!value(trust_file)) return usage_error("--trust needs a FILE");
    } else if (a == "--principal") {
      if (!value(principal)) return usage_error("--principal needs an ARN");
    } else if (a == "--role") {
      if (!value(role)) return usage_error("--role needs an ARN");
    } else if (a == "--identity") {
      if (!value(v)) return usage_error("--identity needs a FILE");
      identity_files.push_back(v);
    } else if (a == "--json") {
      as_json = true;
    } else {
      return usage_error("unknown option '" + a + "' for assume", kAssumeUsage);
    }
  }
  if (trust_file.empty() || principal.empty() || role.empty()) {
    return usage_error("assume needs --trust, --principal and --role", kAssumeUsage);
  }
  Principal role_p = parse_principal(role);
  if (role_p.kind != PrincipalKind::Role) return usage_error("--role '" + role + "' is not an IAM role ARN");
  Principal caller = parse_principal(principal);
  if (caller.kind == PrincipalKind::Invalid) return usage_error("--principal: " + caller.error);

  std::string err;
  auto trust_text = read_input(trust_file, err);
  if (!trust_text) return usage_error(err);
  ParseOptions opt;
  opt.kind = PolicyKind::Trust;
  opt.name = "trust policy of role " + role_p.name;
  opt.owner_account = role_p.account;
  ParsedPolicy trust = parse_policy(*trust_text, opt);
  if (!trust.ok) return report_errors(trust.errors, trust_file, as_json);

  PolicySet ps;
  ps.resource = std::move(trust.policy);
  for (const std::string& f : identity_files) {
    auto text = read_input(f, err);
    if (!text) return usage_error(err);
    ParseOptions io;
    io.kind = PolicyKind::Identity;
    io.name = "identity policy " + f;
    ParsedPolicy p = parse_policy(*text, io);
    if (!p.ok) return report_errors(p.errors, f, as_json);
    ps.identity.push_back(std::move(p.policy));
  }
  Request r;
  r.principal = principal;
  r.action = "sts:AssumeRole";
  r.resource = role;
  r.resource_account = role_p.account;
  TraceCollector trace;
  EvalResult res = evaluate(r, ps, &trace);
  if (as_json) {
    std::string out;
    json::Writer w(out);
    write_json(w, res, &trace, res.summary, &trust.warnings);  // "warnings" always, [] when none
    std::printf("%s\n", out.c_str());
  } else {
    std::fputs(to_text(res, &trace).c_str(), stdout);
    for (const Diagnostic& w : trust.warnings) std::printf("warning: %s\n", to_string(w).c_str());
  }
  return res.decision == Decision::Allowed ? 0 : 1;
}

}  // namespace rolelab::cli
