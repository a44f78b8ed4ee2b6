// rolelab-bench --requests FILE: per-simulation time over a JSON Lines file of
// simulate inputs (bench/gen-requests.mjs), without output and with the
// explanation written, for bench/compare.sh.
#pragma once

#include <string>

int requests_bench(const std::string& file, int rounds);
