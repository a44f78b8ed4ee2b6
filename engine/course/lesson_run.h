// One learner's run of a lesson: the lesson's world under the STS simulator
// and the console, the policies being edited, the attempts made, and the
// checks of every step decided on that state. The runner's panels, the
// browser test API, `lessons verify` and `lessons play` all drive a lesson
// through these commands, so a solution is applied exactly as a click is.
//
// Everything the learner did is kept as an action log; the state is a pure
// function of (lesson, log), which is how progress is saved and restored,
// how a share link carries a class's state, and how a step is reset.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "console/console.h"
#include "course/lesson.h"
#include "eval/analysis.h"
#include "sts/sts.h"

namespace rolelab::course {

// A policy the lesson lets the learner edit.
struct PolicyDraft {
  std::string target;    // role/Auditor/trust, ...
  std::string title;     // "Trust policy of role Auditor (222222222222)"
  PolicyKind kind = PolicyKind::Identity;
  std::string original;  // the lesson's text
  std::string text;      // the editor's text
  std::string saved;     // what the world holds now (empty: not created yet)
  Diagnostics errors, warnings;  // of `text`
  bool read_only = false;
  std::string read_only_reason;
  bool dirty() const { return text != saved; }
};

struct AttemptRecord {
  AttemptSpec spec;
  std::size_t step = 0;
  TimeMs at = 0;
  bool ok = false;
  std::string code, message, cause;  // on failure (cause: the classic cause, or empty)
  std::string caller_arn, role_arn;
  nlohmann::ordered_json output;  // on success: the API's JSON (Credentials, AssumedRoleUser, ...)
  std::optional<Authorization> auth;  // the decision behind it, for the explanation trace
};

struct ConsoleRecord {
  std::size_t step = 0;
  std::string line, output;
  std::string code;       // the AWS error code when it failed ("An error occurred (CODE) ...")
  std::string operation;  // the operation named in an error, or derived from the command
  bool failed = false;
};

struct CheckResult {
  bool passed = false;
  std::string label;   // the checklist line
  std::string detail;  // what holds now (why it does not pass yet)
};

struct ActionResult {
  bool ok = false;
  std::string message;  // what the learner should read (error, outcome, console output)
};

class LessonRun {
 public:
  // The lesson must have parsed (its world loads).
  explicit LessonRun(const Lesson& lesson, std::uint64_t seed = 1);

  const Lesson& lesson() const { return lesson_; }
  Simulator& sim() { return *sim_; }
  const Simulator& sim() const { return *sim_; }
  Console& console() { return *console_; }

  // ---- actions (each is appended to the log) ----
  ActionResult apply(const Action& a);
  // Keeps the text in the editor; saves it into the world when it is valid.
  ActionResult edit(const std::string& target, const std::string& text);
  ActionResult attempt(const AttemptSpec& spec);
  ActionResult console_line(const std::string& line);
  ActionResult advance_clock(long long seconds);
  ActionResult answer(const std::string& question, std::size_t choice);

  // ---- editor-only changes (not saved into the world, not logged) ----
  void set_draft(const std::string& target, const std::string& text);  // live validation while typing
  void reset_draft(const std::string& target);                          // back to the lesson's original (then save it)

  // ---- steps ----
  std::size_t step() const { return step_; }
  bool goto_step(std::size_t n);        // keeps the world as it is
  const std::vector<CheckResult>& checks() const { return checks_; }  // of the current step, fresh after every action
  bool step_done(std::size_t n) const { return n < done_.size() && done_[n]; }
  bool lesson_done() const;
  std::size_t steps_done() const;
  // Re-evaluates the current step's checks (done after every action; public for clock ticks).
  void evaluate();
  std::vector<CheckResult> evaluate_step(std::size_t n);  // any step, on the current state

  // ---- what the panels show ----
  std::vector<PolicyDraft>& drafts() { return drafts_; }
  PolicyDraft* draft(const std::string& target);
  const std::vector<AttemptRecord>& attempts() const { return attempts_; }
  const std::vector<ConsoleRecord>& console_log() const { return console_log_; }
  const std::map<std::string, std::size_t>& answers() const { return answers_; }
  const AssumeGraph& graph();  // who-can-assume on the current world (recomputed after a change)
  // The goal edges of the current step (principal ARN or host, role ARN), for the diagram.
  std::vector<std::pair<std::string, std::string>> goal_edges();
  std::uint64_t version() const { return version_; }  // bumps on every change of state

  // ---- the log ----
  const std::vector<Action>& log() const { return log_; }
  std::string log_json() const;  // {"step": N, "actions": [...]} with step markers
  // A run rebuilt from a saved log (false with `error` when the log does not apply).
  static std::unique_ptr<LessonRun> replay(const Lesson& lesson, const std::string& log_json, std::string& error);
  // A fresh run placed at step n: the solutions of steps 0..n-1 applied (deep links).
  static std::unique_ptr<LessonRun> at_step(const Lesson& lesson, std::size_t n);
  // Back to the state this step started in (the log up to where it was entered).
  static std::unique_ptr<LessonRun> reset_step(const LessonRun& run);

  // Resolves principals and roles named in a lesson (nullptr / empty when unknown).
  const Role* find_role(const std::string& name_or_arn) const;
  std::string principal_arn(const std::string& principal) const;

 private:
  void changed();
  bool resolve_caller(Simulator& sim, const std::string& principal, Caller& out, std::string& error) const;
  AttemptRecord run_attempt(Simulator& sim, const AttemptSpec& spec) const;
  AttemptRecord console_attempt(const ConsoleRecord& c, const std::string& caller) const;
  CheckResult run_check(const Check& c);
  std::string check_label(const Check& c) const;
  bool save_policy(PolicyDraft& d, std::string& error);

  Lesson lesson_;
  std::uint64_t seed_;
  std::unique_ptr<Simulator> sim_;
  std::unique_ptr<Console> console_;
  std::vector<PolicyDraft> drafts_;
  std::vector<AttemptRecord> attempts_;
  std::vector<ConsoleRecord> console_log_;
  std::map<std::string, std::size_t> answers_;  // question id -> choice
  std::vector<Action> log_;
  std::vector<std::size_t> step_marks_;  // step_marks_[n]: log size when step n was last entered (npos: never)
  std::size_t step_ = 0;
  std::size_t step_events_ = 0;  // events before the current step began
  std::vector<bool> done_;
  std::vector<CheckResult> checks_;
  std::optional<AssumeGraph> graph_;
  std::uint64_t version_ = 0;
};

// Policy targets (role/NAME/trust, ...): where one lives in a world.
struct TargetRef {
  bool ok = false;
  std::string error;  // why it does not resolve
  PolicyKind kind = PolicyKind::Identity;
  std::string account, title;
  NamedPolicy* policy = nullptr;  // nullptr: an inline policy not created yet (or an SCP's slot)
  bool read_only = false;
  std::string read_only_reason;
};
TargetRef resolve_target(World& w, const std::string& target);
// Saves a parsed policy at a target (creating an inline policy when needed).
bool store_policy(World& w, const std::string& target, const std::string& text, Policy policy, std::string& error);

}  // namespace rolelab::course
