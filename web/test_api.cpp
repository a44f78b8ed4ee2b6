#include "test_api.h"

#include "eval/explain.h"

namespace rolelab::app {

namespace {

nlohmann::json outcome_json(const AssumeAttempt& a) {
  nlohmann::json j;
  j["policyValid"] = a.policy_ok;
  nlohmann::json errors = nlohmann::json::array(), warnings = nlohmann::json::array();
  for (const Diagnostic& d : a.errors) errors.push_back(to_json(d));
  for (const Diagnostic& d : a.warnings) warnings.push_back(to_json(d));
  j["errors"] = errors;
  j["warnings"] = warnings;
  if (a.policy_ok) {
    nlohmann::json r = to_json(a.result, nullptr);
    j["decision"] = r["decision"];
    j["summary"] = r["summary"];
    if (r.contains("cause")) j["cause"] = r["cause"];
  } else {
    j["decision"] = "InvalidPolicy";
    j["summary"] = a.errors.empty() ? "" : to_string(a.errors.front());
  }
  return j;
}

}  // namespace

std::string state_json(const App& app) {
  nlohmann::json j;
  j["ready"] = app.ready;
  j["platform"] = app.platform;
  j["frames"] = app.frames;
  nlohmann::json lessons = nlohmann::json::array();
  for (const LessonSlot& s : app.lessons) lessons.push_back({{"id", s.lesson.id}, {"title", s.lesson.title}});
  j["lessons"] = lessons;
  j["loadErrors"] = app.load_errors;
  j["currentLesson"] = nullptr;
  j["lastOutcome"] = nullptr;
  if (!app.fatal_error.empty()) j["fatalError"] = app.fatal_error;
  j["tab"] = app.tab == 0 ? "lessons" : "console";
  nlohmann::json worlds = nlohmann::json::array();
  for (const auto& [file, text] : app.console.worlds) worlds.push_back(file);
  j["worlds"] = worlds;
  j["worldLoadErrors"] = app.console.load_errors;
  if (app.console.console) {
    j["currentWorld"] = app.console.worlds[app.console.world].first;
    j["consoleCaller"] = app.console.console->prompt();
  }
  if (app.current < app.lessons.size()) {
    const LessonSlot& s = app.lessons[app.current];
    j["currentLesson"] = s.lesson.id;
    j["step"] = s.step;
    j["stepCount"] = s.lesson.steps.size();
    j["principal"] = s.lesson.principals[s.principal].arn;
    j["editor"] = s.editor;
    if (s.attempt) j["lastOutcome"] = outcome_json(*s.attempt);
  }
  return dump(j);
}

std::string command_json(App& app, const std::string& text) {
  nlohmann::json cmd = nlohmann::json::parse(text, nullptr, false);
  auto fail = [](const std::string& e) { return dump({{"ok", false}, {"error", e}}); };
  if (cmd.is_discarded() || !cmd.is_object()) return fail("the command is not a JSON object");
  auto name = cmd.find("cmd");
  if (name == cmd.end() || !name->is_string()) return fail("the command has no \"cmd\" string");
  const std::string c = *name;
  std::string error;
  bool ok = false;
  auto index = [&](std::size_t& out) {
    auto it = cmd.find("index");
    if (it == cmd.end() || !it->is_number_unsigned()) return false;
    out = it->get<std::size_t>();
    return true;
  };
  if (c == "selectLesson") {
    std::size_t i;
    auto id = cmd.find("id");
    if (id != cmd.end() && id->is_string())
      ok = select_lesson_by_id(app, *id, error);
    else if (index(i))
      ok = select_lesson(app, i, error);
    else
      error = "selectLesson needs \"index\" or \"id\"";
  } else if (c == "selectPrincipal") {
    std::size_t i;
    if (index(i))
      ok = select_principal(app, i, error);
    else
      error = "selectPrincipal needs \"index\"";
  } else if (c == "setTrustPolicy") {
    auto t = cmd.find("text");
    if (t != cmd.end() && t->is_string())
      ok = set_trust_policy(app, *t, error);
    else
      error = "setTrustPolicy needs \"text\"";
  } else if (c == "resetTrustPolicy") {
    ok = reset_trust_policy(app, error);
  } else if (c == "assume") {
    ok = assume(app, error);
    if (ok) {
      const LessonSlot* s = app.current_slot();
      return dump({{"ok", true}, {"outcome", outcome_json(*s->attempt)}});
    }
  } else if (c == "selectWorld") {
    std::size_t i;
    if (index(i))
      ok = select_world(app, i, error);
    else
      error = "selectWorld needs \"index\"";
  } else if (c == "consoleRun") {
    auto line = cmd.find("line");
    if (line == cmd.end() || !line->is_string()) return fail("consoleRun needs \"line\"");
    app.tab_request = 1;
    std::string out = console_run(app, *line);
    return dump({{"ok", true}, {"output", out}});
  } else if (c == "showTab") {
    std::size_t i;
    if (index(i) && i <= 1) {
      app.tab_request = static_cast<int>(i);
      ok = true;
    } else {
      error = "showTab needs \"index\": 0 (lessons) or 1 (console)";
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
  return ok ? dump({{"ok", true}}) : fail(error);
}

}  // namespace rolelab::app
