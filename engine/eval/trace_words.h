// The sentences that explain a trace ("Action s3:* covers s3:GetObject."),
// written when the trace is shown: into a JSON string as it is written
// (json::Writer), or into a std::string (text output, the runner). The
// evaluator records only facts (eval/evaluate.h); building these sentences
// during evaluation cost a quarter of a `simulate --batch` line and was
// wasted whenever nobody read them (issue 12).
#pragma once

#include <cstddef>
#include <string>

#include "eval/evaluate.h"
#include "json/json_writer.h"

namespace rolelab {

// As a JSON string value.
void write_why(json::Writer& w, const ElementTrace& e);
void write_why(json::Writer& w, const ConditionTrace& c);
void write_policy_name(json::Writer& w, const Policy* p);  // "" without a policy

// Appended to out.
void append_why(std::string& out, const ElementTrace& e);
void append_why(std::string& out, const ConditionTrace& c);

// The same as strings.
std::string why_text(const ElementTrace& e);
std::string why_text(const ConditionTrace& c);

// The steps of the evaluation order: the rules applied, then the decision's
// summary (r.summary) when the trace recorded one.
std::size_t step_count(const TraceCollector& trace);
template <typename Fn>  // fn(std::string_view) per step, in order
void for_each_step(const TraceCollector& trace, const EvalResult& r, Fn&& fn) {
  for (std::string_view s : trace.steps) fn(s);
  if (trace.summary_last) fn(std::string_view(r.summary));
}

}  // namespace rolelab
