#include "eval/explain.h"

#include "eval/trace_words.h"

namespace rolelab {

std::string dump(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string dump_ordered(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void write_json(json::Writer& w, const Diagnostic& d) {
  w.begin_object();
  w.member("code", d.code);
  if (d.line > 0) w.member("column", d.column);
  if (!d.help.empty()) w.member("help", d.help);
  if (d.line > 0) w.member("line", d.line);
  w.member("message", d.message);
  if (!d.path.empty()) w.member("path", d.path);
  if (d.severity == Severity::Warning) w.member("severity", "warning");
  w.end_object();
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

// {"match"?, "matched", "why"}: match only for a Principal element.
void write_element(json::Writer& w, const ElementTrace& e, const char* match = nullptr) {
  w.begin_object();
  if (match) w.member("match", match);
  w.member("matched", e.matched);
  w.key_literal("why");
  write_why(w, e);
  w.end_object();
}

void write_condition(json::Writer& w, const ConditionTrace& c) {
  w.begin_object();
  w.member("key", c.key);
  w.member("keyPresent", c.key_present);
  w.member("matched", c.result);
  w.member("operator", c.op);
  w.key_literal("policyValues");
  w.begin_array();
  if (c.policy_values)
    for (const Located& v : *c.policy_values) w.value(v.value);
  w.end_array();
  w.key_literal("requestValues");
  w.begin_array();
  if (c.request_values)
    for (const std::string& v : *c.request_values) w.value(v);
  w.end_array();
  w.key_literal("why");
  write_why(w, c);
  w.end_object();
}

// The statement's JSON pointer, written from its policy's path and its index.
void write_statement_path(json::Writer& w, const Policy* p, const StatementTrace& s) {
  w.begin_string();
  if (p && s.index < p->statements.size())
    statement_path_parts(*p, p->statements[s.index], [&](std::string_view part) { w.string_part(part); });
  w.end_string();
}

void write_statement(json::Writer& w, const Policy* policy, const StatementTrace& s) {
  w.begin_object();
  w.key_literal("action");
  write_element(w, s.action);
  w.member("applies", s.applies);
  w.member("column", s.column);
  if (!s.conditions.empty()) {
    w.key_literal("conditions");
    w.begin_array();
    for (const ConditionTrace& c : s.conditions) write_condition(w, c);
    w.end_array();
  }
  w.key_literal("effect");
  if (s.effect == Effect::Allow)
    w.value_literal("Allow");
  else
    w.value_literal("Deny");
  w.member("index", s.index);
  w.member("line", s.line);
  w.key_literal("path");
  write_statement_path(w, policy, s);
  if (s.principal) {
    w.key_literal("principal");
    write_element(w, *s.principal, principal_match_name(s.principal_match));
  }
  if (s.resource) {
    w.key_literal("resource");
    write_element(w, *s.resource);
  }
  if (!s.sid.empty()) w.member("sid", s.sid);
  w.end_object();
}

void write_policy(json::Writer& w, const PolicyTrace& p) {
  w.begin_object();
  w.member("kind", policy_kind_name(p.kind));
  if (p.level >= 0) w.member("level", p.level);
  w.key_literal("name");
  write_policy_name(w, p.policy);
  w.key_literal("statements");
  w.begin_array();
  for (const StatementTrace& s : p.statements) write_statement(w, p.policy, s);
  w.end_array();
  w.member("verdict", verdict_name(p.verdict));
  w.end_object();
}

// nlohmann::json::parse without exceptions: the writer's text is always valid.
nlohmann::json parse_back(const std::string& text) { return nlohmann::json::parse(text, nullptr, false); }

}  // namespace

void write_json(json::Writer& w, const EvalResult& r, const TraceCollector* trace, std::string_view summary,
                const Diagnostics* warnings) {
  w.begin_object();
  if (r.cause != DenialCause::None) w.member("cause", denial_cause_name(r.cause));
  w.member("decision", decision_name(r.decision));
  if (trace) {
    w.key_literal("explanation");
    w.begin_object();
    w.key_literal("policies");
    w.begin_array();
    for (const PolicyTrace& p : trace->policies) write_policy(w, p);
    w.end_array();
    w.key_literal("steps");
    w.begin_array();
    for_each_step(*trace, r, [&](std::string_view s) { w.value(s); });
    w.end_array();
    w.end_object();
  }
  w.member("summary", summary);
  if (warnings) {
    w.key_literal("warnings");
    w.begin_array();
    for (const Diagnostic& d : *warnings) write_json(w, d);
    w.end_array();
  }
  w.end_object();
}

nlohmann::json to_json(const Diagnostic& d) {
  std::string text;
  json::Writer w(text);
  write_json(w, d);
  return parse_back(text);
}

nlohmann::json to_json(const EvalResult& r, const TraceCollector* trace) {
  std::string text;
  json::Writer w(text);
  write_json(w, r, trace, r.summary);
  return parse_back(text);
}

std::string to_text(const EvalResult& r, const TraceCollector* trace) {
  std::string out = r.summary + "\nDecision: " + decision_name(r.decision) + "\n";
  if (r.cause != DenialCause::None) out += "Cause: " + std::string(denial_cause_name(r.cause)) + "\n";
  if (!trace) return out;
  for (const PolicyTrace& p : trace->policies) {
    const std::string name = p.policy ? policy_name(*p.policy) : std::string();
    out += "\n" + (name.empty() ? std::string(policy_kind_name(p.kind)) : name) + ": " + verdict_name(p.verdict) + "\n";
    for (const StatementTrace& s : p.statements) {
      out += "  " + std::string(s.applies ? "[applies] " : "[no]      ") + (s.effect == Effect::Allow ? "Allow" : "Deny") +
             " statement " + std::to_string(s.index + 1) + (s.sid.empty() ? "" : " (" + std::string(s.sid) + ")") + " at line " +
             std::to_string(s.line) + "\n";
      auto line = [&](const char* what, const ElementTrace& e) {
        out += "      " + std::string(e.matched ? "+ " : "- ") + what + ": ";
        append_why(out, e);
        out += "\n";
      };
      if (s.principal) line("principal", *s.principal);
      line("action", s.action);
      if (s.resource) line("resource", *s.resource);
      for (const ConditionTrace& c : s.conditions) {
        out += "      " + std::string(c.result ? "+ " : "- ") + "condition ";
        out.append(c.op).append(" ").append(c.key).append(": ");
        append_why(out, c);
        out += "\n";
      }
    }
  }
  return out;
}

}  // namespace rolelab
