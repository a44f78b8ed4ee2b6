#include "course/lesson_run.h"

#include "analyzer/iam_rules.h"
#include "course/names.h"
#include "json/json.h"
#include "policy/arn.h"

namespace rolelab::course {

namespace {

// "An error occurred (CODE) when calling the OPERATION operation: ..." -> CODE, OPERATION.
void console_error(const std::string& out, std::string& code, std::string& operation) {
  auto p = out.find("An error occurred (");
  if (p == std::string::npos) return;
  auto e = out.find(')', p);
  if (e == std::string::npos) return;
  code = out.substr(p + 19, e - p - 19);
  auto c = out.find("when calling the ", e);
  if (c != std::string::npos) {
    auto o = out.find(' ', c + 17);
    operation = out.substr(c + 17, o == std::string::npos ? o : o - c - 17);
  }
}

// "aws sts get-caller-identity" -> GetCallerIdentity.
std::string operation_of(const std::string& line) {
  std::vector<std::string> words;
  std::string w;
  for (char c : line) {
    if (c == ' ' || c == '\t') {
      if (!w.empty()) words.push_back(w), w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) words.push_back(w);
  if (words.size() < 3 || words[0] != "aws") return "";
  std::string op;
  bool up = true;
  for (char c : words[2]) {
    if (c == '-') up = true;
    else op += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c, up = false;
  }
  return op;
}

std::string classic_cause(const std::string& code, const std::string& message, const std::optional<Authorization>& auth) {
  if (code == "ExpiredToken" || (code == "ValidationError" && message.find("DurationSeconds") != std::string::npos))
    return "session duration";
  if (auth && auth->result.cause != DenialCause::None) return denial_cause_name(auth->result.cause);
  return "";
}

}  // namespace

LessonRun::LessonRun(const Lesson& lesson, std::uint64_t seed) : lesson_(lesson), seed_(seed) {
  WorldLoad wl = load_world(lesson_.world_text);
  sim_ = std::make_unique<Simulator>(std::move(wl.world), seed_);
  console_ = std::make_unique<Console>(*sim_);
  for (const std::string& t : lesson_.editable) {
    PolicyDraft d;
    d.target = t;
    TargetRef r = resolve_target(sim_->world, t);
    d.kind = r.kind;
    d.title = r.ok ? r.title : t;
    d.read_only = r.read_only;
    d.read_only_reason = r.read_only_reason;
    if (r.kind == PolicyKind::ServiceControl && r.ok) {
      auto parts = t.substr(t.find("scp/") + 4);
      std::string acct = parts.substr(0, parts.find('/'));
      std::size_t level = std::stoul(parts.substr(parts.find('/') + 1));
      std::size_t index = std::stoul(parts.substr(parts.rfind('/') + 1));
      d.saved = sim_->world.scp_texts[acct][level][index];
    } else if (r.policy) {
      d.saved = r.policy->text;
    }
    d.original = d.saved.empty() ? "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}" : d.saved;
    d.text = d.original;
    drafts_.push_back(std::move(d));
  }
  done_.assign(lesson_.steps.size(), false);
  step_marks_.assign(lesson_.steps.size(), std::string::npos);
  if (!step_marks_.empty()) step_marks_[0] = 0;
  evaluate();
}

PolicyDraft* LessonRun::draft(const std::string& target) {
  for (PolicyDraft& d : drafts_)
    if (d.target == target) return &d;
  return nullptr;
}

const Role* LessonRun::find_role(const std::string& name_or_arn) const { return course::find_role(sim_->world, name_or_arn); }

std::string LessonRun::principal_arn(const std::string& ref) const {
  PrincipalRef p;
  std::string err;
  if (!resolve_principal(sim_->world, ref, p, err)) return "";
  switch (p.kind) {
    case PrincipalRef::Kind::User: return p.user->arn;
    case PrincipalRef::Kind::Role: return p.role->arn;
    case PrincipalRef::Kind::Session: {
      const Session* s = sim_->find_session(p.name);
      return s ? s->arn : "";
    }
    case PrincipalRef::Kind::Service: return p.name;
    default: return "";
  }
}

void LessonRun::changed() {
  ++version_;
  graph_.reset();
  evaluate();
}

// ---- actions ----

ActionResult LessonRun::apply(const Action& a) {
  switch (a.kind) {
    case Action::Kind::Edit: return edit(a.target, a.text);
    case Action::Kind::Attempt: return attempt(a.attempt);
    case Action::Kind::Console: return console_line(a.text);
    case Action::Kind::AdvanceClock: return advance_clock(a.number);
    case Action::Kind::Answer: return answer(a.text, static_cast<std::size_t>(a.number < 0 ? 0 : a.number));
    case Action::Kind::GotoStep: {
      bool ok = goto_step(static_cast<std::size_t>(a.number < 0 ? 0 : a.number));
      return {ok, ok ? "" : "no such step"};
    }
  }
  return {};
}

void LessonRun::set_draft(const std::string& target, const std::string& text) {
  PolicyDraft* d = draft(target);
  if (!d) return;
  d->text = text;
  ParseOptions opt;
  opt.kind = d->kind;
  opt.owner_account = resolve_target(sim_->world, target).account;
  ParsedPolicy p = parse_policy(text, opt);
  d->errors = std::move(p.errors);
  d->warnings = std::move(p.warnings);
  if (d->errors.empty() && (d->kind == PolicyKind::Trust || d->kind == PolicyKind::Resource))
    if (auto bad = unknown_principal(sim_->world, p.policy)) d->errors.push_back(*bad);
  // IAM's rule for shared OIDC providers (GitHub) on UpdateAssumeRolePolicy.
  if (d->errors.empty() && d->kind == PolicyKind::Trust)
    if (auto bad = analyzer::shared_oidc_provider_violation(p.policy)) d->errors.push_back(*bad);
  ++version_;
}

void LessonRun::reset_draft(const std::string& target) {
  PolicyDraft* d = draft(target);
  if (d) edit(target, d->original);
}

ActionResult LessonRun::edit(const std::string& target, const std::string& text) {
  PolicyDraft* d = draft(target);
  if (!d) return {false, "'" + target + "' is not a policy this lesson lets you edit."};
  Action a;
  a.kind = Action::Kind::Edit;
  a.target = target;
  a.text = text;
  log_.push_back(a);
  set_draft(target, text);
  ActionResult res;
  if (d->read_only) {
    res.message = "An error occurred (UnmodifiableEntity) when calling the UpdateAssumeRolePolicy operation: " +
                  d->read_only_reason.substr(d->read_only_reason.find(": ") + 2);
  } else if (!d->errors.empty()) {
    res.message = to_string(d->errors.front());
  } else {
    TargetRef r = resolve_target(sim_->world, target);
    ParseOptions opt;
    opt.kind = d->kind;
    opt.owner_account = r.account;
    opt.name = r.policy ? r.policy->name : "";
    ParsedPolicy p = parse_policy(text, opt);
    std::string err;
    if (store_policy(sim_->world, target, text, std::move(p.policy), err)) {
      d->saved = text;
      res.ok = true;
      res.message = "Saved " + d->title + ".";
    } else {
      res.message = err;
    }
  }
  changed();
  return res;
}

bool LessonRun::resolve_caller(Simulator& sim, const std::string& ref, Caller& out, std::string& error) const {
  PrincipalRef p;
  if (!resolve_principal(sim.world, ref, p, error)) return false;
  switch (p.kind) {
    case PrincipalRef::Kind::User:
      out = Caller{Caller::Kind::User, p.user->arn, ""};
      return true;
    case PrincipalRef::Kind::Session: {
      const Session* s = sim.find_session(p.name);
      if (!s) return error = "there is no session named '" + p.name + "' yet (sessions come from assume attempts)", false;
      out = Caller{Caller::Kind::Session, "", s->access_key_id};
      return true;
    }
    case PrincipalRef::Kind::Role: {
      // A fresh session of the role: what the wearer of the hat may do.
      const Session& s = sim.issue_session(*p.role, "rolelab-check", 3600, "rolelab");
      out = Caller{Caller::Kind::Session, "", s.access_key_id};
      return true;
    }
    case PrincipalRef::Kind::Service:
      out = Caller{Caller::Kind::Service, p.name, ""};
      return true;
    case PrincipalRef::Kind::Instance:
    case PrincipalRef::Kind::Function: {
      // The credentials EC2 or Lambda obtain for the resource's role, exactly as the console's `as` does.
      Console c(sim);
      std::string out_text = c.execute("as " + std::string(p.kind == PrincipalRef::Kind::Instance ? "" : "function:") + p.name);
      if (c.caller().kind != Caller::Kind::Session) {
        // The first line is the error; the console's "Still acting as ..." note is about its own caller.
        return error = out_text.substr(0, out_text.find('\n')), false;
      }
      out = c.caller();
      return true;
    }
  }
  return false;
}

AttemptRecord LessonRun::run_attempt(Simulator& sim, const AttemptSpec& spec) const {
  AttemptRecord rec;
  rec.spec = spec;
  rec.step = step_;
  rec.at = sim.clock.now();
  const Role* role = course::find_role(sim.world, spec.role);
  rec.role_arn = role ? role->arn : spec.role;
  sim.last_auth.reset();
  Simulator::Result res;
  if (spec.api == "AssumeRoleWithWebIdentity") {
    Simulator::WebIdentityRequest r;
    r.role_arn = rec.role_arn;
    r.role_session_name = spec.session_name;
    r.web_identity_token = spec.token.value_or("");
    r.duration_seconds = spec.duration_seconds;
    r.policy = spec.policy;
    r.policy_arns = spec.policy_arns;
    rec.caller_arn = "web identity";
    res = sim.assume_role_with_web_identity(r);
  } else if (spec.api == "AssumeRoleWithSAML") {
    Simulator::SamlRequest r;
    r.role_arn = rec.role_arn;
    r.principal_arn = spec.provider.rfind("arn:", 0) == 0
                          ? spec.provider
                          : "arn:aws:iam::" + (role ? role->account : std::string("000000000000")) + ":saml-provider/" + spec.provider;
    r.saml_assertion = spec.assertion.value_or("");
    r.duration_seconds = spec.duration_seconds;
    r.policy = spec.policy;
    r.policy_arns = spec.policy_arns;
    rec.caller_arn = r.principal_arn;
    res = sim.assume_role_with_saml(r);
  } else {
    Caller caller;
    std::string error;
    PrincipalRef p;
    if (!resolve_caller(sim, spec.as, caller, error)) {
      rec.code = "rolelab";
      rec.message = error;
      return rec;
    }
    rec.caller_arn = Simulator::caller_arn(caller, sim);
    if (caller.kind == Caller::Kind::Service) {
      res = sim.service_assume_role(caller.arn, rec.role_arn, spec.session_name, spec.duration_seconds.value_or(3600), spec.source_arn,
                                    spec.source_account);
    } else {
      AssumeRoleRequest r;
      r.role_arn = rec.role_arn;
      r.role_session_name = spec.session_name;
      r.duration_seconds = spec.duration_seconds;
      r.external_id = spec.external_id;
      r.policy = spec.policy;
      r.policy_arns = spec.policy_arns;
      r.tags = spec.tags;
      r.transitive_tag_keys = spec.transitive_tag_keys;
      r.source_identity = spec.source_identity;
      if (spec.mfa) {
        Principal who = parse_principal(rec.caller_arn);
        const User* u = caller.kind == Caller::Kind::User ? sim.world.find_user(caller.arn) : nullptr;
        r.serial_number = "arn:aws:iam::" + who.account + ":mfa/" + (u ? u->name : who.name);
        r.token_code = "123456";
      }
      res = sim.assume_role(caller, r);
    }
  }
  rec.ok = res.ok;
  if (res.ok) {
    rec.output = res.output;
  } else {
    rec.code = res.error.code;
    rec.message = res.error.message;
    rec.auth = sim.last_auth;
    rec.cause = classic_cause(rec.code, rec.message, rec.auth);
  }
  return rec;
}

ActionResult LessonRun::attempt(const AttemptSpec& spec) {
  Action a;
  a.kind = Action::Kind::Attempt;
  a.attempt = spec;
  log_.push_back(a);
  AttemptRecord rec = run_attempt(*sim_, spec);
  ActionResult res;
  res.ok = rec.ok;
  if (rec.ok) {
    res.message = "Assumed " + rec.role_arn + ": " + rec.output["AssumedRoleUser"]["Arn"].get<std::string>() + ", expires " +
                  rec.output["Credentials"]["Expiration"].get<std::string>() + ".";
  } else {
    res.message = rec.code + ": " + rec.message + (rec.cause.empty() ? "" : " (cause: " + rec.cause + ")");
  }
  attempts_.push_back(std::move(rec));
  changed();
  return res;
}

// An assume call typed in the console counts as an attempt, like one made in the attempt panel.
AttemptRecord LessonRun::console_attempt(const ConsoleRecord& c, const std::string& caller) const {
  AttemptRecord rec;
  rec.step = step_;
  rec.at = sim_->clock.now();
  rec.spec.api = c.operation;
  rec.spec.has_api = true;
  auto flag = c.line.find("--role-arn");
  if (flag != std::string::npos) {
    std::size_t b = c.line.find_first_not_of(" =", flag + 10);
    std::size_t e = b == std::string::npos ? b : c.line.find(' ', b);
    if (b != std::string::npos) rec.role_arn = c.line.substr(b, e == std::string::npos ? e : e - b);
  }
  if (const Role* r = find_role(rec.role_arn)) rec.role_arn = r->arn;
  rec.spec.role = rec.role_arn;
  rec.caller_arn = c.operation == "AssumeRole" ? caller : "web identity";
  rec.ok = !c.failed;
  if (rec.ok) {
    rec.output = nlohmann::ordered_json::parse(c.output, nullptr, false);
  } else {
    rec.code = c.code;
    auto m = c.output.find(" operation: ");
    rec.message = m == std::string::npos ? c.output : c.output.substr(m + 12);
    while (!rec.message.empty() && rec.message.back() == '\n') rec.message.pop_back();
    rec.auth = sim_->last_auth;
    rec.cause = classic_cause(rec.code, rec.message, rec.auth);
  }
  return rec;
}

ActionResult LessonRun::console_line(const std::string& line) {
  Action a;
  a.kind = Action::Kind::Console;
  a.text = line;
  log_.push_back(a);
  ConsoleRecord rec;
  rec.step = step_;
  rec.line = line;
  const std::string caller = Simulator::caller_arn(console_->caller(), *sim_);
  sim_->last_auth.reset();
  rec.output = console_->execute(line);
  console_error(rec.output, rec.code, rec.operation);
  rec.failed = !rec.code.empty() || rec.output.rfind("rolelab:", 0) == 0 || rec.output.rfind("usage:", 0) == 0;
  if (rec.operation.empty()) rec.operation = operation_of(line);
  if (rec.operation.rfind("AssumeRole", 0) == 0) attempts_.push_back(console_attempt(rec, caller));
  ActionResult res{!rec.failed, rec.output};
  console_log_.push_back(std::move(rec));
  changed();
  return res;
}

ActionResult LessonRun::advance_clock(long long seconds) {
  if (seconds <= 0 || seconds > 366LL * 86400) return {false, "The clock moves forward by 1 second to 366 days."};
  // A playing clock moves every second: consecutive moves are one entry of the log (same state on replay).
  if (!log_.empty() && log_.back().kind == Action::Kind::AdvanceClock && log_.back().number + seconds <= 366LL * 86400) {
    log_.back().number += seconds;
  } else {
    Action a;
    a.kind = Action::Kind::AdvanceClock;
    a.number = seconds;
    log_.push_back(a);
  }
  const TimeMs before = sim_->clock.now();
  sim_->clock.advance(seconds * 1000);
  std::string msg = "Clock advanced by " + format_duration(seconds * 1000) + " to " + format_iso8601(sim_->clock.now()) + ".";
  for (const Session& s : sim_->sessions)
    if (s.expires > before && sim_->expired(s)) msg += " Session " + s.session_name + " expired.";
  changed();
  return {true, msg};
}

ActionResult LessonRun::answer(const std::string& question, std::size_t choice) {
  const Question* q = find_question(lesson_, question);
  if (!q) return {false, "No question '" + question + "' in this lesson."};
  if (choice >= q->choices.size()) return {false, "Question '" + question + "' has " + std::to_string(q->choices.size()) + " choices."};
  Action a;
  a.kind = Action::Kind::Answer;
  a.text = question;
  a.number = static_cast<long long>(choice);
  log_.push_back(a);
  answers_[question] = choice;
  changed();
  return {choice == q->answer, (choice == q->answer ? "Right. " : "Not quite. ") + q->explanation};
}

// ---- steps ----

bool LessonRun::goto_step(std::size_t n) {
  if (n >= lesson_.steps.size()) return false;
  if (n == step_) return true;
  Action a;
  a.kind = Action::Kind::GotoStep;
  a.number = static_cast<long long>(n);
  step_marks_[n] = log_.size();
  log_.push_back(a);
  step_ = n;
  step_events_ = sim_->events.size();
  changed();
  return true;
}

bool LessonRun::lesson_done() const { return steps_done() == lesson_.steps.size(); }

std::size_t LessonRun::steps_done() const {
  std::size_t n = 0;
  for (bool d : done_) n += d ? 1 : 0;
  return n;
}

void LessonRun::evaluate() {
  if (step_ >= lesson_.steps.size()) return;
  checks_ = evaluate_step(step_);
  bool all = !checks_.empty();
  for (const CheckResult& c : checks_) all = all && c.passed;
  if (all) done_[step_] = true;
}

std::vector<CheckResult> LessonRun::evaluate_step(std::size_t n) {
  std::vector<CheckResult> out;
  if (n >= lesson_.steps.size()) return out;
  const std::size_t saved_step = step_;
  step_ = n;  // checks look at the records of the step they belong to
  for (const Check& c : lesson_.steps[n].checks) out.push_back(run_check(c));
  step_ = saved_step;
  return out;
}

const AssumeGraph& LessonRun::graph() {
  if (!graph_) graph_ = who_can_assume(sim_->world);
  return *graph_;
}

std::vector<std::pair<std::string, std::string>> LessonRun::goal_edges() {
  std::vector<std::pair<std::string, std::string>> out;
  if (step_ >= lesson_.steps.size()) return out;
  for (const Check& c : lesson_.steps[step_].checks) {
    if (c.type == "assume" && c.succeeds) {
      const Role* r = find_role(c.attempt.role);
      std::string from = c.attempt.as.empty() ? "" : principal_arn(c.attempt.as);
      if (from.empty() && c.attempt.api == "AssumeRoleWithSAML") from = c.attempt.provider;
      if (from.empty() && c.attempt.api == "AssumeRoleWithWebIdentity") from = "web identity";
      if (r && !from.empty()) out.emplace_back(from, r->arn);
    } else if (c.type == "edge" && c.state == "allowed") {
      const Role* r = find_role(c.role);
      std::string from = principal_arn(c.from);
      if (r && !from.empty()) out.emplace_back(from, r->arn);
    }
  }
  return out;
}

// ---- the log ----

std::string LessonRun::log_json() const {
  std::string out = "{\"step\": " + std::to_string(step_) + ", \"actions\": [";
  for (std::size_t k = 0; k < log_.size(); ++k) out += (k ? ", " : "") + to_json_text(log_[k]);
  return out + "]}";
}

std::unique_ptr<LessonRun> LessonRun::replay(const Lesson& lesson, const std::string& log_json, std::string& error) {
  json::ParseResult r = json::parse(log_json, json::Limits{4u << 20, 64});
  if (!r.ok) return error = "saved lesson state: " + to_string(r.error), nullptr;
  const json::Value* actions = r.value.find("actions");
  if (!actions || !actions->is_array()) return error = "saved lesson state has no \"actions\" array", nullptr;
  auto run = std::make_unique<LessonRun>(lesson);
  for (std::size_t k = 0; k < actions->items.size(); ++k) {
    Action a;
    Diagnostic d;
    if (!parse_action(lesson, run->sim().world, actions->items[k], a, d)) {
      error = "saved lesson state, action " + std::to_string(k + 1) + ": " + d.message;
      return nullptr;
    }
    run->apply(a);
  }
  const json::Value* step = r.value.find("step");
  if (step && step->is_number() && step->number >= 0) run->goto_step(static_cast<std::size_t>(step->number));
  return run;
}

std::unique_ptr<LessonRun> LessonRun::at_step(const Lesson& lesson, std::size_t n) {
  auto run = std::make_unique<LessonRun>(lesson);
  for (std::size_t k = 0; k < n && k < lesson.steps.size(); ++k) {
    run->goto_step(k);
    for (const Action& a : lesson.steps[k].solution) run->apply(a);
  }
  run->goto_step(n < lesson.steps.size() ? n : lesson.steps.size() - 1);
  return run;
}

std::unique_ptr<LessonRun> LessonRun::reset_step(const LessonRun& run) {
  const std::size_t n = run.step_;
  if (run.step_marks_[n] == std::string::npos) return at_step(run.lesson_, n);
  auto fresh = std::make_unique<LessonRun>(run.lesson_, run.seed_);
  for (std::size_t k = 0; k < run.step_marks_[n]; ++k) fresh->apply(run.log_[k]);
  fresh->goto_step(n);
  // Steps ticked before stay ticked: a reset never takes away what was achieved.
  for (std::size_t k = 0; k < fresh->done_.size(); ++k) fresh->done_[k] = fresh->done_[k] || run.done_[k];
  return fresh;
}

}  // namespace rolelab::course
