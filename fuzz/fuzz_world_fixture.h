// A fixed world for targets that fuzz what happens inside one (console lines,
// federation tokens): loaded once per process; a world that does not load is
// a bug in the target itself.
#pragma once

#include "world/world.h"

namespace rolelab::fuzz {

inline const World& fixed_world(const char* text) {
  static const World world = [text] {
    WorldLoad w = load_world(text);
    if (!w.ok) __builtin_trap();
    return w.world;
  }();
  return world;
}

}  // namespace rolelab::fuzz
