// Lessons are data: JSON files in lessons/ (schema in lessons/README.md).
// This parses one lesson's text; reading files is the front end's job.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/diagnostic.h"
#include "eval/evaluate.h"

namespace rolelab {

struct LessonPrincipal {
  std::string label;  // "alice (same account)"
  std::string arn;
  std::vector<std::string> identity_policies;  // policy JSON texts
};

struct LessonGoal {
  std::size_t principal = 0;  // index into principals
  Decision decision = Decision::Allowed;
};

struct LessonStep {
  std::string text;
  std::vector<LessonGoal> goals;  // all must hold after an assume attempt
};

struct Lesson {
  std::string id, title, intro, source;
  std::string role_arn;
  std::string trust_policy;  // JSON text, pretty-printed, as the learner starts with
  std::vector<LessonPrincipal> principals;
  std::vector<LessonStep> steps;
};

struct LessonParse {
  bool ok = false;
  Lesson lesson;
  Diagnostic error;  // code "InvalidLesson" or "InvalidJson", with path and line:column
};

LessonParse parse_lesson(std::string_view text);

// Pretty-prints a parsed JSON value with two-space indents (for the editor).
std::string pretty_json(const json::Value& v, int indent = 0);

}  // namespace rolelab

namespace rolelab {

// One "Assume role" click: validate the learner's trust policy, then decide
// whether the chosen principal may call sts:AssumeRole on the lesson's role.
struct AssumeAttempt {
  bool policy_ok = false;
  Diagnostics errors;    // trust policy errors (MalformedPolicyDocument, ...)
  Diagnostics warnings;  // Access Analyzer style warnings
  EvalResult result;
  TraceCollector trace;
};

AssumeAttempt attempt_assume(const Lesson& lesson, std::string_view trust_policy_text, std::size_t principal_index);

// Do the goals of a step hold for these per-principal decisions?
bool step_goals_met(const LessonStep& step, const std::vector<std::optional<Decision>>& last_by_principal);

}  // namespace rolelab
