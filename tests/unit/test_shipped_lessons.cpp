// Every lesson shipped in lessons/ loads and is proven: each step needs the
// learner at its start and is solved by its reference solution
// (`rolelab-cli lessons verify` runs the same proof).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "course/lesson.h"
#include "course/verify.h"

using namespace rolelab;

TEST_CASE("shipped lessons: every lesson loads and is proven") {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(ROLELAB_LESSONS_DIR))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::set<std::string> ids;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    course::LessonParse p = course::parse_lesson(ss.str(), [](const std::string& name) -> std::optional<std::string> {
      std::ifstream w(std::string(ROLELAB_SOURCE_DIR) + "/worlds/" + name);
      if (!w) return std::nullopt;
      std::stringstream t;
      t << w.rdbuf();
      return t.str();
    });
    CAPTURE(f.string());
    REQUIRE_MESSAGE(p.ok, to_string(p.error));
    CHECK(ids.insert(p.lesson.id).second);
    course::LessonProof proof = course::verify_lesson(p.lesson);
    for (const auto& s : proof.steps)
      for (const auto& problem : s.problems) FAIL_CHECK("step " << s.step + 1 << ": " << problem);
    CHECK(proof.ok);
  }
  CHECK(files.size() >= 1);
}
