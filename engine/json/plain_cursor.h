// Reading a JSON document straight into a model, without a tree in between,
// when the document is "plain": its strings hold printable ASCII only, with
// no escape sequence, and it has no byte order mark. That is what a batch
// line of `simulate --batch` almost always is. Building the json::Value tree
// of such a line and then walking it cost twice what reading the line did
// (issue 12).
//
// The cursor checks JSON syntax as it goes, but it only ever says "not
// plain" (false), never why: a reader that gets false hands the whole
// document to the full path (json::parse_into and the tree's readers), which
// reads it again from the start and gives every diagnostic with its place.
// So a document is read either wholly here, with the same model and
// positions the full path gives (tests/test_simulate_plain.cpp compares the
// two), or wholly there.
//
// Positions are json::Reader's: a value's is its first byte, a key's its
// opening quote; lines are counted at '\n'; the column is the byte offset in
// the line plus one (equal to the code point count, all being ASCII).
#pragma once

#include <cstddef>
#include <string_view>

#include "json/json.h"
#include "json/plain_run.h"

namespace rolelab::json {

class PlainCursor {
 public:
  explicit PlainCursor(std::string_view text) : s_(text) {}

  // The byte after any whitespace (skipped), or -1 at the end.
  [[gnu::always_inline]] int peek() {
    if (i_ < s_.size()) [[likely]] {
      const unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c > ' ') [[likely]]
        return c;
    }
    return skip_ws();
  }

  // Where the next value starts (call after peek()).
  Pos pos() const { return Pos{line_, static_cast<int>(i_ - line_start_) + 1}; }

  // Takes c when it is next (after whitespace).
  [[gnu::always_inline]] bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }

  // A plain string at the cursor (after whitespace): its text, a view into
  // the document. False when the next value is not a string or not plain.
  [[gnu::always_inline]] bool string(std::string_view& out) { return peek() == '"' && string_here(out); }

  // The same when peek() has just given '"' (each byte is looked at once:
  // the tests of whitespace were a tenth of reading a batch line).
  [[gnu::always_inline]] bool string_here(std::string_view& out) {
    const char* const s = s_.data();
    const std::size_t start = i_ + 1;
    const std::size_t end = start + plain_prefix(s + start, s_.size() - start);
    if (end >= s_.size() || s[end] != '"') return false;  // an escape, a non-ASCII byte, a control byte or the end
    out = std::string_view(s + start, end - start);
    i_ = end + 1;
    return true;
  }

  // An object member's key and its colon; at is the key's place.
  [[gnu::always_inline]] bool key(std::string_view& out, Pos& at) {
    if (peek() != '"') return false;
    at = pos();
    return string_here(out) && eat(':');
  }

  // After an element or member: true with more set when a ',' (more) or the
  // closing byte (no more) follows, false for anything else.
  [[gnu::always_inline]] bool next(char close, bool& more) {
    const int c = peek();
    if (c != ',' && c != close) return false;
    ++i_;
    more = c == ',';
    return true;
  }

  // Opens an object or array: true with empty set when it closes at once.
  bool open(char open, char close, bool& empty) {
    if (!eat(open)) return false;
    empty = eat(close);
    return true;
  }

  // true, false or null, as a word.
  bool word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }

  // A number's literal text (what json::Value::text holds for one), by
  // JSON's grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  bool number(std::string_view& out) {
    const std::size_t start = i_;
    const std::size_t n = s_.size();
    auto digits = [&] {
      const std::size_t k = i_;
      while (i_ < n && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ > k;
    };
    if (i_ < n && s_[i_] == '-') ++i_;
    if (i_ < n && s_[i_] == '0')
      ++i_;
    else if (!digits())
      return false;
    if (i_ < n && s_[i_] == '.' && (++i_, !digits())) return false;
    if (i_ < n && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < n && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return false;
    }
    out = s_.substr(start, i_ - start);
    return true;
  }

  // A string, number or boolean at the cursor, as the text a json::Value
  // holds for it ("true" or "false" for a boolean): what a context value or
  // a condition value may be. False for anything else, null included.
  bool scalar(std::string_view& text) {
    const int c = peek();
    if (c == '"') return string_here(text);
    if (c == '-' || (c >= '0' && c <= '9')) return number(text);
    if (c == 't') return word(text = "true");
    if (c == 'f') return word(text = "false");
    return false;
  }

  // An object, member(key, key_at) called for each member in order (the
  // cursor at its value, which member reads); false when member is, or the
  // text is not an object.
  template <class Member>
  bool object(Member&& member) {
    bool empty = false, more = true;
    if (!open('{', '}', empty)) return false;
    while (!empty && more) {
      std::string_view k;
      Pos at;
      if (!key(k, at) || !member(k, at) || !next('}', more)) return false;
    }
    return true;
  }

  // Nothing but whitespace is left.
  bool at_end() { return peek() < 0; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  int line_ = 1;
  std::size_t line_start_ = 0;

  [[gnu::noinline]] int skip_ws() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\n') {
        ++line_;
        line_start_ = ++i_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
      } else {
        return static_cast<unsigned char>(c);
      }
    }
    return -1;
  }
};

}  // namespace rolelab::json
