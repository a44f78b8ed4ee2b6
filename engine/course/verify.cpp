#include "course/verify.h"

#include <algorithm>

#include "course/lesson_run.h"

namespace rolelab::course {

LessonProof verify_lesson(const Lesson& lesson, const std::vector<std::string>& known_ids) {
  LessonProof proof;
  if (!known_ids.empty()) {
    for (const std::string& p : lesson.prerequisites) {
      if (std::find(known_ids.begin(), known_ids.end(), p) == known_ids.end())
        proof.problems.push_back("prerequisite '" + p + "' is not a lesson of the course");
    }
  }
  LessonRun run(lesson);
  for (std::size_t n = 0; n < lesson.steps.size(); ++n) {
    const Step& step = lesson.steps[n];
    StepProof sp;
    sp.step = n;
    run.goto_step(n);
    std::vector<CheckResult> before = run.evaluate_step(n);
    if (std::all_of(before.begin(), before.end(), [](const CheckResult& c) { return c.passed; })) {
      sp.problems.push_back("every check already passes when the step begins: the learner has nothing to do");
    }
    for (std::size_t k = 0; k < step.solution.size(); ++k) {
      const Action& a = step.solution[k];
      ActionResult r = run.apply(a);
      // An edit must save, an answer must be right; attempts and console lines may fail on purpose (checks decide).
      if (!r.ok && (a.kind == Action::Kind::Edit || a.kind == Action::Kind::Answer || a.kind == Action::Kind::AdvanceClock)) {
        sp.problems.push_back("solution action " + std::to_string(k + 1) + " (" + a.path + ", line " + std::to_string(a.pos.line) +
                              "): " + r.message);
      }
    }
    std::vector<CheckResult> after = run.evaluate_step(n);
    for (std::size_t k = 0; k < after.size(); ++k) {
      if (!after[k].passed) {
        const Check& c = step.checks[k];
        sp.problems.push_back("check " + std::to_string(k + 1) + " (" + after[k].label + ", line " + std::to_string(c.pos.line) +
                              ") does not pass after the solution: " + after[k].detail);
      }
    }
    sp.ok = sp.problems.empty();
    proof.steps.push_back(std::move(sp));
  }
  proof.ok = proof.problems.empty() && std::all_of(proof.steps.begin(), proof.steps.end(), [](const StepProof& s) { return s.ok; });
  return proof;
}

}  // namespace rolelab::course
