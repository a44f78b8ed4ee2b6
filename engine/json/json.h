// A small JSON reader that keeps the line and column of every value and key,
// so that policy, lesson and world errors can point at the exact spot in what
// the learner typed. It never throws, bounds its nesting depth and input size,
// and rejects invalid UTF-8. (nlohmann/json is used for *writing* JSON; it
// does not report where a value stood.)
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json/bytes.h"
#include "json/diagnostic.h"

namespace rolelab::json {

struct Pos {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, counted in code points
};

enum class Type { Null, Bool, Number, String, Array, Object };

struct Member;

struct Value {
  Type type = Type::Null;
  Pos pos;
  bool boolean = false;
  double number = 0;
  std::string text;             // string contents (decoded), or a number's literal text
  std::vector<Value> items;     // arrays
  std::vector<Member> members;  // objects, in document order; duplicates kept

  bool is_null() const { return type == Type::Null; }
  bool is_bool() const { return type == Type::Bool; }
  bool is_number() const { return type == Type::Number; }
  bool is_string() const { return type == Type::String; }
  bool is_array() const { return type == Type::Array; }
  bool is_object() const { return type == Type::Object; }

  // The member with this key (the last one if the key is duplicated), or null.
  const Value* find(std::string_view key) const;
};

struct Member {
  std::string key;
  Pos key_pos;
  Value value;
};

const char* type_name(Type t);

// A key or value against a text known when compiling: the length, then the
// bytes a word at a time (same_bytes, json/bytes.h), inline (== on
// string_views called compare() out of line for every key of every
// statement of a batch line, and == on a char pointer also counts its
// length; issue 12).
template <std::size_t N>
bool text_is(const std::string& text, const char (&name)[N]) {
  return text.size() == N - 1 && same_bytes<N - 1>(text.data(), name);
}
template <std::size_t N>
bool text_is(std::string_view text, const char (&name)[N]) {
  return text.size() == N - 1 && same_bytes<N - 1>(text.data(), name);
}

// to holds text afterwards, in the storage it had (clear and append: an
// assign allows for overlap, which costs more for the short strings of a
// policy, read by the thousand per batch, and is a memmove call in
// WebAssembly). text is not a view into to.
inline void set_text(std::string& to, std::string_view text) {
  if (text.size() <= to.size()) {
    // Into the bytes it has, then cut: no call (append is out of line, and
    // its copy a memcpy call, which in WebAssembly is a function of its own).
    copy_bytes(to.data(), text.data(), text.size());
    to.resize(text.size());
    return;
  }
  to.clear();
  to.append(text.data(), text.size());
}

struct Limits {
  std::size_t max_bytes = 8u << 20;  // 8 MiB
  int max_depth = 128;
};

struct ParseResult {
  bool ok = false;
  Value value;
  Diagnostic error;  // set when !ok: code "InvalidJson", with line and column
};

ParseResult parse(std::string_view text, const Limits& limits = {});

// The same into doc, reusing the storage it holds from an earlier document
// (a batch reads line after line into one tree: nodes, strings and vectors
// are filled again rather than allocated). Returns false with error set (the
// same diagnostic parse gives) on bad input, doc then holding a partial tree.
bool parse_into(std::string_view text, Value& doc, Diagnostic& error, const Limits& limits = {});

// Appends a JSON-pointer segment ("/" + key with ~ and / escaped).
std::string pointer_append(const std::string& base, std::string_view key);
std::string pointer_append(const std::string& base, std::size_t index);
// The same into to, in the storage it has (a batch writes policies' paths line after line).
void pointer_into(std::string& to, std::string_view base, std::size_t index);

// Writes a value back out as compact JSON (used to echo policies).
std::string to_compact_string(const Value& v);

}  // namespace rolelab::json

namespace rolelab {
// Pretty-prints a parsed JSON value with two-space indents (the editor, get-role output).
std::string pretty_json(const json::Value& v, int indent = 0);
}  // namespace rolelab
