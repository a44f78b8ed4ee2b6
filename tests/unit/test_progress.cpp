// The learner's saved progress: a round trip keeps every edit, and whatever
// the stored text holds (it comes from localStorage or a file anyone can
// edit), restoring never throws and never loses the lessons loaded.
#include <doctest/doctest.h>

#include "app.h"
#include "lesson_fixture.h"
#include "progress.h"

using namespace rolelab;

namespace {

const char* kLesson = test::kTwoStepLesson;

app::App fresh() {
  app::App a;
  app::add_lesson_file(a, "t.json", kLesson);
  REQUIRE(a.lessons.size() == 1);
  return a;
}

}  // namespace

TEST_CASE("progress: a round trip keeps the edit, the principal, the step and the decisions") {
  app::App a = fresh();
  std::string err;
  REQUIRE(app::assume(a, err));  // alice: Allowed, step 1
  REQUIRE(app::select_principal(a, 1, err));
  REQUIRE(app::set_trust_policy(a, "{ \"half\": \"typed", err));  // work in progress, not valid JSON yet
  a.tab = 1;
  const std::string saved = app::progress_json(a);

  app::App b = fresh();
  std::string note;
  REQUIRE(app::restore_progress(b, saved, note));
  CHECK(note.empty());
  CHECK(b.lessons[0].editor == "{ \"half\": \"typed");
  CHECK(b.lessons[0].principal == 1);
  CHECK(b.lessons[0].step == 1);
  REQUIRE(b.lessons[0].last[0].has_value());
  CHECK(*b.lessons[0].last[0] == Decision::Allowed);
  CHECK_FALSE(b.lessons[0].last[1].has_value());
  CHECK(b.tab_request == 1);
  CHECK(app::progress_json(b).find("\"editor\":\"{ \\\"half\\\": \\\"typed\"") != std::string::npos);
}

TEST_CASE("progress: damaged or foreign saved progress is skipped with a note, never thrown") {
  const std::string original = fresh().lessons[0].editor;
  struct Case {
    std::string text;
    bool usable;
    const char* note;
  };
  const Case cases[] = {
      {"", false, "not readable JSON"},
      {"{\"version\": 1, \"lessons\": {", false, "not readable JSON"},
      {"[1, 2]", false, "version 1"},
      {"{\"version\": 2, \"lessons\": {}}", false, "version 1"},
      {"{\"version\": 1, \"lessons\": {\"t\": {\"editor\": 5}}}", false, "1 saved lesson(s) skipped"},
      {"{\"version\": 1, \"lessons\": {\"gone\": {\"editor\": \"x\"}}}", false, "1 saved lesson(s) skipped"},
      {"{\"version\": 1, \"lessons\": {\"t\": {\"editor\": \"\xff\"}}}", false, "not readable JSON"},
      {std::string(100000, '['), false, "not readable JSON"},
      {"{\"version\": 1, \"lessons\": {\"t\": {\"editor\": \"" + std::string(70000, 'x') + "\"}}}", false, "skipped"},
  };
  for (const Case& c : cases) {
    INFO(c.text.substr(0, 80));
    app::App a = fresh();
    std::string note;
    CHECK(app::restore_progress(a, c.text, note) == c.usable);
    CHECK(note.find(c.note) != std::string::npos);
    CHECK(a.lessons[0].editor == original);  // nothing half-applied
  }
  // Out-of-range numbers are ignored one by one; the edit still comes back.
  app::App a = fresh();
  std::string note;
  CHECK(app::restore_progress(
      a, R"({"version": 1, "tab": 7, "currentLesson": "nope", "lessons": {"t": {"editor": "E", "principal": 99, "step": -1, "last": ["Maybe", 3]}}})",
      note));
  CHECK(a.lessons[0].editor == "E");
  CHECK(a.lessons[0].principal == 0);
  CHECK(a.lessons[0].step == 0);
  CHECK(a.tab_request == -1);
  CHECK_FALSE(a.lessons[0].last[0].has_value());
}
