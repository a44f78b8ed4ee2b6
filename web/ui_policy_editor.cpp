// The policy editor: one tab per policy the lesson lets the learner edit,
// JSON with line numbers, live validation (the engine's code and message on
// the offending line; warnings in another colour), Save, Format, Reset to
// the lesson's original and a diff against it. Service-linked roles are
// read-only with the reason.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "ui.h"

namespace rolelab::ui {

namespace {

std::string g_buffer;  // the text being edited (reused: no allocation per frame)

struct DiffCache {
  std::string target, before, after;
  std::vector<app::DiffLine> lines;
} g_diff;

ImU32 finding_color(analyzer::FindingType t) {
  const Palette& p = palette();
  switch (t) {
    case analyzer::FindingType::Error: return p.denied;
    case analyzer::FindingType::SecurityWarning: return IM_COL32(240, 113, 56, 255);  // orange: between error and warning
    case analyzer::FindingType::Warning: return p.warning;
    case analyzer::FindingType::Suggestion: return p.link;
  }
  return p.muted;
}

int count_lines(const std::string& s) {
  int n = 1;
  for (char c : s) n += c == '\n';
  return n;
}

void diff_view(app::App& app, const course::PolicyDraft& d) {
  const Palette& p = palette();
  if (g_diff.target != d.target || g_diff.before != d.original || g_diff.after != d.text) {
    g_diff.target = d.target;
    g_diff.before = d.original;
    g_diff.after = d.text;
    g_diff.lines = app::line_diff(d.original, d.text);
  }
  ImGui::BeginChild("diff", ImVec2(0, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_HorizontalScrollbar);
  push_font(app.fonts.mono);
  bool any = false;
  for (const app::DiffLine& l : g_diff.lines) {
    if (l.kind != ' ') any = true;
    ImU32 c = l.kind == '-' ? p.denied : l.kind == '+' ? p.allowed : p.faint;
    if (l.kind != ' ') {
      ImVec2 a = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(
          a, ImVec2(a.x + ImGui::GetContentRegionAvail().x, a.y + ImGui::GetTextLineHeight()),
          l.kind == '-' ? IM_COL32(248, 81, 73, 30) : IM_COL32(63, 185, 80, 30));
    }
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    ImGui::Text("%c %s", l.kind, l.text.c_str());
    ImGui::PopStyleColor();
  }
  if (!any) {
    pop_font(app.fonts.mono);
    ImGui::TextDisabled("No changes: the text is the lesson's original.");
    push_font(app.fonts.mono);
  }
  pop_font(app.fonts.mono);
  ImGui::EndChild();
}

void code_view(app::App& app, course::PolicyDraft& d, const std::vector<analyzer::Finding>& findings, float height) {
  const Palette& p = palette();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.panel_alt);
  ImGui::BeginChild("code", ImVec2(0, height), ImGuiChildFlags_Border, ImGuiWindowFlags_HorizontalScrollbar);
  push_font(app.fonts.mono);
  const float line_h = ImGui::GetTextLineHeight();
  const int lines = count_lines(d.text);
  const float gutter = ImGui::CalcTextSize("0000").x + 10 + line_h * 0.5f;
  const float pad_y = ImGui::GetStyle().FramePadding.y;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::CalcTextSize(d.text.c_str()).x + gutter + 40);
  // Lines with a diagnostic: a band across, and the line number in its colour.
  auto mark = [&](const Diagnostics& ds, ImU32 band) {
    for (const Diagnostic& x : ds) {
      if (x.line <= 0 || x.line > lines) continue;
      float y = origin.y + pad_y + static_cast<float>(x.line - 1) * line_h;
      dl->AddRectFilled(ImVec2(origin.x, y), ImVec2(origin.x + width, y + line_h), band);
    }
  };
  mark(d.warnings, IM_COL32(210, 153, 34, 40));
  mark(d.errors, IM_COL32(248, 81, 73, 55));
  // Policy checks: a dot in the gutter on the line of each finding's span, in its type's colour
  // (the most severe first: findings of one line draw from the last to the first).
  const float dot_r = std::max(2.5f, line_h * 0.2f);
  // The gutter: only the visible line numbers.
  const float top = ImGui::GetScrollY(), view_h = ImGui::GetWindowHeight();
  int first = std::max(0, static_cast<int>((top - pad_y) / line_h) - 1);
  int last = std::min(lines, static_cast<int>((top + view_h) / line_h) + 2);
  char num[12];
  for (int k = first; k < last; ++k) {
    std::snprintf(num, sizeof num, "%d", k + 1);
    ImU32 c = p.faint;
    for (const Diagnostic& x : d.warnings) c = x.line == k + 1 ? p.warning : c;
    for (const Diagnostic& x : d.errors) c = x.line == k + 1 ? p.denied : c;
    float w = ImGui::CalcTextSize(num).x;
    dl->AddText(ImVec2(origin.x + gutter - 8 - w, origin.y + pad_y + static_cast<float>(k) * line_h), c, num);
  }
  for (auto it = findings.rbegin(); it != findings.rend(); ++it) {
    const int line = app::finding_line(*it);
    if (line <= 0 || line > lines || line - 1 < first || line - 1 >= last) continue;
    const bool sev_before = std::any_of(findings.begin(), findings.end(), [&](const analyzer::Finding& o) {
      return app::finding_line(o) == line && static_cast<int>(o.type) < static_cast<int>(it->type);
    });
    if (sev_before) continue;  // a more severe finding on this line draws the dot
    const float y = origin.y + pad_y + (static_cast<float>(line) - 0.5f) * line_h;
    dl->AddCircleFilled(ImVec2(origin.x + dot_r + 2, y), dot_r, finding_color(it->type));
  }
  dl->AddLine(ImVec2(origin.x + gutter - 3, origin.y), ImVec2(origin.x + gutter - 3, origin.y + (lines + 1) * line_h + pad_y * 2),
              p.border);
  ImGui::SetCursorScreenPos(ImVec2(origin.x + gutter, origin.y));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, pad_y));
  g_buffer = d.text;
  ImGuiInputTextFlags flags = ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_NoHorizontalScroll;
  if (d.read_only) flags |= ImGuiInputTextFlags_ReadOnly;
  const float h = std::max(ImGui::GetContentRegionAvail().y, static_cast<float>(lines + 1) * line_h + pad_y * 2);
  if (ImGui::InputTextMultiline("##policy", &g_buffer, ImVec2(width - gutter, h), flags)) {
    app::set_draft(app, d.target, g_buffer);
  }
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  pop_font(app.fonts.mono);
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void diagnostics(const course::PolicyDraft& d) {
  const Palette& p = palette();
  auto list = [&](const Diagnostics& ds, ImU32 color) {
    for (const Diagnostic& x : ds) {
      ImGui::PushStyleColor(ImGuiCol_Text, color);
      if (x.line > 0) ImGui::Text("line %d:%d", x.line, x.column);
      else ImGui::TextUnformatted("policy");
      ImGui::PopStyleColor();
      ImGui::SameLine();
      ImGui::TextWrapped("%s: %s", x.code.c_str(), x.message.c_str());
      if (!x.help.empty()) {
        ImGui::Indent();
        text_colored_wrapped(p.muted, x.help.c_str());
        ImGui::Unindent();
      }
    }
  };
  list(d.errors, p.denied);
  list(d.warnings, p.warning);
}

// The policy checks below the engine's diagnostics: type, issue code, message, the
// check's page and, when the finding has one, its fix in one click.
void findings_list(app::App& app, course::PolicyDraft& d, const std::vector<analyzer::Finding>& findings) {
  const Palette& p = palette();
  std::size_t apply = findings.size();
  for (std::size_t k = 0; k < findings.size(); ++k) {
    const analyzer::Finding& f = findings[k];
    ImGui::PushID(static_cast<int>(k));
    badge(analyzer::finding_type_name(f.type), IM_COL32(0, 0, 0, 0), finding_color(f.type));
    ImGui::SameLine();
    const int line = app::finding_line(f);
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    if (line > 0) ImGui::Text("line %d", line);
    else ImGui::TextUnformatted("policy");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    push_font(app.fonts.bold);
    ImGui::TextUnformatted(f.issue_code.c_str());
    pop_font(app.fonts.bold);
    if (!f.link.empty()) {
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, p.link);
      ImGui::TextUnformatted("Learn more");
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("%s", f.link.c_str());
      }
      if (ImGui::IsItemClicked()) open_link(app, f.link);
    }
    ImGui::Indent();
    text_colored_wrapped(p.text, f.details.c_str());
    if (f.fix && !d.read_only) {
      std::string fix = f.fix->replacement;
      if (fix.size() >= 2 && fix.front() == '"' && fix.back() == '"') fix = fix.substr(1, fix.size() - 2);
      ImGui::AlignTextToFramePadding();
      ImGui::Text("Did you mean %s?", fix.c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton("Apply")) apply = k;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.fix->label.c_str());
    }
    ImGui::Unindent();
    ImGui::PopID();
  }
  if (apply < findings.size()) {
    std::string err;
    if (!app::apply_fix(app, d.target, apply, err)) app.status = "Apply: " + err;
  }
}

void editor(app::App& app, course::PolicyDraft& d) {
  const Palette& p = palette();
  const float F = ImGui::GetFontSize();
  std::string err;
  // Title and state.
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
  ImGui::TextUnformatted(d.title.c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine();
  if (d.read_only) badge("read-only", p.code_bg, p.warning);
  else if (!d.errors.empty()) badge(d.errors.size() == 1 ? "1 error" : (std::to_string(d.errors.size()) + " errors").c_str(), IM_COL32(248, 81, 73, 50), p.denied);
  else if (d.dirty()) badge("unsaved", IM_COL32(210, 153, 34, 40), p.warning);
  else if (d.saved.empty()) badge("not created yet", p.code_bg, p.muted);
  else badge("saved", IM_COL32(63, 185, 80, 40), p.allowed);
  if (d.read_only) text_colored_wrapped(p.warning, d.read_only_reason.c_str());
  // Toolbar.
  const bool can_save = !d.read_only && d.dirty();
  ImGui::BeginDisabled(!can_save);
  if (can_save) push_accent_button();  // readable in both themes (high contrast: black on yellow)
  if (ImGui::Button("Save", ImVec2(F * 4.5f, 0))) app::edit_policy(app, d.target, d.text, err);
  if (can_save) pop_accent_button();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(d.read_only);
  if (ImGui::Button("Format")) {
    if (!app::format_policy(app, d.target, err)) app.status = "Format: " + err;
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(d.text == d.original && d.saved == d.original);
  if (ImGui::Button("Reset to original")) app::reset_policy(app, d.target, err);
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::Checkbox("Diff against original", &app.show_diff);
  // Policy checks, recomputed only when the text changed (cached by text).
  const std::vector<analyzer::Finding>& findings = app::draft_findings(app, d);
  // Diagnostics and findings take what they need below the text, up to 40%.
  const std::size_t n = d.errors.size() + d.warnings.size();
  std::size_t fix_rows = 0;
  for (const analyzer::Finding& f : findings) fix_rows += f.fix ? 1 : 0;
  const float rows = static_cast<float>(n) * 1.6f + static_cast<float>(findings.size()) * 2.3f + static_cast<float>(fix_rows) * 1.2f;
  float diag_h = n + findings.size() == 0 ? 0 : std::min(ImGui::GetContentRegionAvail().y * 0.4f, ImGui::GetTextLineHeightWithSpacing() * (rows + 0.5f));
  if (app.show_diff) {
    ImGui::BeginChild("diff-wrap", ImVec2(0, -diag_h), ImGuiChildFlags_None);
    diff_view(app, d);
    ImGui::EndChild();
  } else {
    code_view(app, d, findings, -diag_h);
  }
  if (n || !findings.empty()) {
    ImGui::BeginChild("diagnostics", ImVec2(0, 0), ImGuiChildFlags_None);
    diagnostics(d);
    // (findings_list applies a fix only after drawing: the cached findings change with the text.)
    if (!findings.empty()) findings_list(app, d, findings);
    ImGui::EndChild();
  }
}

}  // namespace

void policy_editor_panel(app::App& app) {
  course::LessonRun* run = app.run();
  if (!run) return;
  std::vector<course::PolicyDraft>& drafts = run->drafts();
  if (drafts.empty()) {
    ImGui::TextDisabled("This lesson does not let you edit policies: look, attempt and use the console.");
    return;
  }
  const std::string request = app.editor_request;
  app.editor_request.clear();
  if (!ImGui::BeginTabBar("policies", ImGuiTabBarFlags_FittingPolicyScroll)) return;
  for (course::PolicyDraft& d : drafts) {
    std::string label = app::short_target(d.target) + "###" + d.target;
    ImGuiTabItemFlags f = (request == d.target ? ImGuiTabItemFlags_SetSelected : 0) |
                          (d.dirty() ? ImGuiTabItemFlags_UnsavedDocument : 0);
    bool open = ImGui::BeginTabItem(label.c_str(), nullptr, f);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", d.title.c_str(), d.target.c_str());
    if (open) {
      app.editor_target = d.target;
      ImGui::PushID(d.target.c_str());
      editor(app, d);
      ImGui::PopID();
      ImGui::EndTabItem();
    }
  }
  ImGui::EndTabBar();
}

}  // namespace rolelab::ui
