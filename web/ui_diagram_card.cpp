// The world diagram's node card (the side panel of a selected node): its
// edges in words, with "Try it in the console" for an opened account's
// edges, then what IAM knows of it: a role's trust, inline, managed and
// boundary policies and sessions; a user's own and its groups' policies,
// tags and sessions; a provider's audiences.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui.h"
#include "ui_diagram_parts.h"

namespace rolelab::ui::diagram_parts {

using diagram::NodeKind;

namespace {

std::string clock_text(long long ms) {
  long long s = std::max(0LL, ms / 1000);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lldh %02lldm %02llds", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%lldm %02llds", s / 60, s % 60);
  return buf;
}

void policy_block(const char* title, const std::string& text, ImFont* mono, bool open, const DiagramSource* src = nullptr,
                  const std::string& target = {}) {
  ImGui::PushID(title);
  if (src && src->open_target && !target.empty()) {
    // The lesson lets the learner edit it: a button that opens it in the editor.
    bool editable = false;
    for (const std::string& e : src->editable)
      if (e == target || (e.size() > target.size() && e.compare(e.size() - target.size(), target.size(), target) == 0 &&
                          e[e.size() - target.size() - 1] == ':'))
        editable = true;
    if (editable) {
      if (ImGui::SmallButton("Edit")) src->open_target(target);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open it in the policy editor");
      ImGui::SameLine();
    }
  }
  ImGui::SetNextItemOpen(open, ImGuiCond_Appearing);
  const bool shown = ImGui::TreeNode(title);
  ImGui::PopID();
  if (shown) {
    if (mono) ImGui::PushFont(mono);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    if (mono) ImGui::PopFont();
    ImGui::TreePop();
  }
}

void attached_blocks(const World& w, const Account& acct, const std::vector<std::string>& attached, ImFont* mono) {
  for (const std::string& name : attached) {
    const ManagedPolicy* mp = w.find_managed(acct, name);
    std::string title = "Managed: " + (mp ? mp->name : name) + (mp && mp->aws_managed ? " (AWS)" : "");
    policy_block(title.c_str(), mp ? mp->doc.text : std::string("(not found)"), mono, false);
  }
}

void sessions_block(const Simulator& sim, const std::string& role_arn, const std::string& creator, const Palette& pal) {
  const TimeMs now = sim.clock.now();
  int shown = 0;
  for (const Session& s : sim.sessions) {
    if (s.user_session) continue;
    if (!role_arn.empty() && s.role_arn != role_arn) continue;
    if (!creator.empty() && s.created_by != creator) continue;
    if (shown++ == 0) ImGui::SeparatorText(role_arn.empty() ? "Sessions it made" : "Sessions");
    const bool expired = now >= s.expires;
    const float total = static_cast<float>(std::max<TimeMs>(1, s.expires - s.issued));
    const float left = static_cast<float>(std::max<TimeMs>(0, s.expires - now));
    ImGui::PushID(shown);
    ImGui::TextUnformatted((s.role_name + "/" + s.session_name).c_str());
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, expired ? pal.denied : (left / total < 0.15f ? pal.conditional : pal.allowed));
    std::string over = expired ? "expired " + clock_text(now - s.expires) + " ago" : "expires in " + clock_text(s.expires - now);
    ImGui::ProgressBar(expired ? 1.0f : left / total, ImVec2(-1, 0), over.c_str());
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
}

}  // namespace

void node_card(DiagramState& st, const DiagramSource& src, std::size_t i, const Palette& pal) {
  const auto& node = st.model.nodes[i];
  ImFont* mono = static_cast<ImFont*>(src.mono);
  ImGui::PushStyleColor(ImGuiCol_Text, kind_color(pal, node.kind));
  ImGui::TextUnformatted(kind_name(node.kind));
  ImGui::PopStyleColor();
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() + ImGui::GetCursorPosX() -
                  ImGui::GetStyle().ItemSpacing.x * 0.0f);
  if (ImGui::SmallButton("x##close")) st.selected.clear();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Close (Esc)");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::SetWindowFontScale(1.25f);
  ImGui::TextUnformatted(st.names[i].c_str());
  ImGui::SetWindowFontScale(1.0f);
  ImGui::TextDisabled("%s", node.id.c_str());
  if (node.detail != "role" && node.detail != "user") ImGui::TextUnformatted(node.detail.c_str());
  ImGui::PopTextWrapPos();

  // Edges in and out, in words.
  bool any = false;
  for (std::size_t ei = 0; ei < st.model.edges.size(); ++ei) {
    const auto& e = st.model.edges[ei];
    if (e.from != i && e.to != i) continue;
    if (!any) ImGui::SeparatorText(node.kind == NodeKind::Role ? "Who can wear this hat" : "Hats it can wear");
    any = true;
    ImGui::PushStyleColor(ImGuiCol_Text, edge_color(pal, e.state));
    ImGui::Bullet();
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    std::string line =
        (e.goal ? "Goal: " : "") + st.names[e.from] + " -> " + st.names[e.to] + ": " + diagram::state_words(e.state);
    ImGui::TextUnformatted(line.c_str());
    if (!e.reason.empty()) ImGui::TextDisabled("%s", e.reason.c_str());
    ImGui::PopTextWrapPos();
    if (src.try_edge && src.try_edge(e, false)) {
      ImGui::PushID(static_cast<int>(ei));
      if (ImGui::SmallButton("Try it in the console")) src.try_edge(e, true);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Switches to this user and assumes the role in the console tab (a copy: nothing is sent)");
      ImGui::PopID();
    }
  }

  if (!src.sim && !src.world) return;
  const World& w = src.world ? *src.world : src.sim->world;
  const Account* acct = node.account.empty() ? nullptr : w.account(node.account);
  if (node.kind == NodeKind::Role && acct) {
    for (const auto& [name, r] : acct->roles) {
      if (r.arn != node.id) continue;
      if (!r.description.empty()) ImGui::TextWrapped("%s", r.description.c_str());
      ImGui::Text("Maximum session: %s", format_duration(static_cast<TimeMs>(r.max_session_duration) * 1000).c_str());
      if (!r.service_linked.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, pal.conditional);
        ImGui::TextWrapped("Service-linked role of %s: AWS defines its trust and permissions; it cannot be edited.",
                           r.service_linked.c_str());
        ImGui::PopStyleColor();
      }
      for (const std::string& u : node.uses) ImGui::BulletText("Used by %s", u.c_str());
      ImGui::SeparatorText("Policies");
      policy_block("Trust policy", r.trust.text, mono, true, &src, "role/" + name + "/trust");
      for (const NamedPolicy& p : r.policies) {
        std::string title = "Inline: " + p.name;
        policy_block(title.c_str(), p.text, mono, false, &src, "role/" + name + "/inline/" + p.name);
      }
      attached_blocks(w, *acct, r.attached, mono);
      if (r.boundary) policy_block("Permissions boundary", r.boundary->text, mono, false, &src, "role/" + name + "/boundary");
      if (src.sim) sessions_block(*src.sim, r.arn, "", pal);
    }
  } else if (node.kind == NodeKind::User && acct) {
    for (const auto& [name, u] : acct->users) {
      if (u.arn != node.id) continue;
      if (u.mfa) ImGui::Text("MFA device: arn:aws:iam::%s:mfa/%s", u.account.c_str(), name.c_str());
      for (const auto& [k, v] : u.tags) ImGui::BulletText("tag %s = %s", k.c_str(), v.c_str());
      ImGui::SeparatorText("Policies");
      bool any_group_policy = false;
      for (const std::string& g : u.groups) {
        auto it = acct->groups.find(g);
        any_group_policy =
            any_group_policy || (it != acct->groups.end() && (!it->second.policies.empty() || !it->second.attached.empty()));
      }
      if (u.policies.empty() && u.attached.empty() && !any_group_policy) ImGui::TextDisabled("No identity-based policies.");
      for (const NamedPolicy& p : u.policies) {
        std::string title = "Inline: " + p.name;
        policy_block(title.c_str(), p.text, mono, false, &src, "user/" + name + "/inline/" + p.name);
      }
      attached_blocks(w, *acct, u.attached, mono);
      // Its groups' policies apply to it as its own do
      // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html).
      for (const std::string& g : u.groups) {
        auto it = acct->groups.find(g);
        if (it == acct->groups.end()) continue;
        ImGui::PushID(g.c_str());
        for (const NamedPolicy& p : it->second.policies) {
          std::string title = "Group " + g + ", inline: " + p.name;
          policy_block(title.c_str(), p.text, mono, false);
        }
        for (const std::string& m : it->second.attached) {
          const ManagedPolicy* mp = w.find_managed(*acct, m);
          std::string title = "Group " + g + ", managed: " + (mp ? mp->name : m) + (mp && mp->aws_managed ? " (AWS)" : "");
          policy_block(title.c_str(), mp ? mp->doc.text : std::string("(not found)"), mono, false);
        }
        ImGui::PopID();
      }
      if (u.boundary) policy_block("Permissions boundary", u.boundary->text, mono, false, &src, "user/" + name + "/boundary");
      if (src.sim) sessions_block(*src.sim, "", u.arn, pal);
    }
  } else if (node.kind == NodeKind::Provider && acct) {
    auto o = acct->oidc_providers.find(node.label);
    if (o != acct->oidc_providers.end()) {
      ImGui::SeparatorText("Client ids (audiences)");
      for (const std::string& c : o->second) ImGui::BulletText("%s", c.c_str());
    }
  } else if (node.kind == NodeKind::Service) {
    ImGui::TextWrapped(
        "A service principal: the service itself assumes a role whose trust policy names it "
        "(for an EC2 instance profile or a Lambda execution role).");
  }
}

}  // namespace rolelab::ui::diagram_parts
