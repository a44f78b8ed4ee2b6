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

#include <charconv>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
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
    used_ = static_cast<std::size_t>(compact_key(room(k.size() + 4), k) - buf_);
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
    requires(!std::integral<T>)  // integers and booleans: the overloads below
  void member(Literal k, const T& v) {
    if constexpr (std::is_convertible_v<const T&, std::string_view>) {
      if (indent_ < 0) return member_string(k, std::string_view(v));
    }
    key_literal(k);
    value(v);
  }
  // The same for a boolean, in one step when compact (an explanation has
  // three or four per statement: "matched", "applies", ...).
  void member(Literal k, bool b) {
    if (indent_ >= 0) {
      key_literal(k);
      return value(b);
    }
    char* p = compact_key(room(k.size() + 9), k);
    if (b) {
      copy_bytes(p, "true", 4);
      p += 4;
    } else {
      copy_bytes(p, "false", 5);
      p += 5;
    }
    used_ = static_cast<std::size_t>(p - buf_);
  }
  // The same for an integer ("column", "line", "index" of every statement).
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  void member(Literal k, T n) {
    if (indent_ >= 0) {
      key_literal(k);
      return value(n);
    }
    char* p = compact_key(room(k.size() + 4 + 24), k);
    used_ = static_cast<std::size_t>(std::to_chars(p, p + 24, n).ptr - buf_);
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
  // The comma (and, pretty, the indentation) before a value; none after a key.
  void before_value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;  // the top-level value
    if (indent_ >= 0) return before_value_pretty();
    if (has_elements_) put(',');
    has_elements_ = true;
  }
  void before_value_pretty();
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

  // A compact member whose value is a string, in one step.
  void member_string(Literal k, std::string_view v) {
    char* p = compact_key(room(k.size() + 5), k);
    *p++ = '"';
    used_ = static_cast<std::size_t>(p - buf_);
    escaped(v);
    put('"');
  }

  // A compact key at p (inside an object: room for k and 4 bytes given),
  // with the comma before it when the object has members already; returns
  // the byte after the colon.
  char* compact_key(char* p, Literal k) {
    if (has_elements_) *p++ = ',';
    has_elements_ = true;
    *p++ = '"';
    copy_bytes(p, k.data(), k.size());
    p += k.size();
    *p++ = '"';
    *p++ = ':';
    return p;
  }

  std::string& out_;
  int indent_;
  std::size_t depth_ = 0;  // open containers
  // Whether the innermost open container has an element (or member)
  // already: the next one needs a comma, and when it closes it is not
  // empty. Closing a container leaves its parent with one. A count per
  // level, looked up at every value, was a share of writing an explanation
  // (issue 12); one flag says all the writer needs.
  bool has_elements_ = false;
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
