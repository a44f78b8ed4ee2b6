#include "test_api.h"

#include "account_diagram.h"
#include "account_view.h"
#include "eval/explain.h"

namespace rolelab::app {

namespace {

using nlohmann::json;

// A policy document: an object, or a string holding JSON.
bool doc_text(const json& v, std::string& out) {
  if (v.is_string()) return out = v.get<std::string>(), true;
  if (v.is_object()) return out = dump(v, 2), true;
  return false;
}

json attempt_json(const course::AttemptRecord& a) {
  json j;
  j["api"] = a.spec.api;
  j["as"] = a.spec.as;
  j["role"] = a.spec.role;
  j["ok"] = a.ok;
  j["decision"] = a.ok ? "Allowed" : "Denied";
  if (!a.ok) {
    j["code"] = a.code;
    j["message"] = a.message;
    if (!a.cause.empty()) j["cause"] = a.cause;
  }
  j["callerArn"] = a.caller_arn;
  j["roleArn"] = a.role_arn;
  j["step"] = a.step;
  if (a.auth) {
    j["summary"] = a.auth->result.summary;
    j["explanation"] = to_json(a.auth->result, &a.auth->trace);
  }
  if (a.ok && a.output.contains("Credentials")) {
    const auto& c = a.output["Credentials"];
    if (c.contains("AccessKeyId")) j["accessKeyId"] = c["AccessKeyId"];
    if (c.contains("Expiration")) j["expiration"] = c["Expiration"];
  }
  j["sentence"] = attempt_sentence(a);
  return j;
}

json lesson_list(const App& app) {
  json lessons = json::array();
  for (const LessonEntry& e : app.lessons) {
    json l = {{"id", e.lesson.id},        {"title", e.lesson.title}, {"track", e.lesson.track},
              {"minutes", e.lesson.minutes}, {"steps", e.lesson.steps.size()}, {"custom", e.custom}};
    if (e.run) {
      l["stepsDone"] = e.run->steps_done();
      l["done"] = e.run->lesson_done();
    }
    lessons.push_back(std::move(l));
  }
  return lessons;
}

}  // namespace

bool attempt_from_json(App& app, const json& j, course::AttemptSpec& s, std::string& error) {
  // The same parser as lesson files: same keys, same checks, same messages.
  course::LessonRun* run = app.run();
  if (!run) return error = "no lesson is open", false;
  if (!j.is_object()) return error = "an attempt is a JSON object", false;
  json body = j;
  body.erase("cmd");
  rolelab::json::ParseResult parsed = rolelab::json::parse(json{{"attempt", body}}.dump());
  if (!parsed.ok) return error = parsed.error.message, false;
  course::Action action;
  Diagnostic d;
  if (!course::parse_action(run->lesson(), run->sim().world, parsed.value, action, d)) {
    error = d.message + (d.path.empty() ? "" : " (" + d.path + ")");
    return false;
  }
  s = action.attempt;
  return true;
}

std::string state_json(App& app) {
  json j;
  j["ready"] = app.ready;
  j["platform"] = app.platform;
  j["frames"] = app.frames;
  j["drawnFrames"] = app.drawn_frames;
  j["frameMsMedian"] = frame_ms_median(app);
  j["lessons"] = lesson_list(app);
  j["loadErrors"] = app.load_errors;
  j["lessonErrors"] = app.lesson_errors;
  json errors = json::array();
  for (const std::string& e : app.load_errors) errors.push_back(e);
  for (const std::string& e : app.lesson_errors) errors.push_back(app.lesson_errors_name + ": " + e);
  if (!app.fatal_error.empty()) {
    j["fatalError"] = app.fatal_error;
    errors.push_back(app.fatal_error);
  }
  j["errors"] = errors;
  j["lesson"] = nullptr;
  j["currentLesson"] = nullptr;
  j["lastOutcome"] = nullptr;
  j["outcome"] = app.outcome.sentence;
  j["tab"] = app.tab == kTabConsole ? "console" : "lessons";
  j["panel"] = tab_name(app.tab);
  j["presenter"] = app.presenter;
  j["diagramMaximised"] = app.diagram_maximised;
  j["scale"] = app.scale;
  j["highContrast"] = app.high_contrast;
  json worlds = json::array();
  for (const auto& [file, text] : app.console.worlds) worlds.push_back(file);
  j["worlds"] = worlds;
  j["worldLoadErrors"] = app.console.load_errors;
  if (app.console.console) {
    j["currentWorld"] = app.console.worlds[app.console.world].first;
    j["consoleCaller"] = app.console.console->prompt();
  }
  course::LessonRun* run = app.run();
  if (!run) return dump(j);
  const course::Lesson& l = run->lesson();
  j["lesson"] = l.id;
  j["currentLesson"] = l.id;
  j["step"] = run->step();
  j["stepCount"] = l.steps.size();
  j["stepsDone"] = run->steps_done();
  json done = json::array();
  for (std::size_t k = 0; k < l.steps.size(); ++k) done.push_back(run->step_done(k));
  j["doneSteps"] = done;
  j["lessonDone"] = run->lesson_done();
  json checks = json::array();
  for (const course::CheckResult& c : run->checks())
    checks.push_back({{"label", c.label}, {"passed", c.passed}, {"detail", c.detail}});
  j["checks"] = checks;
  if (!run->attempts().empty()) j["lastOutcome"] = attempt_json(run->attempts().back());
  j["fragment"] = location_fragment(app);
  j["clock"] = format_iso8601(run->sim().clock.now());
  j["clockPlaying"] = app.clock_playing;
  json sessions = json::array();
  for (const Session& s : run->sim().sessions) {
    sessions.push_back({{"name", s.session_name}, {"role", s.role_name}, {"expires", format_iso8601(s.expires)},
                        {"expired", run->sim().expired(s)}});
  }
  j["sessions"] = sessions;
  json drafts = json::array();
  for (const course::PolicyDraft& d : run->drafts()) {
    json errs = json::array(), warns = json::array();
    for (const Diagnostic& e : d.errors) errs.push_back(to_json(e));
    for (const Diagnostic& w : d.warnings) warns.push_back(to_json(w));
    drafts.push_back({{"target", d.target}, {"title", d.title}, {"kind", policy_kind_name(d.kind)}, {"dirty", d.dirty()}, {"readOnly", d.read_only},
                      {"errors", errs}, {"warnings", warns}});
  }
  j["drafts"] = drafts;
  j["editorTarget"] = app.editor_target;
  json findings = json::array();
  if (const course::PolicyDraft* d = run->draft(app.editor_target)) {
    for (const analyzer::Finding& f : draft_findings(app, *d)) {
      json one = {{"issueCode", f.issue_code}, {"findingType", analyzer::finding_type_name(f.type)},
                  {"line", finding_line(f)}, {"message", f.details}};
      if (f.fix) one["fix"] = f.fix->label;
      findings.push_back(std::move(one));
    }
  }
  j["editorFindings"] = findings;
  if (course::PolicyDraft* d = run->draft(first_trust_target(app))) j["editor"] = d->text;
  j["principal"] = app.form.as;
  j["events"] = run->sim().events.size();
  return dump(j);
}

std::string command_json(App& app, const std::string& text) {
  json cmd = json::parse(text, nullptr, false);
  auto fail = [](const std::string& e) { return dump({{"ok", false}, {"error", e}}); };
  if (cmd.is_discarded() || !cmd.is_object()) return fail("the command is not a JSON object");
  auto name = cmd.find("cmd");
  if (name == cmd.end() || !name->is_string()) return fail("the command has no \"cmd\" string");
  const std::string c = *name;
  std::string error;
  bool ok = false;
  auto unsigned_arg = [&](const char* key, std::size_t& out) {
    auto it = cmd.find(key);
    if (it == cmd.end() || !it->is_number_unsigned()) return false;
    out = it->get<std::size_t>();
    return true;
  };
  auto string_arg = [&](const char* key, std::string& out) {
    auto it = cmd.find(key);
    if (it == cmd.end() || !it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  auto bool_arg = [&](const char* key, bool fallback) {
    auto it = cmd.find(key);
    return it != cmd.end() && it->is_boolean() ? it->get<bool>() : fallback;
  };
  auto with_checks = [&](json extra) {
    extra["ok"] = true;
    if (const course::LessonRun* run = app.run()) {
      extra["step"] = run->step();
      extra["stepDone"] = run->step_done(run->step());
      extra["lessonDone"] = run->lesson_done();
      extra["outcome"] = app.outcome.sentence;
    }
    return dump(extra);
  };
  std::size_t i = 0;
  std::string s;
  if (c == "openLesson" || c == "selectLesson") {
    if (string_arg("id", s)) ok = open_lesson_by_id(app, s, error);
    else if (unsigned_arg("index", i)) ok = open_lesson(app, i, error);
    else error = c + " needs \"id\" or \"index\"";
  } else if (c == "gotoStep") {
    if (unsigned_arg("step", i)) ok = goto_step(app, i, error);
    else error = "gotoStep needs \"step\" (from 0)";
  } else if (c == "applySolution") {
    if (apply_solution(app, error)) return with_checks({});
  } else if (c == "resetStep") {
    ok = reset_step(app, error);
  } else if (c == "restartLesson") {
    ok = restart_lesson(app, error);
  } else if (c == "hint") {
    ok = reveal_hint(app, error);
  } else if (c == "editPolicy" || c == "setDraft") {
    std::string target, body;
    auto t = cmd.find("text");
    if (t == cmd.end()) t = cmd.find("policy");
    if (!string_arg("target", target) || t == cmd.end() || !doc_text(*t, body)) {
      error = c + " needs \"target\" and \"text\" (or \"policy\")";
    } else if (c == "setDraft") {
      ok = set_draft(app, target, body);
      if (ok) app.editor_target = app.editor_request = target;  // the editor shows it (editorFindings)
      if (!ok) error = "no editable policy '" + target + "' in the current lesson";
    } else {
      app.editor_request = target;
      if (edit_policy(app, target, body, error)) return with_checks({});
      // Not saved (invalid): the draft stays in the editor with its errors.
      json reply = {{"ok", false}, {"error", error}};
      if (course::LessonRun* run = app.run()) {
        if (const course::PolicyDraft* d = run->draft(target)) {
          json errs = json::array();
          for (const Diagnostic& e : d->errors) errs.push_back(to_json(e));
          reply["errors"] = errs;
        }
      }
      return dump(reply);
    }
  } else if (c == "applyFix") {
    // The editor's "Did you mean X? Apply" button: the index-th finding of the target's draft.
    if (!string_arg("target", s) || !unsigned_arg("index", i)) error = "applyFix needs \"target\" and \"index\"";
    else if (apply_fix(app, s, i, error)) {
      json reply = {{"fixed", true}};
      if (const course::PolicyDraft* d = app.run()->draft(s)) reply["text"] = d->text;
      return with_checks(reply);
    }
  } else if (c == "resetPolicy") {
    if (string_arg("target", s)) ok = reset_policy(app, s, error);
    else error = "resetPolicy needs \"target\"";
  } else if (c == "attempt") {
    course::AttemptSpec spec;
    const json* body = &cmd;
    if (auto a = cmd.find("attempt"); a != cmd.end()) body = &*a;
    bool made = false;
    if (!body->contains("role") && body == &cmd) {
      made = attempt_form(app, error);
    } else if (attempt_from_json(app, *body, spec, error)) {
      made = attempt(app, spec, error);
    }
    if (made) {
      app.tab_request = kTabAttempt;
      return with_checks({{"attempt", attempt_json(app.run()->attempts().back())}});
    }
  } else if (c == "assume") {
    if (assume(app, error)) {
      app.tab_request = kTabAttempt;
      return with_checks({{"outcome", attempt_json(app.run()->attempts().back())},
                          {"attempt", attempt_json(app.run()->attempts().back())}});
    }
  } else if (c == "console") {
    if (!string_arg("line", s)) return fail("console needs \"line\"");
    std::string out;
    app.tab_request = kTabConsole;
    app.console.sandbox = false;
    bool good = lesson_console(app, s, out);
    if (!app.run()) return fail(out);
    json reply = {{"output", out}, {"commandOk", good}};
    if (!app.run()->console_log().empty()) {
      const course::ConsoleRecord& r = app.run()->console_log().back();
      reply["failed"] = r.failed;
      reply["code"] = r.code;
    }
    return with_checks(reply);
  } else if (c == "advanceClock") {
    auto it = cmd.find("seconds");
    if (it == cmd.end() || !it->is_number_integer()) error = "advanceClock needs \"seconds\"";
    else if (advance_clock(app, it->get<long long>(), error)) return with_checks({{"clock", format_iso8601(app.run()->sim().clock.now())}});
  } else if (c == "playClock") {
    app.clock_playing = bool_arg("on", true);
    if (unsigned_arg("speed", i) && (i == 1 || i == 60 || i == 600)) app.clock_speed = static_cast<int>(i);
    ok = true;
  } else if (c == "answer") {
    if (!string_arg("question", s) || !unsigned_arg("choice", i)) error = "answer needs \"question\" and \"choice\"";
    else if (answer(app, s, i, error)) return with_checks({});
  } else if (c == "setPresenter") {
    app.presenter = bool_arg("on", true);
    auto sc = cmd.find("scale");
    if (sc != cmd.end() && sc->is_number()) app.scale = std::clamp(sc->get<float>(), 0.5f, 3.0f);
    else app.scale = app.presenter ? std::max(app.scale, 1.5f) : 1.0f;
    if (app.presenter) app.hide_solutions = true;
    else app.hide_solutions = false;
    ok = true;
  } else if (c == "setHighContrast") {
    app.high_contrast = bool_arg("on", true);
    ok = true;
  } else if (c == "maximiseDiagram") {
    app.diagram_maximised = bool_arg("on", true);
    ok = true;
  } else if (c == "fragment") {
    if (!string_arg("fragment", s)) error = "fragment needs \"fragment\"";
    else if (apply_fragment(app, s, error)) return with_checks({{"fragment", location_fragment(app)}});
  } else if (c == "share") {
    return dump({{"ok", true}, {"fragment", share_fragment(app)}});
  } else if (c == "aria") {
    return dump({{"ok", true}, {"text", aria_text(app)}});
  } else if (c == "openLessonText") {
    std::string n, body;
    if (!string_arg("name", n) || !string_arg("text", body)) error = "openLessonText needs \"name\" and \"text\"";
    else if (open_lesson_text(app, n, body, error)) return with_checks({{"lesson", app.run()->lesson().id}});
    else return dump({{"ok", false}, {"error", error}, {"lessonErrors", app.lesson_errors}});
  } else if (c == "openAccountText") {  // "Open your account" (account_view.h): what dropping the file does
    std::string n, body;
    if (!string_arg("name", n) || !string_arg("text", body)) return fail("openAccountText needs \"name\" and \"text\"");
    if (!open_account_text(app, n, body, error)) return fail(error);
    return dump({{"ok", true}, {"summary", app.account->summary}, {"principals", app.account->report.graph.principals.size()},
                 {"edges", app.account->report.graph.edges.size()}, {"admins", app.account->report.admins.size()},
                 {"notes", app.account->notes.size()}});
  } else if (c == "accountFilter") {  // the opened account's filters and selection, as the diagram panel sets them
    if (!app.account) return fail("accountFilter: no account is open (openAccountText first)");
    AccountView& v = *app.account;
    if (string_arg("search", s)) v.search = s;
    if (string_arg("account", s)) v.account = s;
    if (string_arg("path", s)) v.path = s;
    apply_account_filters(v);
    if (string_arg("select", s)) {
      std::size_t found = AccountView::kNone;
      for (std::size_t k = 0; k < v.report.graph.principals.size() && !s.empty(); ++k)
        if (v.report.graph.principals[k].arn == s) found = k;
      if (!s.empty() && found == AccountView::kNone) return fail("accountFilter: no principal " + s + " in the account");
      select_account_principal(v, found);
    }
    v.in_diagram = true;
    diagram::Model m = build_account_diagram(v, account_diagram_limits(v));  // as the panel draws it
    return dump({{"ok", true}, {"visible", v.visible.size()}, {"nodes", m.nodes.size()}, {"edgesDrawn", m.edges.size()}, {"note", m.note}});
  } else if (c == "selectPrincipal") {
    if (unsigned_arg("index", i)) ok = select_principal(app, i, error);
    else error = "selectPrincipal needs \"index\"";
  } else if (c == "setTrustPolicy") {
    if (string_arg("text", s)) {
      ok = set_trust_policy(app, s, error);
      // An invalid text is kept in the editor, as before; the reply says why it was not saved.
      if (!ok && app.run() && app.run()->draft(first_trust_target(app))) return dump({{"ok", true}, {"saved", false}, {"error", error}});
    } else {
      error = "setTrustPolicy needs \"text\"";
    }
  } else if (c == "resetTrustPolicy") {
    ok = reset_trust_policy(app, error);
  } else if (c == "selectWorld") {
    if (unsigned_arg("index", i)) {
      ok = select_world(app, i, error);
      app.console.sandbox = ok || app.console.sandbox;
    } else {
      error = "selectWorld needs \"index\"";
    }
  } else if (c == "consoleRun") {
    if (!string_arg("line", s)) return fail("consoleRun needs \"line\"");
    app.tab_request = kTabConsole;
    app.console.sandbox = true;
    std::string out = console_run(app, s);
    return dump({{"ok", true}, {"output", out}});
  } else if (c == "showTab") {
    static const char* names[] = {"editor", "attempt", "console", "events"};
    if (string_arg("name", s)) {
      for (int k = 0; k < kTabCount; ++k) {
        if (s == names[k]) app.tab_request = k, ok = true;
      }
      if (!ok) error = "showTab: name is editor, attempt, console or events";
    } else if (unsigned_arg("index", i) && i <= 3) {
      // 0 and 1 keep their old meaning: the lesson (its editor) and the console.
      app.tab_request = i == 0 ? kTabEditor : i == 1 ? kTabConsole : i == 2 ? kTabAttempt : kTabEvents;
      ok = true;
    } else {
      error = "showTab needs \"index\" (0 lesson, 1 console, 2 attempt... see test_api.h) or \"name\"";
    }
  } else if (c == "forceError") {
    app.force_error = true;  // the frame function throws on its next frame
    return dump({{"ok", true}});
  } else if (c == "forceAbort") {
    app.force_abort = true;  // the next frame calls std::abort(): the page's own panel takes over
    return dump({{"ok", true}});
  } else {
    error = "unknown command '" + c + "'";
  }
  return ok ? with_checks({}) : fail(error);
}

}  // namespace rolelab::app
