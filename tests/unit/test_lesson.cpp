// Lesson format 2 (engine/course): validation errors with their location,
// checks decided on the world, the action log, and the proof of `lessons verify`.
#include <doctest/doctest.h>

#include <string>

#include "course/lesson.h"
#include "course/lesson_run.h"
#include "course/markdown.h"
#include "course/verify.h"
#include "lesson_fixture.h"

using namespace rolelab;
using namespace rolelab::course;

namespace {

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto p = s.find(from);
  REQUIRE_MESSAGE(p != std::string::npos, from);
  return s.replace(p, from.size(), to);
}

Lesson fixture() {
  LessonParse p = parse_lesson(test::kTwoStepLesson);
  REQUIRE_MESSAGE(p.ok, to_string(p.error));
  return p.lesson;
}

Action parse(const Lesson& l, const World& w, const std::string& text) {
  json::ParseResult r = json::parse(text);
  REQUIRE(r.ok);
  Action a;
  Diagnostic d;
  REQUIRE_MESSAGE(parse_action(l, w, r.value, a, d), d.message);
  return a;
}

}  // namespace

TEST_CASE("lesson: the fixture parses, and verify proves it") {
  Lesson l = fixture();
  CHECK(l.steps.size() == 2);
  CHECK(l.editable == std::vector<std::string>{"role/Auditor/trust"});
  LessonProof p = verify_lesson(l);
  CHECK(p.ok);
}

TEST_CASE("lesson: expectedFindings lists the policy-check issue codes its world raises on purpose") {
  LessonParse none = parse_lesson(test::kTwoStepLesson);
  REQUIRE(none.ok);
  CHECK(none.lesson.expected_findings.empty());
  LessonParse some = parse_lesson(replace(test::kTwoStepLesson, "\"format\": 2,",
                                          "\"format\": 2, \"expectedFindings\": [\"PASS_ROLE_WITH_STAR_IN_RESOURCE\"],"));
  REQUIRE_MESSAGE(some.ok, some.error.message);
  CHECK(some.lesson.expected_findings == std::vector<std::string>{"PASS_ROLE_WITH_STAR_IN_RESOURCE"});
}

TEST_CASE("lesson: bad files say where and why") {
  const std::string ok = test::kTwoStepLesson;
  struct Case {
    std::string text;
    const char* path;
    const char* contains;
  } cases[] = {
      {replace(ok, "\"format\": 2,", "\"format\": 2, \"extra\": 1,"), "/extra", "Unknown key 'extra'"},
      {replace(ok, "\"format\": 2", "\"format\": 1"), "/format", "format 2"},
      {replace(ok, "\"id\": \"t\"", "\"id\": \"T T\""), "/id", "a-z, 0-9"},
      {replace(ok, "\"minutes\": 5", "\"minutes\": 0"), "/minutes", "1 to 120"},
      {replace(ok, "\"https://docs.aws", "\"http://docs.aws"), "/references/0", "https://"},
      {replace(ok, "\"users\": {\"alice\": {}", "\"users\": {\"alice\": {\"mfa\": 3}"), "/world/accounts/111122223333/users/alice/mfa",
       "must be a boolean"},
      {replace(ok, "\"editable\": [\"role/Auditor/trust\"]", "\"editable\": [\"role/Nobody/trust\"]"), "/editable/0", "no role named 'Nobody'"},
      {replace(ok, "\"editable\": [\"role/Auditor/trust\"]", "\"editable\": [\"role/Auditor/truss\"]"), "/editable/0", "write role/NAME/"},
      {replace(ok, "\"attempt\": {\"as\": \"user/alice\", \"role\": \"Auditor\"}, \"outcome\"",
               "\"attempt\": {\"as\": \"user/alice\", \"role\": \"Audit\"}, \"outcome\""),
       "/steps/0/checks/0/attempt/role", "no role named 'Audit'"},
      {replace(ok, "\"attempt\": {\"as\": \"user/bob\", \"role\": \"Auditor\"}, \"succeeds\"",
               "\"attempt\": {\"as\": \"user/zed\", \"role\": \"Auditor\"}, \"succeeds\""),
       "/steps/1/checks/0/attempt/as", "no user named 'zed'"},
      {replace(ok, "{\"check\": \"assume\"", "{\"check\": \"session\", \"session\": \"nope\", \"state\": \"active\"}, {\"check\": \"assume\""),
       "/steps/1/checks/0/session", "session named 'nope'"},
      {replace(ok, "{\"check\": \"assume\"", "{\"check\": \"answered\", \"question\": \"q9\"}, {\"check\": \"assume\""),
       "/steps/1/checks/0/question", "No question 'q9'"},
      {replace(ok, "{\"check\": \"assume\"", "{\"check\": \"teleport\"}, {\"check\": \"assume\""), "/steps/1/checks/0/check", "Unknown check"},
      {replace(ok, "\"edit\": \"role/Auditor/trust\"", "\"edit\": \"user/alice/inline/X\""), "/steps/1/solution/0/edit",
       "not in the lesson's 'editable' list"},
      {replace(ok, "\"text\": \"Let bob in.\",", "\"text\": \"Let bob in.\", \"focus\": \"galaxy\","), "/steps/1/focus", "'focus' is"},
      {replace(ok, "\"hints\": [\"Press Assume role.\"],",
               "\"hints\": [\"Press Assume role.\"], \"questions\": [{\"id\": \"q\", \"prompt\": \"p\", \"choices\": [\"a\", \"b\"], \"answer\": 2, \"explanation\": \"e\"}],"),
       "/steps/0/questions/0/answer", "index of the right choice"},
      {replace(ok, "{\"check\": \"assume\"", "{\"check\": \"allowed\", \"as\": \"user/alice\", \"action\": \"GetObject\", \"resource\": \"*\"}, {\"check\": \"assume\""),
       "/steps/1/checks/0/action", "SERVICE:Action"},
      {replace(ok, "\"solution\": [{\"attempt\"", "\"solution\": [], \"x\": [{\"attempt\""), "/steps/0/x", "Unknown key"},
      {replace(ok, "\"format\": 2,", "\"format\": 2, \"expectedFindings\": [\"PASS_ROLE_WITH_STAR_IN_RESOURCE\", \"pass-role\"],"),
       "/expectedFindings/1", "UPPER_SNAKE_CASE"},
      {replace(ok, "\"format\": 2,", "\"format\": 2, \"expectedFindings\": \"PASS_ROLE_WITH_STAR_IN_RESOURCE\","),
       "/expectedFindings", "array"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    LessonParse p = parse_lesson(c.text);
    REQUIRE_FALSE(p.ok);
    CHECK(p.error.path == c.path);
    CHECK(p.error.line >= 1);
    CHECK(p.error.column >= 1);
    CHECK_MESSAGE(p.error.message.find(c.contains) != std::string::npos, p.error.message);
  }
}

TEST_CASE("lesson: a world named by file is resolved by the front end, and a missing one is an error") {
  const std::string ok = test::kTwoStepLesson;
  const auto a = ok.find("\"world\": {");
  const auto b = ok.find("\"editable\"");
  const std::string world = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111122223333": {
    "users": {"alice": {}, "bob": {}}, "roles": {"Auditor": {"trustPolicy": {"Version": "2012-10-17", "Statement": []}}}}}})";
  const std::string by_name = ok.substr(0, a) + "\"world\": \"w.json\",\n  " + ok.substr(b);
  LessonParse missing = parse_lesson(by_name);
  REQUIRE_FALSE(missing.ok);
  CHECK(missing.error.path == "/world");
  CHECK(missing.error.message.find("'w.json' was not found") != std::string::npos);
  LessonParse found = parse_lesson(by_name, [&](const std::string& n) -> std::optional<std::string> {
    if (n == "w.json") return world;
    return std::nullopt;
  });
  CHECK_MESSAGE(found.ok, to_string(found.error));
  CHECK(found.lesson.world_file == "w.json");
  LessonParse broken = parse_lesson(by_name, [](const std::string&) -> std::optional<std::string> { return "{\"startTime\": 1}"; });
  REQUIRE_FALSE(broken.ok);
  CHECK_MESSAGE(broken.error.message.find("In world file w.json (line 1, column ") == 0, broken.error.message);
}

TEST_CASE("lesson run: checks follow the world, and any correct fix passes") {
  Lesson l = fixture();
  LessonRun run(l);
  REQUIRE(run.checks().size() == 1);
  CHECK_FALSE(run.checks()[0].passed);
  // bob's attempt does not count for alice's step.
  run.attempt(parse(l, run.sim().world, R"({"attempt": {"as": "user/bob", "role": "Auditor"}})").attempt);
  CHECK_FALSE(run.checks()[0].passed);
  CHECK(run.attempts().back().cause == "trust relationship");
  CHECK(run.attempts().back().code == "AccessDenied");
  run.attempt(parse(l, run.sim().world, R"({"attempt": {"as": "user/alice", "role": "Auditor"}})").attempt);
  CHECK(run.checks()[0].passed);
  CHECK(run.step_done(0));
  REQUIRE(run.goto_step(1));
  CHECK_FALSE(run.checks()[0].passed);
  // A different fix from the reference one: trust the account, whose identity policies... bob has none,
  // so the account alone is not enough (same account, account principal delegates to IAM).
  ActionResult r = run.edit("role/Auditor/trust", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]})");
  CHECK(r.ok);
  CHECK_FALSE(run.checks()[0].passed);
  // Naming bob in a second statement works as well as the reference solution.
  r = run.edit("role/Auditor/trust", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"},
      {"Sid": "Bob", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "sts:AssumeRole"}]})");
  CHECK(r.ok);
  CHECK(run.checks()[0].passed);
  CHECK(run.lesson_done());
}

TEST_CASE("lesson run: an invalid edit stays in the editor and the world keeps the last valid policy") {
  Lesson l = fixture();
  LessonRun run(l);
  const std::string before = run.draft("role/Auditor/trust")->saved;
  ActionResult r = run.edit("role/Auditor/trust", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "sts:AssumeRole", "Resource": "*"}]})");
  CHECK_FALSE(r.ok);
  CHECK(r.message.find("MalformedPolicyDocument") != std::string::npos);
  const PolicyDraft* d = run.draft("role/Auditor/trust");
  CHECK(d->dirty());
  CHECK(d->saved == before);
  REQUIRE_FALSE(d->errors.empty());
  CHECK(d->errors.front().line == 2);
  CHECK(run.edit("role/Nope/trust", "{}").ok == false);
  // IAM resolves every principal when it saves: a user that does not exist is refused, with where it stands.
  r = run.edit("role/Auditor/trust", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/zed"]}, "Action": "sts:AssumeRole"}]})");
  CHECK_FALSE(r.ok);
  REQUIRE_FALSE(d->errors.empty());
  CHECK(d->errors.front().message == "Invalid principal in policy: \"AWS\":\"arn:aws:iam::111122223333:user/zed\"");
  CHECK(d->errors.front().path == "/Statement/0/Principal/AWS/1");
  CHECK(d->errors.front().line == 2);
  CHECK(d->saved == before);
  // Another account's principals cannot be known: accepted, as IAM would if that account had them.
  CHECK(run.edit("role/Auditor/trust", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::999988887777:user/zed"}, "Action": "sts:AssumeRole"}]})").ok);
}

TEST_CASE("lesson run: the log replays to the same state; reset goes back to the step's start") {
  Lesson l = fixture();
  LessonRun run(l);
  for (const Action& a : l.steps[0].solution) run.apply(a);
  run.goto_step(1);
  run.edit("role/Auditor/trust", "{ not json");
  std::string error;
  auto copy = LessonRun::replay(l, run.log_json(), error);
  REQUIRE_MESSAGE(copy, error);
  CHECK(copy->step() == 1);
  CHECK(copy->step_done(0));
  CHECK(copy->draft("role/Auditor/trust")->text == "{ not json");
  CHECK(copy->sim().sessions.size() == run.sim().sessions.size());
  CHECK(copy->sim().sessions[0].access_key_id == run.sim().sessions[0].access_key_id);
  auto reset = LessonRun::reset_step(*copy);
  CHECK(reset->step() == 1);
  CHECK(reset->step_done(0));
  CHECK_FALSE(reset->draft("role/Auditor/trust")->dirty());
  CHECK_FALSE(LessonRun::replay(l, "{\"actions\": [{\"fly\": 1}]}", error));
  CHECK(error.find("action 1") != std::string::npos);
  auto at = LessonRun::at_step(l, 1);
  CHECK(at->step() == 1);
  CHECK(at->step_done(0));
}

TEST_CASE("verify: a solution that does not solve its step, and a step already solved, are both rejected") {
  // Step 2's solution edits nothing useful: the check still fails.
  std::string broken = replace(test::kTwoStepLesson, "\"arn:aws:iam::111122223333:user/bob\"]", "\"arn:aws:iam::111122223333:root\"]");
  LessonParse p = parse_lesson(broken);
  REQUIRE_MESSAGE(p.ok, to_string(p.error));
  LessonProof proof = verify_lesson(p.lesson);
  CHECK_FALSE(proof.ok);
  REQUIRE(proof.steps.size() == 2);
  CHECK(proof.steps[0].ok);
  REQUIRE_FALSE(proof.steps[1].ok);
  CHECK(proof.steps[1].problems[0].find("check 1 (user/bob can assume Auditor") != std::string::npos);
  CHECK(proof.steps[1].problems[0].find("does not pass after the solution") != std::string::npos);
  // A step whose check already holds at its start: nothing for the learner to do.
  std::string trivial = replace(test::kTwoStepLesson, "{\"check\": \"assume\", \"attempt\": {\"as\": \"user/bob\"",
                                "{\"check\": \"assume\", \"attempt\": {\"as\": \"user/alice\"");
  p = parse_lesson(trivial);
  REQUIRE(p.ok);
  proof = verify_lesson(p.lesson);
  CHECK_FALSE(proof.ok);
  CHECK(proof.steps[1].problems[0].find("already passes when the step begins") != std::string::npos);
}

TEST_CASE("lesson run: sessions expire on the clock, and console checks read the last command's code") {
  std::string text = replace(test::kTwoStepLesson, "\"steps\": [",
                             R"("steps": [
    {"title": "expire", "text": "Wait.", "checks": [{"check": "session", "session": "s1", "state": "expired"},
       {"check": "console", "code": "ExpiredToken"}],
     "solution": [{"attempt": {"as": "user/alice", "role": "Auditor", "sessionName": "s1", "durationSeconds": 900}},
                  {"advanceClock": 901}, {"console": "use s1"}, {"console": "aws sts get-caller-identity"}]},)");
  LessonParse p = parse_lesson(text);
  REQUIRE_MESSAGE(p.ok, to_string(p.error));
  LessonRun run(p.lesson);
  CHECK_FALSE(run.checks()[0].passed);
  for (const Action& a : p.lesson.steps[0].solution) run.apply(a);
  CHECK(run.checks()[0].passed);
  CHECK(run.checks()[1].passed);
  CHECK(run.console_log().back().code == "ExpiredToken");
  CHECK(run.console_log().back().operation == "GetCallerIdentity");
  CHECK(verify_lesson(p.lesson).ok);
}

TEST_CASE("targets: service-linked roles are read-only with IAM's reason; inline policies are created on save") {
  World w = load_world(R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"111122223333": {
      "users": {"alice": {}}, "roles": {"AWSServiceRoleForAutoScaling": {"serviceLinked": "autoscaling.amazonaws.com"}}}}})")
                .world;
  TargetRef slr = resolve_target(w, "role/AWSServiceRoleForAutoScaling/trust");
  REQUIRE(slr.ok);
  CHECK(slr.read_only);
  CHECK(slr.read_only_reason.find("UnmodifiableEntity") == 0);
  TargetRef inl = resolve_target(w, "user/alice/inline/ReadLogs");
  REQUIRE(inl.ok);
  CHECK(inl.policy == nullptr);
  ParsedPolicy pp = parse_policy(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})",
                                 ParseOptions{});
  std::string err;
  REQUIRE(store_policy(w, "user/alice/inline/ReadLogs", "{...}", pp.policy, err));
  CHECK(resolve_target(w, "user/alice/inline/ReadLogs").policy != nullptr);
  CHECK_FALSE(resolve_target(w, "scp/111122223333/0/0").ok);
  CHECK_FALSE(resolve_target(w, "galaxy/x").ok);
}

TEST_CASE("markdown: paragraphs, lists, bold, code and links") {
  auto blocks = md::parse("Hello **bold** and `code`.\nSame paragraph, [AWS](https://aws.amazon.com/).\n\n- one\n- two `x`\n\n1. first\n2. second\n\n**unclosed");
  REQUIRE(blocks.size() == 6);
  CHECK(blocks[0].kind == md::Block::Kind::Paragraph);
  REQUIRE(blocks[0].spans.size() == 7);
  CHECK(blocks[0].spans[1].kind == md::Span::Kind::Bold);
  CHECK(blocks[0].spans[3].kind == md::Span::Kind::Code);
  CHECK(blocks[0].spans[5].kind == md::Span::Kind::Link);
  CHECK(blocks[0].spans[5].url == "https://aws.amazon.com/");
  CHECK(blocks[1].kind == md::Block::Kind::Bullet);
  CHECK(blocks[3].kind == md::Block::Kind::Numbered);
  CHECK(blocks[4].number == 2);
  CHECK(blocks[5].spans[0].text == "**unclosed");
  CHECK(md::to_plain(md::parse("a **b** `c`")) == "a b c\n");
  // *emphasis* between word boundaries; a star inside a word or alone stays as written.
  auto em = md::parse("sam is a user of *another* account; s3:Get* and s3:List* stay; 2 * 3");
  REQUIRE(em[0].spans.size() == 3);
  CHECK(em[0].spans[1].text == "another");
  CHECK(em[0].spans[2].text == " account; s3:Get* and s3:List* stay; 2 * 3");
}
