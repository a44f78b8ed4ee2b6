// rolelab-cli simulate FILE | --batch FILE: the simulate input contract in,
// one line of JSON out (see engine/eval/simulate.h). FILE may be '-' for stdin.
//
// A batch streams: input is read in blocks, each line's answer is written by
// json::Writer into one output buffer reused for the whole batch, and the
// buffer goes out with one fwrite when it is big or when reading would block.
// So a file of 100,000 lines is never held in memory, and a program that
// writes one line to a pipe and waits for its answer still gets it at once:
// everything answered so far is flushed before each read (issue 12).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>

#include "commands.h"
#include "eval/simulate.h"
#include "io.h"
#include "json/json_writer.h"

namespace rolelab::cli {

const char* const kSimulateUsage =
    "usage: rolelab-cli simulate [--pretty] FILE    one simulate input -> one JSON result\n"
    "       rolelab-cli simulate --batch FILE       JSON Lines: one result line per input line, in order\n"
    "FILE may be '-' for standard input. The input format is in README.md (\"The simulate input\").\n"
    "Exit status: 0 when every input was simulated, 2 when one was not (its line is an error object).";

namespace {

constexpr std::size_t kReadBlock = 64u << 10;   // bytes asked of read() at a time
constexpr std::size_t kWriteBlock = 64u << 10;  // output buffered before an fwrite

void append_error(std::string& out, const char* code, const std::string& message) {
  json::Writer w(out);
  w.begin_object();
  w.key_literal("error");
  w.begin_object();
  w.member("code", code);
  w.member("message", message);
  w.end_object();
  w.end_object();
  out += '\n';
}

// The buffer goes straight to standard output, in as few write() calls as
// the system takes (through stdio, a 23 MB batch output took 914 of them).
void write_out(std::string& out) {
  std::fflush(stdout);  // whatever stdio holds goes first
  const char* p = out.data();
  std::size_t left = out.size();
  while (left > 0) {
    const ssize_t n = ::write(STDOUT_FILENO, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // a closed or full output: as fwrite, nothing more to do
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  out.clear();
}

// One batch: reads fd to its end, answering each line into out.
class Batch {
 public:
  explicit Batch(int fd) : fd_(fd) {}

  // Returns the number of lines answered with an error, or -1 when reading failed.
  long run() {
    std::string block(kReadBlock, '\0');
    for (;;) {
      write_out(out_);  // reading may block: what is answered so far goes out first
      std::fflush(stdout);
      const ssize_t n = ::read(fd_, block.data(), block.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return -1;
      if (n == 0) break;
      feed(std::string_view(block.data(), static_cast<std::size_t>(n)));
    }
    if (!line_.empty() || too_long_) answer();  // a last line without '\n'
    write_out(out_);
    std::fflush(stdout);
    return errors_;
  }

 private:
  void feed(std::string_view data) {
    while (!data.empty()) {
      const std::size_t nl = data.find('\n');
      const std::string_view part = data.substr(0, nl);
      if (nl != std::string_view::npos && line_.empty() && !too_long_ && part.size() <= kMaxSimulateBytes) {
        answer(part);  // a whole line inside the block: read where it is, not copied first
        if (out_.size() >= kWriteBlock) write_out(out_);
        data.remove_prefix(nl + 1);
        continue;
      }
      if (!too_long_) {
        if (line_.size() + part.size() > kMaxSimulateBytes) {
          too_long_ = true;
          line_.clear();
        } else {
          line_.append(part);
        }
      }
      if (nl == std::string_view::npos) return;
      answer();
      if (out_.size() >= kWriteBlock) write_out(out_);
      data.remove_prefix(nl + 1);
    }
  }

  // The line gathered in line_ (it spanned blocks, or is the last one).
  void answer() {
    if (too_long_) {
      append_error(out_, "LimitExceeded", "The input line is longer than " + std::to_string(kMaxSimulateBytes) + " bytes.");
      ++errors_;
    } else {
      answer(line_);
    }
    line_.clear();  // keeps its capacity for the next line
    too_long_ = false;
  }

  void answer(std::string_view line) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;  // blank lines give no output
    if (!simulate_to(line, out_)) ++errors_;
    out_ += '\n';
  }

  int fd_;
  std::string line_, out_;
  bool too_long_ = false;
  long errors_ = 0;
};

}  // namespace

int cmd_simulate(const Args& args) {
  if (wants_help(args)) return print_usage(kSimulateUsage);
  bool batch = false, pretty = false;
  std::string file;
  for (const std::string& a : args) {
    if (a == "--batch")
      batch = true;
    else if (a == "--pretty")
      pretty = true;
    else if (a.size() > 1 && a[0] == '-' && a != "-")
      return usage_error("unknown option '" + a + "' for simulate", kSimulateUsage);
    else if (file.empty())
      file = a;
    else
      return usage_error("simulate takes one FILE", kSimulateUsage);
  }
  if (file.empty()) return usage_error("simulate needs a FILE (or '-' for stdin)", kSimulateUsage);
  std::string out;
  if (!batch) {
    std::string err;
    auto text = read_input(file, err);
    if (!text) {
      append_error(out, "InvalidInput", err);
      write_out(out);
      return 2;
    }
    const bool ok = simulate_to(*text, out, pretty ? 2 : -1);
    out += '\n';
    write_out(out);
    return ok ? 0 : 2;
  }
  // JSON Lines: one result line per input line, in order; a bad line gives an
  // error line and the batch goes on.
  FILE* f = file == "-" ? stdin : std::fopen(file.c_str(), "rb");
  if (!f) {
    append_error(out, "InvalidInput", "cannot open '" + file + "'");
    write_out(out);
    return 2;
  }
  const long errors = Batch(fileno(f)).run();
  if (f != stdin) std::fclose(f);
  if (errors < 0) {
    append_error(out, "InvalidInput", "cannot read '" + file + "'");
    write_out(out);
  }
  return errors == 0 ? 0 : 2;
}

}  // namespace rolelab::cli
