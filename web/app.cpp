#include "app.h"

#include <algorithm>

namespace rolelab::app {

void add_lesson_file(App& app, const std::string& file, const std::string& text) {
  LessonParse p = parse_lesson(text);
  if (!p.ok) {
    app.load_errors.push_back(file + ": " + to_string(p.error));
    return;
  }
  LessonSlot slot;
  slot.file = file;
  slot.editor = p.lesson.trust_policy;
  slot.last.resize(p.lesson.principals.size());
  slot.lesson = std::move(p.lesson);
  app.lessons.push_back(std::move(slot));
}

bool select_lesson(App& app, std::size_t index, std::string& error) {
  if (index >= app.lessons.size()) {
    error = "no lesson " + std::to_string(index) + " (there are " + std::to_string(app.lessons.size()) + ")";
    return false;
  }
  app.current = index;
  return true;
}

bool select_lesson_by_id(App& app, const std::string& id, std::string& error) {
  for (std::size_t k = 0; k < app.lessons.size(); ++k) {
    if (app.lessons[k].lesson.id == id) return select_lesson(app, k, error);
  }
  error = "no lesson with id '" + id + "'";
  return false;
}

bool select_principal(App& app, std::size_t index, std::string& error) {
  LessonSlot* s = app.current_slot();
  if (!s) return error = "no lesson is loaded", false;
  if (index >= s->lesson.principals.size()) {
    error = "no principal " + std::to_string(index) + " in this lesson";
    return false;
  }
  s->principal = index;
  return true;
}

bool set_trust_policy(App& app, const std::string& text, std::string& error) {
  LessonSlot* s = app.current_slot();
  if (!s) return error = "no lesson is loaded", false;
  s->editor = text;
  return true;
}

bool reset_trust_policy(App& app, std::string& error) {
  LessonSlot* s = app.current_slot();
  if (!s) return error = "no lesson is loaded", false;
  s->editor = s->lesson.trust_policy;
  return true;
}

bool assume(App& app, std::string& error) {
  LessonSlot* s = app.current_slot();
  if (!s) return error = "no lesson is loaded", false;
  s->attempt = attempt_assume(s->lesson, s->editor, s->principal);
  if (s->attempt->policy_ok) s->last[s->principal] = s->attempt->result.decision;
  // Advance past every step whose goals now hold.
  while (s->step < s->lesson.steps.size() && step_goals_met(s->lesson.steps[s->step], s->last)) ++s->step;
  return true;
}

}  // namespace rolelab::app

namespace rolelab::app {

void add_world_file(App& app, const std::string& file, const std::string& text) {
  WorldLoad w = load_world(text);
  if (!w.ok) {
    app.console.load_errors.push_back(file + ": " + to_string(w.error));
    return;
  }
  app.console.worlds.emplace_back(file, text);
  if (!app.console.sim) {
    std::string error;
    select_world(app, app.console.worlds.size() - 1, error);
  }
}

bool select_world(App& app, std::size_t index, std::string& error) {
  ConsoleState& c = app.console;
  if (index >= c.worlds.size()) {
    error = "no world " + std::to_string(index) + " (there are " + std::to_string(c.worlds.size()) + ")";
    return false;
  }
  WorldLoad w = load_world(c.worlds[index].second);  // validated when added
  c.world = index;
  c.console.reset();
  c.sim = std::make_unique<Simulator>(std::move(w.world));
  c.console = std::make_unique<Console>(*c.sim);
  c.log = "World " + c.worlds[index].first + " loaded. Type help for the commands.\n";
  return true;
}

std::string console_run(App& app, const std::string& line) {
  ConsoleState& c = app.console;
  if (!c.console) return "no world is loaded\n";
  std::string out = c.console->execute(line);
  c.log += "$ " + line + "\n" + out;
  if (!line.empty()) c.history.push_back(line);
  // Keep the log bounded: the oldest output goes first.
  if (c.log.size() > (1u << 20)) c.log.erase(0, c.log.size() - (1u << 19));
  return out;
}

}  // namespace rolelab::app
