// The attempt panel: who calls (users, sessions, services, a web identity
// token, a SAML assertion), which role, and STS's parameters; the result card
// shows the credentials (secret masked) with an expiry countdown, or AWS's
// error with the explanation trace and the classic cause.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "eval/trace_words.h"
#include "ui.h"

namespace rolelab::ui {

namespace {

void label_cell(const char* text) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-1);
}

void caller_combo(app::App& app, const app::App::Cache& c) {
  app::AttemptForm& f = app.form;
  std::string preview = f.as;
  for (const app::CallerOption& o : c.callers) {
    if (o.api == f.api && (o.principal == f.as || o.principal.empty())) {
      preview = o.label;
      break;
    }
  }
  if (!ImGui::BeginCombo("##caller", preview.c_str(), ImGuiComboFlags_HeightLarge)) return;
  std::string group;
  for (std::size_t k = 0; k < c.callers.size(); ++k) {
    const app::CallerOption& o = c.callers[k];
    if (o.group != group) {
      group = o.group;
      ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
      ImGui::TextUnformatted(group.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::PushID(static_cast<int>(k));
    bool selected = o.api == f.api && (o.principal == f.as || o.principal.empty());
    if (ImGui::Selectable(o.label.c_str(), selected)) {
      f.api = o.api;
      if (!o.principal.empty()) f.as = o.principal;
    }
    ImGui::PopID();
  }
  ImGui::EndCombo();
}

void role_combo(app::App& app, const app::App::Cache& c) {
  if (!ImGui::BeginCombo("##role", app.form.role.c_str())) return;
  for (std::size_t k = 0; k < c.roles.size(); ++k) {
    ImGui::PushID(static_cast<int>(k));
    if (ImGui::Selectable(c.roles[k].c_str(), c.roles[k] == app.form.role)) app.form.role = c.roles[k];
    ImGui::PopID();
  }
  ImGui::EndCombo();
}

void form(app::App& app) {
  app::prepare_form(app);
  const app::App::Cache& c = app::cache(app);
  app::AttemptForm& f = app.form;
  const float F = ImGui::GetFontSize();
  if (ImGui::BeginTable("form", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, F * 6.0f);
    // An explicit weight: under SizingStretchProp a stretch column's weight
    // is otherwise its content width over all stretch columns' content
    // widths, recomputed every frame of a table that is not resizable, and
    // 0 / 0 on a frame where the content width is 0 (Dear ImGui 1.90.1,
    // TableUpdateLayout): a NaN width and a NaN content size for the child.
    ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    label_cell("Caller");
    caller_combo(app, c);
    label_cell("Role");
    role_combo(app, c);
    label_cell("API");
    ImGui::TextUnformatted(("sts:" + f.api).c_str());
    if (f.api == "AssumeRoleWithSAML") {
      label_cell("Provider");
      ImGui::InputTextWithHint("##provider", "SAML provider name or ARN", &f.provider);
    }
    if (f.api != "AssumeRoleWithSAML") {
      label_cell("Session name");
      ImGui::InputText("##session", &f.session_name);
    }
    label_cell("Duration");
    ImGui::Checkbox("##use-duration", &f.use_duration);
    ImGui::SameLine();
    ImGui::BeginDisabled(!f.use_duration);
    ImGui::SetNextItemWidth(-1);
    ImGui::InputInt("##duration", &f.duration_seconds, 900, 3600);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("DurationSeconds (900 to the role's maximum)");
    if (f.api == "AssumeRole") {
      label_cell("ExternalId");
      ImGui::Checkbox("##use-external", &f.use_external_id);
      ImGui::SameLine();
      ImGui::BeginDisabled(!f.use_external_id);
      ImGui::SetNextItemWidth(-1);
      ImGui::InputText("##external", &f.external_id);
      ImGui::EndDisabled();
      label_cell("MFA");
      ImGui::Checkbox("device and code##mfa", &f.mfa);
      label_cell("Session tags");
      ImGui::InputTextWithHint("##tags", "key=value, key2=value2", &f.tags);
    }
    label_cell("Session policy");
    ImGui::Checkbox("##use-policy", &f.use_policy);
    ImGui::SameLine();
    ImGui::TextDisabled(f.use_policy ? "limits what the session may do" : "none");
    ImGui::EndTable();
  }
  push_font(app.fonts.mono);
  if (f.use_policy) {
    ImGui::InputTextMultiline("##policy", &f.policy, ImVec2(-1, ImGui::GetTextLineHeight() * 5));
  }
  if (f.api == "AssumeRoleWithWebIdentity") {
    pop_font(app.fonts.mono);
    ImGui::TextDisabled("Token claims (iss, aud, sub, exp, ...)");
    push_font(app.fonts.mono);
    ImGui::InputTextMultiline("##token", &f.token, ImVec2(-1, ImGui::GetTextLineHeight() * 6));
  } else if (f.api == "AssumeRoleWithSAML") {
    pop_font(app.fonts.mono);
    ImGui::TextDisabled("SAML assertion (issuer, audience, subject, attributes, ...)");
    push_font(app.fonts.mono);
    ImGui::InputTextMultiline("##assertion", &f.assertion, ImVec2(-1, ImGui::GetTextLineHeight() * 6));
  }
  pop_font(app.fonts.mono);
  ImGui::Spacing();
  push_accent_button();
  std::string err;
  if (ImGui::Button("Assume role", ImVec2(-1, ImGui::GetFrameHeight() * 1.3f))) app::attempt_form(app, err);
  pop_accent_button();
}

void element(const char* what, bool matched, const std::string& why) {
  status_icon(matched, !matched);
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  ImGui::TextUnformatted(what);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextWrapped("%s", why.c_str());
}

void element(const char* what, const ElementTrace& e) { element(what, e.matched, why_text(e)); }

void trace(const Authorization& a) {
  const Palette& p = palette();
  for (std::size_t k = 0; k < a.trace.policies.size(); ++k) {
    const PolicyTrace& pt = a.trace.policies[k];
    ImGui::PushID(static_cast<int>(k));
    const char* verdict = pt.verdict == PolicyVerdict::Allow ? "allows" : pt.verdict == PolicyVerdict::Deny ? "denies" : "does not apply";
    const std::string name = pt.policy ? policy_name(*pt.policy) : std::string();
    std::string title = (name.empty() ? std::string(policy_kind_name(pt.kind)) : name) + ": " + verdict;
    ImGui::PushStyleColor(ImGuiCol_Text, pt.verdict == PolicyVerdict::Allow ? p.allowed : pt.verdict == PolicyVerdict::Deny ? p.denied : p.muted);
    bool open = ImGui::TreeNodeEx("policy", ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_SpanAvailWidth, "%s", title.c_str());
    ImGui::PopStyleColor();
    if (open) {
      for (std::size_t s = 0; s < pt.statements.size(); ++s) {
        const StatementTrace& st = pt.statements[s];
        ImGui::PushID(static_cast<int>(s));
        std::string label = std::string(st.effect == Effect::Allow ? "Allow" : "Deny") + " statement " + std::to_string(st.index + 1) +
                            (st.sid.empty() ? "" : " (" + std::string(st.sid) + ")") + ", line " + std::to_string(st.line) +
                            (st.applies ? ": applies" : ": does not apply");
        ImGui::PushStyleColor(ImGuiCol_Text, st.applies ? p.text : p.muted);
        bool sopen = ImGui::TreeNodeEx("st", ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_SpanAvailWidth, "%s", label.c_str());
        ImGui::PopStyleColor();
        if (sopen) {
          if (st.principal) element("principal", *st.principal);
          element("action", st.action);
          if (st.resource) element("resource", *st.resource);
          for (const ConditionTrace& c : st.conditions) {
            std::string why = std::string(c.op) + " " + std::string(c.key) + ": ";
            append_why(why, c);
            element("condition", c.result, why);
          }
          ImGui::TreePop();
        }
        ImGui::PopID();
      }
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  const std::size_t steps = step_count(a.trace);
  if (steps > 0 && ImGui::TreeNodeEx("order", ImGuiTreeNodeFlags_SpanAvailWidth, "Evaluation order (%zu rules)", steps)) {
    for_each_step(a.trace, a.result, [](std::string_view s) {
      ImGui::Bullet();
      ImGui::TextWrapped("%.*s", static_cast<int>(s.size()), s.data());
    });
    ImGui::TreePop();
  }
}

void field(app::App& app, const char* name, const std::string& value) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  ImGui::TextUnformatted(name);
  ImGui::PopStyleColor();
  push_font(app.fonts.mono);
  ImGui::TextWrapped("%s", value.c_str());
  pop_font(app.fonts.mono);
}

void countdown(app::App& app, TimeMs issued, TimeMs expires) {
  const Palette& p = palette();
  const TimeMs now = app::shown_time(app);
  const TimeMs left = expires - now;
  const float frac = expires > issued ? std::clamp(static_cast<float>(left) / static_cast<float>(expires - issued), 0.0f, 1.0f) : 0;
  char text[96];
  if (left > 0) std::snprintf(text, sizeof text, "expires in %s", format_duration(left - left % 1000).c_str());
  else std::snprintf(text, sizeof text, "expired %s ago: calls now fail with ExpiredToken", format_duration(-left - (-left) % 1000 + 1000).c_str());
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, left > 0 ? (frac < 0.15f ? p.warning : p.allowed) : p.denied);
  ImGui::ProgressBar(left > 0 ? frac : 1.0f, ImVec2(-1, ImGui::GetTextLineHeight() * 1.1f), text);
  ImGui::PopStyleColor();
}

void result_card(app::App& app, course::LessonRun& run) {
  const Palette& p = palette();
  if (run.attempts().empty()) {
    ImGui::TextDisabled("No attempt yet.");
    ImGui::TextWrapped("Choose who calls and which role, then press Assume role: the result and the reason show here.");
    return;
  }
  const course::AttemptRecord& a = run.attempts().back();
  push_font(app.presenter ? app.fonts.heading : app.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, a.ok ? p.allowed : p.denied);
  ImGui::TextWrapped("%s", a.ok ? "Credentials issued" : (a.code.empty() ? "Failed" : a.code.c_str()));
  ImGui::PopStyleColor();
  pop_font(app.presenter ? app.fonts.heading : app.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
  ImGui::TextWrapped("sts:%s  \xC2\xB7  %s  ->  %s  \xC2\xB7  %s", a.spec.api.c_str(),
                     a.caller_arn.empty() ? a.spec.as.c_str() : a.caller_arn.c_str(),
                     a.role_arn.empty() ? a.spec.role.c_str() : a.role_arn.c_str(), format_iso8601(a.at).c_str());
  ImGui::PopStyleColor();
  ImGui::Separator();
  if (a.ok) {
    const auto& out = a.output;
    if (out.contains("AssumedRoleUser") && out["AssumedRoleUser"].contains("Arn"))
      field(app, "AssumedRoleUser.Arn", out["AssumedRoleUser"]["Arn"].get<std::string>());
    std::string key;
    if (out.contains("Credentials")) {
      const auto& cr = out["Credentials"];
      if (cr.contains("AccessKeyId")) field(app, "AccessKeyId", key = cr["AccessKeyId"].get<std::string>());
      if (cr.contains("SecretAccessKey")) {
        std::string s = cr["SecretAccessKey"].get<std::string>();
        field(app, "SecretAccessKey", s.substr(0, std::min<std::size_t>(4, s.size())) + std::string(20, '*') + "  (masked)");
      }
      if (cr.contains("SessionToken")) {
        std::string s = cr["SessionToken"].get<std::string>();
        field(app, "SessionToken", s.substr(0, std::min<std::size_t>(16, s.size())) + "... (" + std::to_string(s.size()) + " characters)");
      }
      if (cr.contains("Expiration")) field(app, "Expiration", cr["Expiration"].get<std::string>());
    }
    if (const Session* s = run.sim().find_session(key)) countdown(app, s->issued, s->expires);
    ImGui::Spacing();
    ImGui::TextDisabled("Use it in the console: use %s", a.spec.session_name.c_str());
  } else {
    push_font(app.fonts.mono);
    text_colored_wrapped(p.text, a.message.c_str());
    pop_font(app.fonts.mono);
    if (!a.cause.empty()) {
      ImGui::Spacing();
      ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
      ImGui::TextUnformatted("Classic cause");
      ImGui::PopStyleColor();
      ImGui::SameLine();
      badge(a.cause.c_str(), IM_COL32(210, 153, 34, 45), p.warning);
    }
    if (a.auth) {
      if (!a.auth->result.summary.empty()) {
        ImGui::Spacing();
        ImGui::TextWrapped("%s", a.auth->result.summary.c_str());
      }
      ImGui::Spacing();
      push_font(app.fonts.bold);
      ImGui::TextUnformatted("Why: every policy and statement considered");
      pop_font(app.fonts.bold);
      trace(*a.auth);
    }
  }
  if (a.ok && a.auth && ImGui::CollapsingHeader("Why it was allowed")) trace(*a.auth);
  // Earlier attempts, newest first.
  if (run.attempts().size() > 1) {
    ImGui::Spacing();
    ImGui::SeparatorText("Earlier attempts");
    std::size_t shown = 0;
    for (std::size_t k = run.attempts().size() - 1; k-- > 0 && shown < 8; ++shown) {
      const course::AttemptRecord& e = run.attempts()[k];
      ImGui::PushID(static_cast<int>(k));
      status_icon(e.ok, !e.ok);
      ImGui::SameLine();
      ImGui::TextWrapped("%s", app::attempt_sentence(e).c_str());
      ImGui::PopID();
    }
  }
}

}  // namespace

void attempt_panel(app::App& app) {
  course::LessonRun* run = app.run();
  if (!run) return;
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::BeginChild("attempt-form", ImVec2(std::max(w * 0.46f, ImGui::GetFontSize() * 16), 0), ImGuiChildFlags_None);
  form(app);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().panel_alt);
  ImGui::BeginChild("attempt-result", ImVec2(0, 0), ImGuiChildFlags_Border);
  result_card(app, *run);
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace rolelab::ui
