// The proof of a lesson (`rolelab-cli lessons verify`): played from the start
// with the reference solutions, every step must need the learner (its checks
// do not all pass when it begins) and be solved by its solution (they all
// pass after it); every solution action must do what it says.
#pragma once

#include <string>
#include <vector>

#include "course/lesson.h"

namespace rolelab::course {

struct StepProof {
  std::size_t step = 0;
  bool ok = false;
  std::vector<std::string> problems;  // "check 2 (alice can assume Auditor): does not pass after the solution: ..."
};

struct LessonProof {
  bool ok = false;
  std::vector<StepProof> steps;
  std::vector<std::string> problems;  // lesson-wide (prerequisites, ...)
};

// `known_ids`: the ids of the other lessons of the course (prerequisites must be among them); empty: not checked.
LessonProof verify_lesson(const Lesson& lesson, const std::vector<std::string>& known_ids = {});

}  // namespace rolelab::course
