// Renderers for evaluation results and traces: JSON (CLI output, the browser
// test API) and plain text (CLI). The evaluator only reports; these decide
// how it is shown.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "json/diagnostic.h"
#include "eval/evaluate.h"

namespace rolelab {

nlohmann::json to_json(const Diagnostic& d);
nlohmann::json to_json(const EvalResult& r, const TraceCollector* trace);
std::string to_text(const EvalResult& r, const TraceCollector* trace);

// Serialises without throwing on invalid UTF-8 (it is replaced).
std::string dump(const nlohmann::json& j, int indent = -1);
std::string dump_ordered(const nlohmann::ordered_json& j, int indent = -1);

}  // namespace rolelab
