// The parts of reading a simulate input that its two readers share: the one
// over a JSON tree (simulate.cpp, the definition, with every diagnostic) and
// the one straight over a plain line's text (simulate_plain.cpp, issue 12).
// Internal to engine/eval.
#pragma once

#include <cstddef>
#include <string_view>

#include "eval/simulate.h"

namespace rolelab::simulate_detail {

// Sets every field of the request, and what else of the input is not a
// policy, to what an input without them means.
void reset_input(SimulateInput& in);

// What is wrong with a request whose members are read, if anything. Also
// completes it: the resource "*" when none was given, and the caller parsed
// from the principal (r.caller, whose error says why when it is invalid).
enum class RequestProblem { None, NoAction, ActionForm, ResourceAccount, Principal };
RequestProblem finish_request(Request& r);

// Reads a plain input (json/plain_cursor.h) into into, in place, as
// parse_simulate_input would: true with into.ok set when it did; false when
// the text is not plain or would give any diagnostic but a statement's
// warning, into then to be read again from a tree (every field of it).
bool parse_simulate_plain(std::string_view text, SimulateParse& into);

}  // namespace rolelab::simulate_detail
