#include "course/lesson.h"

#include <set>

#include <nlohmann/json.hpp>

#include "course/names.h"
#include "json/schema_reader.h"
#include "policy/arn.h"
#include "world/world.h"

namespace rolelab::course {

namespace {

using json::pointer_append;

class LessonReader {
 public:
  SchemaReader rd{"InvalidLesson"};
  Lesson l;
  World world;                // the lesson's world, loaded by parse_lesson
  const World* w = &world;    // where names are looked up (parse_action: a running lesson's world)
  std::set<std::string> sessions;   // session names the lesson's attempts and console lines make
  std::set<std::string> questions;  // question ids
  std::set<std::string> functions;  // Lambda functions the lesson's console lines create

  bool fail(const std::string& path, json::Pos pos, const std::string& msg) { return rd.fail(path, pos, msg); }

  // A policy document given as an object or a string holding JSON, kept as text.
  bool doc_text(const json::Value& v, const std::string& path, std::string& out) {
    if (v.is_object()) out = pretty_json(v);
    else if (v.is_string()) out = v.text;
    else return fail(path, v.pos, "A policy document is a JSON object or a string holding JSON.");
    return true;
  }

  // Text: a string, or an array of strings joined by newlines.
  bool text(const json::Value& obj, const std::string& path, const char* key, std::string& out, bool required) {
    const json::Value* v = obj.find(key);
    if (!v) return required ? fail(path, obj.pos, std::string("Missing required key '") + key + "'.") : true;
    if (v->is_string()) {
      out = v->text;
      return true;
    }
    if (!v->is_array()) return fail(pointer_append(path, key), v->pos, std::string("'") + key + "' must be a string or an array of strings.");
    out.clear();
    for (std::size_t k = 0; k < v->items.size(); ++k) {
      if (!rd.expect(v->items[k], json::Type::String, pointer_append(pointer_append(path, key), k))) return false;
      out += (k ? "\n" : "") + v->items[k].text;
    }
    return true;
  }

  bool strings(const json::Value& obj, const std::string& path, const char* key, std::vector<std::string>& out, bool required) {
    const json::Value* arr = rd.array(obj, path, key, required);
    if (!arr) return !rd.failed();
    for (std::size_t k = 0; k < arr->items.size(); ++k) {
      if (!rd.expect(arr->items[k], json::Type::String, pointer_append(pointer_append(path, key), k))) return false;
      out.push_back(arr->items[k].text);
    }
    return true;
  }

  bool role_ref(const std::string& name, const std::string& path, json::Pos pos) {
    std::string err;
    if (find_role(*w, name, &err)) return true;
    return fail(path, pos, "Role '" + name + "': " + err + ".");
  }

  bool principal_ref(const std::string& ref, const std::string& path, json::Pos pos) {
    PrincipalRef p;
    std::string err;
    if (ref.rfind("function/", 0) == 0 && functions.count(ref.substr(9))) return true;  // created by an earlier action
    if (!resolve_principal(*w, ref, p, err)) return fail(path, pos, "Principal '" + ref + "': " + err + ".");
    return true;
  }

  bool attempt(const json::Value& v, const std::string& path, AttemptSpec& a, bool filter) {
    if (!rd.keys(v, path,
                 {"api", "as", "role", "sessionName", "durationSeconds", "externalId", "mfa", "policy", "policyArns", "tags",
                  "transitiveTagKeys", "sourceIdentity", "token", "provider", "assertion", "sourceArn", "sourceAccount"}))
      return false;
    a.has_api = v.find("api") != nullptr;
    a.has_as = v.find("as") != nullptr;
    a.has_role = v.find("role") != nullptr;
    if (!rd.str(v, path, "api", a.api, false) || !rd.str(v, path, "as", a.as, false) ||
        !rd.str(v, path, "role", a.role, !filter) || !rd.str(v, path, "sessionName", a.session_name, false) ||
        !rd.boolean(v, path, "mfa", a.mfa) || !rd.str(v, path, "provider", a.provider, false) ||
        !rd.str(v, path, "sourceArn", a.source_arn, false) || !rd.str(v, path, "sourceAccount", a.source_account, false))
      return false;
    if (a.api != "AssumeRole" && a.api != "AssumeRoleWithWebIdentity" && a.api != "AssumeRoleWithSAML") {
      return fail(pointer_append(path, "api"), v.find("api")->pos,
                  "'api' is AssumeRole, AssumeRoleWithWebIdentity or AssumeRoleWithSAML, not '" + a.api + "'.");
    }
    long long d = 0;
    if (v.find("durationSeconds")) {
      if (!rd.integer(v, path, "durationSeconds", d, false)) return false;
      a.duration_seconds = d;
    }
    std::string s;
    if (v.find("externalId")) {
      if (!rd.str(v, path, "externalId", s, false)) return false;
      a.external_id = s;
    }
    if (v.find("sourceIdentity")) {
      if (!rd.str(v, path, "sourceIdentity", s, false)) return false;
      a.source_identity = s;
    }
    if (const json::Value* p = v.find("policy")) {
      if (!doc_text(*p, pointer_append(path, "policy"), s)) return false;
      a.policy = s;
    }
    if (!strings(v, path, "policyArns", a.policy_arns, false) || !strings(v, path, "transitiveTagKeys", a.transitive_tag_keys, false))
      return false;
    if (const json::Value* t = rd.object(v, path, "tags", false)) {
      for (const json::Member& m : t->members) {
        if (!rd.expect(m.value, json::Type::String, pointer_append(pointer_append(path, "tags"), m.key))) return false;
        a.tags.emplace_back(m.key, m.value.text);
      }
    }
    if (rd.failed()) return false;
    if (const json::Value* t = v.find("token")) {
      if (!t->is_object() && !t->is_string()) return fail(pointer_append(path, "token"), t->pos, "'token' is the claims object (iss, aud, sub, exp, ...) or a JWT string.");
      a.token = t->is_object() ? json::to_compact_string(*t) : t->text;
    }
    if (const json::Value* t = v.find("assertion")) {
      if (!t->is_object() && !t->is_string()) return fail(pointer_append(path, "assertion"), t->pos, "'assertion' is the simulated SAML assertion object (issuer, audience, subject, attributes, ...).");
      a.assertion = t->is_object() ? json::to_compact_string(*t) : t->text;
    }
    // References.
    if (!a.role.empty() && !role_ref(a.role, pointer_append(path, "role"), v.find("role")->pos)) return false;
    if (!a.as.empty() && !principal_ref(a.as, pointer_append(path, "as"), v.find("as")->pos)) return false;
    if (filter) return true;
    if (a.api == "AssumeRole" && a.as.empty())
      return fail(path, v.pos, "An AssumeRole attempt needs 'as': who calls (user/NAME, session/NAME, service/HOST).");
    if (a.api == "AssumeRoleWithWebIdentity" && !a.token)
      return fail(path, v.pos, "An AssumeRoleWithWebIdentity attempt needs 'token' (the identity provider's claims).");
    if (a.api == "AssumeRoleWithSAML" && (!a.assertion || a.provider.empty()))
      return fail(path, v.pos, "An AssumeRoleWithSAML attempt needs 'provider' and 'assertion'.");
    return true;
  }

  // The session names an action creates (for the check references).
  void note_sessions(const Action& a) {
    if (a.kind == Action::Kind::Attempt) sessions.insert(a.attempt.session_name);
    if (a.kind == Action::Kind::Console) {
      auto p = a.text.find("--role-session-name");
      if (p != std::string::npos) {
        std::size_t b = a.text.find_first_not_of(" =", p + 19);
        std::size_t e = b == std::string::npos ? b : a.text.find(' ', b);
        if (b != std::string::npos) sessions.insert(a.text.substr(b, e == std::string::npos ? e : e - b));
      }
      auto f = a.text.find("create-function");
      auto n = f == std::string::npos ? f : a.text.find("--function-name", f);
      if (n != std::string::npos) {
        std::size_t b = a.text.find_first_not_of(" =", n + 15);
        std::size_t e = b == std::string::npos ? b : a.text.find(' ', b);
        if (b != std::string::npos) functions.insert(a.text.substr(b, e == std::string::npos ? e : e - b));
      }
      // `as i-...` / `as function:NAME`: the service's session is named after the resource.
      if (a.text.rfind("as ", 0) == 0) sessions.insert(a.text.substr(a.text.rfind(':') == std::string::npos ? 3 : a.text.rfind(':') + 1));
    }
  }

  bool action(const json::Value& v, const std::string& path, Action& a) {
    if (!rd.expect(v, json::Type::Object, path)) return false;
    a.pos = v.pos;
    a.path = path;
    if (v.find("edit")) {
      a.kind = Action::Kind::Edit;
      if (!rd.keys(v, path, {"edit", "policy"}) || !rd.str(v, path, "edit", a.target, true)) return false;
      const json::Value* p = v.find("policy");
      if (!p) return fail(path, v.pos, "An edit needs 'policy': the new document.");
      if (!doc_text(*p, pointer_append(path, "policy"), a.text)) return false;
      bool editable = false;
      for (const std::string& e : l.editable) editable = editable || e == a.target;
      if (!editable) return fail(pointer_append(path, "edit"), v.find("edit")->pos, "'" + a.target + "' is not in the lesson's 'editable' list.");
      return true;
    }
    if (const json::Value* at = v.find("attempt")) {
      a.kind = Action::Kind::Attempt;
      return rd.keys(v, path, {"attempt"}) && attempt(*at, pointer_append(path, "attempt"), a.attempt, false);
    }
    if (v.find("console")) {
      a.kind = Action::Kind::Console;
      return rd.keys(v, path, {"console"}) && rd.str(v, path, "console", a.text, true);
    }
    if (v.find("advanceClock")) {
      a.kind = Action::Kind::AdvanceClock;
      if (!rd.keys(v, path, {"advanceClock"}) || !rd.integer(v, path, "advanceClock", a.number, true)) return false;
      if (a.number <= 0 || a.number > 366LL * 86400)
        return fail(pointer_append(path, "advanceClock"), v.find("advanceClock")->pos, "'advanceClock' is 1 to 31622400 seconds.");
      return true;
    }
    if (v.find("answer")) {
      a.kind = Action::Kind::Answer;
      if (!rd.keys(v, path, {"answer", "choice"}) || !rd.str(v, path, "answer", a.text, true) ||
          !rd.integer(v, path, "choice", a.number, true))
        return false;
      if (!questions.count(a.text)) return fail(pointer_append(path, "answer"), v.find("answer")->pos, "No question '" + a.text + "' in this lesson.");
      return true;
    }
    return fail(path, v.pos, "An action is one of {\"edit\", \"policy\"}, {\"attempt\"}, {\"console\"}, {\"advanceClock\"}, {\"answer\", \"choice\"}.");
  }

  bool check(const json::Value& v, const std::string& path, Check& c) {
    if (!rd.expect(v, json::Type::Object, path)) return false;
    c.pos = v.pos;
    c.path = path;
    if (!rd.str(v, path, "check", c.type, true) || !rd.str(v, path, "label", c.label, false)) return false;
    const std::string& t = c.type;
    auto pos_of = [&](const char* key) { return v.find(key) ? v.find(key)->pos : v.pos; };
    if (t == "assume") {
      if (!rd.keys(v, path, {"check", "label", "attempt", "succeeds", "fails"})) return false;
      const json::Value* at = rd.object(v, path, "attempt", true);
      if (!at || !attempt(*at, pointer_append(path, "attempt"), c.attempt, false)) return false;
      if (const json::Value* f = rd.object(v, path, "fails", false)) {
        c.succeeds = false;
        std::string fpath = pointer_append(path, "fails");
        if (!rd.keys(*f, fpath, {"code", "cause"}) || !rd.str(*f, fpath, "code", c.code, false) || !rd.str(*f, fpath, "cause", c.cause, false))
          return false;
        if (v.find("succeeds")) return fail(fpath, f->pos, "Give 'succeeds' or 'fails', not both.");
      } else {
        if (!rd.boolean(v, path, "succeeds", c.succeeds)) return false;
        if (!c.succeeds) return fail(path, v.pos, "For an attempt that must fail, write \"fails\": {\"code\": ..., \"cause\": ...}.");
      }
      return cause_ok(c.cause, path, v.pos);
    }
    if (t == "attempted") {
      if (!rd.keys(v, path, {"check", "label", "attempt", "outcome"})) return false;
      if (const json::Value* at = rd.object(v, path, "attempt", false)) {
        if (!attempt(*at, pointer_append(path, "attempt"), c.attempt, true)) return false;
      }
      if (rd.failed()) return false;
      const json::Value* o = v.find("outcome");
      if (!o) return fail(path, v.pos, "Missing required key 'outcome' (\"success\" or {\"code\", \"cause\"}).");
      if (o->is_string() && o->text == "success") return true;
      if (!o->is_object()) return fail(pointer_append(path, "outcome"), o->pos, "'outcome' is \"success\" or {\"code\", \"cause\"}.");
      c.outcome_success = false;
      std::string opath = pointer_append(path, "outcome");
      return rd.keys(*o, opath, {"code", "cause"}) && rd.str(*o, opath, "code", c.code, false) &&
             rd.str(*o, opath, "cause", c.cause, false) && cause_ok(c.cause, opath, o->pos);
    }
    if (t == "allowed") {
      if (!rd.keys(v, path, {"check", "label", "as", "action", "resource", "context", "expect"}) || !rd.str(v, path, "as", c.as, true) ||
          !rd.str(v, path, "action", c.action, true) || !rd.str(v, path, "resource", c.resource, true) || !rd.boolean(v, path, "expect", c.expect))
        return false;
      if (const json::Value* ctx = rd.object(v, path, "context", false)) {
        for (const json::Member& m : ctx->members) {
          if (!rd.expect(m.value, json::Type::String, pointer_append(pointer_append(path, "context"), m.key))) return false;
          c.context.emplace_back(m.key, m.value.text);
        }
      }
      if (rd.failed()) return false;
      if (c.action.find(':') == std::string::npos) return fail(pointer_append(path, "action"), pos_of("action"), "'action' is SERVICE:Action, such as s3:GetObject.");
      return principal_ref(c.as, pointer_append(path, "as"), pos_of("as"));
    }
    if (t == "session") {
      if (!rd.keys(v, path, {"check", "label", "session", "state"}) || !rd.str(v, path, "session", c.session, true) ||
          !rd.str(v, path, "state", c.state, true))
        return false;
      if (c.state != "active" && c.state != "expired") return fail(pointer_append(path, "state"), pos_of("state"), "'state' is \"active\" or \"expired\".");
      return true;
    }
    if (t == "console") {
      if (!rd.keys(v, path, {"check", "label", "code", "succeeds", "operation", "command"}) || !rd.str(v, path, "code", c.code, false) ||
          !rd.str(v, path, "operation", c.operation, false) || !rd.str(v, path, "command", c.command, false))
        return false;
      c.succeeds = false;
      if (!rd.boolean(v, path, "succeeds", c.succeeds)) return false;
      if (c.code.empty() == !c.succeeds) return fail(path, v.pos, "A console check gives 'code' (the command failed with it) or \"succeeds\": true.");
      return true;
    }
    if (t == "policyValid") {
      if (!rd.keys(v, path, {"check", "label", "target"}) || !rd.str(v, path, "target", c.target, true)) return false;
      for (const std::string& e : l.editable)
        if (e == c.target) return true;
      return fail(pointer_append(path, "target"), pos_of("target"), "'" + c.target + "' is not in the lesson's 'editable' list.");
    }
    if (t == "edge") {
      if (!rd.keys(v, path, {"check", "label", "from", "role", "state"}) || !rd.str(v, path, "from", c.from, true) ||
          !rd.str(v, path, "role", c.role, true) || !rd.str(v, path, "state", c.state, true))
        return false;
      if (c.state != "allowed" && c.state != "conditional" && c.state != "none")
        return fail(pointer_append(path, "state"), pos_of("state"), "'state' is \"allowed\", \"conditional\" or \"none\".");
      return role_ref(c.role, pointer_append(path, "role"), pos_of("role")) && principal_ref(c.from, pointer_append(path, "from"), pos_of("from"));
    }
    if (t == "answered") {
      if (!rd.keys(v, path, {"check", "label", "question"}) || !rd.str(v, path, "question", c.question, true)) return false;
      if (!questions.count(c.question)) return fail(pointer_append(path, "question"), pos_of("question"), "No question '" + c.question + "' in this lesson.");
      return true;
    }
    if (t == "event") {
      return rd.keys(v, path, {"check", "label", "eventName", "errorCode"}) && rd.str(v, path, "eventName", c.event_name, true) &&
             rd.str(v, path, "errorCode", c.error_code, false);
    }
    if (t == "uses") {
      if (!rd.keys(v, path, {"check", "label", "instance", "function", "role"}) || !rd.str(v, path, "instance", c.instance, false) ||
          !rd.str(v, path, "function", c.function, false) || !rd.str(v, path, "role", c.role, true))
        return false;
      if (c.instance.empty() == c.function.empty()) return fail(path, v.pos, "A uses check names one 'instance' or one 'function'.");
      std::string err;
      PrincipalRef p;
      std::string ref = c.instance.empty() ? "function/" + c.function : "instance/" + c.instance;
      if (!functions.count(c.function) && !resolve_principal(*w, ref, p, err)) return fail(path, v.pos, err + ".");
      return role_ref(c.role, pointer_append(path, "role"), pos_of("role"));
    }
    if (t == "exists") {
      // A role the learner creates need not exist at the start: only the name's form is checked.
      return rd.keys(v, path, {"check", "label", "role", "expect"}) && rd.str(v, path, "role", c.role, true) && rd.boolean(v, path, "expect", c.expect);
    }
    return fail(pointer_append(path, "check"), pos_of("check"),
                "Unknown check '" + t + "'; expected one of: assume, attempted, allowed, session, console, policyValid, edge, answered, event, uses, exists.");
  }

  bool cause_ok(const std::string& cause, const std::string& path, json::Pos pos) {
    if (cause.empty() || cause == "trust relationship" || cause == "missing permission" || cause == "session duration") return true;
    return fail(path, pos, "'cause' is \"trust relationship\", \"missing permission\" or \"session duration\", not '" + cause + "'.");
  }

  bool question(const json::Value& v, const std::string& path, Question& q) {
    if (!rd.keys(v, path, {"id", "prompt", "choices", "answer", "explanation"}) || !rd.str(v, path, "id", q.id, true) ||
        !rd.str(v, path, "prompt", q.prompt, true) || !text(v, path, "explanation", q.explanation, true) ||
        !strings(v, path, "choices", q.choices, true))
      return false;
    long long answer = 0;
    if (!rd.integer(v, path, "answer", answer, true)) return false;
    if (q.choices.size() < 2 || q.choices.size() > 6) return fail(pointer_append(path, "choices"), v.find("choices")->pos, "A question has 2 to 6 choices.");
    if (answer < 0 || answer >= static_cast<long long>(q.choices.size()))
      return fail(pointer_append(path, "answer"), v.find("answer")->pos, "'answer' is the index of the right choice (0 to " + std::to_string(q.choices.size() - 1) + ").");
    q.answer = static_cast<std::size_t>(answer);
    if (questions.count(q.id)) return fail(pointer_append(path, "id"), v.find("id")->pos, "Two questions are named '" + q.id + "'.");
    questions.insert(q.id);
    return true;
  }

  bool step(const json::Value& v, const std::string& path, Step& s) {
    if (!rd.keys(v, path, {"title", "text", "focus", "checks", "hints", "solution", "questions"}) || !rd.str(v, path, "title", s.title, true) ||
        !text(v, path, "text", s.text, true) || !rd.str(v, path, "focus", s.focus, false) || !strings(v, path, "hints", s.hints, false))
      return false;
    if (!s.focus.empty()) {
      static const char* const plain[] = {"diagram", "attempt", "console", "clock", "events"};
      bool ok = false;
      for (const char* f : plain) ok = ok || s.focus == f;
      std::string err;
      if (s.focus.rfind("policy:", 0) == 0) {
        for (const std::string& e : l.editable) ok = ok || e == s.focus.substr(7);
        if (!ok) return fail(pointer_append(path, "focus"), v.find("focus")->pos, "'" + s.focus.substr(7) + "' is not in the lesson's 'editable' list.");
      } else if (s.focus.rfind("role:", 0) == 0) {
        if (!role_ref(s.focus.substr(5), pointer_append(path, "focus"), v.find("focus")->pos)) return false;
        ok = true;
      } else if (s.focus.rfind("user:", 0) == 0) {
        if (!find_user(*w, s.focus.substr(5), &err)) return fail(pointer_append(path, "focus"), v.find("focus")->pos, err + ".");
        ok = true;
      }
      if (!ok) return fail(pointer_append(path, "focus"), v.find("focus")->pos,
                           "'focus' is diagram, attempt, console, clock, events, policy:TARGET, role:NAME or user:NAME.");
    }
    if (const json::Value* qs = rd.array(v, path, "questions", false)) {
      for (std::size_t k = 0; k < qs->items.size(); ++k) {
        Question q;
        if (!question(qs->items[k], pointer_append(pointer_append(path, "questions"), k), q)) return false;
        s.questions.push_back(std::move(q));
      }
    }
    if (rd.failed()) return false;
    // The solution first: its sessions may be named by this step's checks.
    const json::Value* sol = rd.array(v, path, "solution", true);
    if (!sol) return false;
    if (sol->items.empty()) return fail(pointer_append(path, "solution"), sol->pos, "A step needs a reference solution (at least one action).");
    for (std::size_t k = 0; k < sol->items.size(); ++k) {
      Action a;
      if (!action(sol->items[k], pointer_append(pointer_append(path, "solution"), k), a)) return false;
      note_sessions(a);
      s.solution.push_back(std::move(a));
    }
    const json::Value* cs = rd.array(v, path, "checks", true);
    if (!cs) return false;
    if (cs->items.empty() || cs->items.size() > 8) return fail(pointer_append(path, "checks"), cs->pos, "A step has 1 to 8 checks.");
    for (std::size_t k = 0; k < cs->items.size(); ++k) {
      Check c;
      std::string cpath = pointer_append(pointer_append(path, "checks"), k);
      if (!check(cs->items[k], cpath, c)) return false;
      if (c.type == "session" && !sessions.count(c.session))
        return fail(pointer_append(cpath, "session"), cs->items[k].find("session")->pos,
                    "No attempt or console line of this lesson (up to this step) makes a session named '" + c.session + "'.");
      s.checks.push_back(std::move(c));
    }
    return true;
  }

  bool editable(const json::Value& root) {
    if (!strings(root, "", "editable", l.editable, false)) return false;
    const json::Value* arr = root.find("editable");
    for (std::size_t k = 0; k < l.editable.size(); ++k) {
      TargetCheck tc = check_target(l.editable[k]);
      if (!tc.ok) return fail(pointer_append("/editable", k), arr->items[k].pos, tc.error);
    }
    return true;
  }

  struct TargetCheck {
    bool ok;
    std::string error;
  };
  TargetCheck check_target(const std::string& t);
};

}  // namespace

}  // namespace rolelab::course

#include "course/lesson_run.h"

namespace rolelab::course {

namespace {

LessonReader::TargetCheck LessonReader::check_target(const std::string& t) {
  TargetRef r = resolve_target(world, t);
  if (!r.ok) return {false, "Editable policy '" + t + "': " + r.error + "."};
  return {true, ""};  // a read-only target (service-linked role) is shown with its reason: that is a lesson too
}

}  // namespace

LessonParse parse_lesson(std::string_view text, const WorldResolver& resolve_world) {
  LessonParse out;
  json::ParseResult r = json::parse(text, json::Limits{kMaxLessonBytes, 64});
  if (!r.ok) {
    out.error = r.error;
    return out;
  }
  LessonReader lr;
  SchemaReader& rd = lr.rd;
  Lesson& l = lr.l;
  const json::Value& root = r.value;
  auto finish = [&]() {
    out.ok = !rd.failed();
    out.error = rd.error();
    if (out.ok) out.lesson = std::move(l);
    return std::move(out);
  };
  if (!rd.keys(root, "", {"format", "id", "title", "track", "summary", "minutes", "prerequisites", "references", "world", "editable", "steps",
                         "expectedFindings"}))
    return finish();
  long long format = 0, minutes = 0;
  if (!rd.integer(root, "", "format", format, true)) return finish();
  if (format != 2) {
    lr.fail("/format", root.find("format")->pos, "This RoleLab reads lesson format 2 (lessons/README.md); this file is format " + std::to_string(format) + ".");
    return finish();
  }
  if (!rd.str(root, "", "id", l.id, true) || !rd.str(root, "", "title", l.title, true) || !rd.str(root, "", "track", l.track, true) ||
      !lr.text(root, "", "summary", l.summary, true) || !rd.integer(root, "", "minutes", minutes, true) ||
      !lr.strings(root, "", "prerequisites", l.prerequisites, false) || !lr.strings(root, "", "references", l.references, true))
    return finish();
  // Issue codes of the policy checks the lesson's shipped policies raise on
  // purpose (a lesson on a trap ships the trap): `lessons verify` does not warn about them.
  if (!lr.strings(root, "", "expectedFindings", l.expected_findings, false)) return finish();
  for (std::size_t k = 0; k < l.expected_findings.size(); ++k) {
    const std::string& c = l.expected_findings[k];
    bool ok = !c.empty() && c.size() <= 80;
    for (char ch : c) ok = ok && ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_');
    if (!ok) {
      lr.fail(pointer_append("/expectedFindings", k), root.find("expectedFindings")->items[k].pos,
              "An expected finding is a policy check's issueCode in UPPER_SNAKE_CASE, e.g. PASS_ROLE_WITH_STAR_IN_RESOURCE.");
      return finish();
    }
  }
  bool id_ok = !l.id.empty() && l.id.size() <= 64;
  for (char c : l.id) id_ok = id_ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  if (!id_ok) {
    lr.fail("/id", root.find("id")->pos, "'id' is 1 to 64 characters of a-z, 0-9 and '-' (it appears in links).");
    return finish();
  }
  if (minutes < 1 || minutes > 120) {
    lr.fail("/minutes", root.find("minutes")->pos, "'minutes' is 1 to 120.");
    return finish();
  }
  l.minutes = static_cast<int>(minutes);
  for (std::size_t k = 0; k < l.references.size(); ++k) {
    if (l.references[k].rfind("https://", 0) != 0) {
      lr.fail(pointer_append("/references", k), root.find("references")->items[k].pos, "A reference is an https:// URL.");
      return finish();
    }
  }
  // The world: inline, or a file the front end resolves.
  const json::Value* w = root.find("world");
  if (!w) {
    lr.fail("", root.pos, "Missing required key 'world' (an inline world, or the name of a file in worlds/).");
    return finish();
  }
  if (w->is_string()) {
    l.world_file = w->text;
    std::optional<std::string> t = resolve_world ? resolve_world(w->text) : std::nullopt;
    if (!t) {
      lr.fail("/world", w->pos, "World file '" + w->text + "' was not found (worlds are looked up in worlds/).");
      return finish();
    }
    l.world_text = *t;
  } else if (w->is_object()) {
    l.world_text = pretty_json(*w);
  } else {
    lr.fail("/world", w->pos, "'world' is a world object or the name of a file in worlds/.");
    return finish();
  }
  WorldLoad wl = load_world(l.world_text);
  if (!wl.ok) {
    Diagnostic d = wl.error;
    if (w->is_object()) {
      // Positions inside the re-printed inline world mean nothing to the author: point at the world key and keep the path.
      d.path = "/world" + d.path;
      d.line = w->pos.line;
      d.column = w->pos.column;
      d.message = "In the world at " + (wl.error.path.empty() ? std::string("/") : wl.error.path) + ": " + d.message;
    } else {
      d.message = "In world file " + l.world_file + " (line " + std::to_string(wl.error.line) + ", column " +
                  std::to_string(wl.error.column) + "): " + d.message;
      d.path = "/world";
      d.line = w->pos.line;
      d.column = w->pos.column;
    }
    rd.fail(d);
    return finish();
  }
  lr.world = std::move(wl.world);
  if (!lr.editable(root)) return finish();
  const json::Value* steps = rd.array(root, "", "steps", true);
  if (!steps) return finish();
  if (steps->items.empty() || steps->items.size() > 12) {
    lr.fail("/steps", steps->pos, "A lesson has 1 to 12 steps.");
    return finish();
  }
  // Questions are known from their own step on (answers and checks name questions of this or an earlier step).
  for (std::size_t k = 0; k < steps->items.size(); ++k) {
    Step s;
    if (!lr.step(steps->items[k], pointer_append("/steps", k), s)) return finish();
    l.steps.push_back(std::move(s));
  }
  return finish();
}

bool parse_action(const Lesson& lesson, const World& world, const json::Value& v, Action& out, Diagnostic& error) {
  LessonReader lr;
  lr.w = &world;
  lr.l.editable = lesson.editable;
  for (const Step& s : lesson.steps)
    for (const Question& q : s.questions) lr.questions.insert(q.id);
  if (v.is_object() && v.find("gotoStep")) {
    out.kind = Action::Kind::GotoStep;
    if (lr.rd.keys(v, "", {"gotoStep"}) && lr.rd.integer(v, "", "gotoStep", out.number, true)) return true;
    error = lr.rd.error();
    return false;
  }
  if (lr.action(v, "", out)) return true;
  error = lr.rd.error();
  return false;
}

std::string to_json_text(const Action& a) {
  nlohmann::ordered_json j;
  switch (a.kind) {
    case Action::Kind::Edit: j["edit"] = a.target; j["policy"] = a.text; break;
    case Action::Kind::Console: j["console"] = a.text; break;
    case Action::Kind::AdvanceClock: j["advanceClock"] = a.number; break;
    case Action::Kind::Answer: j["answer"] = a.text; j["choice"] = a.number; break;
    case Action::Kind::GotoStep: j["gotoStep"] = a.number; break;
    case Action::Kind::Attempt: {
      const AttemptSpec& s = a.attempt;
      nlohmann::ordered_json t;
      if (s.api != "AssumeRole") t["api"] = s.api;
      if (!s.as.empty()) t["as"] = s.as;
      t["role"] = s.role;
      t["sessionName"] = s.session_name;
      if (s.duration_seconds) t["durationSeconds"] = *s.duration_seconds;
      if (s.external_id) t["externalId"] = *s.external_id;
      if (s.mfa) t["mfa"] = true;
      if (s.policy) t["policy"] = *s.policy;
      if (!s.policy_arns.empty()) t["policyArns"] = s.policy_arns;
      if (!s.tags.empty()) {
        nlohmann::ordered_json tags = nlohmann::ordered_json::object();
        for (const auto& [k, v] : s.tags) tags[k] = v;
        t["tags"] = tags;
      }
      if (!s.transitive_tag_keys.empty()) t["transitiveTagKeys"] = s.transitive_tag_keys;
      if (s.source_identity) t["sourceIdentity"] = *s.source_identity;
      if (s.token) t["token"] = *s.token;
      if (!s.provider.empty()) t["provider"] = s.provider;
      if (s.assertion) t["assertion"] = *s.assertion;
      if (!s.source_arn.empty()) t["sourceArn"] = s.source_arn;
      if (!s.source_account.empty()) t["sourceAccount"] = s.source_account;
      j["attempt"] = t;
      break;
    }
  }
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

const Question* find_question(const Lesson& l, const std::string& id) {
  for (const Step& s : l.steps)
    for (const Question& q : s.questions)
      if (q.id == id) return &q;
  return nullptr;
}

}  // namespace rolelab::course
