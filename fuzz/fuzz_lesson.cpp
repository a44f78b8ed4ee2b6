// libFuzzer target: any bytes as a lesson file (instructors load them from
// URLs): a lesson, or an error with a code, a message and a location; a
// lesson that loads is played: each step's reference solution applied and its
// checks evaluated, as `lessons verify` does.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "course/lesson.h"
#include "course/verify.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rolelab::course::LessonParse p =
      rolelab::course::parse_lesson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!p.ok) {
    if (p.error.code.empty() || p.error.message.empty()) __builtin_trap();
    return 0;
  }
  if (p.lesson.steps.empty()) __builtin_trap();
  rolelab::course::verify_lesson(p.lesson);
  return 0;
}
