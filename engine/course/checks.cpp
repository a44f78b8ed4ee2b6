// A step's checks, decided on the state of the simulated world (never on the
// text the learner typed). Checks that try something run on a copy of the
// simulator, so checking never changes what the learner sees.
#include "course/lesson_run.h"
#include "course/names.h"
#include "policy/arn.h"

namespace rolelab::course {

namespace {

// The account that owns a resource ARN and its resource-based policy, as the
// console's S3 and IAM commands find them.
void resource_owner(World& w, const std::string& arn, std::string& account, const Policy*& policy) {
  policy = nullptr;
  account.clear();
  if (arn.rfind("arn:aws:s3:::", 0) == 0) {
    std::string rest = arn.substr(13);
    std::string bucket = rest.substr(0, rest.find('/'));
    Account* owner = nullptr;
    if (Bucket* b = w.find_bucket(bucket, &owner)) {
      account = owner->id;
      if (b->policy) policy = &b->policy->policy;
    }
    return;
  }
  if (const Role* r = find_role(w, arn); r && arn.find(":role/") != std::string::npos) {
    account = r->account;
    return;
  }
  // arn:PARTITION:SERVICE:REGION:ACCOUNT:...
  std::size_t colons = 0, start = 0;
  for (std::size_t k = 0; k < arn.size(); ++k) {
    if (arn[k] != ':') continue;
    if (++colons == 4) start = k + 1;
    if (colons == 5) {
      account = arn.substr(start, k - start);
      return;
    }
  }
}

std::string who(const AttemptSpec& a) {
  if (a.api == "AssumeRoleWithWebIdentity") return "a web identity token";
  if (a.api == "AssumeRoleWithSAML") return "a SAML assertion from " + a.provider;
  return a.as;
}

bool matches_filter(const AttemptSpec& f, const AttemptRecord& r, const LessonRun& run) {
  if (f.has_api && f.api != r.spec.api) return false;
  if (f.has_as && f.as != r.spec.as) {
    // The same principal named another way (a user's ARN, or a console call made as that user).
    std::string a = run.principal_arn(f.as);
    if (a.empty() || (a != run.principal_arn(r.spec.as) && a != r.caller_arn)) return false;
  }
  if (f.has_role) {
    const Role* role = run.find_role(f.role);
    if (!role || role->arn != r.role_arn) return false;
  }
  return true;
}

}  // namespace

std::string LessonRun::check_label(const Check& c) const {
  if (!c.label.empty()) return c.label;
  const std::string& t = c.type;
  if (t == "assume") {
    std::string s = who(c.attempt) + " can" + (c.succeeds ? "" : "not") + " assume " + c.attempt.role;
    if (!c.succeeds && !c.code.empty()) s += " (" + c.code + (c.cause.empty() ? "" : ", " + c.cause) + ")";
    return s;
  }
  if (t == "attempted") {
    std::string s = "You tried";
    if (c.attempt.has_as) s += " as " + c.attempt.as;
    if (c.attempt.has_role) s += " to assume " + c.attempt.role;
    return s + (c.outcome_success ? " and succeeded" : " and saw " + (c.code.empty() ? std::string("it fail") : c.code) +
                                                         (c.cause.empty() ? "" : " (" + c.cause + ")"));
  }
  if (t == "allowed") return c.as + (c.expect ? " may " : " may not ") + c.action + " on " + c.resource;
  if (t == "session") return "Session " + c.session + " is " + c.state;
  if (t == "console") {
    std::string what = c.command.empty() ? std::string("console command") : "'" + c.command + "' command";
    return c.succeeds ? "A " + what + (c.operation.empty() ? "" : " (" + c.operation + ")") + " succeeded"
                      : "The last " + what + " failed with " + c.code;
  }
  if (t == "policyValid") return "The policy " + c.target + " is saved and valid";
  if (t == "edge") return "Who-can-assume shows " + c.from + " -> " + c.role + " as " + c.state;
  if (t == "answered") return "You answered the question";
  if (t == "event") return "The event log has " + c.event_name + (c.error_code.empty() ? " (success)" : " with " + c.error_code);
  if (t == "uses") return (c.instance.empty() ? "Function " + c.function : "Instance " + c.instance) + " uses role " + c.role;
  if (t == "exists") return "Role " + c.role + (c.expect ? " exists" : " no longer exists");
  return t;
}

CheckResult LessonRun::run_check(const Check& c) {
  CheckResult out;
  out.label = check_label(c);
  const std::string& t = c.type;
  if (t == "assume") {
    Simulator copy = *sim_;
    AttemptRecord r = run_attempt(copy, c.attempt);
    if (c.succeeds) {
      out.passed = r.ok;
    } else {
      out.passed = !r.ok && (c.code.empty() || c.code == r.code) && (c.cause.empty() || c.cause == r.cause);
    }
    out.detail = r.ok ? "it succeeds now" : "now: " + r.code + ": " + r.message + (r.cause.empty() ? "" : " (" + r.cause + ")");
    return out;
  }
  if (t == "attempted") {
    for (const AttemptRecord& r : attempts_) {
      if (r.step != step_ || !matches_filter(c.attempt, r, *this)) continue;
      bool ok = c.outcome_success ? r.ok : !r.ok && (c.code.empty() || c.code == r.code) && (c.cause.empty() || c.cause == r.cause);
      if (ok) {
        out.passed = true;
        out.detail = r.ok ? "done" : r.code + (r.cause.empty() ? "" : " (" + r.cause + ")");
        return out;
      }
      out.detail = "your last matching attempt: " + (r.ok ? std::string("succeeded") : r.code + (r.cause.empty() ? "" : " (" + r.cause + ")"));
    }
    if (out.detail.empty()) out.detail = "no such attempt in this step yet";
    return out;
  }
  if (t == "allowed") {
    Simulator copy = *sim_;
    Caller caller;
    std::string error;
    if (!resolve_caller(copy, c.as, caller, error)) {
      // No credentials at all (the service cannot assume the role): nothing is allowed.
      out.passed = !c.expect;
      out.detail = "cannot get credentials: " + error;
      return out;
    }
    std::string account;
    const Policy* rp = nullptr;
    resource_owner(copy.world, c.resource, account, rp);
    // An action without resource-level permissions (Resource "*") is a call in the caller's own account.
    if (account.empty()) account = parse_principal(Simulator::caller_arn(caller, copy)).account;
    Context ctx;
    for (const auto& [k, v] : c.context) ctx.set(k, v);
    StsError err;
    bool allowed = copy.authorize(caller, c.action, c.resource, account, rp, ctx, err);
    out.passed = allowed == c.expect;
    std::string msg = err.message;
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    out.detail = allowed ? "allowed now" : "denied now: " + err.code + ": " + msg;
    return out;
  }
  if (t == "session") {
    const Session* s = sim_->find_session(c.session);
    if (!s) {
      out.detail = "no session " + c.session + " yet";
      return out;
    }
    bool expired = sim_->expired(*s);
    out.passed = (c.state == "expired") == expired;
    out.detail = expired ? "expired " + format_duration(sim_->clock.now() - s->expires) + " ago"
                         : "expires in " + format_duration(s->expires - sim_->clock.now());
    return out;
  }
  if (t == "console") {
    const ConsoleRecord* last = nullptr;
    for (const ConsoleRecord& r : console_log_)
      if (r.step == step_ && !r.line.empty() && r.line[0] != '#' && (c.command.empty() || r.line.rfind(c.command, 0) == 0)) last = &r;
    if (!last) {
      out.detail = c.command.empty() ? "no console command in this step yet" : "no '" + c.command + "' command in this step yet";
      return out;
    }
    if (c.succeeds) out.passed = !last->failed && (c.operation.empty() || c.operation == last->operation);
    else out.passed = last->code == c.code;
    out.detail = "last command: " + last->line + (last->failed ? " -> " + (last->code.empty() ? "error" : last->code) : " -> ok");
    return out;
  }
  if (t == "policyValid") {
    const PolicyDraft* d = draft(c.target);
    out.passed = d && d->errors.empty() && !d->dirty() && !d->saved.empty();
    out.detail = !d ? "" : !d->errors.empty() ? to_string(d->errors.front()) : d->dirty() ? "not saved yet" : "saved";
    return out;
  }
  if (t == "edge") {
    const AssumeGraph& g = graph();
    std::string from = principal_arn(c.from);
    const Role* role = find_role(c.role);
    std::string state = "none", summary;
    for (const AssumeEdge& e : g.edges) {
      if (g.principals[e.from].arn == from && role && g.roles[e.role] == role->arn) {
        state = e.conditional ? "conditional" : e.decision == Decision::Allowed ? "allowed" : "none";
        summary = e.summary;
      }
    }
    out.passed = state == c.state;
    out.detail = "now: " + state + (summary.empty() ? "" : " (" + summary + ")");
    return out;
  }
  if (t == "answered") {
    auto it = answers_.find(c.question);
    const Question* q = find_question(lesson_, c.question);
    out.passed = it != answers_.end() && q && it->second == q->answer;
    out.detail = it == answers_.end() ? "not answered yet" : out.passed ? "right" : "not the right answer yet";
    return out;
  }
  if (t == "event") {
    for (std::size_t k = step_events_; k < sim_->events.size(); ++k) {
      const auto& e = sim_->events[k];
      if (e.value("eventName", "") != c.event_name) continue;
      std::string code = e.contains("errorCode") ? e["errorCode"].get<std::string>() : "";
      if (code == c.error_code) {
        out.passed = true;
        out.detail = "recorded";
        return out;
      }
    }
    out.detail = "no such event in this step yet";
    return out;
  }
  if (t == "uses") {
    const Role* role = find_role(c.role);
    for (const auto& [id, a] : sim_->world.accounts) {
      if (!c.instance.empty() && a.instances.count(c.instance)) {
        const Instance& i = a.instances.at(c.instance);
        out.passed = role && role->account == id && i.role == role->name;
        out.detail = i.role.empty() ? "no instance profile" : "uses " + i.role;
      }
      if (!c.function.empty() && a.functions.count(c.function)) {
        const Function& f = a.functions.at(c.function);
        out.passed = role && role->account == id && f.role == role->name;
        out.detail = "uses " + f.role;
      }
    }
    return out;
  }
  if (t == "exists") {
    bool exists = find_role(c.role) != nullptr;
    out.passed = exists == c.expect;
    out.detail = exists ? "exists" : "does not exist";
    return out;
  }
  return out;
}

}  // namespace rolelab::course
