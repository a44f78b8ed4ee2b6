#include "gl_renderer.h"

// The GL header comes through GLFW's: the build defines GLFW_INCLUDE_ES3 for
// the browser (WebGL2 is GLES 3.0) and GL_GLEXT_PROTOTYPES + GLFW_INCLUDE_GLEXT
// for the desktop (libGL exports the GL 3.0 functions), so this file has no
// platform switch of its own.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace rolelab::gl {

namespace {

// Attribute locations, bound before linking (glBindAttribLocation): GLSL 1.30
// has no layout qualifiers, and a bound location needs no lookup.
constexpr GLuint kPosition = 0, kUV = 1, kColor = 2;
// The projection: xy scale, zw offset. A vertex attribute whose array is
// disabled reads the constant set with glVertexAttrib4f, the same for every
// vertex, like a uniform, but set without knowing a uniform location.
constexpr GLuint kTransform = 3;

const char* const kVertexBody = R"(
in vec2 Position;
in vec2 UV;
in vec4 Color;
in vec4 Transform;
out vec2 Frag_UV;
out vec4 Frag_Color;
void main() {
  Frag_UV = UV;
  Frag_Color = Color;
  gl_Position = vec4(Position * Transform.xy + Transform.zw, 0.0, 1.0);
}
)";

// The atlas holds coverage in its red channel (one byte per pixel); ImGui's
// white pixel is full coverage, so untextured shapes keep their colour.
const char* const kFragmentBody = R"(
precision mediump float;
uniform sampler2D Texture;
in vec2 Frag_UV;
in vec4 Frag_Color;
out vec4 Out_Color;
void main() {
  Out_Color = vec4(Frag_Color.rgb, Frag_Color.a * texture(Texture, Frag_UV).r);
}
)";

GLuint compile(GLenum kind, const char* version, const char* body) {
  const GLuint s = glCreateShader(kind);
  const char* parts[] = {version, "\n", body};
  glShaderSource(s, 3, parts, nullptr);
  glCompileShader(s);  // its status is read in check(), after the first frame
  return s;
}

// A shader's or a program's log (glGetShaderiv + glGetShaderInfoLog, or the Program pair).
template <class GetIv, class GetLog>
std::string info_log(GLuint id, GetIv get_iv, GetLog get_log) {
  GLint n = 0;
  get_iv(id, GL_INFO_LOG_LENGTH, &n);
  std::string log(n > 1 ? static_cast<std::size_t>(n) : 0, '\0');
  if (n > 1) get_log(id, n, nullptr, log.data());
  while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
  return log;
}

// Everything a frame's drawing needs, set (not saved and restored: nothing
// else draws in this context). Also what ImDrawCallback_ResetRenderState asks for.
void set_state(const Renderer& r, const ImDrawData& d, int fb_w, int fb_h) {
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  glViewport(0, 0, fb_w, fb_h);
  glUseProgram(r.program);
  // ImGui's orthographic projection: DisplayPos at the top left.
  const float l = d.DisplayPos.x, rt = d.DisplayPos.x + d.DisplaySize.x;
  const float t = d.DisplayPos.y, b = d.DisplayPos.y + d.DisplaySize.y;
  glVertexAttrib4f(kTransform, 2.0f / (rt - l), 2.0f / (t - b), (rt + l) / (l - rt), (t + b) / (b - t));
  glBindVertexArray(r.vao);
  glActiveTexture(GL_TEXTURE0);
}

}  // namespace

void init(Renderer& r, const char* glsl_version) {
  r.vertex_shader = compile(GL_VERTEX_SHADER, glsl_version, kVertexBody);
  r.fragment_shader = compile(GL_FRAGMENT_SHADER, glsl_version, kFragmentBody);
  r.program = glCreateProgram();
  glAttachShader(r.program, r.vertex_shader);
  glAttachShader(r.program, r.fragment_shader);
  glBindAttribLocation(r.program, kPosition, "Position");
  glBindAttribLocation(r.program, kUV, "UV");
  glBindAttribLocation(r.program, kColor, "Color");
  glBindAttribLocation(r.program, kTransform, "Transform");
  glLinkProgram(r.program);

  // The vertex layout lives in the vertex array object, with the index buffer.
  glGenVertexArrays(1, &r.vao);
  glGenBuffers(1, &r.vbo);
  glGenBuffers(1, &r.ibo);
  glBindVertexArray(r.vao);
  glBindBuffer(GL_ARRAY_BUFFER, r.vbo);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.ibo);
  const auto stride = static_cast<GLsizei>(sizeof(ImDrawVert));
  glEnableVertexAttribArray(kPosition);
  glEnableVertexAttribArray(kUV);
  glEnableVertexAttribArray(kColor);
  glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(kUV, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
  glBindVertexArray(0);

  // Sent to the GPU now: WebGL holds commands until its task ends or a call
  // waits, and init runs at the start of a long task (the page's main()), so
  // without this the compile would only begin when the first frame needs it.
  glFlush();
}

void register_with_imgui() {
  // No ImGuiBackendFlags_RendererHasVtxOffset: WebGL2 has no base-vertex draw,
  // so ImGui keeps each list within 16-bit indices.
  ImGui::GetIO().BackendRendererName = "rolelab_gl";
}

void upload_fonts(Renderer& r) {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  if (!r.font_texture) glGenTextures(1, &r.font_texture);
  glBindTexture(GL_TEXTURE_2D, r.font_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of one byte per pixel are not 4-byte aligned
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(r.font_texture)));
  glFlush();  // the upload travels while the start goes on (init: why)
}

void render(Renderer& r, const ImDrawData& d) {
  const int fb_w = static_cast<int>(d.DisplaySize.x * d.FramebufferScale.x);
  const int fb_h = static_cast<int>(d.DisplaySize.y * d.FramebufferScale.y);
  if (fb_w <= 0 || fb_h <= 0) return;
  set_state(r, d, fb_w, fb_h);
  const ImVec2 origin = d.DisplayPos, scale = d.FramebufferScale;
  constexpr GLenum kIndexType = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
  GLuint bound_texture = 0;
  for (int n = 0; n < d.CmdListsCount; ++n) {
    const ImDrawList* list = d.CmdLists[n];
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->VtxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawVert)),
                 list->VtxBuffer.Data, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(list->IdxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawIdx)), list->IdxBuffer.Data,
                 GL_STREAM_DRAW);
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
          set_state(r, d, fb_w, fb_h);
          bound_texture = 0;
        } else {
          cmd.UserCallback(list, &cmd);
        }
        continue;
      }
      // The clip rectangle in framebuffer pixels; GL's scissor counts from the bottom.
      const float x0 = (cmd.ClipRect.x - origin.x) * scale.x, y0 = (cmd.ClipRect.y - origin.y) * scale.y;
      const float x1 = (cmd.ClipRect.z - origin.x) * scale.x, y1 = (cmd.ClipRect.w - origin.y) * scale.y;
      if (x1 <= x0 || y1 <= y0) continue;
      glScissor(static_cast<GLint>(x0), static_cast<GLint>(static_cast<float>(fb_h) - y1), static_cast<GLsizei>(x1 - x0),
                static_cast<GLsizei>(y1 - y0));
      const auto texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(cmd.GetTexID()));
      if (texture != bound_texture) {
        glBindTexture(GL_TEXTURE_2D, texture);
        bound_texture = texture;
      }
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), kIndexType,
                     reinterpret_cast<void*>(static_cast<std::intptr_t>(cmd.IdxOffset * sizeof(ImDrawIdx))));
    }
  }
  // The next frame's glClear must reach the whole framebuffer.
  glDisable(GL_SCISSOR_TEST);
  glBindVertexArray(0);
}

std::string check(const Renderer& r) {
  std::string out;
  GLint ok = GL_FALSE;
  glGetShaderiv(r.vertex_shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE)
    out += "the vertex shader did not compile: " + info_log(r.vertex_shader, glGetShaderiv, glGetShaderInfoLog) + "\n";
  glGetShaderiv(r.fragment_shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE)
    out += "the fragment shader did not compile: " + info_log(r.fragment_shader, glGetShaderiv, glGetShaderInfoLog) + "\n";
  glGetProgramiv(r.program, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) out += "the shader program did not link: " + info_log(r.program, glGetProgramiv, glGetProgramInfoLog) + "\n";
  if (!out.empty()) out.pop_back();
  return out;
}

void shutdown(Renderer& r) {
  if (r.font_texture) glDeleteTextures(1, &r.font_texture);
  if (r.vbo) glDeleteBuffers(1, &r.vbo);
  if (r.ibo) glDeleteBuffers(1, &r.ibo);
  if (r.vao) glDeleteVertexArrays(1, &r.vao);
  if (r.program) glDeleteProgram(r.program);
  if (r.vertex_shader) glDeleteShader(r.vertex_shader);
  if (r.fragment_shader) glDeleteShader(r.fragment_shader);
  r = Renderer{};
  ImGui::GetIO().Fonts->SetTexID(ImTextureID{});
}

}  // namespace rolelab::gl
