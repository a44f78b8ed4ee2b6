#include "app.h"

#include "account_view.h"
#include "diagram_model.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "json/base64.h"
#include "json/json.h"

namespace rolelab::app {

const char* tab_name(int tab) {
  switch (tab) {
    case kTabAttempt: return "attempt";
    case kTabConsole: return "console";
    case kTabEvents: return "events";
    default: return "editor";
  }
}

namespace {

course::WorldResolver resolver(const App& app) {
  return [&app](const std::string& name) -> std::optional<std::string> {
    for (const auto& [file, text] : app.console.worlds) {
      if (file == name) return text;
    }
    return std::nullopt;
  };
}

std::string last_segment(const std::string& s) {
  std::size_t slash = s.rfind('/');
  return slash == std::string::npos ? s : s.substr(slash + 1);
}

// "user/alice" -> "alice"; "service/ec2.amazonaws.com" -> "ec2.amazonaws.com"; ARNs -> their last segment.
std::string short_principal(const std::string& p) {
  if (p.empty()) return "a federated user";
  if (p.rfind("service/", 0) == 0) return p.substr(8);
  return last_segment(p);
}

void set_outcome(App& app, std::string sentence, bool ok) {
  app.outcome.sentence = std::move(sentence);
  app.outcome.ok = ok;
  app.outcome.frame = app.frames;
}

bool need_run(App& app, std::string& error) {
  if (app.run()) return true;
  if (app.lessons.empty()) return error = "no lesson is loaded", false;
  return open_lesson(app, app.current, error);
}

// The navigator's part of a lesson file, read without loading or validating its world;
// false when it is not even that (the full parse then says why).
bool read_outline(const std::string& text, course::Lesson& out) {
  // The project's own reader (the one lessons and worlds are read with): at the
  // start it is the only JSON code that runs, so the browser compiles one reader,
  // not two.
  const json::ParseResult parsed = json::parse(text, json::Limits{course::kMaxLessonBytes, 64});
  if (!parsed.ok || !parsed.value.is_object()) return false;
  const json::Value& j = parsed.value;
  auto str = [](const json::Value& o, const char* k, std::string& v) {
    const json::Value* x = o.find(k);
    if (!x || !x->is_string()) return false;
    v = x->text;
    return true;
  };
  auto strings = [&](const char* k, std::vector<std::string>& v) {
    const json::Value* x = j.find(k);
    if (!x) return true;
    if (!x->is_array()) return false;
    for (const json::Value& item : x->items) {
      if (!item.is_string()) return false;
      v.push_back(item.text);
    }
    return true;
  };
  if (!str(j, "id", out.id) || !str(j, "title", out.title)) return false;
  str(j, "track", out.track);
  str(j, "summary", out.summary);
  // An integer in range (the full parse says what is wrong with any other).
  if (const json::Value* m = j.find("minutes"); m && m->is_number() && m->number >= 0 && m->number <= 1e6 &&
                                               m->number == static_cast<double>(static_cast<int>(m->number)))
    out.minutes = static_cast<int>(m->number);
  if (!strings("prerequisites", out.prerequisites) || !strings("editable", out.editable)) return false;
  const json::Value* steps = j.find("steps");
  if (!steps || !steps->is_array() || steps->items.empty()) return false;
  for (const json::Value& st : steps->items) {
    if (!st.is_object()) return false;
    course::Step step;
    if (!str(st, "title", step.title)) return false;
    out.steps.push_back(std::move(step));
  }
  return true;
}

// Builds (or replays) the entry's run.
void ensure_run(App& app, LessonEntry& e) {
  if (e.run) return;
  if (!e.pending_log.empty()) {
    std::string err;
    e.run = course::LessonRun::replay(e.lesson, e.pending_log, err);
    if (!e.run) app.load_errors.push_back("saved progress of lesson " + e.lesson.id + " skipped: " + err);
  }
  if (!e.run) e.run = std::make_unique<course::LessonRun>(e.lesson);
  for (const auto& [target, text] : e.pending_drafts) {
    if (e.run->draft(target)) e.run->set_draft(target, text);
  }
  e.pending_log.clear();
  e.pending_drafts.clear();
}

}  // namespace

// ---------------------------------------------------------------- loading

void add_lesson_file(App& app, const std::string& file, const std::string& text) {
  // Only the outline now (the world is loaded and the lesson validated when it is first
  // opened, or in the background after the first frame): a fast start.
  course::Lesson outline;
  if (read_outline(text, outline)) {
    for (const LessonEntry& e : app.lessons) {
      if (e.lesson.id == outline.id) {
        app.load_errors.push_back(file + ": the lesson id '" + outline.id + "' is already used by " + e.file);
        return;
      }
    }
    LessonEntry e;
    e.file = file;
    e.lesson = std::move(outline);
    e.parsed = false;
    e.text = text;
    app.lessons.push_back(std::move(e));
    return;
  }
  course::LessonParse p = course::parse_lesson(text, resolver(app));
  if (!p.ok) {
    app.load_errors.push_back(file + ": " + to_string(p.error));
    return;
  }
  for (const LessonEntry& e : app.lessons) {
    if (e.lesson.id == p.lesson.id) {
      app.load_errors.push_back(file + ": the lesson id '" + p.lesson.id + "' is already used by " + e.file);
      return;
    }
  }
  LessonEntry e;
  e.file = file;
  e.lesson = std::move(p.lesson);
  app.lessons.push_back(std::move(e));
}

bool open_lesson_text(App& app, const std::string& name, const std::string& text, std::string& error) {
  course::LessonParse p = course::parse_lesson(text, resolver(app));
  if (!p.ok) {
    error = name + ": " + to_string(p.error);
    app.lesson_errors = {to_string(p.error)};
    if (!p.error.help.empty()) app.lesson_errors.push_back(p.error.help);
    app.lesson_errors_name = name;
    app.lesson_diagnostics = {p.error};
    set_outcome(app, "The lesson " + name + " is not valid: " + to_string(p.error), false);
    return false;
  }
  app.lesson_errors.clear();
  app.lesson_errors_name.clear();
  app.lesson_diagnostics.clear();
  std::size_t index = app.lessons.size();
  for (std::size_t k = 0; k < app.lessons.size(); ++k) {
    if (app.lessons[k].lesson.id == p.lesson.id) index = k;  // replaces the lesson of that id
  }
  // The course's own file opened again (an instructor editing lessons/NN-id.json) is not "custom".
  const bool same_file = index < app.lessons.size() && app.lessons[index].file == name && !app.lessons[index].custom;
  if (index == app.lessons.size()) app.lessons.emplace_back();
  LessonEntry& e = app.lessons[index];
  e = LessonEntry{};
  e.file = name;
  e.custom = !same_file;
  e.lesson = std::move(p.lesson);
  return open_lesson(app, index, error);
}

bool read_file(const std::string& path, std::string& out, std::size_t limit) {
  // C stdio: the browser build compiles every function on its first call,
  // and iostreams cost it more than they do natively.
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  out.clear();
  char buf[16384];
  std::size_t n = 0;
  while (out.size() <= limit && (n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

bool open_lesson_path(App& app, const std::string& path, std::string& error) {
  const std::size_t slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  auto refuse = [&](const std::string& why) {
    error = path + ": " + why;
    app.lesson_errors = {why};
    app.lesson_errors_name = path;
    app.lesson_diagnostics = {Diagnostic{Severity::Error, "InvalidLesson", why, "", 0, 0, ""}};
    return false;
  };
  std::string text;
  if (!read_file(path, text, course::kMaxLessonBytes)) return refuse("cannot be read");
  if (text.size() > course::kMaxLessonBytes) return refuse("the file is larger than 1 MiB");
  return open_lesson_text(app, name, text, error);
}

bool ensure_parsed(App& app, std::size_t index, std::string& error) {
  if (index >= app.lessons.size()) return error = "no lesson " + std::to_string(index), false;
  LessonEntry& e = app.lessons[index];
  if (e.parsed) return true;
  course::LessonParse p = course::parse_lesson(e.text, resolver(app));
  if (p.ok && p.lesson.id != e.lesson.id) {
    p.ok = false;
    p.error.message = "the lesson id changed while it was loaded";
  }
  if (!p.ok) {
    error = e.file + ": " + to_string(p.error);
    if (std::find(app.load_errors.begin(), app.load_errors.end(), error) == app.load_errors.end()) app.load_errors.push_back(error);
    return false;
  }
  e.lesson = std::move(p.lesson);
  e.parsed = true;
  std::string().swap(e.text);
  return true;
}

bool parse_next_lesson(App& app) {
  for (std::size_t k = 0; k < app.lessons.size(); ++k) {
    if (app.lessons[k].parsed) continue;
    std::string err;
    if (!ensure_parsed(app, k, err)) {
      // Invalid: dropped from the course, as a file that failed to load at start is.
      const bool had_run = app.current == k;
      app.lessons.erase(app.lessons.begin() + static_cast<std::ptrdiff_t>(k));
      if (app.current > k) --app.current;
      else if (had_run) app.current = 0;
    }
    return true;
  }
  return false;
}

void record_frame_ms(App& app, double ms) {
  app.frame_ms[app.frame_ms_count % app.frame_ms.size()] = static_cast<float>(ms);
  ++app.frame_ms_count;
}

double frame_ms_median(const App& app) {
  std::size_t n = std::min(app.frame_ms_count, app.frame_ms.size());
  if (n == 0) return 0;
  std::array<float, 120> v = app.frame_ms;
  std::nth_element(v.begin(), v.begin() + n / 2, v.begin() + n);
  return v[n / 2];
}

course::LessonRun* current_run(App& app) { return app.run(); }

void report_error(App& app, const std::string& message) {
  app.load_errors.push_back(message);
  set_outcome(app, message, false);
}

bool focus_policy(App& app, const std::string& target) {
  course::LessonRun* run = app.run();
  if (!run || !run->draft(target)) return false;
  app.tab_request = kTabEditor;
  app.editor_request = target;
  return true;
}

// ---------------------------------------------------------------- lessons and steps

bool open_lesson(App& app, std::size_t index, std::string& error) {
  if (index >= app.lessons.size()) {
    error = "no lesson " + std::to_string(index) + " (there are " + std::to_string(app.lessons.size()) + ")";
    return false;
  }
  if (!ensure_parsed(app, index, error)) return false;
  if (app.current != index) {
    app.clock_playing = false;
    app.clock_carry_ms = 0;
    app.outcome = Outcome{};  // the banner and status bar speak of the lesson shown, not the previous one
  }
  app.current = index;
  ensure_run(app, app.lessons[index]);
  prepare_form(app);
  course::LessonRun& run = *app.lessons[index].run;
  bool known = false;
  for (const course::PolicyDraft& d : run.drafts()) known = known || d.target == app.editor_target;
  if (!known) app.editor_target = run.drafts().empty() ? std::string() : run.drafts().front().target;
  return true;
}

bool open_lesson_by_id(App& app, const std::string& id, std::string& error) {
  for (std::size_t k = 0; k < app.lessons.size(); ++k) {
    if (app.lessons[k].lesson.id == id) return open_lesson(app, k, error);
  }
  error = "no lesson with id '" + id + "'";
  return false;
}

bool goto_step(App& app, std::size_t step, std::string& error) {
  if (!need_run(app, error)) return false;
  course::LessonRun& run = *app.run();
  if (step >= run.lesson().steps.size()) {
    error = "no step " + std::to_string(step) + " (the lesson has " + std::to_string(run.lesson().steps.size()) + ")";
    return false;
  }
  if (!run.goto_step(step)) return error = "cannot go to step " + std::to_string(step), false;
  return true;
}

bool next_step(App& app, std::string& error) {
  if (!need_run(app, error)) return false;
  return goto_step(app, app.run()->step() + 1, error);
}

bool prev_step(App& app, std::string& error) {
  if (!need_run(app, error)) return false;
  if (app.run()->step() == 0) return error = "this is the first step", false;
  return goto_step(app, app.run()->step() - 1, error);
}

bool reset_step(App& app, std::string& error) {
  if (!need_run(app, error)) return false;
  LessonEntry& e = *app.current_entry();
  std::unique_ptr<course::LessonRun> fresh = course::LessonRun::reset_step(*e.run);
  if (!fresh) return error = "the step could not be reset", false;
  e.run = std::move(fresh);
  app.clock_carry_ms = 0;
  set_outcome(app, "Step " + std::to_string(e.run->step() + 1) + " reset to where it started", true);
  return true;
}

bool restart_lesson(App& app, std::string& error) {
  if (!need_run(app, error)) return false;
  LessonEntry& e = *app.current_entry();
  e.run = std::make_unique<course::LessonRun>(e.lesson);
  e.hints_shown = 0;
  app.clock_carry_ms = 0;
  set_outcome(app, "Lesson " + e.lesson.title + " restarted", true);
  return true;
}

bool apply_solution(App& app, std::string& error) {
  if (!need_run(app, error)) return false;
  course::LessonRun& run = *app.run();
  const std::size_t step = run.step();
  const course::Step& s = run.lesson().steps[step];
  if (s.solution.empty()) return error = "this step has no reference solution", false;
  std::string failed;
  for (const course::Action& a : s.solution) {
    course::ActionResult r = run.apply(a);
    // A console line may fail on purpose (a check expects the error).
    if (!r.ok && a.kind != course::Action::Kind::Console && failed.empty()) failed = r.message;
  }
  set_outcome(app,
              "Solution of step " + std::to_string(step + 1) + " applied" +
                  (run.step_done(step) ? ": every check passes" : (failed.empty() ? "" : ": " + failed)),
              run.step_done(step));
  return true;
}

bool reveal_hint(App& app, std::string& error) {
  if (!need_run(app, error)) return false;
  LessonEntry& e = *app.current_entry();
  const std::size_t step = e.run->step();
  if (e.hints_step != step) e.hints_shown = 0, e.hints_step = step;
  const std::size_t n = e.lesson.steps[step].hints.size();
  if (e.hints_shown >= n) return error = "no more hints for this step", false;
  ++e.hints_shown;
  return true;
}

std::size_t hints_shown(const App& app) {
  const LessonEntry* e = app.current_entry();
  if (!e || !e->run || e->hints_step != e->run->step()) return 0;
  return e->hints_shown;
}

// ---------------------------------------------------------------- learner actions

bool edit_policy(App& app, const std::string& target, const std::string& text, std::string& error) {
  if (!need_run(app, error)) return false;
  course::LessonRun& run = *app.run();
  if (!run.draft(target)) return error = "the lesson does not let you edit '" + target + "'", false;
  course::ActionResult r = run.edit(target, text);
  const course::PolicyDraft* d = run.draft(target);
  std::string title = d ? d->title : target;
  if (r.ok) {
    set_outcome(app, "Saved: " + title, true);
  } else {
    set_outcome(app, "Not saved: " + title + ": " + r.message, false);
    error = r.message;
  }
  return r.ok;
}

bool set_draft(App& app, const std::string& target, const std::string& text) {
  course::LessonRun* run = app.run();
  if (!run || !run->draft(target)) return false;
  run->set_draft(target, text);
  return true;
}

const std::vector<analyzer::Finding>& draft_findings(App& app, const course::PolicyDraft& d) {
  App::DraftFindings& c = app.findings_cache[d.target];
  if (c.valid && c.kind == d.kind && c.text == d.text) return c.findings;
  c.text = d.text;
  c.kind = d.kind;
  c.valid = true;
  analyzer::PolicyType type = analyzer::PolicyType::Identity;
  std::optional<analyzer::ResourceType> resource;
  switch (d.kind) {
    case PolicyKind::Trust:
      type = analyzer::PolicyType::Resource;
      resource = analyzer::ResourceType::AssumeRolePolicyDocument;
      break;
    case PolicyKind::Resource:
      type = analyzer::PolicyType::Resource;
      if (d.target.rfind("bucket/", 0) == 0 || d.target.find(":bucket/") != std::string::npos)
        resource = analyzer::ResourceType::S3Bucket;
      break;
    case PolicyKind::ServiceControl: type = analyzer::PolicyType::ServiceControl; break;
    case PolicyKind::ResourceControl: type = analyzer::PolicyType::ResourceControl; break;
    default: type = analyzer::PolicyType::Identity; break;  // identity, boundary, session
  }
  c.findings = analyzer::validate_policy(d.text, type, resource);
  return c.findings;
}

int finding_line(const analyzer::Finding& f) {
  for (const analyzer::Location& l : f.locations) {
    if (l.span.start.line > 0) return l.span.start.line;
  }
  return 0;
}

bool apply_fix(App& app, const std::string& target, std::size_t index, std::string& error) {
  if (!need_run(app, error)) return false;
  course::PolicyDraft* d = app.run()->draft(target);
  if (!d) return error = "the lesson does not let you edit '" + target + "'", false;
  if (d->read_only) return error = "'" + target + "' is read-only", false;
  const std::vector<analyzer::Finding>& fs = draft_findings(app, *d);
  if (index >= fs.size()) return error = "no finding " + std::to_string(index) + " (there are " + std::to_string(fs.size()) + ")", false;
  if (!fs[index].fix) return error = "finding " + std::to_string(index) + " (" + fs[index].issue_code + ") has no fix", false;
  const std::string label = fs[index].fix->label;
  std::string fixed = analyzer::apply_fix(d->text, fs[index]);  // copy: set_draft changes the text the findings came from
  if (fixed == d->text) return error = "the fix no longer fits the text", false;
  set_draft(app, target, fixed);
  set_outcome(app, label + " (" + d->title + ")", true);
  return true;
}

bool reset_policy(App& app, const std::string& target, std::string& error) {
  if (!need_run(app, error)) return false;
  course::LessonRun& run = *app.run();
  if (!run.draft(target)) return error = "the lesson does not let you edit '" + target + "'", false;
  run.reset_draft(target);
  set_outcome(app, "Reset to the lesson's original: " + run.draft(target)->title, true);
  return true;
}

bool format_policy(App& app, const std::string& target, std::string& error) {
  if (!need_run(app, error)) return false;
  course::PolicyDraft* d = app.run()->draft(target);
  if (!d) return error = "the lesson does not let you edit '" + target + "'", false;
  json::ParseResult p = json::parse(d->text);
  if (!p.ok) return error = "not valid JSON yet: " + p.error.message, false;
  std::string pretty = pretty_json(p.value);
  if (pretty != d->text) app.run()->set_draft(target, pretty);
  return true;
}

std::string attempt_sentence(const course::AttemptRecord& a) {
  std::string role = a.role_arn.empty() ? a.spec.role : last_segment(a.role_arn);
  std::string who = a.spec.api == "AssumeRoleWithWebIdentity" ? "a web identity"
                    : a.spec.api == "AssumeRoleWithSAML"      ? "a SAML user"
                                                              : short_principal(a.spec.as);
  std::string s = "Assume role " + role + " as " + who + ": ";
  if (a.ok) return s + "success, session " + a.spec.session_name;
  std::string why;
  if (a.auth && !a.auth->result.summary.empty()) why = a.auth->result.summary;
  if (why.empty()) why = a.message;
  for (const char* prefix : {"Denied: ", "Denied (explicit deny): ", "Implicitly denied: ", "Explicitly denied: "}) {
    if (why.rfind(prefix, 0) == 0) why.erase(0, std::strlen(prefix));
  }
  if (!why.empty()) why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
  s += a.code.empty() ? std::string("failed") : a.code;
  if (!why.empty()) s += ", " + why;
  if (!a.cause.empty()) s += " (classic cause: " + a.cause + ")";
  return s;
}

bool attempt(App& app, const course::AttemptSpec& spec, std::string& error) {
  if (!need_run(app, error)) return false;
  course::LessonRun& run = *app.run();
  const std::size_t before = run.attempts().size();
  course::ActionResult r = run.attempt(spec);
  if (run.attempts().size() > before) {
    const course::AttemptRecord& a = run.attempts().back();
    set_outcome(app, attempt_sentence(a), a.ok);
    return true;  // made (whether AWS said yes or no)
  }
  error = r.message.empty() ? "the attempt could not be made" : r.message;
  set_outcome(app, "Attempt not made: " + error, false);
  return false;
}

bool attempt_form(App& app, std::string& error) {
  if (!need_run(app, error)) return false;
  prepare_form(app);
  course::AttemptSpec spec;
  if (!form_spec(app.form, spec, error)) {
    set_outcome(app, "Attempt not made: " + error, false);
    return false;
  }
  return attempt(app, spec, error);
}

bool lesson_console(App& app, const std::string& line, std::string& output) {
  if (!need_run(app, output)) return false;
  course::LessonRun& run = *app.run();
  const std::size_t before = run.console_log().size();
  course::ActionResult r = run.console_line(line);
  output = r.message;
  if (run.console_log().size() > before) {
    const course::ConsoleRecord& c = run.console_log().back();
    output = c.output;
    if (c.failed) set_outcome(app, "Console: " + line + ": " + (c.code.empty() ? "failed" : c.code), false);
    else set_outcome(app, "Console: " + line + ": ok", true);
  }
  if (!line.empty() && (app.console.history.empty() || app.console.history.back() != line)) app.console.history.push_back(line);
  return r.ok;
}

bool advance_clock(App& app, long long seconds, std::string& error) {
  if (!need_run(app, error)) return false;
  if (seconds <= 0) return error = "seconds must be positive", false;
  course::ActionResult r = app.run()->advance_clock(seconds);
  if (!r.ok) return error = r.message, false;
  set_outcome(app, "Clock moved forward " + format_duration(seconds * 1000) + " to " +
                       format_iso8601(app.run()->sim().clock.now()), true);
  return true;
}

bool answer(App& app, const std::string& question, std::size_t choice, std::string& error) {
  if (!need_run(app, error)) return false;
  const course::Question* q = course::find_question(app.run()->lesson(), question);
  if (!q) return error = "no question '" + question + "' in this lesson", false;
  if (choice >= q->choices.size()) return error = "no choice " + std::to_string(choice), false;
  course::ActionResult r = app.run()->answer(question, choice);
  if (!r.ok) return error = r.message, false;
  set_outcome(app, std::string(choice == q->answer ? "Correct: " : "Not quite: ") + q->choices[choice], choice == q->answer);
  return true;
}

void tick_clock(App& app, double real_seconds) {
  course::LessonRun* run = app.run();
  if (!app.clock_playing || !run || real_seconds <= 0) return;
  real_seconds = std::min(real_seconds, 0.25);  // a stalled frame does not jump the clock
  app.clock_carry_ms += real_seconds * 1000.0 * app.clock_speed;
  app.clock_since_commit += real_seconds;
  // Whole seconds are handed to the run about once a real second (one log entry,
  // checks re-evaluated); the countdowns move smoothly with the carry meanwhile.
  if (app.clock_since_commit >= 1.0 && app.clock_carry_ms >= 1000.0) {
    long long secs = static_cast<long long>(app.clock_carry_ms / 1000.0);
    run->advance_clock(secs);
    app.clock_carry_ms -= static_cast<double>(secs) * 1000.0;
    app.clock_since_commit = 0;
  }
}

TimeMs shown_time(const App& app) {
  const course::LessonRun* run = app.run();
  if (!run) return 0;
  return run->sim().clock.now() + static_cast<TimeMs>(app.clock_carry_ms);
}

// ---------------------------------------------------------------- the attempt panel

namespace {

std::string trim(const std::string& s) {
  std::size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

}  // namespace

bool form_spec(const AttemptForm& f, course::AttemptSpec& out, std::string& error) {
  course::AttemptSpec s;
  s.api = f.api;
  s.has_api = true;
  s.role = trim(f.role);
  s.has_role = true;
  if (s.role.empty()) return error = "choose a role", false;
  s.session_name = trim(f.session_name);
  if (s.session_name.empty()) s.session_name = "rolelab";
  if (f.use_duration) s.duration_seconds = f.duration_seconds;
  if (f.api == "AssumeRole") {
    s.as = trim(f.as);
    s.has_as = true;
    if (s.as.empty()) return error = "choose who makes the call", false;
    if (f.use_external_id) s.external_id = f.external_id;
    s.mfa = f.mfa;
    // Tags: "key=value, key2=value2" (commas or new lines between pairs).
    std::string item;
    auto flush = [&]() -> bool {
      std::string t = trim(item);
      item.clear();
      if (t.empty()) return true;
      std::size_t eq = t.find('=');
      if (eq == std::string::npos || eq == 0) return error = "a tag is key=value: '" + t + "'", false;
      s.tags.emplace_back(trim(t.substr(0, eq)), trim(t.substr(eq + 1)));
      return true;
    };
    for (char c : f.tags) {
      if (c == ',' || c == '\n') {
        if (!flush()) return false;
      } else {
        item += c;
      }
    }
    if (!flush()) return false;
  } else if (f.api == "AssumeRoleWithWebIdentity") {
    json::ParseResult p = json::parse(f.token);
    if (!p.ok || !p.value.is_object()) return error = "the token claims are not a JSON object", false;
    s.token = f.token;
  } else if (f.api == "AssumeRoleWithSAML") {
    json::ParseResult p = json::parse(f.assertion);
    if (!p.ok || !p.value.is_object()) return error = "the SAML assertion is not a JSON object", false;
    s.assertion = f.assertion;
    s.provider = trim(f.provider);
    if (s.provider.empty()) return error = "choose a SAML provider", false;
  } else {
    return error = "unknown API '" + f.api + "'", false;
  }
  if (f.use_policy && !trim(f.policy).empty()) s.policy = f.policy;
  out = std::move(s);
  return true;
}

const App::Cache& cache(App& app) {
  App::Cache& c = app.cache;
  course::LessonRun* run = app.run();
  if (!run) {
    c.run = nullptr;
    c.callers.clear();
    c.roles.clear();
    c.edge_lines.clear();
    return c;
  }
  if (c.run == run && c.version == run->version()) return c;
  c.run = run;
  c.version = run->version();
  c.callers.clear();
  c.roles.clear();
  c.edge_lines.clear();
  const Simulator& sim = run->sim();
  const World& w = sim.world;
  std::map<std::string, int> user_names, role_names;
  for (const auto& [id, acct] : w.accounts) {
    for (const auto& [name, u] : acct.users) ++user_names[name];
    for (const auto& [name, r] : acct.roles) ++role_names[name];
  }
  for (const auto& [id, acct] : w.accounts) {
    std::string where = acct.alias.empty() ? id : acct.alias;
    for (const auto& [name, u] : acct.users) {
      c.callers.push_back({name + " (" + where + ")", user_names[name] > 1 ? u.arn : "user/" + name, "AssumeRole", "Users"});
    }
  }
  std::vector<std::string> seen;
  for (auto it = sim.sessions.rbegin(); it != sim.sessions.rend(); ++it) {
    const Session& s = *it;
    if (s.user_session || s.session_name.empty()) continue;
    if (std::find(seen.begin(), seen.end(), s.session_name) != seen.end()) continue;
    seen.push_back(s.session_name);
    c.callers.push_back({s.session_name + " (" + s.role_name + (sim.expired(s) ? ", expired)" : ")"),
                         "session/" + s.session_name, "AssumeRole", "Sessions"});
  }
  for (const auto& [id, acct] : w.accounts) {
    for (const auto& [iid, inst] : acct.instances) {
      if (!inst.role.empty()) c.callers.push_back({iid + " (EC2, " + inst.role + ")", "instance/" + iid, "AssumeRole", "Services"});
    }
    for (const auto& [fname, fn] : acct.functions) {
      c.callers.push_back({fname + " (Lambda, " + last_segment(fn.role) + ")", "function/" + fname, "AssumeRole", "Services"});
    }
  }
  const AssumeGraph& g = run->graph();
  for (const GraphPrincipal& p : g.principals) {
    if (p.kind == "service") c.callers.push_back({p.arn, "service/" + p.arn, "AssumeRole", "Services"});
  }
  c.callers.push_back({"Web identity token (OIDC)", "", "AssumeRoleWithWebIdentity", "Federation"});
  c.callers.push_back({"SAML assertion", "", "AssumeRoleWithSAML", "Federation"});
  for (const auto& [id, acct] : w.accounts) {
    for (const auto& [name, r] : acct.roles) c.roles.push_back(role_names[name] > 1 ? id + ":" + name : name);
  }
  // The screen reader hears what the diagram shows: the same edges, red and goal edges included.
  c.edge_lines = diagram::edge_lines(*run);
  return c;
}

void prepare_form(App& app) {
  course::LessonRun* run = app.run();
  if (!run || app.form.lesson_id == run->lesson().id) return;
  AttemptForm f;
  f.lesson_id = run->lesson().id;
  // Defaults: the first attempt the lesson's checks mention, else the first user and role.
  for (const course::Step& s : run->lesson().steps) {
    for (const course::Check& c : s.checks) {
      if ((c.type == "assume" || c.type == "attempted") && c.attempt.has_role && f.role.empty()) {
        f.role = c.attempt.role;
        if (c.attempt.has_as) f.as = c.attempt.as;
        if (c.attempt.has_api) f.api = c.attempt.api;
        if (!c.attempt.provider.empty()) f.provider = c.attempt.provider;
      }
    }
  }
  const App::Cache& c = cache(app);
  if (f.as.empty() && f.api == "AssumeRole") {
    for (const CallerOption& o : c.callers) {
      if (o.group == "Users") {
        f.as = o.principal;
        break;
      }
    }
  }
  if (f.role.empty() && !c.roles.empty()) f.role = c.roles.front();
  if (f.provider.empty()) {
    for (const auto& [id, acct] : run->sim().world.accounts) {
      if (!acct.saml_providers.empty()) f.provider = acct.saml_providers.begin()->first;
    }
  }
  app.form = std::move(f);
}

// ---------------------------------------------------------------- old commands

bool select_lesson(App& app, std::size_t index, std::string& error) { return open_lesson(app, index, error); }
bool select_lesson_by_id(App& app, const std::string& id, std::string& error) { return open_lesson_by_id(app, id, error); }

bool select_principal(App& app, std::size_t index, std::string& error) {
  if (!need_run(app, error)) return false;
  const App::Cache& c = cache(app);
  if (index >= c.callers.size()) {
    error = "no principal " + std::to_string(index) + " (there are " + std::to_string(c.callers.size()) + ")";
    return false;
  }
  app.form.as = c.callers[index].principal;
  app.form.api = c.callers[index].api;
  return true;
}

std::string first_trust_target(const App& app) {
  const LessonEntry* e = app.current_entry();
  if (!e) return {};
  for (const std::string& t : e->lesson.editable) {
    if (t.size() > 6 && t.compare(t.size() - 6, 6, "/trust") == 0) return t;
  }
  return e->lesson.editable.empty() ? std::string() : e->lesson.editable.front();
}

bool set_trust_policy(App& app, const std::string& text, std::string& error) {
  if (!need_run(app, error)) return false;
  std::string t = first_trust_target(app);
  if (t.empty()) return error = "this lesson has no editable policy", false;
  app.editor_request = t;
  return edit_policy(app, t, text, error);
}

bool reset_trust_policy(App& app, std::string& error) {
  if (!need_run(app, error)) return false;
  std::string t = first_trust_target(app);
  if (t.empty()) return error = "this lesson has no editable policy", false;
  return reset_policy(app, t, error);
}

bool assume(App& app, std::string& error) { return attempt_form(app, error); }

// ---------------------------------------------------------------- deep links and share links

namespace {

std::string url_decode(const std::string& s) {
  std::string out;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (s[k] == '%' && k + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[k + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[k + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(k + 1, 2), nullptr, 16));
      k += 2;
    } else {
      out += s[k] == '+' ? ' ' : s[k];
    }
  }
  return out;
}

// Small LZ77: a literal run is one byte L (0..127) then L+1 bytes; a match is
// one byte 0x80|(len-4) (len 4..131) then the distance (1..65535) in two bytes,
// big-endian. Greedy, one hash-table probe per position: fast and good enough
// for action logs, which repeat policy documents and ARNs.
std::string lz_compress(const std::string& in) {
  std::string out;
  std::vector<int> table(1 << 14, -1);
  std::size_t lit_start = 0, i = 0;
  auto flush_literals = [&](std::size_t end) {
    while (lit_start < end) {
      std::size_t n = std::min<std::size_t>(128, end - lit_start);
      out += static_cast<char>(n - 1);
      out.append(in, lit_start, n);
      lit_start += n;
    }
  };
  while (i + 4 <= in.size()) {
    std::uint32_t h;
    std::memcpy(&h, in.data() + i, 4);
    h = (h * 2654435761u) >> 18;
    int cand = table[h];
    table[h] = static_cast<int>(i);
    if (cand >= 0 && i - static_cast<std::size_t>(cand) <= 65535 && std::memcmp(in.data() + cand, in.data() + i, 4) == 0) {
      std::size_t len = 4;
      while (len < 131 && i + len < in.size() && in[cand + len] == in[i + len]) ++len;
      flush_literals(i);
      std::size_t dist = i - static_cast<std::size_t>(cand);
      out += static_cast<char>(0x80 | (len - 4));
      out += static_cast<char>(dist >> 8);
      out += static_cast<char>(dist & 0xFF);
      i += len;
      lit_start = i;
    } else {
      ++i;
    }
  }
  flush_literals(in.size());
  return out;
}

std::optional<std::string> lz_decompress(const std::string& in, std::size_t max_out) {
  std::string out;
  std::size_t i = 0;
  while (i < in.size()) {
    unsigned char t = static_cast<unsigned char>(in[i++]);
    if (t < 0x80) {
      std::size_t n = t + 1u;
      if (i + n > in.size() || out.size() + n > max_out) return std::nullopt;
      out.append(in, i, n);
      i += n;
    } else {
      if (i + 2 > in.size()) return std::nullopt;
      std::size_t len = (t & 0x7F) + 4u;
      std::size_t dist = (static_cast<std::size_t>(static_cast<unsigned char>(in[i])) << 8) | static_cast<unsigned char>(in[i + 1]);
      i += 2;
      if (dist == 0 || dist > out.size() || out.size() + len > max_out) return std::nullopt;
      std::size_t from = out.size() - dist;
      for (std::size_t k = 0; k < len; ++k) out += out[from + k];
    }
  }
  return out;
}

std::string base64url(const std::string& s) {
  std::string b = base64_encode(s);
  while (!b.empty() && b.back() == '=') b.pop_back();
  for (char& c : b) {
    if (c == '+') c = '-';
    else if (c == '/') c = '_';
  }
  return b;
}

constexpr std::size_t kMaxStateBytes = 1u << 20;

}  // namespace

std::string encode_state(const std::string& text) {
  std::string plain = "b" + base64url(text);
  std::string packed = "z" + base64url(lz_compress(text));
  return packed.size() < plain.size() ? packed : plain;
}

std::optional<std::string> decode_state(const std::string& param) {
  if (param.size() < 1 || param.size() > 2 * kMaxStateBytes) return std::nullopt;
  std::optional<std::string> raw = base64_decode(std::string_view(param).substr(1));
  if (!raw) return std::nullopt;
  if (param[0] == 'b') return raw->size() <= kMaxStateBytes ? raw : std::nullopt;
  if (param[0] == 'z') return lz_decompress(*raw, kMaxStateBytes);
  return std::nullopt;
}

std::string location_fragment(const App& app) {
  const LessonEntry* e = app.current_entry();
  if (!e) return {};
  std::size_t step = e->run ? e->run->step() : 0;
  return "lesson=" + e->lesson.id + "&step=" + std::to_string(step + 1);
}

std::string share_fragment(const App& app) {
  const LessonEntry* e = app.current_entry();
  if (!e) return {};
  std::string f = location_fragment(app);
  if (e->run && !e->run->log().empty()) f += "&state=" + encode_state(e->run->log_json());
  return f;
}

bool apply_fragment(App& app, const std::string& fragment, std::string& error) {
  std::string f = fragment;
  if (!f.empty() && f[0] == '#') f.erase(0, 1);
  std::string lesson, step, state;
  bool has_step = false;
  std::size_t pos = 0;
  while (pos <= f.size()) {
    std::size_t amp = f.find('&', pos);
    if (amp == std::string::npos) amp = f.size();
    std::string kv = f.substr(pos, amp - pos);
    std::size_t eq = kv.find('=');
    std::string k = kv.substr(0, eq), v = eq == std::string::npos ? std::string() : url_decode(kv.substr(eq + 1));
    if (k == "lesson") lesson = v;
    else if (k == "step") step = v, has_step = true;
    else if (k == "state") state = kv.substr(eq == std::string::npos ? kv.size() : eq + 1);
    pos = amp + 1;
  }
  if (lesson.empty() && !has_step) return error = "the link names no lesson", false;
  std::size_t index = app.current;
  if (!lesson.empty()) {
    index = app.lessons.size();
    for (std::size_t k = 0; k < app.lessons.size(); ++k) {
      if (app.lessons[k].lesson.id == lesson) index = k;
    }
    if (index == app.lessons.size()) return error = "no lesson with id '" + lesson + "'", false;
  }
  if (index >= app.lessons.size()) return error = "no lesson is loaded", false;
  if (!ensure_parsed(app, index, error)) return false;
  LessonEntry& e = app.lessons[index];
  std::size_t n = 0;
  if (has_step) {
    if (step.empty() || step.size() > 3 || !std::all_of(step.begin(), step.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return error = "step must be a number from 1", false;
    n = static_cast<std::size_t>(std::stoul(step));
    if (n < 1 || n > e.lesson.steps.size())
      return error = "no step " + step + " in lesson " + e.lesson.id + " (it has " + std::to_string(e.lesson.steps.size()) + ")", false;
    --n;
  }
  if (!state.empty()) {
    std::optional<std::string> log = decode_state(state);
    if (!log) return error = "the link's state is damaged", false;
    std::string err;
    std::unique_ptr<course::LessonRun> run = course::LessonRun::replay(e.lesson, *log, err);
    if (!run) return error = "the link's state does not apply to this lesson: " + err, false;
    e.run = std::move(run);
    e.pending_log.clear();
    e.pending_drafts.clear();
    if (!open_lesson(app, index, error)) return false;
    if (has_step && e.run->step() != n) e.run->goto_step(n);
    set_outcome(app, "Opened a shared state of " + e.lesson.title + ", step " + std::to_string(e.run->step() + 1), true);
    return true;
  }
  if (!open_lesson(app, index, error)) return false;
  if (has_step && e.run->step() != n) {
    if (e.run->log().empty()) {
      std::unique_ptr<course::LessonRun> placed = course::LessonRun::at_step(e.lesson, n);
      if (placed) e.run = std::move(placed);
    }
    if (e.run->step() != n && !e.run->goto_step(n)) return error = "cannot open step " + std::to_string(n + 1), false;
  }
  return true;
}

std::string aria_text(App& app) {
  std::string out = app.outcome.sentence;
  if (out.empty()) {
    if (const course::LessonRun* run = app.run()) {
      const course::Step& s = run->lesson().steps[run->step()];
      out = run->lesson().title + ", step " + std::to_string(run->step() + 1) + ": " + s.title;
    }
  }
  // The edges of the picture on screen: an opened account's, or the lesson's.
  if (app.account && app.account->in_diagram) {
    for (const std::string& l : app.account->edge_lines) out += "\n" + l;
    return out;
  }
  const App::Cache& c = cache(app);
  for (const std::string& l : c.edge_lines) out += "\n" + l;
  return out;
}

// ---------------------------------------------------------------- the policy editor's diff

std::vector<DiffLine> line_diff(const std::string& before, const std::string& after) {
  auto split = [](const std::string& s) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < s.size()) {
      std::size_t nl = s.find('\n', pos);
      if (nl == std::string::npos) nl = s.size();
      lines.push_back(s.substr(pos, nl - pos));
      pos = nl + 1;
    }
    return lines;
  };
  std::vector<std::string> a = split(before), b = split(after);
  std::vector<DiffLine> out;
  // Common head and tail first, LCS on what is left (bounded).
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  for (std::size_t k = 0; k < head; ++k) out.push_back({' ', a[k]});
  const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
  if (n * m > 250000) {
    for (std::size_t k = 0; k < n; ++k) out.push_back({'-', a[head + k]});
    for (std::size_t k = 0; k < m; ++k) out.push_back({'+', b[head + k]});
  } else {
    std::vector<std::vector<std::uint16_t>> L(n + 1, std::vector<std::uint16_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        L[i][j] = a[head + i] == b[head + j] ? static_cast<std::uint16_t>(L[i + 1][j + 1] + 1) : std::max(L[i + 1][j], L[i][j + 1]);
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        out.push_back({' ', a[head + i]});
        ++i, ++j;
      } else if (i < n && (j == m || L[i + 1][j] >= L[i][j + 1])) {
        out.push_back({'-', a[head + i++]});
      } else {
        out.push_back({'+', b[head + j++]});
      }
    }
  }
  for (std::size_t k = a.size() - tail; k < a.size(); ++k) out.push_back({' ', a[k]});
  return out;
}

std::string short_target(const std::string& target) {
  std::string t = target;
  std::string account;
  if (std::size_t colon = t.find(':'); colon != std::string::npos && colon < t.find('/')) {
    account = t.substr(0, colon);
    t = t.substr(colon + 1);
  }
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos <= t.size()) {
    std::size_t s = t.find('/', pos);
    if (s == std::string::npos) s = t.size();
    parts.push_back(t.substr(pos, s - pos));
    pos = s + 1;
  }
  std::string out;
  if (parts.size() >= 3 && (parts[0] == "role" || parts[0] == "user")) {
    out = parts[1] + " " + (parts[2] == "inline" && parts.size() >= 4 ? parts[3] : parts[2]);
  } else if (parts.size() >= 2 && parts[0] == "managed") {
    out = parts[1];
  } else if (parts.size() >= 2 && parts[0] == "bucket") {
    out = "bucket " + parts[1];
  } else if (parts.size() >= 4 && parts[0] == "scp") {
    out = "SCP " + parts[1] + " " + parts[2] + "." + parts[3];
  } else {
    out = t;
  }
  return account.empty() ? out : account + ":" + out;
}

}  // namespace rolelab::app

// ---------------------------------------------------------------- the console tab

namespace rolelab::app {

// Kept as text: a lesson loads the world it names when it opens, and the
// sandbox loads one when the learner first uses it (select_world,
// console_run). Loading and checking all of them here cost the browser's
// start five world loads it did not need; the bundled worlds are checked by
// the tests and `rolelab-cli lessons verify`, and a broken one still says why
// when it is picked.
void add_world_file(App& app, const std::string& file, const std::string& text) { app.console.worlds.emplace_back(file, text); }

bool select_world(App& app, std::size_t index, std::string& error) {
  ConsoleState& c = app.console;
  if (index >= c.worlds.size()) {
    error = "no world " + std::to_string(index) + " (there are " + std::to_string(c.worlds.size()) + ")";
    return false;
  }
  WorldLoad w = load_world(c.worlds[index].second, kImportedWorldLimits);  // an imported account may be large
  if (!w.ok) {
    error = c.worlds[index].first + ": " + to_string(w.error);
    if (std::find(c.load_errors.begin(), c.load_errors.end(), error) == c.load_errors.end()) c.load_errors.push_back(error);
    c.log = "World " + c.worlds[index].first + " cannot be loaded: " + to_string(w.error) + "\n";
    return false;
  }
  c.world = index;
  c.console.reset();
  c.sim = std::make_unique<Simulator>(std::move(w.world));
  c.console = std::make_unique<Console>(*c.sim);
  c.log = "World " + c.worlds[index].first + " loaded. Type help for the commands.\n";
  return true;
}

std::string console_run(App& app, const std::string& line) {
  ConsoleState& c = app.console;
  if (!c.console && !c.worlds.empty()) {  // the sandbox's first use: its world is loaded now
    std::string error;
    if (!select_world(app, c.world, error)) return error + "\n";
  }
  if (!c.console) return "no world is loaded\n";
  std::string out = c.console->execute(line);
  c.log += "$ " + line + "\n" + out;
  if (!line.empty() && (c.history.empty() || c.history.back() != line)) c.history.push_back(line);
  // Keep the log bounded: the oldest output goes first.
  if (c.log.size() > (1u << 20)) c.log.erase(0, c.log.size() - (1u << 19));
  return out;
}

namespace {

struct Completion {
  const char* context;  // words before the one completed ("" first word, "aws", "aws sts", "*" flags)
  std::vector<const char*> words;
};

const std::vector<Completion>& completions() {
  static const std::vector<Completion> table = {
      {"", {"aws", "as", "use", "clock", "token", "analyze", "revoke-sessions", "whoami", "explain", "events", "cat", "help"}},
      {"aws", {"sts", "iam", "s3api", "s3", "ec2", "lambda"}},
      {"aws sts",
       {"assume-role", "assume-role-with-web-identity", "assume-role-with-saml", "get-caller-identity", "get-session-token"}},
      {"aws iam",
       {"get-role", "update-assume-role-policy", "put-role-policy", "update-role", "create-role", "attach-role-policy",
        "delete-role", "create-service-linked-role", "delete-service-linked-role"}},
      {"aws s3api", {"get-object"}},
      {"aws s3", {"ls"}},
      {"aws ec2",
       {"associate-iam-instance-profile", "describe-iam-instance-profile-associations", "disassociate-iam-instance-profile"}},
      {"aws lambda", {"create-function", "update-function-configuration", "get-function-configuration"}},
      {"clock", {"advance"}},
      {"token", {"oidc", "saml"}},
      {"*",
       {"--association-id", "--assume-role-policy-document", "--aud", "--aws-service-name", "--bucket", "--claim",
        "--deletion-task-id", "--description", "--duration-seconds", "--expires-in", "--external-id", "--function-name",
        "--handler", "--iam-instance-profile", "--instance-id", "--issuer", "--key", "--max-session-duration", "--path",
        "--policy", "--policy-arn", "--policy-arns", "--policy-document", "--policy-name", "--principal-arn",
        "--provider-id", "--role", "--role-arn", "--role-name", "--role-session-name", "--runtime", "--saml-assertion",
        "--serial-number", "--session-name", "--source-identity", "--sub", "--tags", "--token-code",
        "--transitive-tag-keys", "--web-identity-token", "--zip-file"}},
  };
  return table;
}

}  // namespace

std::vector<std::string> complete_console(const std::string& line) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::size_t a = line.find_first_not_of(' ', pos);
    if (a == std::string::npos) break;
    std::size_t b = line.find(' ', a);
    if (b == std::string::npos) b = line.size();
    words.push_back(line.substr(a, b - a));
    pos = b;
  }
  std::string partial;
  if (!line.empty() && line.back() != ' ' && !words.empty()) {
    partial = words.back();
    words.pop_back();
  }
  std::string context;
  if (partial.rfind("--", 0) == 0 || (partial.empty() && words.size() >= 3 && words[0] == "aws")) {
    context = "*";
  } else {
    for (std::size_t k = 0; k < words.size() && k < 2; ++k) context += (k ? " " : "") + words[k];
    if (words.size() > 2) context = "-";
  }
  std::vector<std::string> out;
  for (const Completion& c : completions()) {
    if (context != c.context) continue;
    for (const char* w : c.words) {
      if (std::string_view(w).substr(0, partial.size()) == partial) out.emplace_back(w);
    }
  }
  return out;
}

std::vector<std::string> complete_line(std::string& line) {
  std::vector<std::string> c = complete_console(line);
  if (c.empty()) return c;
  std::string prefix = c.front();
  for (const std::string& w : c) {
    std::size_t k = 0;
    while (k < prefix.size() && k < w.size() && prefix[k] == w[k]) ++k;
    prefix.resize(k);
  }
  std::size_t start = line.find_last_of(' ');
  start = start == std::string::npos ? 0 : start + 1;
  line = line.substr(0, start) + prefix + (c.size() == 1 ? " " : "");
  return c;
}

}  // namespace rolelab::app
