// A streaming JSON writer: appends JSON text to a std::string as values are
// written, with no document in between. The explanation of every simulation
// (CLI, wasm, the runner's test API) goes through it: building a
// nlohmann::json document only to serialise and free it cost most of a
// `simulate --batch` line (issue 12). The text goes through a small buffer
// inside the writer and reaches the string whenever a top-level value is
// complete (and when the buffer fills): appending each key and value to the
// std::string one by one, each a call with its own capacity check and
// memcpy, was a quarter of writing an explanation (issue 12).
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
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "json/bytes.h"

namespace rolelab::json {

// Deliberately not constexpr, and never defined: calling it while a
// Literal is made at compile time is an error (a throw would do, but the
// wasm build compiles some files without exceptions).
void literal_needs_escaping();

// A key or value known when compiling to need no escaping (printable ASCII,
// no '"' or '\\', at most kMax bytes): checked by the compiler (consteval:
// a literal that fails does not compile), then written with one append and
// no scan. Literal keys were a twelfth of a `simulate --batch` line when each
// was checked byte by byte as it was written (issue 12).
class Literal {
 public:
  static constexpr std::size_t kMax = 40;
  template <std::size_t N>
  consteval Literal(const char (&s)[N]) : text_(s), size_(N - 1) {  // NOLINT: implicit on purpose
    static_assert(N - 1 <= kMax, "literal keys are short names");
    check(s, N - 1);
  }
  constexpr const char* data() const { return text_; }
  constexpr std::size_t size() const { return size_; }

  static consteval void check(const char* s, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') literal_needs_escaping();  // not constexpr: a compile error
    }
  }

 private:
  const char* text_;
  std::size_t size_;
};

// The same check for a piece of a string value of any length (the words of
// an explanation's sentences), written as it is by Writer::string_plain.
class Plain {
 public:
  template <std::size_t N>
  consteval explicit Plain(const char (&s)[N]) : text_(s), size_(N - 1) {
    Literal::check(s, N - 1);
  }
  constexpr const char* data() const { return text_; }
  constexpr std::size_t size() const { return size_; }

 private:
  const char* text_;
  std::size_t size_;
};


class Writer {
 public:
  // Appends to out (which is not cleared: a batch reuses one buffer). out
  // holds the text of every top-level value as soon as it is complete; the
  // value being written may be partly in the writer's own buffer.
  explicit Writer(std::string& out, int indent = -1) : out_(out), indent_(indent) {}
  ~Writer() { flush(); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k);  // inside an object, before each value
  // The same for a key known to need no escaping: inline, so that the
  // comma, quotes, name and colon go into the buffer with no call.
  void key_literal(Literal k) {
    if (indent_ >= 0) return key_pretty(std::string_view(k.data(), k.size()));
    char* p = room(k.size() + 4);
    if (after_key_) {
      after_key_ = false;  // not reached when keys and values alternate
    } else if (depth_ > 0 && count()++ > 0) {
      *p++ = ',';
    }
    *p++ = '"';
    copy_bytes(p, k.data(), k.size());
    p += k.size();
    *p++ = '"';
    *p++ = ':';
    used_ = static_cast<std::size_t>(p - buf_);
    after_key_ = true;
  }

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
  void value_literal(Literal s);                     // a string known to need no escaping

  // One string value written in pieces (a sentence made of the policy's and
  // the request's words): begin_string(), string_part() for each piece,
  // end_string(). The pieces are escaped as one string would be, provided
  // no UTF-8 sequence is split between two of them (callers join views of
  // whole strings with ASCII words).
  // string_plain() writes a piece known to need no escaping without looking.
  void begin_string();
  void string_part(std::string_view s) { escaped(s); }
  void string_plain(Plain s) { put(s.data(), s.size()); }
  void end_string() {
    put('"');
    if (depth_ == 0) flush();
  }

  // key_literal(k) then value(v), the common case.
  template <typename T>
  void member(Literal k, const T& v) {
    key_literal(k);
    value(v);
  }

  // Appends what is in the buffer to out (done when a top-level value ends,
  // and when the writer goes).
  void flush() {
    out_.append(buf_, used_);
    used_ = 0;
  }

  // For the escaping code (json_writer.cpp): bytes into the buffer.
  void put(const char* s, std::size_t n) {
    if (n <= kBuffer - used_) {
      copy_bytes(buf_ + used_, s, n);
      used_ += n;
    } else {
      put_long(s, n);
    }
  }
  void put(char c) {
    if (used_ == kBuffer) flush();
    buf_[used_++] = c;
  }

 private:
  void before_value();  // comma and indentation for an array element
  void open(char bracket);
  void close(char bracket);
  void newline_indent(std::size_t depth);
  void key_pretty(std::string_view k);  // key_literal with an indent
  void escaped(std::string_view s);     // a string's text, escaped
  void put_long(const char* s, std::size_t n);
  // A top-level scalar is complete: out gets it.
  void end_scalar() {
    if (depth_ == 0) flush();
  }

  // Room for n bytes at buf_ + used_ (n <= kBuffer), flushing first if need be.
  char* room(std::size_t n) {
    if (kBuffer - used_ < n) flush();
    return buf_ + used_;
  }

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
  // Text not yet in out_. An explanation is about 4 KB: one or two appends.
  static constexpr std::size_t kBuffer = 2048;
  std::size_t used_ = 0;
  char buf_[kBuffer];
};

// Appends s as a JSON string literal ("..."), escaped as described above.
void append_string(std::string& out, std::string_view s);
// The same without the quotes.
void append_escaped(std::string& out, std::string_view s);

}  // namespace rolelab::json
