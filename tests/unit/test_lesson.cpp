// Lesson files: the shipped lessons load and can be completed; bad lesson
// files give an error with path and line:column.
#include <doctest/doctest.h>

#include "app.h"
#include "lesson_fixture.h"
#include "course/lesson.h"
#include "test_api.h"

using namespace rolelab;

namespace {

const char* kLesson = test::kTwoStepLesson;

}  // namespace

TEST_CASE("lesson: parses, and the starting policy is pretty-printed for the editor") {
  LessonParse p = parse_lesson(kLesson);
  REQUIRE(p.ok);
  CHECK(p.lesson.principals.size() == 2);
  CHECK(p.lesson.steps[1].goals[0].principal == 1);
  CHECK(p.lesson.trust_policy.find("\n    \"Statement\"") == std::string::npos);
  CHECK(p.lesson.trust_policy.find("\n  \"Statement\": {") != std::string::npos);
}

TEST_CASE("lesson: bad files say where and why") {
  struct Case {
    const char* text;
    const char* path;
    const char* contains;
  } cases[] = {
      {R"({"id": "t", "title": "T", "intro": "I", "role": "arn:aws:iam::111122223333:role/R", "trustPolicy": {}, "principals": [], "extra": 1})",
       "/extra", "Unknown key 'extra'"},
      {R"({"id": 5})", "/id", "must be a string"},
      {R"({"id": "t", "title": "T", "intro": "I", "role": "arn:aws:iam::111122223333:user/R", "trustPolicy": {}, "principals": []})",
       "/role", "IAM role ARN"},
      {R"({"id": "t", "title": "T", "intro": "I", "role": "arn:aws:iam::111122223333:role/R", "trustPolicy": {},
          "principals": [{"label": "a", "arn": "nope"}]})",
       "/principals/0/arn", "neither an ARN"},
      {R"({"id": "t", "title": "T", "intro": "I", "role": "arn:aws:iam::111122223333:role/R", "trustPolicy": {},
          "principals": [{"label": "a", "arn": "111122223333"}], "steps": [{"text": "x", "goals": [{"principal": "z", "decision": "Allowed"}]}]})",
       "/steps/0/goals/0/principal", "not one of the lesson's principals"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    LessonParse p = parse_lesson(c.text);
    REQUIRE_FALSE(p.ok);
    CHECK(p.error.code == "InvalidLesson");
    CHECK(p.error.path == c.path);
    CHECK(p.error.line >= 1);
    CHECK(p.error.message.find(c.contains) != std::string::npos);
  }
  LessonParse bad_json = parse_lesson("{\"id\": ");
  CHECK(bad_json.error.code == "InvalidJson");
}

TEST_CASE("app: commands drive a lesson to the end, edits are kept per lesson") {
  app::App a;
  app::add_lesson_file(a, "t.json", kLesson);
  app::add_lesson_file(a, "bad.json", "{");
  REQUIRE(a.lessons.size() == 1);
  REQUIRE(a.load_errors.size() == 1);
  std::string err;
  REQUIRE(app::assume(a, err));
  CHECK(a.lessons[0].attempt->result.decision == Decision::Allowed);
  CHECK(a.lessons[0].step == 1);
  REQUIRE(app::select_principal(a, 1, err));
  app::assume(a, err);
  CHECK(a.lessons[0].attempt->result.decision == Decision::ImplicitlyDenied);
  CHECK(a.lessons[0].step == 1);
  std::string edited = a.lessons[0].editor;
  edited.replace(edited.find("user/alice"), 10, "user/bob");
  REQUIRE(app::set_trust_policy(a, edited, err));
  app::assume(a, err);
  CHECK(a.lessons[0].attempt->result.decision == Decision::Allowed);
  CHECK(a.lessons[0].step == 2);
  CHECK_FALSE(app::select_principal(a, 7, err));
  CHECK(err == "no principal 7 in this lesson");
}

TEST_CASE("test API: JSON commands and state") {
  app::App a;
  app::add_lesson_file(a, "t.json", kLesson);
  a.ready = true;
  CHECK(app::command_json(a, R"({"cmd": "selectLesson", "id": "t"})") == R"({"ok":true})");
  std::string out = app::command_json(a, R"({"cmd": "assume"})");
  CHECK(out.find("\"decision\":\"Allowed\"") != std::string::npos);
  CHECK(app::command_json(a, R"({"cmd": "setTrustPolicy", "text": "{"})") == R"({"ok":true})");
  out = app::command_json(a, R"({"cmd": "assume"})");
  CHECK(out.find("\"decision\":\"InvalidPolicy\"") != std::string::npos);
  CHECK(out.find("Syntax errors in policy.") != std::string::npos);
  std::string state = app::state_json(a);
  CHECK(state.find("\"ready\":true") != std::string::npos);
  CHECK(state.find("\"currentLesson\":\"t\"") != std::string::npos);
  CHECK(app::command_json(a, "not json").find("\"ok\":false") != std::string::npos);
  CHECK(app::command_json(a, R"({"cmd": "fly"})") == R"({"error":"unknown command 'fly'","ok":false})");
  CHECK(app::command_json(a, R"({"cmd": "selectLesson", "index": 9})").find("no lesson 9") != std::string::npos);
  CHECK(app::command_json(a, R"({"cmd": "forceError"})") == R"({"ok":true})");
  CHECK(a.force_error);
}

TEST_CASE("app: the console tab runs the console over a world") {
  app::App a;
  app::add_world_file(a, "bad.json", "{\"startTime\": 1}");
  REQUIRE(a.console.load_errors.size() == 1);
  app::add_world_file(a, "w.json",
                      R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111111111111": {"users": {"u": {}}}}})");
  REQUIRE(a.console.console);
  std::string out = app::console_run(a, "aws sts get-caller-identity");
  CHECK(out.find("\"Arn\": \"arn:aws:iam::111111111111:user/u\"") != std::string::npos);
  CHECK(a.console.log.find("$ aws sts get-caller-identity") != std::string::npos);
  CHECK(app::command_json(a, R"({"cmd": "consoleRun", "line": "clock advance 1h"})").find("2026-11-28T10:00:00Z") !=
        std::string::npos);
  CHECK(a.tab_request == 1);
  std::string err;
  CHECK_FALSE(app::select_world(a, 5, err));
  CHECK(app::select_world(a, 0, err));
  CHECK(a.console.sim->clock.now() == a.console.sim->world.start_time);  // a restart resets the clock
}
