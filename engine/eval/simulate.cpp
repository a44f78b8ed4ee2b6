#include "eval/simulate.h"

#include "eval/explain.h"
#include "eval/simulate_parts.h"
#include "json/refill.h"
#include "json/schema_reader.h"

namespace rolelab {

// Keys compared as string_views: a length check first, no strlen (validation runs per batch line).
using namespace std::string_view_literals;

namespace {

// Reads a simulate input into a SimulateInput in place: every field is set,
// and its vectors are filled again (json/refill.h), so the model of a batch's
// last line lends its storage to the next one.
class InputReader : public SchemaReader {
 public:
  InputReader() : SchemaReader("InvalidInput") {}

  bool type_error(const std::string& path, const json::Value& v, const char* expected) {
    return fail(path, v.pos, path + " must be " + expected + ", not " + json::type_name(v.type) + ".");
  }

  // Which policy of the input it is, for its name in explanations: a label
  // with static storage, the organisation level and its number in a list
  // (see Policy::label).
  struct Label {
    std::string_view text;
    int level = -1, number = 0;
  };

  // A policy document: an object, or a string holding JSON, read into out
  // in place. path is taken by value and moved into the options.
  bool policy(const json::Value& v, std::string path, PolicyKind kind, Label label, Policy& out, Diagnostics& warnings) {
    ParseOptions opt;
    opt.kind = kind;
    opt.path_prefix = std::move(path);
    opt.strict = false;  // evaluate documents as given; AWS's storage rules become warnings
    if (v.is_object()) {
      Diagnostics errors;
      if (!parse_policy_into(v, opt, out, errors, warnings)) return fail(errors.front());
    } else if (v.is_string()) {
      ParsedPolicy p = parse_policy(std::string_view(v.text), opt);  // line:column inside the string's text
      if (!p.ok) return fail(p.errors.front());
      for (Diagnostic& w : p.warnings) warnings.push_back(std::move(w));
      out = std::move(p.policy);
    } else {
      return type_error(opt.path_prefix, v, "a policy document (an object or a string holding JSON)");
    }
    out.name.clear();
    out.label = label.text;
    out.label_level = label.level;
    out.label_number = label.number;
    return true;
  }

  bool policy_list(const json::Value& v, const std::string& path, PolicyKind kind, Label label, std::vector<Policy>& out,
                   Diagnostics& warnings) {
    if (!v.is_array()) return type_error(path, v, "an array of policy documents");
    if (out.size() < v.items.size()) out.reserve(v.items.size());
    for (std::size_t k = 0; k < v.items.size(); ++k) {
      label.number = static_cast<int>(k + 1);
      if (!policy(v.items[k], json::pointer_append(path, k), kind, label, refill_at(out, k), warnings)) return false;
    }
    refill_end(out, v.items.size());
    return true;
  }

  bool levels(const json::Value& v, const std::string& path, PolicyKind kind, std::string_view label,
              std::vector<std::vector<Policy>>& out, Diagnostics& warnings) {
    if (!v.is_array()) return type_error(path, v, "an array of levels (arrays of policy documents), root first");
    for (std::size_t k = 0; k < v.items.size(); ++k) {
      if (!policy_list(v.items[k], json::pointer_append(path, k), kind, Label{label, static_cast<int>(k)}, refill_at(out, k),
                       warnings))
        return false;
    }
    refill_end(out, v.items.size());
    return true;
  }

  bool context(const json::Value& v, const std::string& path, Context& ctx) {
    if (!v.is_object()) return type_error(path, v, "an object of condition keys");
    for (const json::Member& m : v.members) {
      auto kpath = [&] { return json::pointer_append(path, m.key); };  // only built for a diagnostic
      // p() gives the value's JSON pointer, built only for the error.
      auto too_long = [&](const json::Value& x, auto&& p) {
        if (x.text.size() <= kMaxRequestValueChars) return false;
        fail(p(), x.pos,
             "The context value is " + std::to_string(x.text.size()) + " characters long; the limit is " +
                 std::to_string(kMaxRequestValueChars) + ".");
        return true;
      };
      auto scalar = [&](const json::Value& x, std::string& out) {
        if (x.is_string() || x.is_number())
          out.assign(x.text);
        else if (x.is_bool())
          out.assign(x.boolean ? "true" : "false");
        else
          return false;
        return true;
      };
      // Filled in place (its storage may be an earlier request's); a key
      // given twice keeps its first spelling and takes the last values.
      ContextEntry& e = ctx.entry(m.key);
      if (m.value.is_array()) {
        for (std::size_t k = 0; k < m.value.items.size(); ++k) {
          if (too_long(m.value.items[k], [&] { return json::pointer_append(kpath(), k); })) return false;
          if (!scalar(m.value.items[k], refill_at(e.values, k)))
            return type_error(json::pointer_append(kpath(), k), m.value.items[k], "a string, number or boolean");
        }
        refill_end(e.values, m.value.items.size());
        e.multi = true;
      } else {
        if (too_long(m.value, kpath)) return false;
        if (!scalar(m.value, refill_at(e.values, 0)))
          return type_error(kpath(), m.value, "a string, number, boolean or array of them");
        refill_end(e.values, 1);
        e.multi = false;
      }
    }
    return true;
  }
};

}  // namespace

namespace simulate_detail {

void reset_input(SimulateInput& in) {
  Request& r = in.request;
  r.principal.clear();
  r.action.clear();
  r.resource.clear();
  r.resource_account.clear();
  r.context.clear();
  r.wildcard_only_action = false;
  // None yet, its strings kept (finish_request parses it in place; prepare()
  // parses it again from the principal whenever it is not that one's).
  r.caller.kind = PrincipalKind::Invalid;
  r.caller.text.clear();
  r.resource_is_pattern = false;
  r.prepared = false;
  in.policies.caller_is_service_linked_role = false;
  refill_end(in.warnings, 0);  // their storage is lent to the next line's (Validator::warn)
}

RequestProblem finish_request(Request& r) {
  if (r.action.empty()) return RequestProblem::NoAction;
  if (r.action != "*" && r.action.find(':') == std::string::npos) return RequestProblem::ActionForm;
  if (r.resource.empty()) r.resource = "*";
  if (!r.resource_account.empty() && !is_account_id(r.resource_account)) return RequestProblem::ResourceAccount;
  // prepare() uses it (it is parsed from r.principal alone)
  parse_principal(r.principal.empty() ? std::string_view("*") : std::string_view(r.principal), r.caller);
  return r.caller.kind == PrincipalKind::Invalid ? RequestProblem::Principal : RequestProblem::None;
}

}  // namespace simulate_detail

namespace {

// Characters of the values a request is matched against (Action, Resource,
// Principal, Condition): what bounds the time one decision can take. (The
// plain reader counts them as it reads, simulate_plain.cpp.)
std::size_t pattern_chars(const Policy& p) {
  std::size_t n = 0;
  for (const Statement& s : p.statements) {
    for (const Located& l : s.actions) n += l.value.size();
    for (const Located& l : s.resources) n += l.value.size();
    for (const PrincipalEntry& e : s.principal.entries) {
      for (const Located& l : e.values) n += l.value.size();
    }
    for (const ConditionClause& c : s.conditions) {
      for (const Located& l : c.values) n += l.value.size();
    }
  }
  return n;
}

std::size_t pattern_chars(const PolicySet& ps) {
  std::size_t n = 0;
  for (const Policy& p : ps.identity) n += pattern_chars(p);
  for (const std::optional<Policy>* p : {&ps.resource, &ps.boundary, &ps.session}) {
    if (*p) n += pattern_chars(**p);
  }
  for (const auto* levels : {&ps.scps, &ps.rcps}) {
    for (const auto& level : *levels) {
      for (const Policy& p : level) n += pattern_chars(p);
    }
  }
  return n;
}

}  // namespace

namespace {

// Reads root into out in place (see InputReader): every field is set.
void parse_input(const json::Value& root, SimulateParse& out) {
  InputReader rd;
  SimulateInput& in = out.input;
  PolicySet& ps = in.policies;
  // The policies are read over the last input's in place, each list or slot
  // emptied when this input has none; after an error the input holds none.
  auto finish = [&] {
    out.ok = !rd.failed();
    out.error = rd.error();
    if (out.ok) return;
    refill_end(ps.identity, 0);
    refill_reset(ps.resource);
    refill_reset(ps.boundary);
    refill_reset(ps.session);
    refill_end(ps.scps, 0);
    refill_end(ps.rcps, 0);
  };
  Request& r = in.request;
  simulate_detail::reset_input(in);
  if (!root.is_object()) {
    rd.type_error("", root, "an object with \"request\" and \"identityPolicies\"");
    return finish();
  }
  const json::Value* req = root.find("request");
  if (!req) {
    rd.fail("", root.pos, "Missing required key 'request'.");
    return finish();
  }
  for (const json::Member& m : root.members) {
    const bool ok = json::text_is(m.key, "request") || json::text_is(m.key, "identityPolicies") ||
                    json::text_is(m.key, "resourcePolicy") || json::text_is(m.key, "permissionsBoundary") ||
                    json::text_is(m.key, "sessionPolicy") || json::text_is(m.key, "serviceControlPolicies") ||
                    json::text_is(m.key, "resourceControlPolicies");
    if (!ok) {
      rd.fail(json::pointer_append("", m.key), m.key_pos,
              "Unknown key '" + m.key +
                  "'; expected request, identityPolicies, resourcePolicy, permissionsBoundary, sessionPolicy, "
                  "serviceControlPolicies, resourceControlPolicies.");
      return finish();
    }
  }
  if (!req->is_object()) {
    rd.type_error("/request", *req, "an object");
    return finish();
  }
  for (const json::Member& m : req->members) {
    // The member's JSON pointer: built for a diagnostic (and the context's
    // own, rarer ones), not for every member of every request.
    auto path = [&] { return json::pointer_append("/request", m.key); };
    if (json::text_is(m.key, "context")) {
      if (!rd.context(m.value, path(), r.context)) return finish();
      continue;
    }
    if (json::text_is(m.key, "wildcardOnlyAction")) {
      if (!m.value.is_bool()) {
        rd.type_error(path(), m.value, "a boolean");
        return finish();
      }
      r.wildcard_only_action = m.value.boolean;
      continue;
    }
    std::string* target = json::text_is(m.key, "principal")         ? &r.principal
                          : json::text_is(m.key, "action")          ? &r.action
                          : json::text_is(m.key, "resource")        ? &r.resource
                          : json::text_is(m.key, "resourceAccount") ? &r.resource_account
                                                       : nullptr;
    if (!target) {
      rd.fail(path(), m.key_pos,
              "Unknown key '" + m.key + "'; expected principal, action, resource, resourceAccount, context, wildcardOnlyAction.");
      return finish();
    }
    if (!m.value.is_string()) {
      rd.type_error(path(), m.value, "a string");
      return finish();
    }
    if (m.value.text.size() > kMaxRequestValueChars) {
      rd.fail(path(), m.value.pos,
              "request." + m.key + " is " + std::to_string(m.value.text.size()) + " characters long; the limit is " +
                  std::to_string(kMaxRequestValueChars) + ".");
      return finish();
    }
    target->assign(m.value.text);
  }
  switch (simulate_detail::finish_request(r)) {
    case simulate_detail::RequestProblem::None:
      break;
    case simulate_detail::RequestProblem::NoAction:
      rd.fail("/request", req->pos, "The request needs an \"action\" such as \"sts:AssumeRole\".");
      return finish();
    case simulate_detail::RequestProblem::ActionForm:
      rd.fail("/request/action", req->find("action")->pos, "The action '" + r.action + "' is not of the form service:Action.");
      return finish();
    case simulate_detail::RequestProblem::ResourceAccount:
      rd.fail("/request/resourceAccount", req->find("resourceAccount")->pos, "resourceAccount must be a 12-digit account id.");
      return finish();
    case simulate_detail::RequestProblem::Principal:
      rd.fail("/request/principal", req->find("principal")->pos, "request.principal: " + r.caller.error);
      return finish();
  }

  const bool assume = is_assume_role_action(r.action);
  if (const json::Value* v = root.find("identityPolicies")) {
    if (!rd.policy_list(*v, "/identityPolicies", PolicyKind::Identity, {"identity-based policy"}, ps.identity, in.warnings))
      return finish();
  } else {
    refill_end(ps.identity, 0);
  }
  // An optional policy, read into its slot in place (the last input's, when
  // it had one), or the slot emptied when this input has none.
  auto optional_policy = [&](const char* key, const char* path, PolicyKind kind, std::string_view label,
                             std::optional<Policy>& slot) {
    const json::Value* v = root.find(key);
    if (!v || v->is_null()) {
      refill_reset(slot);
      return true;
    }
    return rd.policy(*v, path, kind, {label}, refill_emplace(slot), in.warnings);
  };
  if (!optional_policy("resourcePolicy", "/resourcePolicy", assume ? PolicyKind::Trust : PolicyKind::Resource,
                       assume ? "trust policy" : "resource-based policy", ps.resource) ||
      !optional_policy("permissionsBoundary", "/permissionsBoundary", PolicyKind::Boundary, "permissions boundary", ps.boundary) ||
      !optional_policy("sessionPolicy", "/sessionPolicy", PolicyKind::Session, "session policy", ps.session))
    return finish();
  if (const json::Value* v = root.find("serviceControlPolicies")) {
    if (!rd.levels(*v, "/serviceControlPolicies", PolicyKind::ServiceControl, "SCP", ps.scps, in.warnings)) return finish();
  } else {
    refill_end(ps.scps, 0);
  }
  if (const json::Value* v = root.find("resourceControlPolicies")) {
    if (!rd.levels(*v, "/resourceControlPolicies", PolicyKind::ResourceControl, "RCP", ps.rcps, in.warnings)) return finish();
  } else {
    refill_end(ps.rcps, 0);
  }
  if (std::size_t n = pattern_chars(ps); n > kMaxSimulatePatternChars) {
    rd.fail("", root.pos,
            "The policies hold " + std::to_string(n) + " characters of Action, Resource, Principal and Condition values; the " +
                "limit for one simulation is " + std::to_string(kMaxSimulatePatternChars) + " (docs/limits.md).");
  }
  return finish();
}

}  // namespace

SimulateParse parse_simulate_input(const json::Value& root) {
  SimulateParse out;
  parse_input(root, out);
  return out;
}

bool parse_simulate_input(std::string_view text, SimulateParse& into) {
  // A plain, valid input (almost every batch line) is read without a tree;
  // any other is read here, from the start, with every diagnostic.
  if (simulate_detail::parse_simulate_plain(text, into)) return true;
  // One tree per thread, read into again by the next input (a batch's next
  // line): its nodes, keys and vectors are reused instead of allocated per
  // line. Nothing of one input is read for the next: every node is set again.
  thread_local json::Value doc;
  if (json::parse_into(text, doc, into.error, json::Limits{kMaxSimulateBytes, 64})) {
    parse_input(doc, into);
  } else {
    into.ok = false;
    into.input.warnings.clear();
  }
  // One unusually large input does not keep its memory for the rest of the batch.
  if (text.size() > kKeepSimulateBytes) doc = json::Value{};
  return into.ok;
}

SimulateParse parse_simulate_input(std::string_view text) {
  SimulateParse out;
  parse_simulate_input(text, out);
  return out;
}

namespace {

// The trace of one simulation, reused by the next (a batch's lines): its
// vectors are filled again instead of allocated per line. Not a cache:
// nothing of one simulation's result is read by the next (its views of the
// last input are left behind, never read: clear() empties it first).
TraceCollector& reused_trace() {
  thread_local TraceCollector trace;
  trace.clear();
  return trace;
}

// After a simulation with an unusually large trace, its storage is given
// back, so that one huge input does not keep its memory for the whole batch.
void trim(TraceCollector& trace) {
  constexpr std::size_t kKeepStatements = 512;
  std::size_t n = 0;
  for (const PolicyTrace& p : trace.policies) n += p.statements.size();
  if (n > kKeepStatements) trace = TraceCollector{};
}

}  // namespace

void simulate_to(SimulateInput& input, std::string& out, int indent) {
  TraceCollector& trace = reused_trace();
  EvalResult res = evaluate(input.request, input.policies, &trace);
  json::Writer w(out, indent);
  const Diagnostics* warnings = input.warnings.empty() ? nullptr : &input.warnings;
  if (res.decision == Decision::Allowed) {
    write_json(w, res, &trace, res.summary, warnings);
  } else {
    // A denied request's summary is the AccessDenied message AWS returns today,
    // naming the type of policy that denied (IAM User Guide,
    // troubleshoot_access-denied.html), as the console and the runner show it.
    // RoleLab's own account of why stays in the explanation, as its last step.
    const Request& r = input.request;
    static const std::string kAnonymous = "anonymous";
    const std::string& caller = r.principal.empty() || r.principal == "*" ? kAnonymous : r.principal;  // not copied
    write_json(w, res, &trace, access_denied_message(caller, r.action, r.resource, res), warnings);
  }
  trim(trace);
}

namespace {

// After an unusually large input, the model and the spare elements it left
// are freed, so that one huge input does not keep its memory for the batch.
void release(SimulateParse& p) {
  p = SimulateParse{};
  refill_release<Policy>();
  refill_release<std::vector<Policy>>();
  refill_release<Statement>();
  refill_release<Located>();
  refill_release<ConditionClause>();
  refill_release<PrincipalEntry>();
  refill_release<Principal>();
  refill_release<std::string>();
}

}  // namespace

bool simulate_to(std::string_view text, std::string& out, int indent) {
  // One model per thread, filled again by the next input (a batch's next
  // line). Not a cache: every field is set from the new input.
  thread_local SimulateParse p;
  const bool ok = parse_simulate_input(text, p);
  if (ok) {
    simulate_to(p.input, out, indent);
  } else {
    json::Writer w(out, indent);
    w.begin_object();
    w.key_literal("error");
    write_json(w, p.error);
    w.end_object();
  }
  if (text.size() > kKeepSimulateBytes) release(p);
  return ok;
}

}  // namespace rolelab
