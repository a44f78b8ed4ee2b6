// The narrative: the lesson's title, step navigation, the step's text
// (markdown), questions, hints one at a time, the reference solution behind a
// confirmation, and the step's checks as a live checklist.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "ui.h"

namespace rolelab::ui {

namespace {

void* span_font(const app::App& app, course::md::Span::Kind k) {
  switch (k) {
    case course::md::Span::Kind::Bold: return app.fonts.bold;
    case course::md::Span::Kind::Code: return app.fonts.mono;
    default: return nullptr;
  }
}

// Where to cut a word wider than a whole line (a session ARN in code): after
// the last ':' or '/' that keeps the piece within width, else after as many
// characters as fit; never before s + 1.
const char* long_word_cut(const char* s, const char* word_end, float width) {
  const char* cut = nullptr;
  for (const char* q = s; q + 1 < word_end; ++q) {
    if ((*q == ':' || *q == '/') && ImGui::CalcTextSize(s, q + 1).x <= width) cut = q + 1;
  }
  if (!cut) {
    ImFont* font = ImGui::GetFont();
    cut = font->CalcWordWrapPositionA(ImGui::GetFontSize() / font->FontSize, s, word_end, width);
  }
  return cut > s ? cut : s + 1;
}

// Draws spans word by word, wrapping at the right edge of the content region.
// A code span keeps one background across its words (and wraps between them).
// A word wider than the whole column is cut into pieces that fit (after its
// ':' or '/' first), as ImGui would otherwise clip it at the edge.
void draw_spans(app::App& app, const std::vector<course::md::Span>& spans) {
  const Palette& p = palette();
  const float left = ImGui::GetCursorScreenPos().x;
  const float right = left + ImGui::GetContentRegionAvail().x;
  bool first = true;
  float end_x = 0;
  int id = 0;
  for (const course::md::Span& s : spans) {
    void* font = span_font(app, s.kind);
    push_font(font);
    const bool code = s.kind == course::md::Span::Kind::Code, link = s.kind == course::md::Span::Kind::Link;
    const ImU32 color = code ? p.code_text : link ? p.link : p.text;
    const char* t = s.text.c_str();
    const char* end = t + s.text.size();
    while (t < end) {
      // One token: a word and the spaces after it.
      const char* w = t;
      while (w < end && *w != ' ' && *w != '\n') ++w;
      const char* word_end = w;
      while (w < end && (*w == ' ' || *w == '\n')) ++w;
      if (ImGui::CalcTextSize(t, word_end).x > right - left) {
        word_end = w = long_word_cut(t, word_end, right - left);  // the rest is the next token
      }
      const float word_w = ImGui::CalcTextSize(t, word_end).x;
      const float token_w = ImGui::CalcTextSize(t, w).x;
      if (!first) {
        if (end_x + word_w > right) {
          if (word_end == t) {  // only spaces at a line end: drop them
            t = w;
            continue;
          }
        } else {
          ImGui::SameLine(0, 0);
        }
      }
      ImVec2 pos = ImGui::GetCursorScreenPos();
      if (code) {
        const bool span_start = t == s.text.c_str(), span_end = w == end;
        ImGui::GetWindowDrawList()->AddRectFilled(
            ImVec2(pos.x - (span_start ? 3.0f : 0.0f), pos.y - 1),
            ImVec2(pos.x + (span_end ? word_w + 3.0f : token_w), pos.y + ImGui::GetTextLineHeight() + 1), p.code_bg,
            span_start && span_end ? 3.0f : 0.0f);
        if (span_start && !first) {
          ImGui::SetCursorScreenPos(ImVec2(pos.x + 3, pos.y));
        }
      }
      ImGui::PushStyleColor(ImGuiCol_Text, color);
      ImGui::TextUnformatted(t, w);
      ImGui::PopStyleColor();
      if (code && w == end) {
        ImGui::SameLine(0, 0);
        ImGui::Dummy(ImVec2(3, 1));
      }
      if (link) {
        ImGui::PushID(id++);
        if (ImGui::IsItemHovered()) {
          ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
          ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y), ImVec2(a.x + word_w, b.y), p.link);
          ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
          ImGui::SetTooltip("%s", s.url.c_str());
        }
        if (ImGui::IsItemClicked()) open_link(app, s.url);
        ImGui::PopID();
      }
      end_x = ImGui::GetItemRectMax().x;
      first = false;
      t = w;
    }
    pop_font(font);
  }
  if (first) ImGui::NewLine();
}

const char* check_kind_label(const std::string& type) {
  if (type == "assume") return "assume";
  if (type == "attempted") return "attempt";
  if (type == "allowed") return "access";
  if (type == "session") return "session";
  if (type == "console") return "console";
  if (type == "policyValid") return "policy";
  if (type == "edge") return "trust edge";
  if (type == "answered") return "question";
  if (type == "event") return "event";
  return type.c_str();
}

void step_navigation(app::App& app, course::LessonRun& run) {
  const Palette& p = palette();
  const std::size_t n = run.lesson().steps.size();
  std::string err;
  ImGui::BeginDisabled(run.step() == 0);
  if (ImGui::ArrowButton("prev", ImGuiDir_Left)) app::prev_step(app, err);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Previous step (Left)");
  ImGui::SameLine();
  // One dot per step: filled when done, ringed when current; click to go there.
  const float h = ImGui::GetFrameHeight();
  const float d = h * 0.62f;
  for (std::size_t k = 0; k < n; ++k) {
    ImGui::PushID(static_cast<int>(k));
    ImVec2 pos = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("dot", ImVec2(d, h))) app::goto_step(app, k, err);
    bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetTooltip("Step %zu: %s%s", k + 1, run.lesson().steps[k].title.c_str(), run.step_done(k) ? " (done)" : "");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 c(pos.x + d * 0.5f, pos.y + h * 0.5f);
    float r = d * 0.32f;
    if (run.step_done(k)) dl->AddCircleFilled(c, r, p.allowed, 12);
    else dl->AddCircleFilled(c, r, hovered ? p.muted : p.faint, 12);
    if (k == run.step()) dl->AddCircle(c, r + 3, p.accent, 16, 2);
    ImGui::PopID();
    ImGui::SameLine(0, 2);
  }
  ImGui::SameLine(0, 6);
  ImGui::BeginDisabled(run.step() + 1 >= n);
  if (ImGui::ArrowButton("next", ImGuiDir_Right)) app::next_step(app, err);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Next step (Right)");
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("Step %zu of %zu", run.step() + 1, n);
  ImGui::PopStyleColor();
}

// A radio button whose label wraps: an answer is often a sentence longer than
// the narrative column, and ImGui's RadioButton cuts its label at the edge.
bool radio_wrapped(const char* id, const std::string& label, bool active) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float box = ImGui::GetFrameHeight();
  const float avail = std::max(ImGui::GetContentRegionAvail().x, box * 4);
  const float text_x = box + st.ItemInnerSpacing.x;
  // An answer that is one long ARN breaks after a ':' or '/' rather than
  // between two letters (ImGui's own wrapping cuts inside the word).
  const std::string lines = break_lines(label, avail - text_x);
  const ImVec2 text = ImGui::CalcTextSize(lines.c_str(), nullptr, false, avail - text_x);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(id, ImVec2(avail, std::max(box, text.y + st.FramePadding.y * 2)));
  const bool hovered = ImGui::IsItemHovered(), held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Drawn as ImGui's RadioButton draws its circle.
  const ImVec2 c(pos.x + box * 0.5f, pos.y + box * 0.5f);
  const float radius = (box - 1.0f) * 0.5f;
  const ImGuiCol bg = held ? ImGuiCol_FrameBgActive : hovered ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg;
  dl->AddCircleFilled(c, radius, ImGui::GetColorU32(bg), 16);
  if (active) {
    const float dot = radius - std::max(1.0f, std::floor(box / 6.0f));
    dl->AddCircleFilled(c, dot, ImGui::GetColorU32(ImGuiCol_CheckMark), 16);
  }
  if (st.FrameBorderSize > 0) dl->AddCircle(c, radius, ImGui::GetColorU32(ImGuiCol_Border), 16, st.FrameBorderSize);
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + text_x, pos.y + st.FramePadding.y),
              ImGui::GetColorU32(ImGuiCol_Text), lines.c_str(), nullptr, avail - text_x);
  return clicked;
}

void questions(app::App& app, course::LessonRun& run, const course::Step& step) {
  const Palette& p = palette();
  for (const course::Question& q : step.questions) {
    ImGui::PushID(q.id.c_str());
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    push_font(app.fonts.bold);
    ImGui::TextUnformatted("Question");
    pop_font(app.fonts.bold);
    ImGui::PopStyleColor();
    markdown_text(app, q.prompt);
    auto it = run.answers().find(q.id);
    const bool answered = it != run.answers().end();
    for (std::size_t c = 0; c < q.choices.size(); ++c) {
      ImGui::PushID(static_cast<int>(c));
      bool chosen = answered && it->second == c;
      if (answered && c == q.answer && chosen) ImGui::PushStyleColor(ImGuiCol_Text, p.allowed);
      else if (chosen) ImGui::PushStyleColor(ImGuiCol_Text, p.denied);
      else ImGui::PushStyleColor(ImGuiCol_Text, p.text);
      if (radio_wrapped("choice", q.choices[c], chosen)) {
        std::string err;
        app::answer(app, q.id, c, err);
      }
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
    if (answered) {
      const bool right = it->second == q.answer;
      text_colored_wrapped(right ? p.allowed : p.denied, right ? "Correct." : "Not quite: try another answer.");
      if (!q.explanation.empty()) markdown_text(app, q.explanation);
    }
    ImGui::PopID();
  }
}

void hints_and_solution(app::App& app, course::LessonRun& run, const course::Step& step) {
  const Palette& p = palette();
  std::string err;
  const std::size_t shown = app::hints_shown(app);
  for (std::size_t k = 0; k < shown && k < step.hints.size(); ++k) {
    ImGui::PushID(static_cast<int>(k));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.accent_soft);
    ImGui::BeginChild("hint", ImVec2(0, 0), ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    ImGui::Text("Hint %zu", k + 1);
    ImGui::PopStyleColor();
    markdown_text(app, step.hints[k]);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
  if (shown < step.hints.size()) {
    char label[64];
    std::snprintf(label, sizeof label, shown == 0 ? "Show a hint (%zu)" : "Next hint (%zu left)", step.hints.size() - shown);
    if (ImGui::Button(label)) app::reveal_hint(app, err);
    ImGui::SameLine();
  }
  if (!app.hide_solutions && !step.solution.empty()) {
    if (ImGui::Button("Show solution...")) app.confirm_solution = true;
  }
  if (app.confirm_solution) ImGui::OpenPopup("Apply the reference solution?");
  const float F = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(F * 30, 0), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal("Apply the reference solution?", &app.confirm_solution, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextWrapped("RoleLab will do these for you, through the same commands as your clicks. Trying it yourself first "
                       "teaches more; you can reset the step afterwards (R in presenter mode, or File > Reset this step).");
    ImGui::Spacing();
    push_font(app.fonts.mono);
    for (const course::Action& a : step.solution) {
      std::string line = course::to_json_text(a);
      if (line.size() > 160) line = line.substr(0, 157) + "...";
      text_colored_wrapped(p.code_text, line.c_str());
    }
    pop_font(app.fonts.mono);
    ImGui::Spacing();
    if (ImGui::Button("Apply solution", ImVec2(F * 9, 0))) {
      app::apply_solution(app, err);
      app.confirm_solution = false;
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(F * 6, 0))) app.confirm_solution = false;
    if (!app.confirm_solution) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  (void)run;
}

void checklist(app::App& app, course::LessonRun& run) {
  const Palette& p = palette();
  const course::Step& step = run.lesson().steps[run.step()];
  const bool done = run.step_done(run.step());
  push_font(app.fonts.bold);
  ImGui::TextUnformatted("Checks");
  pop_font(app.fonts.bold);
  ImGui::SameLine();
  std::size_t passed = 0;
  for (const course::CheckResult& c : run.checks()) passed += c.passed ? 1 : 0;
  ImGui::PushStyleColor(ImGuiCol_Text, done ? p.allowed : p.muted);
  ImGui::Text("%zu of %zu pass", passed, run.checks().size());
  ImGui::PopStyleColor();
  for (std::size_t k = 0; k < run.checks().size(); ++k) {
    const course::CheckResult& c = run.checks()[k];
    ImGui::PushID(static_cast<int>(k));
    status_icon(c.passed);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, c.passed ? p.text : p.text);
    ImGui::TextWrapped("%s", c.label.c_str());
    ImGui::PopStyleColor();
    if (!c.passed && !c.detail.empty()) text_colored_wrapped(p.muted, c.detail.c_str());
    ImGui::EndGroup();
    if (k < step.checks.size() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s check", check_kind_label(step.checks[k].type));
    ImGui::PopID();
  }
  if (done) {
    ImGui::Spacing();
    std::string err;
    if (run.lesson_done()) {
      text_colored_wrapped(p.allowed, "Lesson complete: every step passes.");
    } else if (run.step() + 1 < run.lesson().steps.size()) {
      ImGui::PushStyleColor(ImGuiCol_Button, p.allowed);
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(8, 24, 12, 255));
      if (ImGui::Button("Step complete: next step  >")) app::next_step(app, err);
      ImGui::PopStyleColor(2);
    } else {
      text_colored_wrapped(p.allowed, "Step complete.");
    }
  }
}

}  // namespace

void markdown(app::App& app, const std::vector<course::md::Block>& blocks) {
  const float F = ImGui::GetFontSize();
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    const course::md::Block& b = blocks[k];
    ImGui::PushID(static_cast<int>(k));
    if (b.kind == course::md::Block::Kind::Paragraph) {
      if (k > 0) ImGui::Dummy(ImVec2(0, F * 0.25f));
      draw_spans(app, b.spans);
    } else {
      char marker[16];
      if (b.kind == course::md::Block::Kind::Bullet) std::snprintf(marker, sizeof marker, "\xE2\x80\xA2");
      else std::snprintf(marker, sizeof marker, "%d.", b.number);
      const float x0 = ImGui::GetCursorPosX();
      ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
      ImGui::TextUnformatted(marker);
      ImGui::PopStyleColor();
      ImGui::SameLine(0, 0);
      ImGui::SetCursorPosX(x0 + F * 1.3f);
      ImGui::BeginGroup();
      draw_spans(app, b.spans);
      ImGui::EndGroup();
    }
    ImGui::PopID();
  }
}

void markdown_text(app::App& app, const std::string& text) { markdown(app, course::md::parse(text)); }

void narrative_panel(app::App& app) {
  course::LessonRun* run = app.run();
  if (!run) {
    ImGui::TextDisabled("Pick a lesson on the left.");
    return;
  }
  const Palette& p = palette();
  const course::Lesson& l = run->lesson();
  const course::Step& step = l.steps[run->step()];
  // Title block.
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
  ImGui::Text("%s  \xC2\xB7  %d min", l.track.c_str(), l.minutes);
  ImGui::PopStyleColor();
  push_font(app.fonts.heading);
  ImGui::TextWrapped("%s", l.title.c_str());
  pop_font(app.fonts.heading);
  step_navigation(app, *run);
  ImGui::Separator();

  // The checklist is pinned to the bottom; the text scrolls above it.
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const ImGuiStyle& st = ImGui::GetStyle();
  const float wrap = ImGui::GetContentRegionAvail().x - st.WindowPadding.x * 2 - ImGui::GetTextLineHeight() - st.ItemSpacing.x - 14;
  float check_h = line + st.WindowPadding.y * 2 + 2;
  for (const course::CheckResult& c : run->checks()) {
    check_h += ImGui::CalcTextSize(c.label.c_str(), nullptr, false, wrap).y + st.ItemSpacing.y;
    if (!c.passed && !c.detail.empty()) check_h += ImGui::CalcTextSize(c.detail.c_str(), nullptr, false, wrap).y + st.ItemSpacing.y;
  }
  if (run->step_done(run->step())) check_h += ImGui::GetFrameHeightWithSpacing() + line * 0.5f;
  check_h = std::min(check_h, ImGui::GetContentRegionAvail().y * 0.55f);
  ImGui::BeginChild("step-text", ImVec2(0, -check_h - ImGui::GetStyle().ItemSpacing.y), ImGuiChildFlags_None);
  push_font(app.fonts.bold);
  ImGui::TextWrapped("%zu. %s", run->step() + 1, step.title.c_str());
  pop_font(app.fonts.bold);
  ImGui::Spacing();
  app::App::Cache& c = app.cache;
  if (c.md_lesson != app.current || c.md_step != run->step()) {
    c.md = course::md::parse(step.text);
    c.md_lesson = app.current;
    c.md_step = run->step();
  }
  markdown(app, c.md);
  questions(app, *run, step);
  ImGui::Spacing();
  hints_and_solution(app, *run, step);
  ImGui::EndChild();

  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.panel_alt);
  ImGui::BeginChild("checklist", ImVec2(0, 0), ImGuiChildFlags_Border);
  checklist(app, *run);
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace rolelab::ui
