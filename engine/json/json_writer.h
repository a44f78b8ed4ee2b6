// A streaming JSON writer: appends JSON text to a std::string as values are
// written, with no document in between. The explanation of every simulation
// (CLI, wasm, the runner's test API) goes through it: building a
// nlohmann::json document only to serialise and free it cost most of a
// `simulate --batch` line (issue 12).
//
// Its text is byte for byte what nlohmann::json::dump(indent, ' ', false,
// error_handler_t::replace) gives for the same document, so outside tools
// see no change:
//   - compact (indent < 0): no spaces at all; pretty: "key": value, one
//     member per line, empty objects and arrays as {} and [];
//   - strings: \" \\ \b \f \n \r \t escaped, other control characters as
//     \u00xx (lower-case hex), everything else copied, non-ASCII included;
//   - invalid UTF-8 replaced by U+FFFD, one per maximal ill-formed subpart
//     (Unicode 15, section 3.9, "U+FFFD Substitution of Maximal Subparts").
// nlohmann::json sorts object keys; callers write keys in that order (the
// writer does not reorder). It never throws and never fails.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rolelab::json {

class Writer {
 public:
  // Appends to out (which is not cleared: a batch reuses one buffer).
  explicit Writer(std::string& out, int indent = -1) : out_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k);  // inside an object, before each value

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(bool b);
  void value(long long n);
  void value(int n) { value(static_cast<long long>(n)); }
  void value(unsigned long long n);
  void value(unsigned long n) { value(static_cast<unsigned long long>(n)); }
  void value(unsigned int n) { value(static_cast<unsigned long long>(n)); }
  void value(const std::vector<std::string>& list);  // an array of strings

  // key(k) then value(v), the common case.
  template <typename T>
  void member(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

 private:
  void before_value();  // comma and indentation for an array element
  void open(char bracket);
  void close(char bracket);
  void newline_indent(std::size_t depth);

  // How many elements the innermost open container has so far.
  std::uint32_t& count() { return depth_ <= kShallow ? shallow_[depth_ - 1] : deep_[depth_ - kShallow - 1]; }

  std::string& out_;
  int indent_;
  // Per open container: how many elements it has so far. The first levels
  // live in the writer itself: a writer is made per simulation, and a
  // vector grown from empty cost four or five allocations every time
  // (issue 12); deeper nesting (a long-nested lesson file) spills over.
  static constexpr std::size_t kShallow = 32;
  std::array<std::uint32_t, kShallow> shallow_;
  std::vector<std::uint32_t> deep_;
  std::size_t depth_ = 0;
  bool after_key_ = false;  // the next value is a member's (no comma, no indent)
};

// Appends s as a JSON string literal ("..."), escaped as described above.
void append_string(std::string& out, std::string_view s);

}  // namespace rolelab::json
