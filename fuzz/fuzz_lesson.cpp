// libFuzzer target: any bytes as a lesson file (instructors load them from
// URLs): a lesson, or an error with a code, a message and a location; a
// lesson that loads can be played (every principal tries its trust policy).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "course/lesson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rolelab::LessonParse p = rolelab::parse_lesson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!p.ok) {
    if (p.error.code.empty() || p.error.message.empty()) __builtin_trap();
    return 0;
  }
  for (std::size_t k = 0; k < p.lesson.principals.size() && k < 8; ++k) {
    rolelab::AssumeAttempt a = rolelab::attempt_assume(p.lesson, p.lesson.trust_policy, k);
    if (a.policy_ok && a.result.summary.empty()) __builtin_trap();
  }
  return 0;
}
