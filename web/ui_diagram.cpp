#include "ui_diagram.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "account_view.h"
#include "course/lesson_run.h"
#include "ui.h"
#include "ui_account.h"
#include "ui_diagram_parts.h"

namespace rolelab::ui {

using diagram::EdgeState;
using diagram::Model;
using diagram::NodeKind;

namespace {

using diagram_parts::EdgeGeom;
using diagram_parts::node_card;
using diagram_parts::Palette;
using diagram_parts::Rect;
using diagram_parts::Region;
using diagram_parts::edge_color;
using diagram_parts::kind_color;
using diagram_parts::kind_name;
using diagram_parts::palette;

// ---- layout, in em (multiples of the font size), so it scales with presenter mode and zoom ----

constexpr float kNodeMinW = 7.5f, kNodeMaxW = 15.0f;
constexpr float kNodeH = 2.7f, kUsesLineH = 1.05f;
constexpr float kNodeGap = 0.9f;
constexpr float kSubGap = 6.0f;     // between an account's principals and its roles (edges run here)
constexpr float kColumnGap = 3.5f;  // between accounts
constexpr float kPad = 1.0f;
constexpr float kTitleH = 4.0f;
constexpr float kTitleHCompact = 3.1f, kNodeHCompact = 1.8f, kNodeGapCompact = 0.55f;
// Around the picture in the canvas; the room kept below it for a one-line
// remark, and for a note of up to two lines on its band.
constexpr float kMarginEm = 0.5f, kNoteLineEm = 1.6f, kNoteBandEm = 3.2f;
// Below this zoom a fitted picture is too small to read: the layout turns
// compact (one-line nodes), and an account's overview draws fewer nodes.
constexpr float kReadableZoom = 0.85f;
constexpr int kBezierSamples = 20;

}  // namespace

std::shared_ptr<DiagramState> make_diagram_state() { return std::make_shared<DiagramState>(); }
std::uint64_t diagram_layouts(const DiagramState& st) { return st.layouts; }
std::string diagram_selected(const DiagramState& st) { return st.selected; }
void diagram_select(DiagramState& st, const std::string& id) { st.selected = id; }
void diagram_refit(DiagramState& st) { st.fit = true; }
float diagram_zoom(const DiagramState& st) { return st.zoom; }

std::size_t diagram_rows_that_fit(float panel_height) {
  const float em = ImGui::GetFontSize();
  // The canvas (draw_view): the panel less the header row, the margins and the note's band.
  const float canvas = panel_height - ImGui::GetFrameHeightWithSpacing() - em * (2 * kMarginEm + kNoteBandEm);
  const float height_em = canvas / (em * kReadableZoom);
  // A compact column: its title, then rows of nodes with gaps between them (layout()).
  const float rows = (height_em - kTitleHCompact - kPad * 1.5f + kNodeGapCompact) / (kNodeHCompact + kNodeGapCompact);
  return rows < 1.0f ? 1 : static_cast<std::size_t>(rows);
}
bool diagram_node_center(const DiagramState& st, const std::string& key, float& x, float& y) {
  for (std::size_t i = 0; i < st.model.nodes.size() && i < st.boxes.size(); ++i) {
    if (st.model.nodes[i].key != key) continue;
    x = st.origin.x + st.pan.x + st.boxes[i].cx() * st.px_per_em;
    y = st.origin.y + st.pan.y + st.boxes[i].cy() * st.px_per_em;
    return st.px_per_em > 0;
  }
  return false;
}
std::size_t diagram_counts(const DiagramState& st, std::size_t& edges) {
  edges = st.model.edges.size();
  return st.model.nodes.size();
}

namespace {

float text_em(ImFont* font, const std::string& s, float scale = 1.0f) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, s.c_str()).x / font->FontSize * scale;
}

// Cuts a label to fit `max_em`, with "..." (labels are ASCII or Latin-1: ARNs, names).
std::string fit_text(ImFont* font, const std::string& s, float max_em, float scale) {
  if (text_em(font, s, scale) <= max_em) return s;
  std::string t = s;
  while (t.size() > 1 && text_em(font, t + "...", scale) > max_em) t.pop_back();
  return t + "...";
}

ImVec2 bezier(const ImVec2* p, float t) {
  float u = 1 - t;
  float a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
  return {a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x, a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y};
}

// compact: one-line nodes (label only; details on hover and in the card), for small panels.
void layout(DiagramState& st, ImFont* font, bool compact) {
  const Model& m = st.model;
  ++st.layouts;
  st.compact = compact;
  const float title_h = compact ? kTitleHCompact : kTitleH;
  const float node_gap = compact ? kNodeGapCompact : kNodeGap;
  const std::size_t n = m.nodes.size();
  st.boxes.assign(n, {});
  st.names.resize(n);
  st.shown_label.assign(n, {});
  st.shown_detail.assign(n, {});
  st.regions.clear();
  for (std::size_t i = 0; i < n; ++i) {
    st.names[i] = diagram::node_name(m, i);
    const auto& node = m.nodes[i];
    bool sessions = node.active_sessions + node.expired_sessions > 0;
    // Compact: a service principal by its short name ("ec2"; the full name is on hover).
    std::string label = node.label;
    const std::string suffix = ".amazonaws.com";
    if (compact && node.kind == NodeKind::Service && label.size() > suffix.size() &&
        label.compare(label.size() - suffix.size(), suffix.size(), suffix) == 0)
      label.resize(label.size() - suffix.size());
    float w;
    if (compact) {
      w = text_em(font, label) + 2.6f + (sessions ? 1.6f : 0.0f);
      w = std::clamp(w, kNodeMinW * 0.8f, kNodeMaxW);
      st.boxes[i].h = kNodeHCompact;
    } else {
      w = std::max(text_em(font, node.label) + 2.6f, text_em(font, node.detail, 0.82f) + 2.0f);
      for (const std::string& u : node.uses) w = std::max(w, text_em(font, u, 0.82f) + 2.0f);
      w = std::clamp(w, kNodeMinW, kNodeMaxW);
      std::size_t uses = std::min<std::size_t>(node.uses.size(), 2);
      st.boxes[i].h = kNodeH + kUsesLineH * static_cast<float>(uses + (sessions ? 1 : 0));
    }
    st.boxes[i].w = w;
    st.shown_label[i] = fit_text(font, label, w - 2.4f - (compact && sessions ? 1.6f : 0.0f), 1.0f);
    st.shown_detail[i] = fit_text(font, node.detail, w - 1.6f, 0.82f);
  }

  // Roles ordered by where the principals that reach them sit (fewer crossings),
  // then by name: deterministic for a given world.
  std::vector<float> order_key(n, 0.0f);
  {
    std::vector<float> sum(n, 0.0f), cnt(n, 0.0f);
    std::vector<float> rank(n, 0.0f);
    float k = 0;
    for (const auto& g : m.accounts)
      for (std::size_t idx : g.principals) rank[idx] = k++;
    for (const auto& g : m.accounts)
      for (std::size_t idx : g.roles) rank[idx] = 1000.0f + k++;
    for (const auto& e : m.edges) {
      sum[e.to] += rank[e.from];
      cnt[e.to] += 1;
    }
    for (std::size_t i = 0; i < n; ++i) order_key[i] = cnt[i] > 0 ? sum[i] / cnt[i] : 1e6f + rank[i];
  }

  float x = 0;
  float tallest = 0;
  // Principals flush right (their edges leave from one line), roles flush left (arrows end on one line).
  auto stack = [&](std::vector<std::size_t> items, float col_x, float col_w, bool sort) {
    if (sort) {
      std::stable_sort(items.begin(), items.end(),
                       [&](std::size_t a, std::size_t b) { return order_key[a] < order_key[b]; });
    }
    float y = title_h;
    for (std::size_t idx : items) {
      Rect& b = st.boxes[idx];
      b.x = sort ? col_x : col_x + col_w - b.w;
      b.y = y;
      y += b.h + node_gap;
    }
    return y - node_gap;
  };
  const float sub_gap = compact ? kSubGap * 0.8f : kSubGap;
  auto widest = [&](const std::vector<std::size_t>& items) {
    float w = compact ? kNodeMinW * 0.8f : kNodeMinW;
    for (std::size_t idx : items) w = std::max(w, st.boxes[idx].w);
    return w;
  };
  for (const auto& g : m.accounts) {
    Region r;
    r.title = g.id;
    r.subtitle = g.alias.empty() ? "account" : g.alias;
    float lw = g.principals.empty() ? 0.0f : widest(g.principals);
    float rw = g.roles.empty() ? 0.0f : widest(g.roles);
    float inner;
    if (lw > 0 && rw > 0) {
      tallest = std::max(tallest, stack(g.principals, x + kPad, lw, false));
      tallest = std::max(tallest, stack(g.roles, x + kPad + lw + sub_gap, rw, true));
      r.split = x + kPad + lw + sub_gap * 0.5f;
      r.half_gap = sub_gap * 0.5f;
      inner = lw + sub_gap + rw;
    } else {
      inner = std::max(std::max(lw, rw), kNodeMinW);
      tallest = std::max(tallest, stack(lw > 0 ? g.principals : g.roles, x + kPad, inner, rw > 0));
    }
    r.r = {x, 0, inner + 2 * kPad, 0};
    st.regions.push_back(r);
    x += r.r.w + kColumnGap;
  }
  st.content_w = std::max(0.0f, x - kColumnGap);
  st.content_h = std::max(tallest, title_h + kNodeHCompact) + kPad * 1.5f;
  st.title_h = title_h;

  // Edges: ports spread along the side of a node, in the order of the other ends.
  struct Port {
    std::size_t edge;
    bool out;
    float other_y;
  };
  std::map<std::pair<std::size_t, int>, std::vector<Port>> ports;  // (node, side 0 left / 1 right)
  std::vector<int> from_side(m.edges.size()), to_side(m.edges.size());
  for (std::size_t ei = 0; ei < m.edges.size(); ++ei) {
    const auto& e = m.edges[ei];
    const Rect& a = st.boxes[e.from];
    const Rect& b = st.boxes[e.to];
    if (b.x >= a.x + a.w) {
      from_side[ei] = 1, to_side[ei] = 0;
    } else if (b.x + b.w <= a.x) {
      from_side[ei] = 0, to_side[ei] = 1;
    } else {
      from_side[ei] = 1, to_side[ei] = 1;  // same column: an arc on the right
    }
    ports[{e.from, from_side[ei]}].push_back({ei, true, b.cy()});
    ports[{e.to, to_side[ei]}].push_back({ei, false, a.cy()});
  }
  std::vector<float> from_y(m.edges.size()), to_y(m.edges.size());
  for (auto& [key, list] : ports) {
    std::stable_sort(list.begin(), list.end(), [](const Port& p, const Port& q) { return p.other_y < q.other_y; });
    const Rect& b = st.boxes[key.first];
    const float span = std::min(b.h - 0.8f, 0.55f * static_cast<float>(list.size() - 1));
    for (std::size_t k = 0; k < list.size(); ++k) {
      float t = list.size() == 1 ? 0.5f : static_cast<float>(k) / static_cast<float>(list.size() - 1);
      float y = b.cy() - span * 0.5f + span * t;
      (list[k].out ? from_y : to_y)[list[k].edge] = y;
    }
  }
  // Edge paths. Inside one account: a Bezier across the gap between
  // principals and roles. Across accounts: along the gutters, below every
  // node in the way (one lane per edge), so no line runs under a node.
  std::vector<int> col_of(n, -1);
  std::vector<std::vector<float>> stack_bottom(st.regions.size(), std::vector<float>(2, kTitleH));
  for (std::size_t gi = 0; gi < m.accounts.size(); ++gi) {
    for (std::size_t idx : m.accounts[gi].principals) {
      col_of[idx] = static_cast<int>(gi);
      stack_bottom[gi][0] = std::max(stack_bottom[gi][0], st.boxes[idx].y + st.boxes[idx].h);
    }
    for (std::size_t idx : m.accounts[gi].roles) {
      col_of[idx] = static_cast<int>(gi);
      stack_bottom[gi][1] = std::max(stack_bottom[gi][1], st.boxes[idx].y + st.boxes[idx].h);
    }
  }
  auto is_role = [&](std::size_t idx) { return m.nodes[idx].kind == NodeKind::Role; };
  auto split_x = [&](int gi) {
    const Region& r = st.regions[static_cast<std::size_t>(gi)];
    return r.split > 0 ? r.split : r.r.x + r.r.w * 0.5f;
  };
  auto right_gap = [&](int gi) { return st.regions[static_cast<std::size_t>(gi)].r.x + st.regions[static_cast<std::size_t>(gi)].r.w + kColumnGap * 0.5f; };
  auto left_gap = [&](int gi) { return st.regions[static_cast<std::size_t>(gi)].r.x - kColumnGap * 0.5f; };
  int lanes = 0;
  float lane_base = 0;
  for (const auto& e : m.edges) {
    if (col_of[e.from] != col_of[e.to] && col_of[e.from] >= 0 && col_of[e.to] >= 0) ++lanes;
  }
  for (const auto& sb : stack_bottom) lane_base = std::max(lane_base, std::max(sb[0], sb[1]));
  lane_base += 1.0f;
  int lane = 0;
  st.edges.assign(m.edges.size(), {});
  for (std::size_t ei = 0; ei < m.edges.size(); ++ei) {
    const auto& e = m.edges[ei];
    EdgeGeom& g = st.edges[ei];
    const int ca = col_of[e.from], cb = col_of[e.to];
    if (ca != cb && ca >= 0 && cb >= 0) {
      // Orthogonal route with rounded corners through the gutters.
      const Rect& a = st.boxes[e.from];
      const Rect& b = st.boxes[e.to];
      const float off = (static_cast<float>(lane) - static_cast<float>(lanes - 1) * 0.5f) * 0.4f;
      const float yr = lane_base + 0.5f * static_cast<float>(lane);
      ++lane;
      std::vector<ImVec2> w;
      const bool rightward = cb > ca;
      // Leave: principals into their account's inner gap; roles out of the account's side.
      float xa;
      if (is_role(e.from)) {
        xa = rightward ? right_gap(ca) : left_gap(ca);
        w.push_back(ImVec2(rightward ? a.x + a.w : a.x, from_y[ei]));
      } else {
        const bool inner = st.regions[static_cast<std::size_t>(ca)].split > 0;
        xa = inner ? split_x(ca) : (rightward ? right_gap(ca) : left_gap(ca));
        w.push_back(ImVec2(inner || rightward ? a.x + a.w : a.x, from_y[ei]));
      }
      // Arrive: at the role's left side from the target's inner gap (rightward), or its right side (leftward).
      const bool inner_b = st.regions[static_cast<std::size_t>(cb)].split > 0;
      float xb = rightward ? (inner_b ? split_x(cb) : left_gap(cb)) : right_gap(cb);
      // Leaving and arriving through the same gap (neighbouring accounts, nothing
      // in between): straight across it, no lane.
      const bool direct = std::fabs(xa - xb) < 0.01f;
      if (direct) --lane;
      w.push_back(ImVec2(xa + (direct ? 0.0f : off), w.back().y));
      if (!direct) {
        w.push_back(ImVec2(xa + off, yr));
        w.push_back(ImVec2(xb + off, yr));
      }
      w.push_back(ImVec2(xb + (direct ? 0.0f : off), to_y[ei]));
      w.push_back(ImVec2(rightward ? b.x : b.x + b.w, to_y[ei]));
      // Corners rounded with a quadratic curve.
      g.samples.push_back(w[0]);
      for (std::size_t k = 1; k + 1 < w.size(); ++k) {
        ImVec2 pin = w[k - 1], c = w[k], pout = w[k + 1];
        float lin = std::fabs(c.x - pin.x) + std::fabs(c.y - pin.y);
        float lout = std::fabs(pout.x - c.x) + std::fabs(pout.y - c.y);
        float r = std::min({0.7f, lin * 0.5f, lout * 0.5f});
        if (r <= 0.01f) {
          g.samples.push_back(c);
          continue;
        }
        ImVec2 s0(c.x + (pin.x - c.x) / lin * r, c.y + (pin.y - c.y) / lin * r);
        ImVec2 s1(c.x + (pout.x - c.x) / lout * r, c.y + (pout.y - c.y) / lout * r);
        for (int q = 0; q <= 4; ++q) {
          float t = static_cast<float>(q) / 4.0f, u = 1 - t;
          g.samples.push_back(ImVec2(u * u * s0.x + 2 * u * t * c.x + t * t * s1.x, u * u * s0.y + 2 * u * t * c.y + t * t * s1.y));
        }
      }
      g.samples.push_back(w.back());
      if (direct) {
        g.mid = g.samples.size() / 2;
        continue;
      }
      st.content_h = std::max(st.content_h, yr + 1.0f);
      // Its mark sits on the lane, staggered so parallel lanes do not stack their marks.
      const float mx = xa + (xb - xa) * (static_cast<float>(lane) / static_cast<float>(lanes + 1));
      float best = 1e9f;
      for (std::size_t k = 0; k < g.samples.size(); ++k) {
        float d = std::fabs(g.samples[k].x - mx) + std::fabs(g.samples[k].y - yr) * 4.0f;
        if (d < best) best = d, g.mid = k;
      }
      continue;
    } else {
      const Rect& a = st.boxes[e.from];
      const Rect& b = st.boxes[e.to];
      ImVec2 p[4];
      p[0] = ImVec2(from_side[ei] ? a.x + a.w : a.x, from_y[ei]);
      p[3] = ImVec2(to_side[ei] ? b.x + b.w : b.x, to_y[ei]);
      if (from_side[ei] == to_side[ei]) {
        // Same column (role chaining): an arc outside the column's widest box.
        float right = std::max(p[0].x, p[3].x);
        if (ca >= 0)
          for (std::size_t idx : m.accounts[static_cast<std::size_t>(ca)].roles) right = std::max(right, st.boxes[idx].x + st.boxes[idx].w);
        // A cubic with both inner points at x = c reaches x0 + 0.75 (c - x0) at most.
        const float x0 = std::max(p[0].x, p[3].x);
        const float c = x0 + (right + 0.8f + std::fabs(p[3].y - p[0].y) * 0.05f - x0) / 0.75f;
        p[1] = ImVec2(c, p[0].y);
        p[2] = ImVec2(c, p[3].y);
      } else {
        float dir = from_side[ei] ? 1.0f : -1.0f;
        float c = std::max(2.0f, std::fabs(p[3].x - p[0].x) * 0.45f);
        p[1] = ImVec2(p[0].x + dir * c, p[0].y);
        p[2] = ImVec2(p[3].x - dir * c, p[3].y);
      }
      for (int k = 0; k <= kBezierSamples; ++k) g.samples.push_back(bezier(p, static_cast<float>(k) / kBezierSamples));
    }
    // The halfway sample, by length.
    float total = 0;
    for (std::size_t k = 1; k < g.samples.size(); ++k)
      total += std::hypot(g.samples[k].x - g.samples[k - 1].x, g.samples[k].y - g.samples[k - 1].y);
    float run = 0;
    g.mid = g.samples.size() / 2;
    for (std::size_t k = 1; k < g.samples.size(); ++k) {
      run += std::hypot(g.samples[k].x - g.samples[k - 1].x, g.samples[k].y - g.samples[k - 1].y);
      if (run >= total * 0.5f) {
        g.mid = k;
        break;
      }
    }
  }
  for (Region& r : st.regions) r.r.h = st.content_h;
  // Each path's bounding box, so drawing skips the ones off screen (a large opened account, zoomed in).
  for (EdgeGeom& g : st.edges) {
    if (g.samples.empty()) continue;
    g.lo = g.hi = g.samples[0];
    for (const ImVec2& q : g.samples) {
      g.lo = ImVec2(std::min(g.lo.x, q.x), std::min(g.lo.y, q.y));
      g.hi = ImVec2(std::max(g.hi.x, q.x), std::max(g.hi.y, q.y));
    }
  }
}

// ---- drawing ----

}  // namespace

namespace diagram_parts {

Palette palette(bool high_contrast) {
  Palette p;
  if (high_contrast) {  // high contrast: pure hues on near-black
    p.allowed = IM_COL32(70, 235, 110, 255);
    p.conditional = IM_COL32(255, 200, 40, 255);
    p.denied = IM_COL32(255, 90, 90, 255);
    p.goal = IM_COL32(140, 200, 255, 255);
    p.region = IM_COL32(20, 22, 28, 255);
    p.region_border = IM_COL32(200, 200, 210, 255);
    p.title = IM_COL32(255, 255, 255, 255);
    p.muted = IM_COL32(205, 205, 215, 255);
    p.text = IM_COL32(255, 255, 255, 255);
    p.node = IM_COL32(10, 10, 14, 255);
    p.node_border = IM_COL32(230, 230, 240, 255);
  } else {
    p.allowed = IM_COL32(90, 203, 107, 255);
    p.conditional = IM_COL32(240, 180, 60, 255);
    p.denied = IM_COL32(232, 90, 90, 255);
    p.goal = IM_COL32(130, 170, 240, 235);
    p.region = IM_COL32(34, 38, 48, 255);
    p.region_border = IM_COL32(70, 78, 96, 255);
    p.title = IM_COL32(230, 232, 240, 255);
    p.muted = IM_COL32(150, 156, 170, 255);
    p.text = IM_COL32(235, 236, 242, 255);
    p.node = IM_COL32(24, 27, 35, 255);
    p.node_border = IM_COL32(88, 96, 116, 255);
  }
  p.selected = IM_COL32(255, 255, 255, 255);
  p.user = IM_COL32(96, 160, 255, 255);
  p.role = IM_COL32(190, 130, 255, 255);
  p.service = IM_COL32(60, 200, 200, 255);
  p.provider = IM_COL32(255, 150, 70, 255);
  return p;
}

ImU32 edge_color(const Palette& p, EdgeState s) {
  switch (s) {
    case EdgeState::Allowed: return p.allowed;
    case EdgeState::Conditional: return p.conditional;
    case EdgeState::Denied: return p.denied;
    case EdgeState::None: return p.goal;
  }
  return p.goal;
}

ImU32 kind_color(const Palette& p, NodeKind k) {
  switch (k) {
    case NodeKind::User: return p.user;
    case NodeKind::Role: return p.role;
    case NodeKind::Service: return p.service;
    case NodeKind::Provider: return p.provider;
  }
  return p.user;
}

const char* kind_name(NodeKind k) {
  switch (k) {
    case NodeKind::User: return "IAM user";
    case NodeKind::Role: return "IAM role";
    case NodeKind::Service: return "AWS service principal";
    case NodeKind::Provider: return "identity provider";
  }
  return "";
}

}  // namespace diagram_parts

namespace {

ImU32 with_alpha(ImU32 c, float a) {
  unsigned alpha = static_cast<unsigned>(static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) * a);
  return (c & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

void dashed(ImDrawList* dl, const ImVec2* pts, int count, ImU32 col, float thick, float dash) {
  float carry = 0;  // distance into the current dash period
  for (int i = 0; i + 1 < count; ++i) {
    ImVec2 a = pts[i], b = pts[i + 1];
    float len = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
    float t = 0;
    while (t < len) {
      float in_period = std::fmod(carry + t, 2 * dash);
      float left = (in_period < dash ? dash : 2 * dash) - in_period;
      float t2 = std::min(len, t + left);
      if (in_period < dash && len > 0) {
        ImVec2 s(a.x + (b.x - a.x) * t / len, a.y + (b.y - a.y) * t / len);
        ImVec2 e(a.x + (b.x - a.x) * t2 / len, a.y + (b.y - a.y) * t2 / len);
        dl->AddLine(s, e, col, thick);
      }
      t = t2 + 1e-4f;
    }
    carry += len;
  }
}

// Small glyphs drawn with primitives (the fonts carry Latin-1 only).
void glyph(ImDrawList* dl, NodeKind k, ImVec2 c, float s, ImU32 col) {
  switch (k) {
    case NodeKind::User:
      dl->AddCircleFilled(ImVec2(c.x, c.y - s * 0.28f), s * 0.24f, col, 12);
      dl->PathArcTo(ImVec2(c.x, c.y + s * 0.42f), s * 0.42f, 3.14159f, 2 * 3.14159f, 10);
      dl->PathFillConvex(col);
      break;
    case NodeKind::Role:  // a hat: crown and brim
      dl->AddRectFilled(ImVec2(c.x - s * 0.26f, c.y - s * 0.38f), ImVec2(c.x + s * 0.26f, c.y + s * 0.12f), col, s * 0.06f);
      dl->AddRectFilled(ImVec2(c.x - s * 0.46f, c.y + s * 0.12f), ImVec2(c.x + s * 0.46f, c.y + s * 0.26f), col, s * 0.06f);
      break;
    case NodeKind::Service:
      dl->AddNgonFilled(c, s * 0.36f, col, 6);
      dl->AddCircleFilled(c, s * 0.13f, IM_COL32(20, 22, 28, 255), 10);
      break;
    case NodeKind::Provider:  // a key
      dl->AddCircle(ImVec2(c.x - s * 0.18f, c.y), s * 0.17f, col, 12, s * 0.09f);
      dl->AddLine(ImVec2(c.x - s * 0.02f, c.y), ImVec2(c.x + s * 0.4f, c.y), col, s * 0.09f);
      dl->AddLine(ImVec2(c.x + s * 0.3f, c.y), ImVec2(c.x + s * 0.3f, c.y + s * 0.16f), col, s * 0.09f);
      break;
  }
}

// The header row: title, a legend of the edge colours, zoom buttons on the right.
void header_row(DiagramState& st, const DiagramSource& src, const Palette& pal) {
  ImGui::PushFont(static_cast<ImFont*>(src.title_font) ? static_cast<ImFont*>(src.title_font) : ImGui::GetFont());
  ImGui::TextUnformatted(src.title.c_str());
  ImGui::PopFont();
  const float em = ImGui::GetFontSize();
  const float full = ImGui::GetContentRegionAvail().x;
  const char* max_label = src.maximised && *src.maximised ? "Restore" : "Maximise";
  const float max_w = src.maximised ? ImGui::CalcTextSize("Maximise").x + ImGui::GetStyle().FramePadding.x * 2 + 4 : 0.0f;
  const float buttons_w = ImGui::CalcTextSize("-+Fit").x + ImGui::GetStyle().FramePadding.x * 6 + 8 + em * 0.5f + max_w;
  struct Item {
    EdgeState s;
    const char* word;
    const char* tip;
  } items[] = {{EdgeState::Allowed, "now", "green: would succeed now"},
               {EdgeState::Conditional, "if", "amber: only if a condition holds (external id, MFA, token claims, source account)"},
               {EdgeState::Denied, "denied", "red: named in the trust policy, but denied (hover an edge for the reason)"},
               {EdgeState::None, "goal", "dashed: the goal of this step"}};
  float legend_w = 0;
  for (const Item& it : items) legend_w += em * 1.9f + ImGui::CalcTextSize(it.word).x + em * 0.7f;
  const float title_w = ImGui::GetItemRectSize().x;
  const char* sub = "who can wear which hat";
  const float sub_w = ImGui::CalcTextSize(sub).x + em * 0.6f;
  float used = title_w;
  if (title_w + sub_w + legend_w + buttons_w < full) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", sub);
    used += sub_w;
  }
  if (used + legend_w + buttons_w < full) {
    ImGui::SameLine(0, em * 1.2f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float th = src.presenter ? 3.0f : 2.0f;
    for (const Item& it : items) {
      ImVec2 p = ImGui::GetCursorScreenPos();
      const float y = p.y + ImGui::GetTextLineHeight() * 0.55f;
      ImVec2 seg[2] = {ImVec2(p.x, y), ImVec2(p.x + em * 1.5f, y)};
      const ImU32 c = edge_color(pal, it.s);
      if (it.s == EdgeState::None) dashed(dl, seg, 2, c, th, em * 0.28f);
      else dl->AddLine(seg[0], seg[1], c, th);
      ImGui::Dummy(ImVec2(em * 1.6f, ImGui::GetTextLineHeight()));
      ImGui::SameLine(0, em * 0.3f);
      ImGui::PushStyleColor(ImGuiCol_Text, pal.muted);
      ImGui::TextUnformatted(it.word);
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", it.tip);
      ImGui::SameLine(0, em * 0.7f);
    }
  }
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - buttons_w + em * 0.5f));
  if (ImGui::SmallButton("-")) st.zoom = std::max(0.3f, st.zoom / 1.2f), st.fit = false;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Zoom out (or the mouse wheel over the picture)");
  ImGui::SameLine(0, 4);
  if (ImGui::SmallButton("+")) st.zoom = std::min(2.5f, st.zoom * 1.2f), st.fit = false;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Zoom in");
  ImGui::SameLine(0, 4);
  if (ImGui::SmallButton("Fit")) st.fit = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fit the whole world in the panel (drag to pan)");
  if (src.maximised) {
    ImGui::SameLine(0, 4);
    if (ImGui::SmallButton(max_label)) {
      *src.maximised = !*src.maximised;
      st.fit = true;  // the picture is fitted again to the panel's new size
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(*src.maximised ? "Back to the lesson's panels (Escape)" : "The picture fills the window (a large account, or a class)");
  }
}

}  // namespace

namespace {

void draw_view(DiagramState& st, const DiagramSource& src) {
  ImFont* font = ImGui::GetFont();
  if (src.key != st.key || src.version != st.version || font != st.font) {
    if (src.key != st.key) {
      st.fit = true;
      st.selected.clear();
    }
    st.key = src.key;
    st.version = src.version;
    st.font = font;
    st.model = src.build ? src.build() : Model{};
    layout(st, font, false);
    st.full_w = st.content_w;
    st.full_h = st.content_h;
    st.laid_compact = false;
  }
  const Palette pal = palette(src.high_contrast);
  const float em = ImGui::GetFontSize();
  header_row(st, src, pal);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 50.0f);
  size.y = std::max(size.y, 50.0f);

  // The selected node's card takes the right side.
  int selected = -1;
  if (!st.selected.empty()) {
    for (std::size_t i = 0; i < st.model.nodes.size(); ++i)
      if (st.model.nodes[i].key == st.selected) selected = static_cast<int>(i);
    if (selected < 0) st.selected.clear();
  }
  const float card_w = selected >= 0 ? std::min(size.x * 0.45f, em * 24.0f) : 0.0f;
  const ImVec2 canvas_size(size.x - card_w, size.y);

  ImGui::InvisibleButton("##diagram", canvas_size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
  const bool canvas_hovered = ImGui::IsItemHovered();
  const bool canvas_active = ImGui::IsItemActive();
  ImGuiIO& io = ImGui::GetIO();

  // Zoom: fit until the learner zooms (wheel) or pans (drag); "Fit" goes back.
  const float margin = em * kMarginEm;
  // The note, wrapped to the canvas, on a band along the bottom (drawn last).
  // The fitted picture keeps room for that band, or for the line that says
  // there is no edge at all.
  const float note_wrap = canvas_size.x - em * 1.2f;
  const ImVec2 note_size =
      st.model.note.empty() ? ImVec2(0, 0) : ImGui::CalcTextSize(st.model.note.c_str(), nullptr, false, note_wrap);
  const float note_band = note_size.y + em * 0.8f;
  float reserve = 0.0f;
  if (!st.model.nodes.empty() && !st.model.note.empty())
    reserve = note_band;
  else if (!st.model.nodes.empty() && st.model.edges.empty())
    reserve = em * kNoteLineEm;
  auto fit_zoom = [&](float w, float h) {
    return std::min((canvas_size.x - 2 * margin) / (w * em), (canvas_size.y - 2 * margin - reserve) / (h * em));
  };
  // Small panels get one-line nodes when the full picture would be shrunk below readable.
  const bool want_compact = st.full_w > 0 && fit_zoom(st.full_w, st.full_h) < kReadableZoom;
  if (want_compact != st.laid_compact) {
    layout(st, font, want_compact);
    st.laid_compact = want_compact;
  }
  if (st.fit && st.content_w > 0) {
    st.zoom = std::clamp(fit_zoom(st.content_w, st.content_h), 0.45f, 1.0f);
    float w = st.content_w * em * st.zoom;
    st.pan = ImVec2(std::max(margin, (canvas_size.x - w) * 0.5f), margin);
  }
  if (canvas_hovered && io.MouseWheel != 0.0f) {
    float old = st.zoom;
    st.zoom = std::clamp(st.zoom * (io.MouseWheel > 0 ? 1.12f : 1.0f / 1.12f), 0.3f, 2.5f);
    ImVec2 m(io.MousePos.x - origin.x, io.MousePos.y - origin.y);
    st.pan.x = m.x - (m.x - st.pan.x) * st.zoom / old;
    st.pan.y = m.y - (m.y - st.pan.y) * st.zoom / old;
    st.fit = false;
  }
  if (canvas_active && (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 4.0f))) {
    st.pan.x += io.MouseDelta.x;
    st.pan.y += io.MouseDelta.y;
    st.fit = false;
  }
  const float s = em * st.zoom;  // pixels per em
  st.origin = origin;
  st.px_per_em = s;
  auto P = [&](ImVec2 p) { return ImVec2(origin.x + st.pan.x + p.x * s, origin.y + st.pan.y + p.y * s); };
  auto off_screen = [&](const EdgeGeom& g) {
    const ImVec2 lo = P(g.lo), hi = P(g.hi);
    return hi.x < origin.x || hi.y < origin.y || lo.x > origin.x + canvas_size.x || lo.y > origin.y + canvas_size.y;
  };

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 clip_max(origin.x + canvas_size.x, origin.y + canvas_size.y);
  dl->PushClipRect(origin, clip_max, true);
  dl->AddRectFilled(origin, clip_max, IM_COL32(22, 24, 31, 255));

  if (st.model.nodes.empty()) {
    dl->AddText(ImVec2(origin.x + em, origin.y + em), pal.muted, src.empty_text.c_str());
    dl->PopClipRect();
    return;
  }

  // Hit testing (before drawing, so hover shows this frame).
  st.hovered_node = st.hovered_edge = -1;
  const ImVec2 mouse = io.MousePos;
  if (canvas_hovered) {
    for (std::size_t i = 0; i < st.boxes.size(); ++i) {
      const Rect& b = st.boxes[i];
      ImVec2 a = P(ImVec2(b.x, b.y)), c = P(ImVec2(b.x + b.w, b.y + b.h));
      if (mouse.x >= a.x && mouse.x <= c.x && mouse.y >= a.y && mouse.y <= c.y) st.hovered_node = static_cast<int>(i);
    }
    if (st.hovered_node < 0) {
      float best = std::max(6.0f, s * 0.35f);
      for (std::size_t ei = 0; ei < st.edges.size(); ++ei) {
        const EdgeGeom& g = st.edges[ei];
        if (off_screen(g)) continue;
        for (std::size_t k = 0; k + 1 < g.samples.size(); ++k) {
          ImVec2 a = P(g.samples[k]), b = P(g.samples[k + 1]);
          ImVec2 ab(b.x - a.x, b.y - a.y), am(mouse.x - a.x, mouse.y - a.y);
          float len2 = ab.x * ab.x + ab.y * ab.y;
          float t = len2 > 0 ? std::clamp((am.x * ab.x + am.y * ab.y) / len2, 0.0f, 1.0f) : 0.0f;
          float dx = a.x + ab.x * t - mouse.x, dy = a.y + ab.y * t - mouse.y;
          float d = std::sqrt(dx * dx + dy * dy);
          if (d < best) best = d, st.hovered_edge = static_cast<int>(ei);
        }
      }
    }
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 16.0f) {
      if (st.hovered_node >= 0) {
        const std::string& id = st.model.nodes[static_cast<std::size_t>(st.hovered_node)].key;
        st.selected = st.selected == id ? std::string() : id;
      } else if (st.hovered_edge < 0) {
        st.selected.clear();
      }
    }
  }
  if (!st.selected.empty() && ImGui::IsKeyPressed(ImGuiKey_Escape) && (canvas_hovered || ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows)))
    st.selected.clear();

  // Nodes related to the hovered or selected one (its edges and, for users, the roles it reaches by chaining).
  const int focus = st.hovered_node >= 0 ? st.hovered_node : selected;
  std::vector<char> related;
  if (focus >= 0) {
    related.assign(st.model.nodes.size(), 0);
    related[static_cast<std::size_t>(focus)] = 1;
    for (const auto& e : st.model.edges) {
      if (static_cast<int>(e.from) == focus) related[e.to] = 1;
      if (static_cast<int>(e.to) == focus) related[e.from] = 1;
    }
    for (std::size_t r : st.model.reach[static_cast<std::size_t>(focus)]) related[r] = 1;
  }

  // Regions (accounts).
  ImFont* f = font;
  for (const Region& r : st.regions) {
    ImVec2 a = P(ImVec2(r.r.x, r.r.y)), b = P(ImVec2(r.r.x + r.r.w, r.r.y + r.r.h));
    dl->AddRectFilled(a, b, pal.region, s * 0.6f);
    dl->AddRect(a, b, pal.region_border, s * 0.6f, 0, src.presenter ? 2.0f : 1.0f);
    dl->AddText(f, s * 1.05f, ImVec2(a.x + s * 0.8f, a.y + s * 0.45f), pal.title, r.title.c_str());
    if (st.compact) {
      float tw = f->CalcTextSizeA(s * 1.05f, FLT_MAX, 0, r.title.c_str()).x;
      dl->AddText(f, s * 0.85f, ImVec2(a.x + s * 1.3f + tw, a.y + s * 0.6f), pal.muted, r.subtitle.c_str());
    } else {
      dl->AddText(f, s * 0.85f, ImVec2(a.x + s * 0.8f, a.y + s * 1.6f), pal.muted, r.subtitle.c_str());
    }
    if (r.split > 0) {
      // Column heads: who (principals) and the hats (roles).
      ImVec2 sp = P(ImVec2(r.split, r.r.y + st.title_h - 1.15f));
      const char* left = "principals";
      const char* right = "roles";
      float lw = f->CalcTextSizeA(s * 0.75f, FLT_MAX, 0, left).x;
      dl->AddText(f, s * 0.75f, ImVec2(sp.x - s * r.half_gap - lw - s * 0.2f, sp.y), with_alpha(pal.muted, 0.8f), left);
      dl->AddText(f, s * 0.75f, ImVec2(sp.x + s * r.half_gap + s * 0.2f, sp.y), with_alpha(pal.muted, 0.8f), right);
    }
  }

  // Edges.
  const float base = src.presenter ? 3.2f : 2.0f;
  const float thick = std::max(1.5f, base * std::min(1.4f, st.zoom * em / 17.0f));
  std::vector<ImVec2>& pts = st.scratch;
  for (int pass = 0; pass < 2; ++pass) {  // the highlighted ones last, on top
    for (std::size_t ei = 0; ei < st.edges.size(); ++ei) {
      const auto& e = st.model.edges[ei];
      const bool lit = static_cast<int>(ei) == st.hovered_edge ||
                       (focus >= 0 && (static_cast<int>(e.from) == focus || static_cast<int>(e.to) == focus));
      if (lit != (pass == 1)) continue;
      const bool dim = focus >= 0 && !lit;
      const EdgeGeom& g = st.edges[ei];
      if (off_screen(g)) continue;
      pts.resize(g.samples.size());
      for (std::size_t k = 0; k < g.samples.size(); ++k) pts[k] = P(g.samples[k]);
      const int np = static_cast<int>(pts.size());
      ImU32 col = edge_color(pal, e.state);
      if (dim) col = with_alpha(col, 0.3f);
      const float t = lit ? thick * 1.7f : thick;
      if (e.state == EdgeState::None) {
        dashed(dl, pts.data(), np, col, t, s * 0.35f);
      } else {
        dl->AddPolyline(pts.data(), np, col, 0, t);
        if (e.goal && e.state != EdgeState::Allowed) {
          // The goal, not met yet: a dashed halo beside the current colour.
          dashed(dl, pts.data(), np, with_alpha(pal.goal, dim ? 0.3f : 1.0f), t * 0.6f, s * 0.35f);
        }
      }
      // Arrowhead at the role.
      ImVec2 tip = pts[static_cast<std::size_t>(np - 1)], from = pts[static_cast<std::size_t>(np - 2)];
      float dx = tip.x - from.x, dy = tip.y - from.y, l = std::sqrt(dx * dx + dy * dy);
      if (l > 0) {
        dx /= l, dy /= l;
        float ah = s * 0.55f, aw = s * 0.3f;
        dl->AddTriangleFilled(tip, ImVec2(tip.x - dx * ah - dy * aw, tip.y - dy * ah + dx * aw),
                              ImVec2(tip.x - dx * ah + dy * aw, tip.y - dy * ah - dx * aw), col);
      }
      // A mark in the middle, so the state reads without colour too.
      ImVec2 mid = P(g.samples[g.mid]);
      const float r = s * 0.42f;
      if (e.state == EdgeState::Denied) {
        dl->AddCircleFilled(mid, r, pal.node, 12);
        dl->AddCircle(mid, r, col, 12, thick * 0.8f);
        float q = r * 0.5f;
        dl->AddLine(ImVec2(mid.x - q, mid.y - q), ImVec2(mid.x + q, mid.y + q), col, thick * 0.9f);
        dl->AddLine(ImVec2(mid.x - q, mid.y + q), ImVec2(mid.x + q, mid.y - q), col, thick * 0.9f);
      } else if (e.state == EdgeState::Conditional) {
        dl->AddCircleFilled(mid, r, pal.node, 12);
        dl->AddCircle(mid, r, col, 12, thick * 0.8f);
        ImVec2 ts = f->CalcTextSizeA(s * 0.75f, FLT_MAX, 0, "if");
        dl->AddText(f, s * 0.75f, ImVec2(mid.x - ts.x * 0.5f, mid.y - ts.y * 0.5f), col, "if");
      } else if (e.state == EdgeState::Allowed && e.goal) {
        dl->AddCircleFilled(mid, r, col, 12);
        dl->AddPolyline(std::array<ImVec2, 3>{ImVec2(mid.x - r * 0.5f, mid.y), ImVec2(mid.x - r * 0.1f, mid.y + r * 0.4f),
                                              ImVec2(mid.x + r * 0.5f, mid.y - r * 0.4f)}
                            .data(),
                        3, pal.node, 0, thick);
      }
    }
  }

  // Nodes.
  for (std::size_t i = 0; i < st.boxes.size(); ++i) {
    const Rect& b = st.boxes[i];
    const auto& node = st.model.nodes[i];
    ImVec2 a = P(ImVec2(b.x, b.y)), c = P(ImVec2(b.x + b.w, b.y + b.h));
    if (c.x < origin.x || a.x > clip_max.x || c.y < origin.y || a.y > clip_max.y) continue;
    const bool dim = !related.empty() && !related[i];
    const ImU32 kc = kind_color(pal, node.kind);
    dl->AddRectFilled(a, c, pal.node, s * 0.35f);
    dl->AddRectFilled(a, ImVec2(a.x + s * 0.28f, c.y), kc, s * 0.35f, ImDrawFlags_RoundCornersLeft);
    const bool sel = static_cast<int>(i) == selected, hov = static_cast<int>(i) == st.hovered_node;
    ImU32 border = sel ? pal.selected : (hov ? kc : pal.node_border);
    if (node.service_linked) {
      // Service-linked: a dashed outline (AWS owns it).
      ImVec2 outline[5] = {a, ImVec2(c.x, a.y), c, ImVec2(a.x, c.y), a};
      dashed(dl, outline, 5, border, sel || hov ? 2.5f : 1.5f, s * 0.3f);
    } else {
      dl->AddRect(a, c, border, s * 0.35f, 0, sel ? 2.5f : (hov ? 2.0f : (src.presenter ? 1.8f : 1.0f)));
    }
    if (st.compact) {
      glyph(dl, node.kind, ImVec2(a.x + s * 1.05f, a.y + s * 0.9f), s * 0.85f, kc);
      dl->AddText(f, s, ImVec2(a.x + s * 1.75f, a.y + s * 0.38f), pal.text, st.shown_label[i].c_str());
      // Sessions as dots at the right end: green active, red expired.
      float x = c.x - s * 0.5f;
      for (int k = 0; k < 2; ++k) {
        int count = k == 0 ? node.expired_sessions : node.active_sessions;
        if (!count) continue;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%d", count);
        const ImU32 col = k == 0 ? pal.denied : pal.allowed;
        float tw = f->CalcTextSizeA(s * 0.8f, FLT_MAX, 0, buf).x;
        x -= tw;
        dl->AddText(f, s * 0.8f, ImVec2(x, a.y + s * 0.45f), col, buf);
        x -= s * 0.45f;
        dl->AddCircleFilled(ImVec2(x + s * 0.18f, a.y + s * 0.9f), s * 0.17f, col, 8);
        x -= s * 0.25f;
      }
    } else {
      glyph(dl, node.kind, ImVec2(a.x + s * 1.05f, a.y + s * 0.85f), s * 0.95f, kc);
      dl->AddText(f, s, ImVec2(a.x + s * 1.75f, a.y + s * 0.3f), pal.text, st.shown_label[i].c_str());
      dl->AddText(f, s * 0.82f, ImVec2(a.x + s * 0.6f, a.y + s * 1.5f), pal.muted, st.shown_detail[i].c_str());
      float y = a.y + s * (kNodeH - 0.05f);
      for (std::size_t k = 0; k < std::min<std::size_t>(node.uses.size(), 2); ++k) {
        std::string u = k == 1 && node.uses.size() > 2 ? node.uses[k] + " +" + std::to_string(node.uses.size() - 2) : node.uses[k];
        dl->AddText(f, s * 0.82f, ImVec2(a.x + s * 0.6f, y), pal.service, u.c_str());
        y += s * kUsesLineH;
      }
      if (node.active_sessions + node.expired_sessions > 0) {
        char buf[64];
        float x = a.x + s * 0.6f;
        if (node.active_sessions) {
          std::snprintf(buf, sizeof buf, "%d active", node.active_sessions);
          dl->AddCircleFilled(ImVec2(x + s * 0.2f, y + s * 0.45f), s * 0.18f, pal.allowed, 8);
          dl->AddText(f, s * 0.82f, ImVec2(x + s * 0.55f, y), pal.allowed, buf);
          x += s * 0.8f + f->CalcTextSizeA(s * 0.82f, FLT_MAX, 0, buf).x;
        }
        if (node.expired_sessions) {
          std::snprintf(buf, sizeof buf, "%d expired", node.expired_sessions);
          dl->AddCircleFilled(ImVec2(x + s * 0.2f, y + s * 0.45f), s * 0.18f, pal.denied, 8);
          dl->AddText(f, s * 0.82f, ImVec2(x + s * 0.55f, y), pal.denied, buf);
        }
      }
    }
    if (dim) dl->AddRectFilled(a, c, IM_COL32(22, 24, 31, 150), s * 0.35f);
  }

  dl->PopClipRect();

  if (!st.model.note.empty()) {
    // What a large account's picture leaves out: a line along the bottom, on a band so edges do not cross it.
    dl->PushClipRect(origin, clip_max, true);
    dl->AddRectFilled(ImVec2(origin.x, clip_max.y - note_band), clip_max, IM_COL32(22, 24, 31, 230));
    dl->AddText(nullptr, 0.0f, ImVec2(origin.x + em * 0.6f, clip_max.y - note_size.y - em * 0.4f), pal.muted,
                st.model.note.c_str(), nullptr, note_wrap);
    dl->PopClipRect();
  } else if (st.model.edges.empty()) {
    const char* none = "No trust edge yet: no principal here can assume any of these roles.";
    if (ImGui::CalcTextSize(none).x > canvas_size.x - em * 1.2f) none = "No trust edge yet.";
    const ImVec2 ts = ImGui::CalcTextSize(none);
    dl->PushClipRect(origin, clip_max, true);
    dl->AddText(ImVec2(origin.x + std::max(em * 0.6f, (canvas_size.x - ts.x) * 0.5f), clip_max.y - ts.y - em * 0.5f), pal.muted, none);
    dl->PopClipRect();
  }

  // Tooltips.
  if (st.hovered_node >= 0) {
    const auto& node = st.model.nodes[static_cast<std::size_t>(st.hovered_node)];
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(st.names[static_cast<std::size_t>(st.hovered_node)].c_str());
    ImGui::TextDisabled("%s", node.id.c_str());
    if (!node.detail.empty()) ImGui::TextUnformatted(node.detail.c_str());
    for (const std::string& u : node.uses) ImGui::BulletText("Used by %s", u.c_str());
    if (node.active_sessions) ImGui::Text("%d active session%s", node.active_sessions, node.active_sessions == 1 ? "" : "s");
    if (node.expired_sessions) ImGui::Text("%d expired session%s", node.expired_sessions, node.expired_sessions == 1 ? "" : "s");
    ImGui::TextDisabled("Click to open");
    ImGui::EndTooltip();
  } else if (st.hovered_edge >= 0) {
    const auto& e = st.model.edges[static_cast<std::size_t>(st.hovered_edge)];
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(em * 28.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, edge_color(pal, e.state));
    std::string head = (e.goal ? "Goal: " : "") + st.names[e.from] + " -> " + st.names[e.to];
    ImGui::TextUnformatted(head.c_str());
    ImGui::PopStyleColor();
    ImGui::TextUnformatted(diagram::state_words(e.state));
    if (!e.reason.empty()) ImGui::TextDisabled("%s", e.reason.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }

  // The card.
  if (selected >= 0) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + canvas_size.x, origin.y));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(28, 31, 40, 255));
    if (ImGui::BeginChild("##node-card", ImVec2(card_w, size.y), ImGuiChildFlags_Border)) {
      node_card(st, src, static_cast<std::size_t>(selected), pal);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
}

}  // namespace

void diagram_view(DiagramState& st, const DiagramSource& src) {
  ImGui::PushID("diagram-view");
  const std::string before = st.selected;
  draw_view(st, src);
  if (src.on_select && st.selected != before) {
    std::string id;
    for (const auto& n : st.model.nodes)
      if (n.key == st.selected) id = n.id;
    src.on_select(id);
  }
  ImGui::PopID();
}

void diagram_panel(app::App& app) {
  if (app.account && app.account->in_diagram) {
    account_diagram_panel(app);  // ui_account_diagram.cpp
    return;
  }
  if (app.account) {
    if (ImGui::SmallButton("Show your account here")) app.account->in_diagram = true;
    ImGui::SameLine();
    ImGui::TextDisabled("%s", app.account->file.c_str());
  }
  course::LessonRun* run = app::current_run(app);
  if (!run) {
    panel_header(app, "World", "who can wear which hat");
    ImGui::TextDisabled("Open a lesson to see its world.");
    return;
  }
  if (!app.diagram) app.diagram = make_diagram_state();
  DiagramSource src;
  src.key = run;
  src.version = run->version();
  src.build = [run] { return diagram::build(*run); };
  src.sim = &run->sim();
  src.editable = run->lesson().editable;
  src.presenter = app.presenter;
  src.high_contrast = app.high_contrast;
  src.mono = app.fonts.mono;
  src.title_font = app.fonts.bold;
  src.open_target = [&app](const std::string& target) {
    app.diagram_maximised = false;  // the editor is in the work tabs
    return app::focus_policy(app, target);
  };
  src.maximised = &app.diagram_maximised;
  diagram_view(*app.diagram, src);
}

}  // namespace rolelab::ui
