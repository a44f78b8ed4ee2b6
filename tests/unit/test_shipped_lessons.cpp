// Every lesson shipped in lessons/ loads, and its steps can be completed with
// the trust policy edits the step texts describe.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "course/lesson.h"

using namespace rolelab;

TEST_CASE("shipped lessons: all load without errors") {
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(ROLELAB_LESSONS_DIR)) {
    if (e.path().extension() != ".json") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    LessonParse p = parse_lesson(ss.str());
    CAPTURE(e.path().string());
    CHECK_MESSAGE(p.ok, to_string(p.error));
    if (p.ok) {
      AssumeAttempt a = attempt_assume(p.lesson, p.lesson.trust_policy, 0);
      CHECK(a.policy_ok);
    }
    ++count;
  }
  CHECK(count >= 1);
}
