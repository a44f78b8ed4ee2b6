// libFuzzer target: any bytes as a policy document (each kind, strict and
// lenient), then evaluated against a fixed request with and without tracing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "eval/evaluate.h"
#include "eval/explain.h"
#include "policy/policy.h"
#include "policy/request.h"

using namespace rolelab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the kind and the mode; the rest is the document.
  const std::uint8_t mode = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  static const PolicyKind kinds[] = {PolicyKind::Identity, PolicyKind::Trust, PolicyKind::Resource, PolicyKind::Boundary,
                                     PolicyKind::Session, PolicyKind::ServiceControl};
  ParseOptions opt;
  opt.kind = kinds[mode % 6];
  opt.strict = (mode & 0x8) != 0;
  opt.owner_account = "111111111111";
  ParsedPolicy p = parse_policy(text, opt);
  for (const Diagnostic& d : p.errors) {
    if (d.code.empty() || d.message.empty()) __builtin_trap();  // every error says what and why
  }
  if (!p.ok) return 0;
  Request r;
  r.principal = (mode & 0x10) ? "arn:aws:sts::111111111111:assumed-role/R/s" : "arn:aws:iam::222222222222:user/alice";
  r.action = (mode & 0x20) ? "sts:AssumeRole" : "s3:GetObject";
  r.resource = (mode & 0x20) ? "arn:aws:iam::111111111111:role/R" : "arn:aws:s3:::bucket/key";
  r.context.set("aws:SourceIp", "203.0.113.7");
  r.context.set("aws:CurrentTime", "2026-11-28T09:00:00Z");
  r.context.set("aws:PrincipalTag/team", "blue");
  r.context.set("aws:TagKeys", {"team", "env"}, true);
  PolicySet ps;
  if (opt.kind == PolicyKind::Trust || opt.kind == PolicyKind::Resource) {
    ps.resource = p.policy;
  } else if (opt.kind == PolicyKind::ServiceControl) {
    ps.scps.push_back({p.policy});
  } else if (opt.kind == PolicyKind::Boundary) {
    ps.boundary = p.policy;
  } else if (opt.kind == PolicyKind::Session) {
    ps.session = p.policy;
  } else {
    ps.identity.push_back(p.policy);
  }
  TraceCollector trace;
  EvalResult res = evaluate(r, ps, (mode & 0x40) ? &trace : nullptr);
  if (res.summary.empty() && (mode & 0x40)) __builtin_trap();  // a traced decision always explains itself
  if (mode & 0x40) (void)to_text(res, &trace);
  return 0;
}
