#include "eval/explain.h"

namespace rolelab {

std::string dump(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string dump_ordered(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

nlohmann::json to_json(const Diagnostic& d) {
  nlohmann::json j = {{"code", d.code}, {"message", d.message}};
  if (!d.path.empty()) j["path"] = d.path;
  if (d.line > 0) {
    j["line"] = d.line;
    j["column"] = d.column;
  }
  if (!d.help.empty()) j["help"] = d.help;
  if (d.severity == Severity::Warning) j["severity"] = "warning";
  return j;
}

namespace {

const char* verdict_name(PolicyVerdict v) {
  switch (v) {
    case PolicyVerdict::Allow:
      return "Allow";
    case PolicyVerdict::Deny:
      return "Deny";
    case PolicyVerdict::NoMatch:
      return "NoMatch";
  }
  return "?";
}

nlohmann::json element(const ElementTrace& e) { return {{"matched", e.matched}, {"why", e.why}}; }

}  // namespace

nlohmann::json to_json(const EvalResult& r, const TraceCollector* trace) {
  nlohmann::json j = {{"decision", decision_name(r.decision)}, {"summary", r.summary}};
  if (r.cause != DenialCause::None) j["cause"] = denial_cause_name(r.cause);
  if (!trace) return j;
  nlohmann::json policies = nlohmann::json::array();
  for (const PolicyTrace& p : trace->policies) {
    nlohmann::json pj = {{"name", p.name}, {"kind", policy_kind_name(p.kind)}, {"verdict", verdict_name(p.verdict)}};
    if (p.level >= 0) pj["level"] = p.level;
    nlohmann::json stmts = nlohmann::json::array();
    for (const StatementTrace& s : p.statements) {
      nlohmann::json sj = {{"index", s.index},
                           {"effect", s.effect == Effect::Allow ? "Allow" : "Deny"},
                           {"applies", s.applies},
                           {"path", s.path},
                           {"line", s.line},
                           {"column", s.column},
                           {"action", element(s.action)}};
      if (!s.sid.empty()) sj["sid"] = s.sid;
      if (s.principal) {
        sj["principal"] = element(*s.principal);
        sj["principal"]["match"] = principal_match_name(s.principal_match);
      }
      if (s.resource) sj["resource"] = element(*s.resource);
      if (!s.conditions.empty()) {
        nlohmann::json cs = nlohmann::json::array();
        for (const ConditionTrace& c : s.conditions) {
          cs.push_back({{"operator", c.op},
                        {"key", c.key},
                        {"keyPresent", c.key_present},
                        {"requestValues", c.request_values},
                        {"policyValues", c.policy_values},
                        {"matched", c.result},
                        {"why", c.why}});
        }
        sj["conditions"] = cs;
      }
      stmts.push_back(std::move(sj));
    }
    pj["statements"] = std::move(stmts);
    policies.push_back(std::move(pj));
  }
  j["explanation"] = {{"steps", trace->steps}, {"policies", policies}};
  return j;
}

std::string to_text(const EvalResult& r, const TraceCollector* trace) {
  std::string out = r.summary + "\nDecision: " + decision_name(r.decision) + "\n";
  if (r.cause != DenialCause::None) out += "Cause: " + std::string(denial_cause_name(r.cause)) + "\n";
  if (!trace) return out;
  for (const PolicyTrace& p : trace->policies) {
    out += "\n" + (p.name.empty() ? std::string(policy_kind_name(p.kind)) : p.name) + ": " + verdict_name(p.verdict) + "\n";
    for (const StatementTrace& s : p.statements) {
      out += "  " + std::string(s.applies ? "[applies] " : "[no]      ") + (s.effect == Effect::Allow ? "Allow" : "Deny") +
             " statement " + std::to_string(s.index + 1) + (s.sid.empty() ? "" : " (" + s.sid + ")") + " at line " +
             std::to_string(s.line) + "\n";
      auto line = [&](const char* what, const ElementTrace& e) {
        out += "      " + std::string(e.matched ? "+ " : "- ") + what + ": " + e.why + "\n";
      };
      if (s.principal) line("principal", *s.principal);
      line("action", s.action);
      if (s.resource) line("resource", *s.resource);
      for (const ConditionTrace& c : s.conditions) {
        out += "      " + std::string(c.result ? "+ " : "- ") + "condition " + c.op + " " + c.key + ": " + c.why + "\n";
      }
    }
  }
  return out;
}

}  // namespace rolelab
