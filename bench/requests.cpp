#include "requests.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "eval/evaluate.h"
#include "eval/simulate.h"

using namespace rolelab;
using Clock = std::chrono::steady_clock;

namespace {

struct Figures {
  double median_us = 0;    // wall time of one simulation, the median
  // Process CPU time over all of them / their number (immune to being
  // descheduled on a busy machine). Native only: emscripten's clock() counts wall time.
  double cpu_mean_us = 0;
};

// Times fn(text) once per line per round, after one untimed round (warm-up:
// in wasm the code starts in V8's baseline compiler).
template <typename Fn>
Figures measure(const std::vector<std::string>& lines, int rounds, Fn&& fn) {
  for (const std::string& l : lines) fn(l);
  std::vector<double> us;
  us.reserve(lines.size() * static_cast<std::size_t>(rounds));
  const std::clock_t cpu0 = std::clock();
  for (int r = 0; r < rounds; ++r) {
    for (const std::string& l : lines) {
      const auto t0 = Clock::now();
      fn(l);
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }
  }
  const double cpu_us = 1e6 * double(std::clock() - cpu0) / CLOCKS_PER_SEC;
  Figures f;
  f.cpu_mean_us = cpu_us / double(us.size());
  std::nth_element(us.begin(), us.begin() + us.size() / 2, us.end());
  f.median_us = us[us.size() / 2];
  return f;
}

}  // namespace

int requests_bench(const std::string& file, int rounds) {
  if (rounds < 1) {  // a median of no measurements is undefined (it read past an empty vector)
    std::fprintf(stderr, "rolelab-bench: ROUNDS must be at least 1\n");
    return 2;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "rolelab-bench: cannot open '%s'\n", file.c_str());
    return 2;
  }
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty()) lines.push_back(std::move(l));
  }
  if (lines.empty()) {
    std::fprintf(stderr, "rolelab-bench: no simulate inputs in '%s'\n", file.c_str());
    return 2;
  }
  long allowed = 0, errors = 0;
  // The whole simulation without output: parse + validate + evaluate (with
  // its summary), each line read into the model the last one left, as
  // `simulate --batch` does (parse_simulate_input in place).
  SimulateParse p;
  const Figures bare = measure(lines, rounds, [&](const std::string& text) {
    if (!parse_simulate_input(text, p)) return void(++errors);
    allowed += evaluate(p.input.request, p.input.policies).decision == Decision::Allowed;
  });
  // The same with the full explanation written as JSON text (what a
  // `simulate --batch` line costs without the process and its I/O).
  std::string out;
  std::size_t bytes = 0;
  const Figures explained = measure(lines, rounds, [&](const std::string& text) {
    out.clear();
    simulate_to(text, out);
    bytes += out.size();
  });
  std::printf("requests: %zu simulations x %d rounds (%ld allowed, %ld errors per round)\n", lines.size(), rounds,
              allowed / (rounds + 1), errors / (rounds + 1));
  std::printf("no-output median %.2f us cpu-mean %.2f us\n", bare.median_us, bare.cpu_mean_us);
  std::printf("explained median %.2f us cpu-mean %.2f us (%.0f bytes of JSON per simulation)\n", explained.median_us,
              explained.cpu_mean_us, double(bytes) / double(lines.size() * static_cast<std::size_t>(rounds + 1)));
  return 0;
}
