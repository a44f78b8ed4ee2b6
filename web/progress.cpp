#include "progress.h"

#include "json/json.h"

namespace rolelab::app {

namespace {

std::optional<Decision> decision_from(std::string_view s) {
  for (Decision d : {Decision::Allowed, Decision::ExplicitlyDenied, Decision::ImplicitlyDenied}) {
    if (s == decision_name(d)) return d;
  }
  return std::nullopt;
}

// A non-negative integer below `bound`, from a JSON number.
bool index_below(const json::Value* v, std::size_t bound, std::size_t& out) {
  if (!v || !v->is_number() || v->text.empty() || v->text.size() > 9) return false;
  for (char c : v->text) {
    if (c < '0' || c > '9') return false;
  }
  out = static_cast<std::size_t>(std::stoul(v->text));
  return out < bound;
}

}  // namespace

std::string progress_json(const App& app) {
  nlohmann::json j;
  j["version"] = 1;
  if (const LessonSlot* s = app.current < app.lessons.size() ? &app.lessons[app.current] : nullptr)
    j["currentLesson"] = s->lesson.id;
  j["tab"] = app.tab;
  nlohmann::json lessons = nlohmann::json::object();
  for (const LessonSlot& s : app.lessons) {
    nlohmann::json l;
    l["editor"] = s.editor;
    l["principal"] = s.principal;
    l["step"] = s.step;
    nlohmann::json last = nlohmann::json::array();
    for (const auto& d : s.last) last.push_back(d ? nlohmann::json(decision_name(*d)) : nlohmann::json());
    l["last"] = last;
    lessons[s.lesson.id] = l;
  }
  j["lessons"] = lessons;
  // Invalid UTF-8 typed into the editor is replaced, never thrown about.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool restore_progress(App& app, std::string_view text, std::string& note) {
  note.clear();
  json::ParseResult p = json::parse(text, json::Limits{kMaxProgressBytes, 16});
  if (!p.ok) return note = "saved progress is not readable JSON: " + p.error.message, false;
  const json::Value& root = p.value;
  const json::Value* version = root.find("version");
  if (!root.is_object() || !version || version->text != "1")
    return note = "saved progress is not RoleLab's (version 1) format", false;
  int used = 0, skipped = 0;
  if (const json::Value* lessons = root.find("lessons"); lessons && lessons->is_object()) {
    for (const json::Member& m : lessons->members) {
      LessonSlot* slot = nullptr;
      for (LessonSlot& s : app.lessons) {
        if (s.lesson.id == m.key) slot = &s;
      }
      const json::Value& v = m.value;
      const json::Value* editor = v.is_object() ? v.find("editor") : nullptr;
      if (!slot || !editor || !editor->is_string() || editor->text.size() > kMaxEditorChars) {
        ++skipped;
        continue;
      }
      slot->editor = editor->text;
      std::size_t n = 0;
      if (index_below(v.find("principal"), slot->lesson.principals.size(), n)) slot->principal = n;
      if (index_below(v.find("step"), slot->lesson.steps.size() + 1, n)) slot->step = n;
      if (const json::Value* last = v.find("last"); last && last->is_array() && last->items.size() == slot->last.size()) {
        for (std::size_t k = 0; k < last->items.size(); ++k) {
          slot->last[k] = last->items[k].is_string() ? decision_from(last->items[k].text) : std::nullopt;
        }
      }
      ++used;
    }
  }
  if (const json::Value* current = root.find("currentLesson"); current && current->is_string()) {
    std::string ignored;
    (void)select_lesson_by_id(app, current->text, ignored);
  }
  std::size_t tab = 0;
  if (index_below(root.find("tab"), 2, tab)) app.tab_request = static_cast<int>(tab);
  if (skipped) note = std::to_string(skipped) + " saved lesson(s) skipped: not among the lessons loaded, or unreadable";
  return used > 0 || skipped == 0;
}

}  // namespace rolelab::app
