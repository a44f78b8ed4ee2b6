// The world diagram (ImDrawList): accounts as columns, principals on the
// left of each account and roles (the hats) on the right, trust edges
// coloured by the who-can-assume analysis, the step's goal edges dashed.
// Clicking a node opens a side card with its policies, sessions, instance or
// function. The layout is cached and recomputed only when the run's
// version() changes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app.h"
#include "diagram_model.h"

namespace rolelab::ui {

// Where the diagram reads from (the panel fills it from the App's LessonRun;
// a test or a tool can fill it from a bare world).
struct DiagramSource {
  const void* key = nullptr;       // identity of the run: a new one is laid out afresh
  std::uint64_t version = 0;       // bumps on every change of state
  std::function<diagram::Model()> build;
  const Simulator* sim = nullptr;  // the world, the clock and the sessions (node cards)
  std::vector<std::string> editable;  // the lesson's editable targets (noted on the card)
  bool presenter = false;          // thicker lines
  bool high_contrast = false;      // pure hues on near-black
  void* mono = nullptr;            // ImFont* for policy text (nullptr: the current font)
  void* title_font = nullptr;      // ImFont* for the panel's title (nullptr: the current font)
  // Opens a policy target in the editor (the card's "Edit" buttons); unset: no buttons.
  std::function<bool(const std::string& target)> open_target;
  // An opened account (account_diagram.h) instead of a lesson's run:
  const World* world = nullptr;      // the cards' policies when there is no `sim`
  std::string title = "World";
  std::string empty_text = "This lesson's world has no accounts to draw.";
  // Told the node id (ARN or service host; "" when cleared) when the learner selects a node.
  std::function<void(const std::string& node_id)> on_select;
  // Can this edge be tried in the console (`run` false), or try it (`run` true): the card's "Try" buttons.
  std::function<bool(const diagram::Edge& edge, bool run)> try_edge;
  // The panel fills the window instead of a share of the right column (a
  // header button toggles it; Escape restores); unset: no button.
  bool* maximised = nullptr;
};

struct DiagramState;  // layout cache, hover, selection, zoom and pan (ui_diagram.cpp)
std::shared_ptr<DiagramState> make_diagram_state();

// Draws the diagram into the remaining region of the current window.
void diagram_view(DiagramState& st, const DiagramSource& src);
// The panel: the App's current run (nothing open: a short note).
void diagram_panel(app::App& app);

// For tests: how many times the layout was computed, and the selected node's id.
std::uint64_t diagram_layouts(const DiagramState& st);
std::string diagram_selected(const DiagramState& st);
void diagram_select(DiagramState& st, const std::string& node_id);  // "" clears
// For tests: where a node (by key) was drawn last frame, in screen pixels; and
// how many nodes (returned) and edges the current model holds.
bool diagram_node_center(const DiagramState& st, const std::string& key, float& x, float& y);
std::size_t diagram_counts(const DiagramState& st, std::size_t& edges);
// Fit the whole picture in the panel again (after a filter changed what it shows).
void diagram_refit(DiagramState& st);
// How many one-line nodes one column can stack in a diagram panel of this
// height (pixels, the header row included) and still be read when the
// picture is fitted: at least 1. A large account's overview draws no more.
std::size_t diagram_rows_that_fit(float panel_height);
// For tests: the zoom the picture was drawn at last frame (1: the font's size).
float diagram_zoom(const DiagramState& st);

}  // namespace rolelab::ui
