// Renderers for evaluation results and traces: JSON (CLI output, the browser
// test API) and plain text (CLI). The evaluator only reports; these decide
// how it is shown.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "json/diagnostic.h"
#include "json/json_writer.h"
#include "eval/evaluate.h"

namespace rolelab {

// The JSON forms, written straight to the output by json::Writer (the one
// place that defines them). Keys come in the order nlohmann::json's sorted
// objects gave them, so the text is what it was when these were documents.
// {"code", "column"?, "help"?, "line"?, "message", "path"?, "severity"?}
void write_json(json::Writer& w, const Diagnostic& d);
// {"cause"?, "decision", "explanation"? (with a trace), "summary", "warnings"?}
// summary replaces r.summary (simulate gives a denial AWS's AccessDenied
// message); warnings is written when not null, even when empty.
void write_json(json::Writer& w, const EvalResult& r, const TraceCollector* trace, std::string_view summary,
                const Diagnostics* warnings = nullptr);

// The same as documents, for callers that embed them in a bigger reply (the
// runner's test API); parsed back from the writer's text, so both agree.
nlohmann::json to_json(const Diagnostic& d);
nlohmann::json to_json(const EvalResult& r, const TraceCollector* trace);
std::string to_text(const EvalResult& r, const TraceCollector* trace);

// Serialises without throwing on invalid UTF-8 (it is replaced).
std::string dump(const nlohmann::json& j, int indent = -1);
std::string dump_ordered(const nlohmann::ordered_json& j, int indent = -1);

}  // namespace rolelab
