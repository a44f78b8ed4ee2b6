#include "json/json.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <iterator>

#include "json/plain_run.h"

namespace rolelab::json {

const Value* Value::find(std::string_view key) const {
  const Value* found = nullptr;
  for (const Member& m : members) {
    if (m.key == key) found = &m.value;
  }
  return found;
}

const char* type_name(Type t) {
  switch (t) {
    case Type::Null:
      return "null";
    case Type::Bool:
      return "boolean";
    case Type::Number:
      return "number";
    case Type::String:
      return "string";
    case Type::Array:
      return "array";
    case Type::Object:
      return "object";
  }
  return "?";
}

namespace {

// Items and members are collected in scratch vectors, one per nesting depth,
// that keep their capacity from one container (and one parse) to the next;
// each finished container then gets a vector of exactly its size: one
// allocation per array or object, none oversized. (Reserving 8 members made
// every object allocation over 1 KiB, which glibc serves from its large bins
// after consolidating its small ones: a measurable share of reading a batch.)
// A deque, so that growing it for a deeper level moves no vector that an
// outer level is filling. One per thread: a Reader never runs inside another.
struct Scratch {
  std::deque<std::vector<Value>> items;
  std::deque<std::vector<Member>> members;
  // Reusing a tree (parse_into): whole vectors of items (members), elements
  // and subtrees and all, that nodes gave up (a node no longer an array or
  // object, an element a document no longer needs at a spot). A node that
  // becomes a container without a vector of its own takes one in one move,
  // its elements then filled again like its own (documents of one batch
  // differ in shape: "Action" is a string in one statement and an array in
  // the next). Keeping the vectors, not the elements they sat in, is what
  // saves the work: moving elements one by one into a list of spares and
  // back cost more than the reading of the strings they held (issue 12).
  std::vector<std::vector<Value>> item_lists;
  std::vector<std::vector<Member>> member_lists;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// Scratch vectors larger than this are freed after use, so that one huge
// input does not keep its memory for the rest of the process.
constexpr std::size_t kScratchKeep = 256;

template <class T>
std::vector<T>& scratch_at(std::deque<std::vector<T>>& per_depth, int depth) {
  if (per_depth.size() <= static_cast<std::size_t>(depth)) per_depth.resize(static_cast<std::size_t>(depth) + 1);
  std::vector<T>& v = per_depth[static_cast<std::size_t>(depth)];
  v.clear();  // left over from an input that failed to parse
  return v;
}

// Reusing mode: a node's vector of items (members) goes to the pool whole,
// if it has one; a node about to be filled takes one from the pool if it has
// none. (Testing data() rather than capacity() spares a division.)
template <class T>
[[gnu::noinline]] void stash_out(std::vector<T>& v, std::vector<std::vector<T>>& pool) {
  pool.push_back(std::move(v));
  v.clear();  // (a moved-from vector is empty in practice; this makes it certain)
}

template <class T>
inline void stash(std::vector<T>& v, std::vector<std::vector<T>>& pool) {
  if (v.data() != nullptr) [[unlikely]]
    stash_out(v, pool);
}

template <class T>
inline void unstash(std::vector<T>& v, std::vector<std::vector<T>>& pool) {
  if (v.data() == nullptr && !pool.empty()) [[unlikely]] {
    v = std::move(pool.back());
    pool.pop_back();
  }
}

// A scalar has no elements: what an earlier document left goes to the pool.
inline void drop_elements(Value& v, Scratch& sc) {
  stash(v.items, sc.item_lists);
  stash(v.members, sc.member_lists);
}

inline Value& node_of(Value& v) { return v; }
inline Value& node_of(Member& m) { return m.value; }

// Reusing mode: the element at index n of v, appended (empty) when v is that
// short. Inline only the check: a document shaped like the last one never
// appends. (Comparing iterators spares a division by the element size.)
template <class T>
[[gnu::noinline]] T& append_element(std::vector<T>& v) {
  return v.emplace_back();
}

template <class T>
inline T& element(std::vector<T>& v, std::size_t n) {
  if (v.begin() + static_cast<std::ptrdiff_t>(n) < v.end()) [[likely]]
    return v[n];
  return append_element(v);
}

// Reusing mode: v cut to n elements; the vectors of those cut off go to the
// pool first.
template <class T>
[[gnu::noinline]] void cut_to(std::vector<T>& v, std::size_t n, Scratch& sc) {
  const auto cut = v.begin() + static_cast<std::ptrdiff_t>(n);
  for (auto it = cut; it != v.end(); ++it) drop_elements(node_of(*it), sc);
  v.erase(cut, v.end());
}

template <class T>
inline void shrink(std::vector<T>& v, std::size_t n, Scratch& sc) {
  if (v.begin() + static_cast<std::ptrdiff_t>(n) < v.end()) [[unlikely]]
    cut_to(v, n, sc);
}

template <class T>
void take(std::vector<T>& from, std::vector<T>& to) {
  to.reserve(from.size());
  std::move(from.begin(), from.end(), std::back_inserter(to));
  from.clear();
  if (from.capacity() > kScratchKeep) std::vector<T>().swap(from);
}

// Reads into a fresh Value (each container gets a vector of exactly its
// size), or, when reusing (Reuse), into one that holds an earlier document:
// every node's fields are set again, and its strings and vectors keep their
// storage, so a document shaped like the last one allocates next to nothing.
// A template on Reuse, so that neither mode tests the other's branches at
// every node.
template <bool Reuse>
class Reader {
 public:
  Reader(std::string_view text, const Limits& limits) : s_(text), limits_(limits), scratch_(scratch()) {}

  bool run(Value& out, Diagnostic& error) {
    if (s_.size() > limits_.max_bytes) {
      error = make_error("Input is " + std::to_string(s_.size()) + " bytes; the limit is " + std::to_string(limits_.max_bytes) +
                         " bytes.");
      error.line = 1;
      error.column = 1;
      return false;
    }
    // A UTF-8 byte order mark is tolerated, as editors add one. It counts as
    // one column (a code point) of line 1.
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") {
      i_ = 3;
      ascii_line_ = false;
    }
    skip_ws();
    if (!value(out, 0)) {
      scratch_ = Scratch{};  // frees what the unfinished containers held
      error = error_;
      return false;
    }
    skip_ws();
    if (i_ < s_.size()) {
      fail("Unexpected text after the end of the JSON value.");
      error = error_;
      return false;
    }
    return true;
  }

 private:
  std::string_view s_;
  Limits limits_;
  Scratch& scratch_;  // looked up once: a thread_local costs a call per use
  std::size_t i_ = 0;
  int line_ = 1;
  std::size_t line_start_ = 0;
  Diagnostic error_;

  static Diagnostic make_error(std::string msg) {
    Diagnostic d;
    d.code = "InvalidJson";
    d.message = std::move(msg);
    return d;
  }

  // Columns count code points, not bytes, so editors can underline the spot.
  // Outside strings JSON is ASCII, so while no string on the current line
  // held a non-ASCII character (ascii_line_, almost always), the column is
  // the byte offset in the line. After one did, the code points are counted,
  // carried along as the reader moves forward (amortised linear even for a
  // 10 MB single-line input).
  bool ascii_line_ = true;
  mutable std::size_t col_off_ = 0;
  mutable int col_ = 1;

  [[gnu::always_inline]] Pos pos() const {
    if (ascii_line_) [[likely]]
      return Pos{line_, static_cast<int>(i_ - line_start_) + 1};  // i_ <= s_.size() always
    return counted_pos();
  }

  [[gnu::noinline]] Pos counted_pos() const {
    if (col_off_ < line_start_) {
      col_off_ = line_start_;
      col_ = 1;
    }
    const std::size_t end = std::min(i_, s_.size());
    if (col_off_ < end) {
      col_ += static_cast<int>(count_code_points(s_.data() + col_off_, end - col_off_));
      col_off_ = end;
    }
    return Pos{line_, col_};
  }

  // A string is about to take the non-ASCII character at i_: from here on
  // this line's columns are counted (everything before i_ is ASCII).
  void leave_ascii() {
    ascii_line_ = false;
    col_off_ = i_;
    col_ = static_cast<int>(i_ - line_start_) + 1;
  }

  [[gnu::noinline, gnu::cold]] bool fail(std::string msg) {
    error_ = make_error(std::move(msg));
    Pos p = pos();
    error_.line = p.line;
    error_.column = p.column;
    return false;
  }

  // Compact JSON (a batch line) has nothing to skip: only that test is inline.
  [[gnu::always_inline]] void skip_ws() {
    if (i_ < s_.size() && static_cast<unsigned char>(s_[i_]) > ' ') [[likely]]
      return;
    skip_ws_run();
  }

  // The byte at i_ after any whitespace (skipped), or -1 at the end.
  [[gnu::always_inline]] int peek() {
    if (i_ < s_.size()) [[likely]] {
      const unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c > ' ') [[likely]]
        return c;
    }
    skip_ws_run();
    return i_ < s_.size() ? static_cast<unsigned char>(s_[i_]) : -1;
  }

  [[gnu::noinline]] void skip_ws_run() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\n') {
        ++line_;
        line_start_ = ++i_;
        ascii_line_ = true;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
      } else {
        break;
      }
    }
  }

  static std::string describe(char c) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) {
      char buf[8];
      static const char* hex = "0123456789ABCDEF";
      buf[0] = '0';
      buf[1] = 'x';
      buf[2] = hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      buf[3] = hex[static_cast<unsigned char>(c) & 0xF];
      buf[4] = 0;
      return std::string("byte ") + buf;
    }
    return std::string("'") + c + "'";
  }

  bool value(Value& out, int depth) {
    if (depth > limits_.max_depth) [[unlikely]] {
      return fail("Nesting is deeper than " + std::to_string(limits_.max_depth) + " levels.");
    }
    out.pos = pos();
    if (Reuse) {  // what an earlier document left in this node
      out.boolean = false;
      out.number = 0;
    }
    if (i_ >= s_.size()) [[unlikely]] {
      if (Reuse) out.text.clear();
      return fail("Unexpected end of input: a value was expected.");
    }
    const char c = s_[i_];
    if (c == '"') return string_value(out);  // the most common value, then objects and arrays
    if (Reuse) out.text.clear();
    switch (c) {
      case '{':
        return object(out, depth);
      case '[':
        return array(out, depth);
      default:
        break;
    }
    if (Reuse) drop_elements(out, scratch_);
    switch (c) {
      case 't':
        return literal("true", out, Type::Bool, true);
      case 'f':
        return literal("false", out, Type::Bool, false);
      case 'n':
        return literal("null", out, Type::Null, false);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(out);
        return fail("Unexpected " + describe(c) + ": a value was expected.");
    }
  }

  // An element or member value: a string (the most common value) is read
  // here, with what value() would do for one, without a call to value().
  bool child(Value& out, int depth) {
    if (i_ < s_.size() && s_[i_] == '"' && depth <= limits_.max_depth) [[likely]] {
      out.pos = pos();
      if (Reuse) {
        out.boolean = false;
        out.number = 0;
      }
      return string_value(out);
    }
    return value(out, depth);
  }

  // What value() does for a string, after setting the position.
  bool string_value(Value& out) {
    if (Reuse) drop_elements(out, scratch_);
    out.type = Type::String;
    return string(out.text);
  }

  bool literal(std::string_view word, Value& out, Type t, bool b) {
    if (s_.substr(i_, word.size()) != word) return fail("Invalid literal: expected '" + std::string(word) + "'.");
    i_ += word.size();
    out.type = t;
    out.boolean = b;
    return true;
  }

  bool number(Value& out) {
    std::size_t start = i_;
    if (s_[i_] == '-') ++i_;
    auto digits = [&] {
      std::size_t k = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ - k;
    };
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
    } else if (digits() == 0) {
      return fail("Invalid number: a digit was expected.");
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (digits() == 0) return fail("Invalid number: a digit was expected after '.'.");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (digits() == 0) return fail("Invalid number: a digit was expected in the exponent.");
    }
    out.type = Type::Number;
    out.text.assign(s_.data() + start, i_ - start);
    out.number = std::strtod(out.text.c_str(), nullptr);  // overflow gives +-inf, kept as is
    return true;
  }

  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool hex4(unsigned& cp) {
    if (i_ + 4 > s_.size()) return fail("Invalid \\u escape: four hex digits were expected.");
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      char h = s_[i_ + k];
      cp <<= 4;
      if (h >= '0' && h <= '9')
        cp |= h - '0';
      else if (h >= 'a' && h <= 'f')
        cp |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F')
        cp |= h - 'A' + 10;
      else
        return fail("Invalid \\u escape: four hex digits were expected.");
    }
    i_ += 4;
    return true;
  }

  // Length of a valid UTF-8 sequence at i_, or 0.
  std::size_t utf8_length() const {
    auto b = [&](std::size_t k) { return i_ + k < s_.size() ? static_cast<unsigned char>(s_[i_ + k]) : 0u; };
    unsigned c = b(0);
    auto cont = [&](std::size_t k) { return (b(k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c == 0xE0) return (b(1) >= 0xA0 && b(1) <= 0xBF && cont(2)) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return (cont(1) && cont(2)) ? 3 : 0;
    if (c == 0xED) return (b(1) >= 0x80 && b(1) <= 0x9F && cont(2)) ? 3 : 0;
    if (c == 0xF0) return (b(1) >= 0x90 && b(1) <= 0xBF && cont(2) && cont(3)) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3) return (cont(1) && cont(2) && cont(3)) ? 4 : 0;
    if (c == 0xF4) return (b(1) >= 0x80 && b(1) <= 0x8F && cont(2) && cont(3)) ? 4 : 0;
    return 0;
  }

  // The escape sequence at i_ (a backslash), decoded onto out.
  bool escape(std::string& out) {
    ++i_;
    if (i_ >= s_.size()) return fail("Unexpected end of input inside a string.");
    char e = s_[i_++];
    switch (e) {
      case '"':
        out += '"';
        return true;
      case '\\':
        out += '\\';
        return true;
      case '/':
        out += '/';
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u': {
        unsigned cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned lo = 0;
          if (s_.substr(i_, 2) != "\\u") return fail("Invalid \\u escape: a high surrogate must be followed by a low one.");
          i_ += 2;
          if (!hex4(lo)) return false;
          if (lo < 0xDC00 || lo > 0xDFFF) return fail("Invalid \\u escape: a high surrogate must be followed by a low one.");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return fail("Invalid \\u escape: a low surrogate without a high one.");
        }
        put_utf8(out, cp);
        return true;
      }
      default:
        i_ -= 2;  // point at the backslash
        return fail("Invalid escape sequence '\\" + std::string(1, e) + "' in a string.");
    }
  }

  // The string at i_ (its opening quote), decoded into out. Most strings
  // are plain bytes up to the closing quote: one scan, and one copy unless
  // out (reused) holds that text already, as keys mostly do.
  bool string(std::string& out) { return string_inline(out); }

  // The same inlined into member(), for keys (more than half the strings).
  [[gnu::always_inline]] bool string_inline(std::string& out) {
    const char* const s = s_.data();
    const std::size_t n = s_.size();
    const std::size_t start = i_ + 1;  // after the opening quote
    const std::size_t end = start + plain_prefix(s + start, n - start);
    if (end < n && s[end] == '"') [[likely]] {
      i_ = end + 1;
      const std::size_t len = end - start;
      if (!Reuse || out.size() != len || std::memcmp(out.data(), s + start, len) != 0) {
        out.clear();
        out.append(s + start, len);  // (cheaper than assign, which allows for overlap)
      }
      return true;
    }
    return string_rest(out, start, end);
  }

  // The rest of a string whose bytes [run, i) are plain and s_[i] is not its
  // closing quote: bytes that need no decoding (plain ASCII, valid UTF-8
  // sequences) are copied a run at a time, up to an escape or the end; on
  // bad input, out holds what was decoded before it.
  [[gnu::noinline]] bool string_rest(std::string& out, std::size_t run, std::size_t i) {
    const char* const s = s_.data();
    const std::size_t n = s_.size();
    out.clear();
    while (true) {
      out.append(s + run, i - run);
      i_ = i;
      if (i >= n) return fail("Unexpected end of input inside a string: a closing '\"' is missing.");
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '\\') {
        if (!escape(out)) return false;
      } else if (c < 0x20) {
        return fail(c == '\n' ? "A string may not span lines: a closing '\"' is missing."
                               : "Control character " + describe(static_cast<char>(c)) + " inside a string must be escaped.");
      } else {  // 0x80 and above
        if (ascii_line_) leave_ascii();
        const std::size_t len = utf8_length();
        if (len == 0) return fail("Invalid UTF-8 in a string.");
        out.append(s + i, len);
        i_ += len;
      }
      i = run = i_;
      i += plain_prefix(s + i, n - i);
      if (i < n && s[i] == '"') {
        out.append(s + run, i - run);
        i_ = i + 1;
        return true;
      }
    }
  }

  bool array(Value& out, int depth) {
    out.type = Type::Array;
    if (Reuse) stash(out.members, scratch_.member_lists);
    ++i_;
    int c = peek();
    if (c == ']') {
      ++i_;
      if (Reuse) stash(out.items, scratch_.item_lists);
      return true;
    }
    if (Reuse) unstash(out.items, scratch_.item_lists);
    // Reusing: the elements go straight into out.items, earlier ones filled again.
    std::vector<Value>& items = Reuse ? out.items : scratch_at(scratch_.items, depth);
    std::size_t n = 0;
    while (true) {
      Value& item = Reuse ? element(items, n) : items.emplace_back();
      ++n;
      if (!child(item, depth + 1)) return false;
      c = peek();
      if (c == ',') {
        ++i_;
        skip_ws();
        continue;
      }
      if (c == ']') {
        ++i_;
        if (Reuse)
          shrink(items, n, scratch_);
        else
          take(items, out.items);
        return true;
      }
      return fail(c < 0 ? "Unexpected end of input: ',' or ']' was expected."
                        : "Unexpected " + describe(static_cast<char>(c)) + ": ',' or ']' was expected.");
    }
  }

  // "key": value, from the opening quote of the key.
  bool member(Member& m, int depth) {
    m.key_pos = pos();
    if (!string_inline(m.key)) return false;
    const int c = peek();
    if (c != ':') {
      return fail(c < 0 ? "Unexpected end of input: ':' was expected."
                        : "Unexpected " + describe(static_cast<char>(c)) + ": ':' was expected.");
    }
    ++i_;
    skip_ws();
    return child(m.value, depth + 1);
  }

  bool object(Value& out, int depth) {
    out.type = Type::Object;
    if (Reuse) stash(out.items, scratch_.item_lists);
    ++i_;
    int c = peek();
    if (c == '}') {
      ++i_;
      if (Reuse) stash(out.members, scratch_.member_lists);
      return true;
    }
    if (Reuse) unstash(out.members, scratch_.member_lists);
    // Reusing: the members go straight into out.members, earlier ones filled again.
    std::vector<Member>& members = Reuse ? out.members : scratch_at(scratch_.members, depth);
    std::size_t n = 0;
    while (true) {
      if (c != '"') {
        return fail(c < 0 ? "Unexpected end of input: a key was expected."
                          : "Unexpected " + describe(static_cast<char>(c)) + ": a key in double quotes was expected.");
      }
      Member& m = Reuse ? element(members, n) : members.emplace_back();
      ++n;
      if (!member(m, depth)) return false;
      c = peek();
      if (c == ',') {
        ++i_;
        c = peek();
        continue;
      }
      if (c == '}') {
        ++i_;
        if (Reuse)
          shrink(members, n, scratch_);
        else
          take(members, out.members);
        return true;
      }
      return fail(c < 0 ? "Unexpected end of input: ',' or '}' was expected."
                        : "Unexpected " + describe(static_cast<char>(c)) + ": ',' or '}' was expected.");
    }
  }
};

void escape_into(std::string& out, const std::string& s) {
  out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void write(std::string& out, const Value& v) {
  switch (v.type) {
    case Type::Null:
      out += "null";
      break;
    case Type::Bool:
      out += v.boolean ? "true" : "false";
      break;
    case Type::Number:
      out += v.text;
      break;
    case Type::String:
      escape_into(out, v.text);
      break;
    case Type::Array:
      out += '[';
      for (std::size_t k = 0; k < v.items.size(); ++k) {
        if (k) out += ',';
        write(out, v.items[k]);
      }
      out += ']';
      break;
    case Type::Object:
      out += '{';
      for (std::size_t k = 0; k < v.members.size(); ++k) {
        if (k) out += ',';
        escape_into(out, v.members[k].key);
        out += ':';
        write(out, v.members[k].value);
      }
      out += '}';
      break;
  }
}

}  // namespace

ParseResult parse(std::string_view text, const Limits& limits) {
  ParseResult r;
  r.ok = Reader<false>(text, limits).run(r.value, r.error);
  return r;
}

bool parse_into(std::string_view text, Value& doc, Diagnostic& error, const Limits& limits) {
  const bool ok = Reader<true>(text, limits).run(doc, error);
  // The pools of one unusually large document (pooled vectors hold their
  // own subtrees) are not kept for the rest of a batch.
  constexpr std::size_t kKeepBytes = 64u << 10, kKeepPooled = 4096;
  Scratch& s = scratch();
  if (text.size() > kKeepBytes || s.item_lists.size() + s.member_lists.size() > kKeepPooled) {
    std::vector<std::vector<Value>>().swap(s.item_lists);
    std::vector<std::vector<Member>>().swap(s.member_lists);
  }
  return ok;
}

// Built with one allocation: the size is known up front, and the runs between
// characters that need escaping ('~' and '/', rare in keys) are copied whole.
// (This was a measurable share of validating a simulate batch.)
std::string pointer_append(const std::string& base, std::string_view key) {
  std::string out;
  out.reserve(base.size() + 1 + key.size() + 2);  // + 2: room for an escape or two without growing
  out.append(base);
  out += '/';
  std::size_t start = 0;
  for (std::size_t k = key.find_first_of("~/"); k != std::string_view::npos; k = key.find_first_of("~/", start)) {
    out.append(key.substr(start, k - start));
    out += key[k] == '~' ? "~0" : "~1";
    start = k + 1;
  }
  out.append(key.substr(start));
  return out;
}

void pointer_into(std::string& to, std::string_view base, std::size_t index) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + index % 10);
    index /= 10;
  } while (index != 0);
  to.clear();
  to.reserve(base.size() + 1 + static_cast<std::size_t>(n));
  to.append(base.data(), base.size());
  to += '/';
  while (n > 0) to += digits[--n];
}

std::string pointer_append(const std::string& base, std::size_t index) {
  std::string out;
  pointer_into(out, base, index);
  return out;
}

std::string to_compact_string(const Value& v) {
  std::string out;
  write(out, v);
  return out;
}

}  // namespace rolelab::json

namespace rolelab {

std::string pretty_json(const json::Value& v, int indent) {
  std::string pad(static_cast<std::size_t>(indent) + 2, ' ');
  std::string end_pad(static_cast<std::size_t>(indent), ' ');
  if (v.is_array() && !v.items.empty()) {
    bool scalars = true;
    for (const json::Value& i : v.items) scalars = scalars && !i.is_array() && !i.is_object();
    if (scalars && v.items.size() <= 3) return json::to_compact_string(v);
    std::string out = "[\n";
    for (std::size_t k = 0; k < v.items.size(); ++k) {
      out += pad + pretty_json(v.items[k], indent + 2) + (k + 1 < v.items.size() ? ",\n" : "\n");
    }
    return out + end_pad + "]";
  }
  if (v.is_object() && !v.members.empty()) {
    std::string out = "{\n";
    for (std::size_t k = 0; k < v.members.size(); ++k) {
      json::Value key;
      key.type = json::Type::String;
      key.text = v.members[k].key;
      out += pad + json::to_compact_string(key) + ": " + pretty_json(v.members[k].value, indent + 2) +
             (k + 1 < v.members.size() ? ",\n" : "\n");
    }
    return out + end_pad + "}";
  }
  return json::to_compact_string(v);
}

}  // namespace rolelab
