// The runner's app commands (no ImGui): saved progress (the action log and
// unsaved drafts per lesson, version 2), deep links and share links, the test
// API's commands, console completion and the editor's diff. Whatever the
// stored text holds (it comes from localStorage or a file anyone can edit),
// restoring never throws and never loses the lessons loaded.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "app.h"
#include "progress.h"
#include "test_api.h"

using namespace rolelab;

namespace {

const char* kLesson = R"LESSON({
  "format": 2, "id": "fixture-trust", "title": "Fixture: trust", "track": "Foundations",
  "summary": "S.", "minutes": 5, "references": ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html"],
  "world": "two-accounts.json",
  "editable": ["role/Auditor/trust"],
  "steps": [
    {"title": "Alice", "text": "Assume **Auditor** as `alice`.\n\n- one\n- two\n\n1. [docs](https://docs.aws.amazon.com/)",
     "checks": [{"check": "attempted", "attempt": {"as": "user/alice", "role": "Auditor"}, "outcome": "success"}],
     "hints": ["Use the external id.", "It is audit-2026."],
     "solution": [{"attempt": {"as": "user/alice", "role": "Auditor", "externalId": "audit-2026"}}],
     "questions": [{"id": "q1", "prompt": "Who?", "choices": ["alice", "bob"], "answer": 0, "explanation": "The trust says so."}]},
    {"title": "Dev", "text": "Let dev assume Auditor.", "focus": "policy:role/Auditor/trust",
     "checks": [{"check": "assume", "attempt": {"as": "user/dev", "role": "Auditor"}, "succeeds": true}],
     "solution": [{"edit": "role/Auditor/trust", "policy": {"Version": "2012-10-17", "Statement": [
       {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:ExternalId": "audit-2026"}}},
       {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:user/dev"}, "Action": "sts:AssumeRole"}]}}]}
  ]
})LESSON";

std::string world_text() {
  std::ifstream in(ROLELAB_SOURCE_DIR "/worlds/two-accounts.json", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

app::App fresh() {
  app::App a;
  app::add_world_file(a, "two-accounts.json", world_text());
  app::add_lesson_file(a, "t.json", kLesson);
  for (const std::string& e : a.load_errors) MESSAGE(e);
  REQUIRE(a.lessons.size() == 1);
  return a;
}

const char* kTrustWithDev = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:user/dev"}, "Action": "sts:AssumeRole"}]})";

}  // namespace

TEST_CASE("progress: a round trip keeps the action log, the step and an unsaved draft") {
  app::App a = fresh();
  std::string err;
  REQUIRE(app::open_lesson(a, 0, err));
  REQUIRE(app::apply_solution(a, err));
  CHECK(a.run()->step_done(0));
  REQUIRE(app::goto_step(a, 1, err));
  REQUIRE(app::set_draft(a, "role/Auditor/trust", "{ \"half\": \"typed"));  // work in progress, not valid JSON
  a.tab = app::kTabConsole;
  const std::string saved = app::progress_json(a);
  CHECK(saved.find("\"version\":2") != std::string::npos);

  app::App b = fresh();
  std::string note;
  REQUIRE(app::restore_progress(b, saved, note));
  CHECK(note.empty());
  REQUIRE(b.run());
  CHECK(b.run()->step() == 1);
  CHECK(b.run()->step_done(0));
  CHECK(b.run()->attempts().size() == 1);
  CHECK(b.run()->draft("role/Auditor/trust")->text == "{ \"half\": \"typed");
  CHECK(b.tab_request == app::kTabConsole);
  CHECK(app::progress_json(b) == saved);
}

TEST_CASE("progress: damaged, foreign or old saved progress is skipped with a note, never thrown") {
  struct Case {
    std::string text;
    bool usable;
    const char* note;
  };
  const Case cases[] = {
      {"", false, "not readable JSON"},
      {"{\"version\": 2, \"lessons\": {", false, "not readable JSON"},
      {"[1, 2]", false, "version 2"},
      {"{\"version\": 1, \"lessons\": {\"fixture-trust\": {\"editor\": \"x\"}}}", false, "older RoleLab (version 1)"},
      {"{\"version\": 3, \"lessons\": {}}", false, "version 2"},
      {"{\"version\": 2, \"lessons\": {\"fixture-trust\": {\"log\": 5}}}", false, "1 saved lesson(s) skipped"},
      {"{\"version\": 2, \"lessons\": {\"gone\": {\"log\": \"x\"}}}", false, "1 saved lesson(s) skipped"},
      {"{\"version\": 2, \"lessons\": {\"fixture-trust\": {\"log\": \"\xff\"}}}", false, "not readable JSON"},
      {std::string(100000, '['), false, "not readable JSON"},
  };
  for (const Case& c : cases) {
    INFO(c.text.substr(0, 80));
    app::App a = fresh();
    std::string note;
    CHECK(app::restore_progress(a, c.text, note) == c.usable);
    CHECK(note.find(c.note) != std::string::npos);
    CHECK(a.lessons[0].pending_log.empty());  // nothing half-applied
  }
  // A log that does not apply: the lesson opens fresh, with a note in load_errors.
  app::App a = fresh();
  std::string note;
  CHECK(app::restore_progress(
      a, R"({"version": 2, "tab": 7, "currentLesson": "fixture-trust", "lessons": {"fixture-trust": {"log": "{\"nonsense\": 1}", "drafts": {"role/Nope/trust": "x"}}}})",
      note));
  REQUIRE(a.run());
  CHECK(a.run()->log().empty());
  CHECK(a.tab_request == -1);
  CHECK(!a.load_errors.empty());
  // What RoleLab saves, it reads back the same.
  const std::string saved = app::progress_json(a);
  app::App b = fresh();
  CHECK(app::restore_progress(b, saved, note));
  CHECK(app::progress_json(b) == saved);
}

TEST_CASE("links: deep links open a step, share links carry the log") {
  app::App a = fresh();
  std::string err;
  REQUIRE(app::apply_fragment(a, "#lesson=fixture-trust&step=2", err));
  REQUIRE(a.run());
  CHECK(a.run()->step() == 1);
  CHECK(a.run()->step_done(0));  // at_step applied step 1's solution
  CHECK(app::location_fragment(a) == "lesson=fixture-trust&step=2");
  CHECK_FALSE(app::apply_fragment(a, "lesson=nope", err));
  CHECK_FALSE(app::apply_fragment(a, "lesson=fixture-trust&step=9", err));
  CHECK_FALSE(app::apply_fragment(a, "lesson=fixture-trust&state=z!!!", err));

  REQUIRE(app::edit_policy(a, "role/Auditor/trust", kTrustWithDev, err));
  const std::string share = app::share_fragment(a);
  CHECK(share.find("&state=") != std::string::npos);
  app::App b = fresh();
  REQUIRE(app::apply_fragment(b, share, err));
  CHECK(b.run()->log_json() == a.run()->log_json());
  CHECK(b.run()->draft("role/Auditor/trust")->saved == a.run()->draft("role/Auditor/trust")->saved);

  // The state encoding: short texts as base64url, repetitive ones compressed; both decode back.
  for (const std::string& t : {std::string(), std::string("{\"a\":1}"), a.run()->log_json(), std::string(5000, 'x') + "yz"}) {
    std::string enc = app::encode_state(t);
    CHECK(enc.find_first_of("+/=&#") == std::string::npos);
    auto dec = app::decode_state(enc);
    REQUIRE(dec);
    CHECK(*dec == t);
  }
  CHECK(app::encode_state(std::string(5000, 'x'))[0] == 'z');
  CHECK(app::encode_state(std::string(5000, 'x')).size() < 300);
  CHECK_FALSE(app::decode_state("q123"));
  CHECK_FALSE(app::decode_state("z" + std::string(10, '_')));
}

TEST_CASE("test API: lessons, steps, solution, edit, attempt, console, clock, presenter, answer") {
  app::App a = fresh();
  auto cmd = [&](const std::string& j) {
    nlohmann::json r = nlohmann::json::parse(app::command_json(a, j));
    INFO(j << " -> " << r.dump());
    return r;
  };
  CHECK(cmd(R"({"cmd":"openLesson","id":"fixture-trust"})")["ok"] == true);
  nlohmann::json s = nlohmann::json::parse(app::state_json(a));
  CHECK(s["lessons"][0]["id"] == "fixture-trust");
  CHECK(s["lessons"][0]["track"] == "Foundations");
  CHECK(s["lessons"][0]["minutes"] == 5);
  CHECK(s["lessons"][0]["steps"] == 2);
  CHECK(s["lesson"] == "fixture-trust");
  CHECK(s["stepCount"] == 2);
  CHECK(s["stepsDone"] == 0);
  CHECK(s["lessonDone"] == false);
  CHECK(s["checks"].size() == 1);
  CHECK(s["checks"][0]["passed"] == false);
  // A failed attempt (no external id) then the one that works.
  nlohmann::json r = cmd(R"({"cmd":"attempt","as":"user/alice","role":"Auditor"})");
  CHECK(r["ok"] == true);
  CHECK(r["attempt"]["ok"] == false);
  CHECK(r["attempt"]["code"] == "AccessDenied");
  CHECK(app::aria_text(a).rfind("Assume role Auditor as alice: AccessDenied", 0) == 0);
  r = cmd(R"({"cmd":"attempt","attempt":{"as":"user/alice","role":"Auditor","externalId":"audit-2026"}})");
  CHECK(r["attempt"]["ok"] == true);
  CHECK(r["stepDone"] == true);
  CHECK(cmd(R"({"cmd":"attempt","as":5,"role":"Auditor"})")["ok"] == false);
  CHECK(cmd(R"({"cmd":"answer","question":"q1","choice":0})")["ok"] == true);
  CHECK(cmd(R"({"cmd":"answer","question":"q1","choice":9})")["ok"] == false);
  CHECK(cmd(R"({"cmd":"gotoStep","step":1})")["ok"] == true);
  CHECK(cmd(R"({"cmd":"gotoStep","step":5})")["ok"] == false);
  // An invalid edit stays in the editor with the engine's diagnostics.
  r = cmd(R"({"cmd":"editPolicy","target":"role/Auditor/trust","text":"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Resource\": \"*\"}]}"})");
  CHECK(r["ok"] == false);
  CHECK(!r["errors"].empty());
  CHECK(cmd(std::string(R"({"cmd":"editPolicy","target":"role/Auditor/trust","text":)") + nlohmann::json(kTrustWithDev).dump() + "}")["ok"] == true);
  s = nlohmann::json::parse(app::state_json(a));
  CHECK(s["stepsDone"] == 2);
  CHECK(s["lessonDone"] == true);
  // Console, clock, presenter, the old commands.
  r = cmd(R"({"cmd":"console","line":"aws sts get-caller-identity"})");
  CHECK(r["ok"] == true);
  CHECK(r["output"].get<std::string>().find("Arn") != std::string::npos);
  CHECK(cmd(R"({"cmd":"advanceClock","seconds":7200})")["ok"] == true);
  s = nlohmann::json::parse(app::state_json(a));
  CHECK(s["sessions"][0]["expired"] == true);
  CHECK(cmd(R"({"cmd":"setPresenter","on":true})")["ok"] == true);
  CHECK(a.presenter);
  CHECK(a.scale >= 1.5f);
  CHECK(cmd(R"({"cmd":"selectPrincipal","index":0})")["ok"] == true);
  CHECK(cmd(R"({"cmd":"assume"})")["ok"] == true);
  CHECK(cmd(R"({"cmd":"resetTrustPolicy"})")["ok"] == true);
  CHECK(cmd(R"({"cmd":"showTab","index":1})")["ok"] == true);
  CHECK(a.tab_request == app::kTabConsole);
  CHECK(cmd(R"({"cmd":"consoleRun","line":"whoami"})")["ok"] == true);
  CHECK(cmd(R"({"cmd":"resetStep"})")["ok"] == true);
  CHECK(cmd(R"({"cmd":"applySolution"})")["ok"] == true);
  CHECK(cmd(R"({"cmd":"nope"})")["ok"] == false);
  CHECK(cmd("not json")["ok"] == false);
  // A broken custom lesson: its errors in the app and in the state.
  r = cmd(R"({"cmd":"openLessonText","name":"mine.json","text":"{\"format\": 2}"})");
  CHECK(r["ok"] == false);
  s = nlohmann::json::parse(app::state_json(a));
  CHECK(!s["lessonErrors"].empty());
  CHECK(!s["errors"].empty());
}

TEST_CASE("console completion and the editor's diff") {
  CHECK(app::complete_console("aws st") == std::vector<std::string>{"sts"});
  CHECK(app::complete_console("aws sts get-").size() == 2);
  std::string line = "aws sts assume-role --role-a";
  CHECK(app::complete_line(line).size() == 1);
  CHECK(line == "aws sts assume-role --role-arn ");
  line = "wh";
  app::complete_line(line);
  CHECK(line == "whoami ");
  auto d = app::line_diff("a\nb\nc\n", "a\nB\nc\nd\n");
  std::string kinds;
  for (const auto& l : d) kinds += l.kind;
  CHECK(kinds == " -+ +");
}

TEST_CASE("progress: opening a lesson is not an edit (a policy not created yet starts from a template)") {
  // Lesson 02 lets the learner write carol's inline policy, which does not exist
  // yet: its editor starts from an empty template. Saving right after opening
  // must record nothing for it, and what is saved reads back to the same text.
  std::ifstream in(ROLELAB_SOURCE_DIR "/lessons/02-trust-vs-permissions.json", std::ios::binary);
  std::stringstream lesson;
  lesson << in.rdbuf();
  app::App a;
  app::add_lesson_file(a, "02.json", lesson.str());
  REQUIRE(a.lessons.size() == 1);
  std::string err;
  REQUIRE(app::open_lesson(a, 0, err));
  const course::PolicyDraft* d = a.run()->draft("user/carol/inline/AssumeAuditor");
  REQUIRE(d);
  CHECK(d->saved.empty());
  CHECK(d->text == d->original);
  const std::string saved = app::progress_json(a);
  CHECK(saved.find("AssumeAuditor") == std::string::npos);
  app::App b;
  app::add_lesson_file(b, "02.json", lesson.str());
  std::string note;
  (void)app::restore_progress(b, saved, note);
  CHECK(app::progress_json(b) == saved);
  // A real edit of that template is kept.
  REQUIRE(app::set_draft(b, "user/carol/inline/AssumeAuditor", "{\"Version\": \"2012-10-17\", \"Statement\": [{}]}"));
  CHECK(app::progress_json(b).find("AssumeAuditor") != std::string::npos);
}
