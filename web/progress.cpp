#include "progress.h"

#include "eval/explain.h"
#include "json/json.h"

namespace rolelab::app {

namespace {

// A non-negative integer below `bound`, from a JSON number.
bool index_below(const json::Value* v, std::size_t bound, std::size_t& out) {
  if (!v || !v->is_number() || v->text.empty() || v->text.size() > 9) return false;
  for (char c : v->text) {
    if (c < '0' || c > '9') return false;
  }
  out = static_cast<std::size_t>(std::stoul(v->text));
  return out < bound;
}

// The learner changed this draft: its text is neither what the world holds
// nor, for a policy not created yet, the lesson's starting template. (Opening
// a lesson is not an edit: saving right after it must record nothing, or the
// saved progress would not read back to itself.)
bool learner_edited(const course::PolicyDraft& d) { return d.text != (d.saved.empty() ? d.original : d.saved); }

}  // namespace

std::string progress_json(const App& app) {
  nlohmann::json j;
  j["version"] = kProgressVersion;
  if (const LessonEntry* e = app.current_entry()) j["currentLesson"] = e->lesson.id;
  j["tab"] = app.tab_request >= 0 ? app.tab_request : app.tab;
  j["presenter"] = app.presenter;
  j["highContrast"] = app.high_contrast;
  j["scale"] = static_cast<int>(app.scale * 100.0f + 0.5f);
  nlohmann::json lessons = nlohmann::json::object();
  for (const LessonEntry& e : app.lessons) {
    if (e.custom) continue;  // a custom lesson's file is not kept; its progress would not apply
    nlohmann::json l;
    nlohmann::json drafts = nlohmann::json::object();
    if (e.run) {
      if (e.run->log().empty()) {
        bool any = false;
        for (const course::PolicyDraft& d : e.run->drafts()) any = any || learner_edited(d);
        if (!any) continue;  // nothing done yet
      }
      l["log"] = e.run->log_json();
      for (course::PolicyDraft& d : const_cast<course::LessonRun&>(*e.run).drafts()) {
        if (learner_edited(d) && d.text.size() <= kMaxEditorChars) drafts[d.target] = d.text;
      }
    } else {
      if (e.pending_log.empty() && e.pending_drafts.empty()) continue;
      l["log"] = e.pending_log;
      for (const auto& [target, text] : e.pending_drafts) drafts[target] = text;
    }
    l["drafts"] = drafts;
    lessons[e.lesson.id] = l;
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
  const json::Value* version = root.is_object() ? root.find("version") : nullptr;
  if (version && version->is_number() && version->text == "1")
    return note = "saved progress from an older RoleLab (version 1) skipped: lessons changed format", false;
  if (!root.is_object() || !version || version->text != std::to_string(kProgressVersion))
    return note = "saved progress is not RoleLab's (version 2) format", false;
  int used = 0, skipped = 0;
  if (const json::Value* lessons = root.find("lessons"); lessons && lessons->is_object()) {
    for (const json::Member& m : lessons->members) {
      LessonEntry* entry = nullptr;
      for (LessonEntry& e : app.lessons) {
        if (e.lesson.id == m.key && !e.custom) entry = &e;
      }
      const json::Value& v = m.value;
      const json::Value* log = v.is_object() ? v.find("log") : nullptr;
      const json::Value* drafts = v.is_object() ? v.find("drafts") : nullptr;
      if (!entry || !log || !log->is_string() || log->text.size() > kMaxProgressBytes ||
          (drafts && !drafts->is_object())) {
        ++skipped;
        continue;
      }
      std::vector<std::pair<std::string, std::string>> kept;
      bool bad = false;
      if (drafts) {
        for (const json::Member& d : drafts->members) {
          bool editable = false;
          for (const std::string& t : entry->lesson.editable) editable = editable || t == d.key;
          if (!editable || !d.value.is_string() || d.value.text.size() > kMaxEditorChars) {
            bad = true;
            continue;
          }
          bool dup = false;
          for (auto& [t, x] : kept) {
            if (t == d.key) x = d.value.text, dup = true;
          }
          if (!dup) kept.emplace_back(d.key, d.value.text);
        }
      }
      if (bad) ++skipped;
      entry->run.reset();
      entry->pending_log = log->text;
      entry->pending_drafts = std::move(kept);
      ++used;
    }
  }
  if (const json::Value* current = root.find("currentLesson"); current && current->is_string()) {
    std::string ignored;
    for (std::size_t k = 0; k < app.lessons.size(); ++k) {
      if (app.lessons[k].lesson.id == current->text) (void)open_lesson(app, k, ignored);
    }
  }
  std::size_t n = 0;
  if (index_below(root.find("tab"), kTabCount, n)) app.tab_request = static_cast<int>(n);
  if (const json::Value* b = root.find("presenter"); b && b->is_bool()) app.presenter = b->boolean;
  if (const json::Value* b = root.find("highContrast"); b && b->is_bool()) app.high_contrast = b->boolean;
  if (index_below(root.find("scale"), 301, n) && n >= 50) app.scale = static_cast<float>(n) / 100.0f;
  if (skipped) note = std::to_string(skipped) + " saved lesson(s) skipped: not among the lessons loaded, or unreadable";
  return used > 0 || skipped == 0;
}

}  // namespace rolelab::app
