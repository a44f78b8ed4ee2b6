#include "json/json.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
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
  // Reusing a tree (parse_into): elements a document no longer needs at a
  // spot, kept with their own strings and vectors for the next one that
  // needs an element anywhere (documents of one batch differ in shape).
  std::vector<Value> spare_values;
  std::vector<Member> spare_members;
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

// Reusing mode: the element at index n of v, appended when v is that short
// (from the spares when there are some).
template <class T>
T& element(std::vector<T>& v, std::size_t n, std::vector<T>& spares) {
  if (n < v.size()) return v[n];
  if (spares.empty()) return v.emplace_back();
  v.push_back(std::move(spares.back()));
  spares.pop_back();
  return v.back();
}

// Reusing mode: v cut to n elements, the others kept as spares.
template <class T>
void shrink(std::vector<T>& v, std::size_t n, std::vector<T>& spares) {
  if (v.size() <= n) return;  // the common case: nothing to give back
  for (std::size_t k = v.size(); k > n; --k) spares.push_back(std::move(v[k - 1]));
  v.resize(n);
}

template <class T>
void take(std::vector<T>& from, std::vector<T>& to) {
  to.reserve(from.size());
  std::move(from.begin(), from.end(), std::back_inserter(to));
  from.clear();
  if (from.capacity() > kScratchKeep) std::vector<T>().swap(from);
}

// Reads into a fresh Value (each container gets a vector of exactly its
// size), or, when reusing, into one that holds an earlier document: every
// node's fields are set again, and its strings and vectors keep their
// storage, so a document shaped like the last one allocates next to nothing.
class Reader {
 public:
  Reader(std::string_view text, const Limits& limits, bool reuse) : s_(text), limits_(limits), reuse_(reuse) {}

  bool run(Value& out, Diagnostic& error) {
    if (s_.size() > limits_.max_bytes) {
      error = make_error("Input is " + std::to_string(s_.size()) + " bytes; the limit is " + std::to_string(limits_.max_bytes) +
                         " bytes.");
      error.line = 1;
      error.column = 1;
      return false;
    }
    // A UTF-8 byte order mark is tolerated, as editors add one.
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
    skip_ws();
    if (!value(out, 0)) {
      scratch() = Scratch{};  // frees what the unfinished containers held
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
  const bool reuse_;
  std::size_t i_ = 0;
  int line_ = 1;
  std::size_t line_start_ = 0;
  Diagnostic error_;

  Diagnostic make_error(std::string msg) const {
    Diagnostic d;
    d.code = "InvalidJson";
    d.message = std::move(msg);
    return d;
  }

  // Columns count code points, not bytes, so editors can underline the spot.
  // The reader only moves forward, so the count is carried along (amortised
  // linear even for a 10 MB single-line input).
  mutable std::size_t col_off_ = 0;
  mutable int col_ = 1;

  Pos pos() const {
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

  bool fail(std::string msg) {
    error_ = make_error(std::move(msg));
    Pos p = pos();
    error_.line = p.line;
    error_.column = p.column;
    return false;
  }

  void skip_ws() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\n') {
        ++line_;
        line_start_ = ++i_;
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
    if (depth > limits_.max_depth) {
      return fail("Nesting is deeper than " + std::to_string(limits_.max_depth) + " levels.");
    }
    out.pos = pos();
    if (reuse_) {  // what an earlier document left in this node
      out.boolean = false;
      out.number = 0;
      out.text.clear();
    }
    if (i_ >= s_.size()) return fail("Unexpected end of input: a value was expected.");
    char c = s_[i_];
    if (reuse_ && c != '{' && c != '[') {
      // A scalar has no elements: an earlier document's go back to the spares.
      shrink(out.items, 0, scratch().spare_values);
      shrink(out.members, 0, scratch().spare_members);
    }
    switch (c) {
      case '{':
        return object(out, depth);
      case '[':
        return array(out, depth);
      case '"':
        out.type = Type::String;
        return string(out.text);
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

  bool string(std::string& out) {
    ++i_;  // opening quote
    while (true) {
      if (i_ >= s_.size()) return fail("Unexpected end of input inside a string: a closing '\"' is missing.");
      unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c == '\\') {
        ++i_;
        if (i_ >= s_.size()) return fail("Unexpected end of input inside a string.");
        char e = s_[i_++];
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
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
            break;
          }
          default:
            i_ -= 2;  // point at the backslash
            return fail("Invalid escape sequence '\\" + std::string(1, e) + "' in a string.");
        }
        continue;
      }
      if (c < 0x20) {
        return fail(c == '\n' ? "A string may not span lines: a closing '\"' is missing."
                              : "Control character " + describe(static_cast<char>(c)) + " inside a string must be escaped.");
      }
      if (c < 0x80) {
        // Copy the run of plain ASCII characters in one go.
        const std::size_t j = i_ + 1 + plain_prefix(s_.data() + i_ + 1, s_.size() - i_ - 1);
        out.append(s_.data() + i_, j - i_);
        i_ = j;
        continue;
      }
      std::size_t n = utf8_length();
      if (n == 0) return fail("Invalid UTF-8 in a string.");
      out.append(s_.substr(i_, n));
      i_ += n;
    }
  }

  bool array(Value& out, int depth) {
    out.type = Type::Array;
    if (reuse_) shrink(out.members, 0, scratch().spare_members);
    ++i_;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      if (reuse_) shrink(out.items, 0, scratch().spare_values);
      return true;
    }
    // Reusing: the elements go straight into out.items, earlier ones filled again.
    std::vector<Value>& items = reuse_ ? out.items : scratch_at(scratch().items, depth);
    std::size_t n = 0;
    while (true) {
      skip_ws();
      Value& item = reuse_ ? element(items, n, scratch().spare_values) : items.emplace_back();
      ++n;
      if (!value(item, depth + 1)) return false;
      skip_ws();
      if (i_ >= s_.size()) return fail("Unexpected end of input: ',' or ']' was expected.");
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (s_[i_] == ']') {
        ++i_;
        if (reuse_)
          shrink(items, n, scratch().spare_values);
        else
          take(items, out.items);
        return true;
      }
      return fail("Unexpected " + describe(s_[i_]) + ": ',' or ']' was expected.");
    }
  }

  // "key": value, from the opening quote of the key.
  bool member(Member& m, int depth) {
    if (reuse_) m.key.clear();
    m.key_pos = pos();
    if (!string(m.key)) return false;
    skip_ws();
    if (i_ >= s_.size() || s_[i_] != ':') {
      return fail(i_ >= s_.size() ? "Unexpected end of input: ':' was expected."
                                  : "Unexpected " + describe(s_[i_]) + ": ':' was expected.");
    }
    ++i_;
    skip_ws();
    return value(m.value, depth + 1);
  }

  bool object(Value& out, int depth) {
    out.type = Type::Object;
    if (reuse_) shrink(out.items, 0, scratch().spare_values);
    ++i_;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      if (reuse_) shrink(out.members, 0, scratch().spare_members);
      return true;
    }
    // Reusing: the members go straight into out.members, earlier ones filled again.
    std::vector<Member>& members = reuse_ ? out.members : scratch_at(scratch().members, depth);
    std::size_t n = 0;
    while (true) {
      skip_ws();
      if (i_ >= s_.size()) return fail("Unexpected end of input: a key was expected.");
      if (s_[i_] != '"') return fail("Unexpected " + describe(s_[i_]) + ": a key in double quotes was expected.");
      Member& m = reuse_ ? element(members, n, scratch().spare_members) : members.emplace_back();
      ++n;
      if (!member(m, depth)) return false;
      skip_ws();
      if (i_ >= s_.size()) return fail("Unexpected end of input: ',' or '}' was expected.");
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (s_[i_] == '}') {
        ++i_;
        if (reuse_)
          shrink(members, n, scratch().spare_members);
        else
          take(members, out.members);
        return true;
      }
      return fail("Unexpected " + describe(s_[i_]) + ": ',' or '}' was expected.");
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
  r.ok = Reader(text, limits, false).run(r.value, r.error);
  return r;
}

bool parse_into(std::string_view text, Value& doc, Diagnostic& error, const Limits& limits) {
  const bool ok = Reader(text, limits, true).run(doc, error);
  // The spares of one unusually large document (spares hold their own
  // subtrees) are not kept for the rest of a batch.
  constexpr std::size_t kKeepBytes = 64u << 10, kKeepSpares = 4096;
  Scratch& s = scratch();
  if (text.size() > kKeepBytes || s.spare_values.size() + s.spare_members.size() > kKeepSpares) {
    std::vector<Value>().swap(s.spare_values);
    std::vector<Member>().swap(s.spare_members);
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

std::string pointer_append(const std::string& base, std::size_t index) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + index % 10);
    index /= 10;
  } while (index != 0);
  std::string out;
  out.reserve(base.size() + 1 + static_cast<std::size_t>(n));
  out.append(base);
  out += '/';
  while (n > 0) out += digits[--n];
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
