// Lessons are data (format 2, lessons/README.md): a world, the policies the
// learner may edit, and steps whose checks are decided on the state of the
// simulated world. This file holds the model and its parser; reading files is
// the front end's job (a resolver hands over world files named by a lesson).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/diagnostic.h"
#include "json/json.h"

namespace rolelab {
struct World;
}

namespace rolelab::course {

inline constexpr std::size_t kMaxLessonBytes = 1u << 20;

// An assume attempt: the attempt panel, solutions, checks.
struct AttemptSpec {
  std::string api = "AssumeRole";  // AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML
  std::string as;                  // principal (user/NAME, session/NAME, service/HOST, ARN); empty for federation
  std::string role;                // name (optionally ACCOUNT:NAME) or ARN
  std::string session_name = "rolelab";
  std::optional<long long> duration_seconds;
  std::optional<std::string> external_id;
  bool mfa = false;
  std::optional<std::string> policy;  // session policy text
  std::vector<std::string> policy_arns;
  std::vector<std::pair<std::string, std::string>> tags;
  std::vector<std::string> transitive_tag_keys;
  std::optional<std::string> source_identity;
  std::optional<std::string> token;      // web identity: the claims as JSON text
  std::string provider;                  // SAML provider name or ARN
  std::optional<std::string> assertion;  // SAML: the simulated assertion as JSON text
  std::string source_arn, source_account;  // a service's attempt: aws:SourceArn / aws:SourceAccount it sends
  // Which keys were given (an "attempted" filter matches only on these).
  bool has_as = false, has_role = false, has_api = false;
};

// One thing a learner (or a solution) does.
struct Action {
  enum class Kind { Edit, Attempt, Console, AdvanceClock, Answer, GotoStep };  // GotoStep: in logs only
  Kind kind = Kind::Console;
  std::string target;  // Edit: the policy target
  std::string text;    // Edit: the policy text; Console: the line; Answer: the question id
  long long number = 0;  // AdvanceClock: seconds; Answer: the choice; GotoStep: the step
  AttemptSpec attempt;
  json::Pos pos;     // where it was written (lesson files)
  std::string path;  // its JSON pointer
};

// The JSON form of an action ({"edit": ..., "policy": ...}), as lessons and the test API write it.
std::string to_json_text(const Action& a);

struct Check {
  std::string type;  // assume, attempted, allowed, session, console, policyValid, edge, answered, event, uses, exists
  std::string label;
  AttemptSpec attempt;                  // assume, attempted (as a filter)
  bool succeeds = true;                 // assume, console
  std::string code, cause, operation;   // assume (fails), attempted, console
  std::string command;                  // console: only lines starting with this count
  bool outcome_success = true;          // attempted
  std::string as, action, resource;     // allowed
  std::vector<std::pair<std::string, std::string>> context;  // allowed
  bool expect = true;                   // allowed, exists
  std::string session, state;           // session (active/expired); edge (allowed/conditional/none)
  std::string target;                   // policyValid
  std::string from, role;               // edge; uses; exists
  std::string question;                 // answered
  std::string event_name, error_code;   // event
  std::string instance, function;       // uses
  json::Pos pos;
  std::string path;
};

struct Question {
  std::string id, prompt, explanation;
  std::vector<std::string> choices;
  std::size_t answer = 0;
};

struct Step {
  std::string title, text, focus;
  std::vector<Check> checks;
  std::vector<std::string> hints;
  std::vector<Action> solution;
  std::vector<Question> questions;
};

struct Lesson {
  std::string id, title, track, summary;
  int minutes = 0;
  std::vector<std::string> prerequisites, references;
  std::string world_text;  // the world, as JSON text (inline, or the named file's contents)
  std::string world_file;  // the file name when given by name
  std::vector<std::string> editable;
  std::vector<Step> steps;
  std::vector<std::string> expected_findings;  // issue codes the shipped policies raise on purpose (lessons verify)
};

struct LessonParse {
  bool ok = false;
  Lesson lesson;
  Diagnostic error;  // InvalidLesson / InvalidJson / InvalidWorld, with path and line:column
};

// Returns a world file's text for a name like "two-accounts.json", or nothing.
using WorldResolver = std::function<std::optional<std::string>(const std::string& name)>;

// Parses and validates a lesson: its schema, its world (loaded), and that
// every name a check, an action or an editable target uses exists.
LessonParse parse_lesson(std::string_view text, const WorldResolver& resolve_world = {});

// One action in its JSON form (lesson solutions, the test API, saved logs),
// checked against a lesson and the world it runs on.
bool parse_action(const Lesson& lesson, const World& world, const json::Value& v, Action& out, Diagnostic& error);

// A question by id, or nullptr.
const Question* find_question(const Lesson& l, const std::string& id);

}  // namespace rolelab::course
