#include "analyzer/span_json.h"

#include <cstdint>

namespace rolelab::analyzer {

const Node* Node::find(std::string_view key) const {
  const NodeMember* m = find_member(key);
  return m ? &m->value : nullptr;
}

const NodeMember* Node::find_member(std::string_view key) const {
  const NodeMember* found = nullptr;
  for (const NodeMember& m : members)
    if (m.key == key) found = &m;
  return found;
}

namespace {

class Reader {
 public:
  Reader(std::string_view t, int max_depth) : t_(t), max_depth_(max_depth) {}

  SpanParse run() {
    SpanParse out;
    skip_ws();
    if (!value(out.root, 0)) return fail_result();
    skip_ws();
    if (i_ < t_.size()) {
      fail("Unexpected text after the end of the JSON document.");
      return fail_result();
    }
    out.ok = true;
    return out;
  }

 private:
  std::string_view t_;
  std::size_t i_ = 0;
  Position pos_;
  int max_depth_;
  std::string error_;
  Span error_span_;
  bool failed_ = false;

  SpanParse fail_result() {
    SpanParse r;
    r.error = error_;
    r.error_span = error_span_;
    return r;
  }

  bool fail(std::string msg) {
    if (!failed_) {
      failed_ = true;
      error_ = std::move(msg);
      error_span_.start = pos_;
      error_span_.end = pos_;
      if (i_ < t_.size()) {
        Position e = pos_;
        ++e.column, ++e.offset, ++e.byte;
        error_span_.end = e;
      }
    }
    return false;
  }

  // Advances one code point (UTF-8 lead byte plus continuation bytes).
  void advance() {
    unsigned char c = static_cast<unsigned char>(t_[i_]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i_ + n > t_.size()) n = t_.size() - i_;
    i_ += n;
    pos_.byte += static_cast<int>(n);
    ++pos_.offset;
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 0;
    } else {
      ++pos_.column;
    }
  }

  void skip_ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) advance();
  }

  bool literal(std::string_view word) {
    if (t_.substr(i_, word.size()) != word) return fail("Unexpected character: a JSON value is expected here.");
    for (std::size_t k = 0; k < word.size(); ++k) advance();
    return true;
  }

  static void put_utf8(std::string& s, std::uint32_t cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool hex4(std::uint32_t& v) {
    v = 0;
    for (int k = 0; k < 4; ++k) {
      if (i_ >= t_.size()) return fail("Unterminated string.");
      char c = t_[i_];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return fail("Invalid \\u escape in a string.");
      v = v * 16 + static_cast<std::uint32_t>(d);
      advance();
    }
    return true;
  }

  bool string(std::string& out) {
    advance();  // opening quote
    while (true) {
      if (i_ >= t_.size()) return fail("Unterminated string: a closing quote is missing.");
      char c = t_[i_];
      if (c == '"') {
        advance();
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("Control character in a string (a closing quote may be missing).");
      if (c == '\\') {
        advance();
        if (i_ >= t_.size()) return fail("Unterminated string.");
        char e = t_[i_];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            advance();
            std::uint32_t cp = 0;
            if (!hex4(cp)) return false;
            if (cp >= 0xD800 && cp < 0xDC00 && t_.substr(i_, 2) == "\\u") {
              advance();
              advance();
              std::uint32_t lo = 0;
              if (!hex4(lo)) return false;
              if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            put_utf8(out, cp);
            continue;
          }
          default:
            return fail("Invalid escape in a string.");
        }
        advance();
        continue;
      }
      std::size_t from = i_;
      advance();
      out.append(t_.substr(from, i_ - from));
    }
  }

  bool number(Node& n) {
    std::size_t from = i_;
    if (t_[i_] == '-') advance();
    bool digits = false;
    while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') advance(), digits = true;
    if (i_ < t_.size() && t_[i_] == '.') {
      advance();
      while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') advance();
    }
    if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
      advance();
      if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) advance();
      while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') advance();
    }
    if (!digits) return fail("Invalid number.");
    n.type = NodeType::Number;
    n.text = std::string(t_.substr(from, i_ - from));
    return true;
  }

  bool value(Node& n, int depth) {
    if (depth > max_depth_) return fail("The JSON document is nested too deeply.");
    if (i_ >= t_.size()) return fail("Unexpected end of the document: a JSON value is expected.");
    n.span.start = pos_;
    char c = t_[i_];
    bool ok = true;
    if (c == '{') {
      n.type = NodeType::Object;
      advance();
      skip_ws();
      if (i_ < t_.size() && t_[i_] == '}') {
        advance();
      } else {
        while (true) {
          skip_ws();
          if (i_ >= t_.size() || t_[i_] != '"') return fail("Expected a key in double quotes (is a comma or brace misplaced?).");
          NodeMember m;
          m.key_span.start = pos_;
          if (!string(m.key)) return false;
          m.key_span.end = pos_;
          skip_ws();
          if (i_ >= t_.size() || t_[i_] != ':') return fail("Expected ':' after the key.");
          advance();
          skip_ws();
          if (!value(m.value, depth + 1)) return false;
          n.members.push_back(std::move(m));
          skip_ws();
          if (i_ < t_.size() && t_[i_] == ',') {
            advance();
            continue;
          }
          if (i_ < t_.size() && t_[i_] == '}') {
            advance();
            break;
          }
          return fail("Expected ',' or '}' in an object.");
        }
      }
    } else if (c == '[') {
      n.type = NodeType::Array;
      advance();
      skip_ws();
      if (i_ < t_.size() && t_[i_] == ']') {
        advance();
      } else {
        while (true) {
          skip_ws();
          Node item;
          if (!value(item, depth + 1)) return false;
          n.items.push_back(std::move(item));
          skip_ws();
          if (i_ < t_.size() && t_[i_] == ',') {
            advance();
            continue;
          }
          if (i_ < t_.size() && t_[i_] == ']') {
            advance();
            break;
          }
          return fail("Expected ',' or ']' in an array.");
        }
      }
    } else if (c == '"') {
      n.type = NodeType::String;
      ok = string(n.text);
    } else if (c == 't') {
      n.type = NodeType::Bool;
      n.boolean = true;
      ok = literal("true");
    } else if (c == 'f') {
      n.type = NodeType::Bool;
      ok = literal("false");
    } else if (c == 'n') {
      ok = literal("null");
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      ok = number(n);
    } else {
      return fail("Unexpected character: a JSON value is expected here.");
    }
    n.span.end = pos_;
    return ok;
  }
};

}  // namespace

SpanParse parse_with_spans(std::string_view text, int max_depth) { return Reader(text, max_depth).run(); }

}  // namespace rolelab::analyzer
