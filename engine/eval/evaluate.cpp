#include "eval/evaluate.h"

#include <initializer_list>
#include <string_view>
#include <utility>

#include "policy/service_rules.h"
#include "policy/variables.h"
#include "policy/wildcard.h"

namespace rolelab {

const char* decision_name(Decision d) {
  switch (d) {
    case Decision::Allowed:
      return "Allowed";
    case Decision::ImplicitlyDenied:
      return "ImplicitlyDenied";
    case Decision::ExplicitlyDenied:
      return "ExplicitlyDenied";
  }
  return "?";
}

const char* denial_cause_name(DenialCause c) {
  switch (c) {
    case DenialCause::None:
      return "none";
    case DenialCause::TrustRelationship:
      return "trust relationship";
    case DenialCause::MissingPermission:
      return "missing permission";
    case DenialCause::SessionDuration:
      return "session duration";
  }
  return "?";
}

const char* principal_match_name(PrincipalMatch m) {
  switch (m) {
    case PrincipalMatch::None:
      return "none";
    case PrincipalMatch::Direct:
      return "named directly";
    case PrincipalMatch::RoleOfSession:
      return "role of the session";
    case PrincipalMatch::Account:
      return "account";
    case PrincipalMatch::Wildcard:
      return "wildcard";
    case PrincipalMatch::Service:
      return "service";
    case PrincipalMatch::Federated:
      return "federated provider";
  }
  return "?";
}

PolicyTrace& TraceCollector::next_policy() {
  if (spare_policies_.empty()) return policies.emplace_back();
  policies.push_back(std::move(spare_policies_.back()));  // moves its vectors, allocates nothing
  spare_policies_.pop_back();
  return policies.back();
}

void TraceCollector::clear() {
  // Reversed, so that the next simulation gets the first policy's storage
  // back first (a batch's lines tend to have the same shape).
  for (auto p = policies.rbegin(); p != policies.rend(); ++p) spare_policies_.push_back(std::move(*p));
  policies.clear();
  steps.clear();
  summary_last = false;
}

namespace {

// ---- element matching ------------------------------------------------------

// How one value of a Principal element matches the caller.
PrincipalMatch match_principal_value(const std::string& type, const std::string& value, const Principal& p,
                                     const Principal& caller) {
  if (type == "*") return PrincipalMatch::Wildcard;
  if (type == "AWS") {
    if (value == "*")
      return caller.kind == PrincipalKind::Anonymous || caller.kind == PrincipalKind::Service ||
                     caller.kind == PrincipalKind::Invalid
                 ? PrincipalMatch::None
                 : PrincipalMatch::Wildcard;
    if (caller.account.empty() || p.account != caller.account || p.partition != caller.partition) return PrincipalMatch::None;
    switch (p.kind) {
      case PrincipalKind::Account:
        return (caller.kind == PrincipalKind::Anonymous || caller.kind == PrincipalKind::Service) ? PrincipalMatch::None
                                                                                                  : PrincipalMatch::Account;
      case PrincipalKind::User:
        return (caller.kind == PrincipalKind::User && caller.name == p.name && caller.path == p.path) ? PrincipalMatch::Direct
                                                                                                      : PrincipalMatch::None;
      case PrincipalKind::Role:
        // A role ARN matches the role's sessions (whose ARNs carry no path).
        if (caller.kind == PrincipalKind::AssumedRole && caller.name == p.name) return PrincipalMatch::RoleOfSession;
        // A role ARN as the caller stands for "a session of this role": naming
        // the role is not naming the session (boundaries still limit it).
        if (caller.kind == PrincipalKind::Role && caller.name == p.name && caller.path == p.path)
          return PrincipalMatch::RoleOfSession;
        return PrincipalMatch::None;
      case PrincipalKind::AssumedRole:
        return (caller.kind == PrincipalKind::AssumedRole && caller.name == p.name && caller.session == p.session)
                   ? PrincipalMatch::Direct
                   : PrincipalMatch::None;
      case PrincipalKind::FederatedUser:
        return (caller.kind == PrincipalKind::FederatedUser && caller.name == p.name) ? PrincipalMatch::Direct
                                                                                      : PrincipalMatch::None;
      default:
        return PrincipalMatch::None;
    }
  }
  if (type == "Service") {
    if (caller.kind != PrincipalKind::Service) return PrincipalMatch::None;
    return (value == "*" || value == caller.name) ? PrincipalMatch::Service : PrincipalMatch::None;
  }
  if (type == "Federated") {
    if (value == "*")
      return (caller.kind == PrincipalKind::OidcProvider || caller.kind == PrincipalKind::SamlProvider)
                 ? PrincipalMatch::Federated
                 : PrincipalMatch::None;
    return value == caller.text ? PrincipalMatch::Federated : PrincipalMatch::None;
  }
  if (type == "CanonicalUser") return value == caller.text ? PrincipalMatch::Direct : PrincipalMatch::None;
  return PrincipalMatch::None;
}

int strength(PrincipalMatch m) {
  switch (m) {
    case PrincipalMatch::None:
      return 0;
    case PrincipalMatch::Account:
      return 1;
    case PrincipalMatch::RoleOfSession:
      return 2;
    default:
      return 3;
  }
}

PrincipalMatch match_principal(const PrincipalBlock& block, const Principal& caller, bool deny_with_boundary,
                               ElementTrace* trace) {
  PrincipalMatch best = PrincipalMatch::None;
  const std::string* which = nullptr;
  for (const PrincipalEntry& e : block.entries) {
    for (std::size_t k = 0; k < e.values.size(); ++k) {
      const Located& v = e.values[k];
      PrincipalMatch m = match_principal_value(e.type, v.value, e.parsed[k], caller);
      if (strength(m) > strength(best)) best = m, which = &v.value;
    }
  }
  if (block.negated) {
    // NotPrincipal applies to everyone it does not list. With Deny, it
    // always applies to principals that have a permissions boundary
    // (reference_policies_elements_notprincipal.html).
    if (deny_with_boundary) {
      if (trace) *trace = {true, ElementWhy::NotPrincipalWithBoundary, {}, {}};
      return PrincipalMatch::Wildcard;
    }
    PrincipalMatch m = best == PrincipalMatch::None ? PrincipalMatch::Wildcard : PrincipalMatch::None;
    if (trace) {
      if (m != PrincipalMatch::None)
        *trace = {true, ElementWhy::NotPrincipalUnlisted, {}, caller.text};
      else
        *trace = {false, ElementWhy::NotPrincipalListed, *which, caller.text};
    }
    return m;
  }
  if (trace) {
    static constexpr ElementWhy kWhy[] = {ElementWhy::PrincipalNone,    ElementWhy::PrincipalDirect,
                                          ElementWhy::PrincipalRoleOfSession, ElementWhy::PrincipalAccount,
                                          ElementWhy::PrincipalWildcard, ElementWhy::PrincipalService,
                                          ElementWhy::PrincipalFederated};
    static_assert(static_cast<int>(PrincipalMatch::Federated) == 6, "kWhy follows PrincipalMatch");
    const std::string_view who =
        caller.kind == PrincipalKind::Anonymous ? std::string_view("an anonymous caller") : std::string_view(caller.text);
    *trace = {best != PrincipalMatch::None, kWhy[static_cast<int>(best)], which ? std::string_view(*which) : std::string_view(), who};
  }
  return best;
}

bool match_action(const Statement& s, const std::string& action, ElementTrace* trace) {
  const Located* hit = nullptr;
  for (const Located& a : s.actions) {
    if (wildcard_match(a.value, action, true)) {
      hit = &a;
      break;
    }
  }
  bool matched = s.not_action ? hit == nullptr : hit != nullptr;
  if (trace) {
    const ElementWhy why = s.not_action ? (hit ? ElementWhy::ActionNotListedCovers : ElementWhy::ActionNotListed)
                                        : (hit ? ElementWhy::ActionCovers : ElementWhy::ActionNone);
    *trace = {matched, why, hit ? std::string_view(hit->value) : std::string_view(), action};
  }
  return matched;
}

// When the request's resource is itself a pattern ("*" for actions without
// resource-level permissions), an Allow statement applies if its pattern
// shares a resource with the request; a Deny only if it covers them all.
bool resource_matches(const std::string& pattern, const Request& r, bool variables, bool allow) {
  // The pattern is copied only when a variable is replaced (this is a hot path).
  std::optional<std::string> substituted;
  if (variables && has_variables(pattern)) {
    substituted = substitute_variables(pattern, r.context, true);
    if (!substituted) return false;
  }
  const std::string& p = substituted ? *substituted : pattern;
  if (p == "*") return true;
  if (r.resource_is_pattern) {
    std::string literal;  // literal '*' and '?' from ${*} / ${?} are ordinary characters here
    for (char c : p) {
      if (c != kLiteralMark) literal += c;
    }
    // An action without resource-level permissions (request resource "*")
    // is only granted by statements whose Resource covers every resource.
    return allow && !r.wildcard_only_action ? wildcard_intersects(literal, r.resource) : wildcard_covers(literal, r.resource);
  }
  return arn_like(p, r.resource);
}

bool match_resource(const Statement& s, const Request& r, bool variables, ElementTrace* trace) {
  // For NotResource the question flips: the statement applies when the
  // request lies outside the listed resources.
  const bool allow = s.effect == Effect::Allow;
  const bool lenient = s.not_resource ? !allow : allow;
  const Located* hit = nullptr;
  for (const Located& p : s.resources) {
    if (resource_matches(p.value, r, variables, lenient)) {
      hit = &p;
      break;
    }
  }
  bool matched = s.not_resource ? hit == nullptr : hit != nullptr;
  if (trace) {
    const ElementWhy why = s.not_resource ? (hit ? ElementWhy::ResourceNotListedCovers : ElementWhy::ResourceNotListed)
                                          : (hit ? ElementWhy::ResourceCovers : ElementWhy::ResourceNone);
    *trace = {matched, why, hit ? std::string_view(hit->value) : std::string_view(), r.resource};
  }
  return matched;
}

// ---- one policy --------------------------------------------------------------

struct PolicyOutcome {
  bool allow = false;
  bool deny = false;
  PrincipalMatch allow_match = PrincipalMatch::None;  // strongest principal match among allowing statements
  const Statement* deny_statement = nullptr;
  std::size_t deny_index = 0;
  // An Allow statement that named the caller and the action but whose
  // condition failed: the most common reason a trust policy says no.
  const ConditionClause* failed_condition = nullptr;
};

PolicyOutcome evaluate_policy(const Policy& policy, const Request& r, bool has_boundary, Tracer* tracer, int level = -1) {
  PolicyOutcome out;
  // The trace is filled in place, field by field: its slot may hold an
  // earlier simulation's trace, whose vectors keep their capacity.
  PolicyTrace* pt = tracer ? &tracer->next_policy() : nullptr;
  if (pt) {
    pt->policy = &policy;
    pt->kind = policy.kind;
    pt->level = level;
    pt->statements.resize(policy.statements.size());  // every statement is traced
  }
  const bool vars = policy.variables_enabled();
  for (std::size_t k = 0; k < policy.statements.size(); ++k) {
    const Statement& s = policy.statements[k];
    StatementTrace* t = pt ? &pt->statements[k] : nullptr;
    if (t) {
      t->index = k;
      t->sid = s.sid;
      t->line = s.pos.line;
      t->column = s.pos.column;
      t->effect = s.effect;
      t->principal_match = PrincipalMatch::None;
      t->principal.reset();
      t->resource.reset();
      t->conditions.resize(s.conditions.size());  // every clause is evaluated when tracing
    }
    bool applies = true;
    PrincipalMatch pm = PrincipalMatch::Wildcard;
    if (s.principal.present) {
      ElementTrace* et = t ? &t->principal.emplace() : nullptr;
      pm = match_principal(s.principal, r.caller, has_boundary && s.effect == Effect::Deny, et);
      applies = pm != PrincipalMatch::None;
      if (t) t->principal_match = pm;
    }
    // Every element is evaluated when tracing, so the learner sees all reasons.
    if (applies || t) {
      bool a = match_action(s, r.action, t ? &t->action : nullptr);
      applies = applies && a;
    }
    if (s.has_resource && (applies || t)) {
      bool m = match_resource(s, r, vars, t ? &t->resource.emplace() : nullptr);
      applies = applies && m;
    }
    const bool matched_before_conditions = applies;
    for (std::size_t c = 0; c < s.conditions.size(); ++c) {
      if (!applies && !t) break;
      const ConditionClause& clause = s.conditions[c];
      bool ok = evaluate_condition(clause, r.context, vars, t ? &t->conditions[c] : nullptr);
      if (!ok && applies && matched_before_conditions && s.effect == Effect::Allow && !out.failed_condition)
        out.failed_condition = &clause;
      applies = applies && ok;
    }
    if (applies) {
      if (s.effect == Effect::Deny) {
        if (!out.deny) out.deny_statement = &s, out.deny_index = k;
        out.deny = true;
      } else {
        out.allow = true;
        if (strength(pm) > strength(out.allow_match)) out.allow_match = pm;
      }
    }
    if (t) t->applies = applies;
  }
  if (pt) pt->verdict = out.deny ? PolicyVerdict::Deny : out.allow ? PolicyVerdict::Allow : PolicyVerdict::NoMatch;
  return out;
}

// The pieces appended to out, reserved first: simulate writes this message
// for every denied line of a batch (issue 12).
void append_all(std::string& out, std::initializer_list<std::string_view> parts) {
  std::size_t n = out.size();
  for (std::string_view p : parts) n += p.size();
  out.reserve(n);
  for (std::string_view p : parts) out.append(p.data(), p.size());
}

// The pieces as one string, allocated once: every simulation builds a
// summary, and a chain of operator+ grew it (and copied it) piece by piece.
std::string concat(std::initializer_list<std::string_view> parts) {
  std::string out;
  append_all(out, parts);
  return out;
}

// " names X, but its condition StringLike on k does not hold (the request has "v")".
std::string failed_condition_text(const ConditionClause& c, const Request& r) {
  const ContextEntry* e = r.context.find(c.key);
  std::string have;
  if (!e) {
    have = "the request has no " + c.key;
  } else {
    have = "the request has ";
    for (std::size_t k = 0; k < e->values.size(); ++k) have += (k ? ", \"" : "\"") + e->values[k] + "\"";
    if (e->values.empty()) have += "no values";
  }
  std::string want;
  for (std::size_t k = 0; k < c.values.size() && k < 3; ++k) want += (k ? " or \"" : "\"") + c.values[k].value + "\"";
  return "its condition " + c.op + " " + c.key + " " + want + " does not hold (" + have + ")";
}

// Its name, or its kind when it has none ("identity-based policy").
std::string policy_display_name(const Policy& p) {
  std::string name = policy_name(p);
  return name.empty() ? std::string(policy_kind_name(p.kind)) : name;
}

std::string statement_label(const Statement& s, std::size_t index) {
  return s.sid.empty() ? "statement " + std::to_string(index + 1) : concat({"statement \"", s.sid, "\""});
}

// "Auditor" from arn:aws:iam::111122223333:role/path/Auditor.
std::string_view role_name_of(std::string_view resource) {
  const std::size_t role = resource.find(":role/");
  if (resource.rfind("arn:", 0) != 0 || role == std::string_view::npos) return resource;
  return resource.substr(resource.rfind('/') + 1);
}

}  // namespace

bool may_allow_ignoring_conditions(const Policy& policy, const Request& r) {
  const bool vars = policy.variables_enabled();
  for (const Statement& s : policy.statements) {
    if (s.effect != Effect::Allow) continue;
    if (s.principal.present && match_principal(s.principal, r.caller, false, nullptr) == PrincipalMatch::None) continue;
    if (!match_action(s, r.action, nullptr)) continue;
    if (s.has_resource && !match_resource(s, r, vars, nullptr)) continue;
    return true;
  }
  return false;
}

void collect_allows_ignoring_resource(const Policy& policy, const Request& r, std::vector<AllowCandidate>& out) {
  for (const Statement& s : policy.statements) {
    if (s.effect != Effect::Allow) continue;
    if (s.principal.present && match_principal(s.principal, r.caller, false, nullptr) == PrincipalMatch::None) continue;
    if (!match_action(s, r.action, nullptr)) continue;
    out.push_back({&policy, &s});
  }
}

bool some_allow_matches_resource(const std::vector<AllowCandidate>& candidates, const Request& r) {
  for (const AllowCandidate& c : candidates) {
    if (!c.statement->has_resource || match_resource(*c.statement, r, c.policy->variables_enabled(), nullptr)) return true;
  }
  return false;
}

EvalResult evaluate(Request& r, const PolicySet& ps, Tracer* tracer, const EvalOptions& options) {
  if (!r.prepared) prepare(r);
  EvalResult res;
  const bool assume = is_assume_role_action(r.action);
  const Principal& caller = r.caller;
  // Words for the summary, made only inside the one summary built (the
  // fast path and who-can-assume build none; issue 12).
  auto who = [&]() -> std::string_view {
    return caller.kind == PrincipalKind::Anonymous ? std::string_view("an anonymous caller") : std::string_view(r.principal);
  };
  // sts:TagSession, sts:SetSourceIdentity and sts:SetContext are authorised by
  // the role's trust policy too: it is that policy the learner must change.
  const bool trust_policy = assume || (ps.resource && ps.resource->kind == PolicyKind::Trust);
  auto resource_label = [&]() -> std::string {
    return trust_policy ? concat({"the trust policy of role ", role_name_of(r.resource)}) : std::string("the resource-based policy");
  };
  // Rules applied, for the trace (literals: nothing is built). The summary,
  // the last step, is only marked: renderers add it (see Tracer::summary_step).
  auto step = [&](std::string_view rule) {
    if (tracer) tracer->step(rule);
  };
  auto summary_step = [&] {
    if (tracer) tracer->summary_step();
  };
  // Summaries are built only when asked for (who()-can-assume evaluates
  // thousands of pairs and words only the edges it keeps).
  // Each returns the result moved out (evaluate returns it at once): a copy
  // was a second allocation of the summary per simulation.
  auto deny = [&](PolicyKind by, Decision d, DenialCause cause, auto&& summary) -> EvalResult {
    res.decision = d;
    res.denied_by = by;
    res.cause = assume ? cause : DenialCause::None;
    if (options.summary || tracer) res.summary = summary();
    summary_step();
    return std::move(res);
  };

  // sts:GetCallerIdentity needs no permission and cannot be denied
  // (STS API reference, API_GetCallerIdentity.html).
  if (is_always_allowed(r.action)) {
    res.decision = Decision::Allowed;
    res.summary = "Allowed: " + r.action + " needs no permission and no policy can deny it.";
    summary_step();
    return res;
  }
  const bool has_boundary = ps.boundary.has_value();

  // Evaluate everything first: an explicit Deny in any policy wins. The
  // summary names the first policy (in evaluation order) that denies.
  struct Named {
    const Policy* policy = nullptr;
    PolicyOutcome out;
  };
  Named first_deny;
  auto note_deny = [&](const Policy& p, const PolicyOutcome& o) {
    if (o.deny && !first_deny.policy) first_deny = {&p, o};
  };
  const bool scps_apply =
      !ps.caller_is_service_linked_role && caller.kind != PrincipalKind::Service && caller.kind != PrincipalKind::Anonymous;
  int scp_level_without_allow = -1;
  if (scps_apply) {
    for (std::size_t lvl = 0; lvl < ps.scps.size(); ++lvl) {
      bool level_allows = false;
      for (const Policy& p : ps.scps[lvl]) {
        PolicyOutcome o = evaluate_policy(p, r, has_boundary, tracer, static_cast<int>(lvl));
        note_deny(p, o);
        level_allows = level_allows || o.allow;
      }
      if (!level_allows && scp_level_without_allow < 0) scp_level_without_allow = static_cast<int>(lvl);
    }
  }
  for (std::size_t lvl = 0; lvl < ps.rcps.size(); ++lvl) {
    for (const Policy& p : ps.rcps[lvl]) note_deny(p, evaluate_policy(p, r, has_boundary, tracer, static_cast<int>(lvl)));
  }
  PolicyOutcome resource_out;
  if (ps.resource) {
    resource_out = evaluate_policy(*ps.resource, r, has_boundary, tracer);
    note_deny(*ps.resource, resource_out);
  }
  bool identity_allow = false;
  for (const Policy& p : ps.identity) {
    PolicyOutcome o = evaluate_policy(p, r, has_boundary, tracer);
    note_deny(p, o);
    identity_allow = identity_allow || o.allow;
  }
  res.identity_allows = identity_allow;
  bool boundary_allow = true;
  if (ps.boundary) {
    PolicyOutcome o = evaluate_policy(*ps.boundary, r, has_boundary, tracer);
    note_deny(*ps.boundary, o);
    boundary_allow = o.allow;
  }
  bool session_allow = true;
  if (ps.session) {
    PolicyOutcome o = evaluate_policy(*ps.session, r, has_boundary, tracer);
    note_deny(*ps.session, o);
    session_allow = o.allow;
  }

  const PolicyKind res_kind =
      assume || (ps.resource && ps.resource->kind == PolicyKind::Trust) ? PolicyKind::Trust : PolicyKind::Resource;
  auto limits_kind = [&] { return !boundary_allow ? PolicyKind::Boundary : PolicyKind::Session; };

  // 1. Explicit deny.
  if (first_deny.policy) {
    const Named& d = first_deny;
    bool in_trust = assume && d.policy->kind == PolicyKind::Trust;
    return deny(d.policy->kind, Decision::ExplicitlyDenied, in_trust ? DenialCause::TrustRelationship : DenialCause::MissingPermission, [&] {
      return concat({"Denied: ", statement_label(*d.out.deny_statement, d.out.deny_index), " of the ",
                     policy_display_name(*d.policy), " explicitly denies ", r.action, " to ", who(),
                     ", and an explicit Deny always wins."});
    });
  }
  step("No policy explicitly denies the request.");
  if (auto why = protected_resource_reason(r.action, r.resource)) {
    return deny(PolicyKind::Identity, Decision::ImplicitlyDenied, DenialCause::MissingPermission,
                [&] { return concat({"Denied: ", r.action, " on ", r.resource, " is refused because ", *why, "."}); });
  }

  // 2-3. RCPs only restrict (an allow-all is implied); SCPs must allow at every level.
  if (scp_level_without_allow >= 0) {
    return deny(PolicyKind::ServiceControl, Decision::ImplicitlyDenied, DenialCause::MissingPermission, [&] {
      return concat({"Denied: no service control policy at organisation level ", std::to_string(scp_level_without_allow),
                     " allows ", r.action, "; SCPs must allow at every level from the root to the account."});
    });
  }
  if (!ps.scps.empty() && scps_apply)
    step("Service control policies allow the action at every level.");

  const bool has_identity = caller.kind == PrincipalKind::User || caller.kind == PrincipalKind::Role ||
                            caller.kind == PrincipalKind::AssumedRole || caller.kind == PrincipalKind::FederatedUser ||
                            caller.kind == PrincipalKind::Account;
  const bool same_account = has_identity && !r.resource_account.empty() && caller.account == r.resource_account;
  const bool identity_path = identity_allow && boundary_allow && session_allow;
  const PrincipalMatch rm = resource_out.allow ? resource_out.allow_match : PrincipalMatch::None;

  auto allowed = [&](auto&& summary) -> EvalResult {
    res.decision = Decision::Allowed;
    if (options.summary || tracer) res.summary = summary();
    summary_step();
    return std::move(res);
  };

  // Callers without identity policies: services, identity providers, anonymous.
  if (!has_identity) {
    if (resource_out.allow)
      return allowed([&] { return concat({"Allowed: ", resource_label(), " allows ", r.action, " to ", who(), "."}); });
    if (ps.resource && resource_out.failed_condition) {
      return deny(res_kind, Decision::ImplicitlyDenied, DenialCause::TrustRelationship, [&] {
        return concat({"Denied: ", resource_label(), " names ", who(), ", but ", failed_condition_text(*resource_out.failed_condition, r),
                       "."});
      });
    }
    if (ps.resource) {
      return deny(res_kind, Decision::ImplicitlyDenied, DenialCause::TrustRelationship, [&] {
        return concat({"Denied: ", resource_label(), " does not allow ", who(), " to perform ", r.action,
                       assume ? "; add it to the trust policy's Principal element." : "."});
      });
    }
    return deny(res_kind, Decision::ImplicitlyDenied, DenialCause::TrustRelationship, [&] {
      return concat({"Denied: ", who(), " has no identity-based policies and no resource-based policy allows the request."});
    });
  }

  auto limits_text = [&]() -> std::string {
    if (!boundary_allow) return concat({"the permissions boundary does not allow ", r.action});
    if (!session_allow) return concat({"the session policy does not allow ", r.action});
    return "";
  };

  // A role's trust policy (and a KMS key policy) must always allow: unlike
  // other resources, an identity-based policy alone is never enough.
  if (resource_policy_required(r.action, r.resource) && !resource_out.allow) {
    if (resource_out.failed_condition) {
      return deny(res_kind, Decision::ImplicitlyDenied, DenialCause::TrustRelationship, [&] {
        return concat({"Denied: ", resource_label(), " names ", who(), " or its account, but ",
                       failed_condition_text(*resource_out.failed_condition, r), "."});
      });
    }
    return deny(res_kind, Decision::ImplicitlyDenied, DenialCause::TrustRelationship, [&] {
      if (!assume && trust_policy) {
        // Passing session tags or a source identity is its own permission
        // (IAM User Guide, id_session-tags.html#id_session-tags_permissions-required and
        // id_credentials_temp_control-access_monitor.html).
        const char* what = iequals(r.action, "sts:TagSession")          ? " (session tags were passed)"
                           : iequals(r.action, "sts:SetSourceIdentity") ? " (a source identity was set)"
                                                                        : " (context was set)";
        return concat({"Denied: the role trust policy must allow ", r.action, " for ", who(), what, ", and no statement of ",
                       resource_label(), " allows it. Add ", r.action,
                       " to the Action of the statement that lets this principal assume the role."});
      }
      return concat({"Denied: ", resource_label(), " does not name ", who(), " or its account",
                     identity_allow ? "; an identity-based policy allowing " : ", and no identity-based policy allows ", r.action,
                     identity_allow ? " is not enough without it." : "."});
    });
  }

  if (same_account) {
    // A resource policy naming the user or the session ARN allows on its own,
    // even past an implicit deny in a boundary or session policy.
    if (rm == PrincipalMatch::Direct || rm == PrincipalMatch::Wildcard) {
      return allowed([&] {
        return concat({"Allowed: ", resource_label(), " names ", who(), " and, in the same account, that is enough on its own."});
      });
    }
    // Naming the role ARN: boundaries and session policies still limit the session.
    if (rm == PrincipalMatch::RoleOfSession) {
      if (boundary_allow && session_allow)
        return allowed([&] {
          return concat({"Allowed: ", resource_label(), " names the role of session ", who(), ", in the same account."});
        });
      if (!identity_path)
        return deny(limits_kind(), Decision::ImplicitlyDenied, DenialCause::MissingPermission, [&] {
          return concat({"Denied: ", resource_label(), " names the role, not the session, so ", limits_text(), "."});
        });
    }
    if (identity_path) {
      return allowed([&] {
        return concat({"Allowed: an identity-based policy of ", who(), " allows ", r.action,
                       ps.boundary ? ", the permissions boundary allows it" : "", ps.session ? ", the session policy allows it" : "",
                       "."});
      });
    }
    if (!identity_allow) {
      if (assume && rm == PrincipalMatch::Account) {
        return deny(PolicyKind::Identity, Decision::ImplicitlyDenied, DenialCause::MissingPermission, [&] {
          return concat({"Denied: ", resource_label(), " trusts account ", caller.account, ", so ", who(),
                         " also needs an identity-based policy allowing sts:AssumeRole on ", r.resource, ", and has none."});
        });
      }
      return deny(PolicyKind::Identity, Decision::ImplicitlyDenied, DenialCause::MissingPermission, [&] {
        return concat({"Denied: no identity-based policy of ", who(), " allows ", r.action, " on ", r.resource, "."});
      });
    }
    return deny(limits_kind(), Decision::ImplicitlyDenied, DenialCause::MissingPermission, [&] {
      return concat({"Denied: an identity-based policy allows ", r.action, ", but ", limits_text(), "."});
    });
  }

  // Cross-account: both sides must allow.
  if (!resource_out.allow && resource_out.failed_condition) {
    return deny(res_kind, Decision::ImplicitlyDenied, DenialCause::TrustRelationship, [&] {
      return concat({"Denied: ", resource_label(), " names ", who(), " or its account, but ",
                     failed_condition_text(*resource_out.failed_condition, r), "."});
    });
  }
  if (!resource_out.allow) {
    return deny(res_kind, Decision::ImplicitlyDenied, DenialCause::TrustRelationship, [&] {
      return concat({"Denied: ", resource_label(), " does not name ", who(), " or its account", ps.resource ? "" : " (there is none)",
                     ", and a cross-account request needs an allow on both sides."});
    });
  }
  if (!identity_allow) {
    return deny(PolicyKind::Identity, Decision::ImplicitlyDenied, DenialCause::MissingPermission, [&] {
      return concat({"Denied: ", resource_label(), " allows ", who(), ", but no identity-based policy in account ", caller.account,
                     " allows ", r.action, " on ", r.resource, "; a cross-account request needs an allow on both sides."});
    });
  }
  if (!identity_path) {
    return deny(limits_kind(), Decision::ImplicitlyDenied, DenialCause::MissingPermission,
                [&] { return concat({"Denied: both sides allow ", r.action, ", but ", limits_text(), "."}); });
  }
  return allowed([&] {
    return concat({"Allowed: ", resource_label(), " allows ", who(), " and an identity-based policy in account ", caller.account,
                   " allows ", r.action, " (cross-account: both sides allow)."});
  });
}

const char* access_denied_policy_type(PolicyKind k) {
  // AWS's AccessDenied messages say "role trust policy" where RoleLab's explanations say "trust policy".
  return k == PolicyKind::Trust ? "role trust policy" : policy_kind_name(k);
}

namespace {

void append_access_denied_reason(std::string& out, const std::string& action, const EvalResult& result) {
  const std::string_view type = access_denied_policy_type(result.denied_by);
  if (result.decision == Decision::ExplicitlyDenied) {
    const bool vowel = std::string_view("aeiou").find(type[0]) != std::string_view::npos;
    append_all(out, {" with an explicit deny in ", vowel ? "an " : "a ", type});
    return;
  }
  append_all(out, {" because no ", type, " allows the ", action, " action"});
}

}  // namespace

std::string access_denied_reason(const std::string& action, const EvalResult& result) {
  std::string out;
  append_access_denied_reason(out, action, result);
  return out;
}

std::string access_denied_message(const std::string& caller, const std::string& action, const std::string& resource,
                                  const EvalResult& result) {
  std::string out;
  out.reserve(caller.size() + 2 * action.size() + resource.size() + 128);  // the reason included: one allocation
  append_all(out, {"User: ", caller, " is not authorized to perform: ", action, " on resource: ", resource});
  append_access_denied_reason(out, action, result);
  return out;
}

}  // namespace rolelab
