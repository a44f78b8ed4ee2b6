#include "draw_hash.h"

#include <imgui.h>

#include <cstring>

namespace rolelab::runner {

namespace {

// 64-bit multiply-xorshift mixing, eight bytes at a time (the hash's own
// cost per frame was not measured separately: it runs after the frame time
// that frameMsMedian reports).
struct Hasher {
  std::uint64_t h = 0x9E3779B97F4A7C15ull;
  void word(std::uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  void bytes(const void* p, std::size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t v;
      std::memcpy(&v, c + i, 8);
      word(v);
    }
    std::uint64_t tail = 0;
    if (n > i) std::memcpy(&tail, c + i, n - i);
    word(tail ^ (static_cast<std::uint64_t>(n) << 56));
  }
  void f(float v) {
    std::uint32_t u;
    std::memcpy(&u, &v, 4);
    word(u);
  }
};

}  // namespace

std::uint64_t draw_data_hash(const ImDrawData& d) {
  Hasher h;
  h.f(d.DisplayPos.x);
  h.f(d.DisplayPos.y);
  h.f(d.DisplaySize.x);
  h.f(d.DisplaySize.y);
  h.f(d.FramebufferScale.x);
  h.f(d.FramebufferScale.y);
  h.word(static_cast<std::uint64_t>(d.CmdListsCount));
  for (int n = 0; n < d.CmdListsCount; ++n) {
    const ImDrawList* list = d.CmdLists[n];
    h.bytes(list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
    h.bytes(list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      h.f(cmd.ClipRect.x);
      h.f(cmd.ClipRect.y);
      h.f(cmd.ClipRect.z);
      h.f(cmd.ClipRect.w);
      h.word(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(cmd.TextureId)));
      h.word(cmd.VtxOffset);
      h.word(cmd.IdxOffset);
      h.word(cmd.ElemCount);
      // A user callback draws something the buffers do not show: never equal.
      if (cmd.UserCallback) h.word(reinterpret_cast<std::uintptr_t>(&cmd) ^ static_cast<std::uint64_t>(ImGui::GetFrameCount()));
    }
  }
  return h.h;
}

}  // namespace rolelab::runner
