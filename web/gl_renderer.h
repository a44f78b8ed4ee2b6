// Draws Dear ImGui's draw lists with WebGL2 (browser) or OpenGL 3.0 (desktop),
// in place of ImGui's own OpenGL3 backend, with no call that reads from the GPU
// (the browser itself waits once, at the program's first use, for its link).
//
// Why: in Chromium every WebGL call that returns something from the GPU
// (a shader's compile status or log, an attribute or uniform location, a
// getParameter of the scissor box or the bound texture) is a round trip to
// the GPU process that first runs every command before it. ImGui's backend
// made about ten such calls while the page started (25-35 ms each on this
// machine's software renderer, whose process also composites the page) and
// read the GL state back in every frame. Here the shader program is compiled
// and linked without reading its status (the GPU process does it while the
// program loads its worlds and lessons), the projection travels as a constant
// vertex attribute instead of a uniform (no location to look up; the sampler
// keeps its default, texture unit 0), attribute locations are bound before
// linking, and nothing is read back per frame: the renderer owns the
// context, so it sets the state it needs instead of saving and restoring it.
// The compile and link status is read once, after the first frame
// (check()), where a failure is reported with the driver's log.
// The font atlas is one byte per pixel (a quarter of ImGui's RGBA upload).
#pragma once

#include <string>

struct ImDrawData;

namespace rolelab::gl {

struct Renderer {
  unsigned program = 0, vertex_shader = 0, fragment_shader = 0;
  unsigned vao = 0, vbo = 0, ibo = 0;
  unsigned font_texture = 0;
};

// Compiles and links the program (glsl_version: "#version 300 es" for WebGL2,
// "#version 130" for desktop GL 3.0), makes the buffers and flushes, so the
// GPU compiles while the caller goes on; needs the context current, not
// ImGui. Reads nothing back.
void init(Renderer& r, const char* glsl_version);
// Names the renderer in ImGui's IO (once ImGui's context exists).
void register_with_imgui();
// Uploads ImGui's font atlas (again, after the fonts were rebuilt) and gives
// its id to ImGui.
void upload_fonts(Renderer& r);
// Draws a frame's lists into the current framebuffer (cleared by the caller).
void render(Renderer& r, const ImDrawData& data);
// The compile and link status, read now (one wait for the GPU): empty when
// the program is usable, otherwise what failed and the driver's log.
std::string check(const Renderer& r);
void shutdown(Renderer& r);

}  // namespace rolelab::gl
