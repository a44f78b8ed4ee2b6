// The lesson runner's state and the commands that change it. No ImGui and no
// platform code here: the UI panels and the browser test API both call these
// commands, so a test drives exactly what a click does.
//
// Each lesson is played by one course::LessonRun (engine/course/lesson_run.h),
// built when the lesson is first opened. Its action log is the learner's
// progress; the panels read the run and change it only through the commands
// below (or the run's own actions, which the commands wrap).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/analyzer.h"
#include "console/console.h"
#include "course/lesson.h"
#include "course/lesson_run.h"
#include "course/markdown.h"
#include "json/diagnostic.h"
#include "sts/sts.h"
#include "world/world.h"

namespace rolelab::ui {
struct DiagramState;  // ui_diagram.cpp: layout cache, hover, selection, zoom and pan
}

namespace rolelab::app {

struct AccountView;  // account_view.h: "Open your account"

struct LessonEntry {
  std::string file;  // where it was loaded from
  // The lesson. Until it is first opened (or parsed in the background, one a frame after the
  // first frame), only its outline: id, title, track, summary, minutes, prerequisites,
  // editable and step titles, read without loading its world (parsed == false, text kept).
  course::Lesson lesson;
  bool parsed = true;
  std::string text;  // the file's text while !parsed
  std::unique_ptr<course::LessonRun> run;  // built when the lesson is first opened
  bool custom = false;                     // opened by the learner (--lesson, File > Open, drag-and-drop)
  // Restored progress, applied when the lesson is opened (kept as saved until then).
  std::string pending_log;                            // LessonRun::log_json() text
  std::vector<std::pair<std::string, std::string>> pending_drafts;  // target, unsaved editor text
  std::size_t hints_shown = 0;   // of the current step
  std::size_t hints_step = 0;    // the step hints_shown belongs to
};

// The console tab's sandbox: a world from worlds/, its simulator and the
// console over it (the lesson's own console lives in its LessonRun).
struct ConsoleState {
  std::vector<std::pair<std::string, std::string>> worlds;  // file name, text
  std::vector<std::string> load_errors;
  std::size_t world = 0;
  std::unique_ptr<Simulator> sim;
  std::unique_ptr<Console> console;
  std::string log;    // everything printed so far
  std::string input;  // the line being typed (sandbox and lesson console share it)
  std::vector<std::string> history;
  bool sandbox = false;  // the console tab shows the sandbox world instead of the lesson's
  int history_pos = -1;  // -1: not browsing the history
  std::string completions;  // the last Tab's candidates, shown under the input
};

// The attempt panel's fields (AttemptSpec in text form, as the learner types it).
struct AttemptForm {
  std::string api = "AssumeRole";  // AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML
  std::string as;                  // user/NAME, session/NAME, service/HOST, ARN
  std::string role;
  std::string session_name = "rolelab";
  bool use_duration = false;
  int duration_seconds = 3600;
  bool use_external_id = false;
  std::string external_id;
  bool mfa = false;
  bool use_policy = false;
  std::string policy;      // session policy JSON
  std::string tags;        // "key=value, key2=value2"
  std::string token = "{\n  \"iss\": \"https://token.actions.githubusercontent.com\",\n  \"aud\": \"sts.amazonaws.com\",\n  \"sub\": \"repo:org/app:ref:refs/heads/main\"\n}";
  std::string provider;    // SAML provider name or ARN
  std::string assertion = "{\n  \"issuer\": \"https://idp.example.com\",\n  \"audience\": \"https://signin.aws.amazon.com/saml\",\n  \"subject\": \"alice\"\n}";
  std::string lesson_id;   // the lesson these fields were filled for (defaults come from its world)
};

// One entry of the caller picker.
struct CallerOption {
  std::string label;      // "alice (111111111111)"
  std::string principal;  // user/alice, session/NAME, service/ec2.amazonaws.com, "" for federation
  std::string api;        // the API the entry implies
  std::string group;      // Users, Sessions, Services, Federation
};

// What the learner last did, in one sentence (the outcome banner, aria-live).
struct Outcome {
  std::string sentence;
  bool ok = false;
  long long frame = 0;  // when it happened
};

enum Tab { kTabEditor = 0, kTabAttempt = 1, kTabConsole = 2, kTabEvents = 3, kTabCount = 4 };
const char* tab_name(int tab);  // "editor", "attempt", "console", "events"

struct App {
  bool ready = false;
  std::vector<LessonEntry> lessons;      // course order (file-name order), then custom lessons
  std::vector<std::string> load_errors;  // lesson files that failed to load, damaged progress
  std::vector<std::string> lesson_errors;  // the last invalid custom lesson's validation errors
  std::string lesson_errors_name;          // and its name
  Diagnostics lesson_diagnostics;          // the same errors with code, path and line:column (the errors panel)
  std::size_t current = 0;
  long long frames = 0;
  long long drawn_frames = 0;  // frames submitted to GL (an unchanged picture is not drawn again)
  // The frame time the status bar shows, refreshed every 60 frames: a figure
  // changing every frame would make every frame a new picture to draw.
  double shown_frame_ms = -1;
  std::string platform;      // "browser" or "desktop"
  std::string reply;         // storage for the last test-API string handed to JavaScript
  std::string fatal_error;   // set when a frame failed; the UI shows it instead of the lesson
  bool force_error = false;  // test API: the next frame throws, to exercise the error panel
  bool force_abort = false;  // test API: the next frame aborts, to exercise the page's own error panel
  struct Fonts {
    void* body = nullptr;  // ImFont*, kept opaque so this header stays ImGui-free
    void* mono = nullptr;
    void* heading = nullptr;
    void* bold = nullptr;  // body size, medium weight
  } fonts;
  // Platform hooks (set by platform_*.cpp; unset in tests).
  std::function<void(const std::string& url)> open_url;       // links in lessons open in a new tab / the browser
  std::function<void(const std::string& text)> set_clipboard;  // share links (ImGui's clipboard when unset)
  // Share link: the browser builds origin + path + "#" + fragment, copies it and says so; unset:
  // "#" + fragment goes to the clipboard.
  std::function<void(const std::string& fragment)> share;
  std::shared_ptr<ui::DiagramState> diagram;  // the diagram panel's state (it creates it)
  std::shared_ptr<ui::DiagramState> account_diagram;  // the same panel showing an opened account
  std::shared_ptr<AccountView> account;       // "Open your account" (account_view.h), or null
  bool account_dialog = false;                // File > Open your account... (desktop path field)
  float pixel_ratio = 1.0f;  // device pixels per CSS pixel (browser HiDPI); fonts and sizes scale by it too

  ConsoleState console;
  int tab = kTabEditor;  // the bottom tab shown
  int tab_request = -1;  // a tab a command asked for; the UI selects it once
  std::string editor_target;  // the policy tab shown
  std::string editor_request; // a policy tab a command asked for
  AttemptForm form;
  Outcome outcome;

  // Instructor mode.
  bool presenter = false;
  float scale = 1.0f;         // presenter scaling (fonts and sizes)
  bool high_contrast = false;
  bool hide_solutions = false;
  bool presenter_course = false;  // presenter mode shows the course navigator (hidden by default: more room)

  // The clock: play/pause and speed; whole seconds go to LessonRun::advance_clock.
  bool clock_playing = false;
  // The world diagram fills the window (navigator, narrative and work tabs
  // hidden): a large account, or a picture projected for a class.
  bool diagram_maximised = false;
  int clock_speed = 1;         // 1, 60, 600
  double clock_carry_ms = 0;   // simulated time not yet handed to the run
  double clock_since_commit = 0;  // real seconds since the last commit

  // File > Open lesson (desktop) and the events filter: text fields kept here.
  std::string open_path;
  bool open_dialog = false;
  std::string events_filter;
  bool events_errors_only = false;
  int events_selected = -1;
  bool show_diff = false;
  bool reveal_secret = false;
  bool show_shortcuts = false;
  bool confirm_solution = false;  // the "show solution" confirmation is open
  std::string status;             // a short note for the status bar (link copied, file not found, ...)

  // What the UI last built (fonts at a scale, the style for a theme) and the
  // step whose focus it last applied.
  float built_scale = 0;
  int built_theme = -1;
  const void* focus_run = nullptr;
  std::size_t focus_step = ~std::size_t(0);

  // Frame timing, measured by runner.cpp: the frame function's CPU time (ms).
  std::array<float, 120> frame_ms{};
  std::size_t frame_ms_count = 0;

  // Caches keyed by LessonRun::version() (cheap frames: recomputed only on change).
  struct Cache {
    const void* run = nullptr;
    std::uint64_t version = ~0ull;
    std::vector<CallerOption> callers;
    std::vector<std::string> roles;  // role names (ACCOUNT:NAME when ambiguous)
    std::vector<std::string> edge_lines;  // who-can-assume, as text
    std::size_t md_lesson = ~std::size_t(0), md_step = ~std::size_t(0);
    std::vector<course::md::Block> md;  // the current step's text
  } cache;

  // Policy checks (analyzer::validate_policy) of each draft, keyed by target and
  // recomputed only when the draft's text changes.
  struct DraftFindings {
    std::string text;
    PolicyKind kind = PolicyKind::Identity;
    bool valid = false;
    std::vector<analyzer::Finding> findings;
  };
  std::map<std::string, DraftFindings> findings_cache;

  LessonEntry* current_entry() { return current < lessons.size() ? &lessons[current] : nullptr; }
  const LessonEntry* current_entry() const { return current < lessons.size() ? &lessons[current] : nullptr; }
  // The current lesson's run (built on open), or nullptr.
  course::LessonRun* run() {
    LessonEntry* e = current_entry();
    return e ? e->run.get() : nullptr;
  }
  const course::LessonRun* run() const {
    const LessonEntry* e = current_entry();
    return e ? e->run.get() : nullptr;
  }
};

// ---- loading ----
// Adds a lesson from its file text (course order is the order of calls); a bad
// file is recorded in load_errors. World files named by lessons come from the
// console's worlds (add_world_file first).
void add_lesson_file(App& app, const std::string& file, const std::string& text);
// Custom lessons (--lesson FILE, File > Open, drag-and-drop, ?lesson=URL): opened
// at once; an invalid one fills lesson_errors (shown in the app) and returns false.
bool open_lesson_text(App& app, const std::string& name, const std::string& text, std::string& error);
// A whole file into `out` (stdio); reading stops once `out` holds more than
// `limit` bytes. False when it cannot be opened or read.
bool read_file(const std::string& path, std::string& out, std::size_t limit = static_cast<std::size_t>(-1));
// The same from a file (--lesson FILE, File > Open): one that cannot be read or
// is over 1 MiB is refused the same way, with the path in `error`.
bool open_lesson_path(App& app, const std::string& path, std::string& error);
// Parses (validates, loads the world of) a lesson read only in outline; false with `error` (also in
// load_errors) when it is invalid.
bool ensure_parsed(App& app, std::size_t index, std::string& error);
// Parses the next lesson still in outline (called once a frame after the first one); an invalid
// one is dropped from the course with its error in load_errors. False when none was left.
bool parse_next_lesson(App& app);
// Median of the measured frame times (0 before the first frame).
double frame_ms_median(const App& app);
void record_frame_ms(App& app, double ms);

// The open run, or nullptr (the diagram panel's accessor).
course::LessonRun* current_run(App& app);
// An error the learner should see (a lesson URL that could not be fetched, ...):
// listed with the load errors in the navigator and in the test state's errors.
void report_error(App& app, const std::string& message);
// Opens a policy target in the editor tab (false: the lesson does not let it be edited).
bool focus_policy(App& app, const std::string& target);

// ---- lessons and steps ----
bool open_lesson(App& app, std::size_t index, std::string& error);  // builds (or replays) its run
bool open_lesson_by_id(App& app, const std::string& id, std::string& error);
bool goto_step(App& app, std::size_t step, std::string& error);
bool next_step(App& app, std::string& error);
bool prev_step(App& app, std::string& error);
bool reset_step(App& app, std::string& error);       // back to the state the step started in
bool restart_lesson(App& app, std::string& error);   // a fresh run
bool apply_solution(App& app, std::string& error);   // the current step's reference solution
bool reveal_hint(App& app, std::string& error);
std::size_t hints_shown(const App& app);

// ---- learner actions (each goes through the run, so checks are fresh after it) ----
bool edit_policy(App& app, const std::string& target, const std::string& text, std::string& error);  // save
bool set_draft(App& app, const std::string& target, const std::string& text);                       // typing
bool reset_policy(App& app, const std::string& target, std::string& error);
bool format_policy(App& app, const std::string& target, std::string& error);  // pretty-prints the draft
// The policy checks of a draft as Access Analyzer's ValidatePolicy makes them (trust
// policies as RESOURCE_POLICY + AWS::IAM::AssumeRolePolicyDocument), cached by text.
const std::vector<analyzer::Finding>& draft_findings(App& app, const course::PolicyDraft& draft);
// The 1-based line a finding points at (0: the whole policy).
int finding_line(const analyzer::Finding& f);
// Applies the index-th finding's fix to the draft through set_draft (as typing does).
bool apply_fix(App& app, const std::string& target, std::size_t index, std::string& error);
bool attempt(App& app, const course::AttemptSpec& spec, std::string& error);
bool attempt_form(App& app, std::string& error);  // an attempt with the attempt panel's fields
bool lesson_console(App& app, const std::string& line, std::string& output);
bool advance_clock(App& app, long long seconds, std::string& error);
bool answer(App& app, const std::string& question, std::size_t choice, std::string& error);
// The clock's play mode: called once a frame with the real seconds elapsed.
void tick_clock(App& app, double real_seconds);
// The simulated time shown (the run's clock plus what play has not handed over yet).
TimeMs shown_time(const App& app);

// ---- the attempt panel ----
// The form as an AttemptSpec (false with `error` for unreadable tags or JSON).
bool form_spec(const AttemptForm& form, course::AttemptSpec& out, std::string& error);
// Callers, roles and edges for the current run (cached by version).
const App::Cache& cache(App& app);
// Fills the form's caller and role from the current lesson when it was made for another.
void prepare_form(App& app);

// ---- old commands, mapped onto the new model ----
bool select_lesson(App& app, std::size_t index, std::string& error);  // = open_lesson
bool select_lesson_by_id(App& app, const std::string& id, std::string& error);
bool select_principal(App& app, std::size_t index, std::string& error);  // the index-th caller of the picker
bool set_trust_policy(App& app, const std::string& text, std::string& error);  // edits the first editable trust target
bool reset_trust_policy(App& app, std::string& error);
bool assume(App& app, std::string& error);  // = attempt_form
std::string first_trust_target(const App& app);

// ---- deep links and share links ----
// "lesson=ID&step=N" (N counts from 1, as people do).
std::string location_fragment(const App& app);
// "lesson=ID&step=N&state=S": S carries the action log (see encode_state).
std::string share_fragment(const App& app);
// Opens what a fragment names ("#" optional): lesson, step (a fresh run is
// placed there with LessonRun::at_step), state (the log, replayed).
bool apply_fragment(App& app, const std::string& fragment, std::string& error);
// The state parameter: "b" + base64url(text) or "z" + base64url(lz(text)),
// whichever is shorter; lz is a small LZ77 (see app.cpp). Decoding is bounded
// (1 MiB) and never throws.
std::string encode_state(const std::string& text);
std::optional<std::string> decode_state(const std::string& param);

// ---- accessibility ----
// The last outcome sentence, then the diagram's edges as lines ("alice -> Auditor: allowed").
std::string aria_text(App& app);

// ---- console tab ----
// A world file for the lessons and the sandbox; loaded when first used.
void add_world_file(App& app, const std::string& file, const std::string& text);
// (Re)starts the sandbox world's simulator; false (and the reason in the
// sandbox log and console.load_errors) when the world does not load.
bool select_world(App& app, std::size_t index, std::string& error);
std::string console_run(App& app, const std::string& line);          // sandbox: runs one line, returns the output
// Tab completion of command names and flags: the candidates for the word at the end of `line`.
std::vector<std::string> complete_console(const std::string& line);
// Replaces the last word of `line` by the candidates' common prefix; returns the candidates.
std::vector<std::string> complete_line(std::string& line);

// ---- the policy editor's diff ----
struct DiffLine {
  char kind = ' ';  // ' ', '-', '+'
  std::string text;
};
std::vector<DiffLine> line_diff(const std::string& before, const std::string& after);

// ---- text helpers shared by panels and the test API ----
std::string short_target(const std::string& target);  // "role/Auditor/trust" -> "Auditor trust"
std::string attempt_sentence(const course::AttemptRecord& a);

}  // namespace rolelab::app
