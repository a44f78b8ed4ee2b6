// The world diagram's insides, shared by its two source files: the layout
// and view state (ui_diagram.cpp lays out and draws) and the colours and the
// node card (ui_diagram_card.cpp). Not for other panels: ui_diagram.h is the
// diagram's interface.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "diagram_model.h"
#include "ui_diagram.h"

namespace rolelab::ui {

namespace diagram_parts {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  float cx() const { return x + w * 0.5f; }
  float cy() const { return y + h * 0.5f; }
};

struct Region {
  Rect r;
  std::string title, subtitle;
  float split = -1;  // x of the gap's middle between principals and roles (-1: one sub-column)
  float half_gap = 0;
};

struct EdgeGeom {
  std::vector<ImVec2> samples;  // the path, em
  std::size_t mid = 0;          // the sample halfway along
  ImVec2 lo{0, 0}, hi{0, 0};    // bounding box of the samples, em
};

// The diagram's colours (the dark theme, or high contrast).
struct Palette {
  ImU32 allowed, conditional, denied, goal, region, region_border, title, muted, text, node, node_border, selected;
  ImU32 user, role, service, provider;
};

Palette palette(bool high_contrast);
ImU32 edge_color(const Palette& p, diagram::EdgeState s);
ImU32 kind_color(const Palette& p, diagram::NodeKind k);
const char* kind_name(diagram::NodeKind k);

}  // namespace diagram_parts

struct DiagramState {
  const void* key = nullptr;
  std::uint64_t version = ~0ull;
  const void* font = nullptr;
  std::uint64_t layouts = 0;
  diagram::Model model;
  std::vector<diagram_parts::Rect> boxes;
  std::vector<std::string> names;                      // node_name, for tooltips and cards
  std::vector<std::string> shown_label, shown_detail;  // truncated to the box
  std::vector<diagram_parts::Region> regions;
  std::vector<diagram_parts::EdgeGeom> edges;
  float content_w = 0, content_h = 0, title_h = 0;
  bool compact = false, laid_compact = false;
  float full_w = 0, full_h = 0;  // the size of the full (not compact) layout
  // view
  float zoom = 1.0f;
  ImVec2 pan{0, 0};
  bool fit = true;  // zoom follows the panel's size until the learner zooms or pans
  int hovered_node = -1, hovered_edge = -1;
  std::string selected;  // node key (survives re-layout)
  std::vector<ImVec2> scratch;
  ImVec2 origin{0, 0};  // the canvas' top left and pixels per em, last frame (tests find nodes on screen)
  float px_per_em = 0;
};

namespace diagram_parts {

// The selected node's side card: its edges in words (with "Try" for an opened
// account's), its policies, sessions, instance or function (ui_diagram_card.cpp).
void node_card(DiagramState& st, const DiagramSource& src, std::size_t i, const Palette& pal);

}  // namespace diagram_parts

}  // namespace rolelab::ui
