// A fingerprint of what ImGui asks the GPU to draw in one frame. The runner
// compares it with the last frame it drew and skips the GL submission and the
// swap when nothing changed: an idle lesson then costs the UI pass alone
// (about a millisecond), not a redraw of every pixel, which with a software
// renderer (SwiftShader in the browser, llvmpipe on a desktop without a GPU)
// took a core at 60 frames a second.
#pragma once

#include <cstdint>

struct ImDrawData;

namespace rolelab::runner {

// Covers the display size and scale, and every command list's vertices,
// indices and commands (clip rectangles, textures, element ranges): two
// frames with the same fingerprint put the same pixels on the screen.
std::uint64_t draw_data_hash(const ImDrawData& d);

}  // namespace rolelab::runner
