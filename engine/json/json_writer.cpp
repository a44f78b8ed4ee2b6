#include "json/json_writer.h"

#include <charconv>
#include <cstring>

#include "json/plain_run.h"

namespace rolelab::json {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Length of the well-formed UTF-8 sequence starting at s[i] (2 to 4), or the
// length of its maximal ill-formed subpart as a negative number (-1 to -3):
// the bytes one U+FFFD replaces. Ranges from Unicode 15, table 3-7
// (well-formed UTF-8 byte sequences). s[i] is 0x80 or above.
int utf8_sequence(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  int length;
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range; later ones are 80..BF
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) lo = 0xA0;  // no overlong forms
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) lo = 0x90;  // no overlong forms
    if (lead == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return -1;  // a continuation byte, C0, C1 or F5..FF: never starts a sequence
  }
  for (int k = 1; k < length; ++k) {
    if (i + k >= s.size()) return -k;
    const unsigned char c = byte(i + k);
    if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return -k;
  }
  return length;
}

// What an ASCII byte becomes inside a string literal: 0 when copied as is.
char short_escape(unsigned char c) {
  switch (c) {
    case '"':
      return '"';
    case '\\':
      return '\\';
    case '\b':
      return 'b';
    case '\f':
      return 'f';
    case '\n':
      return 'n';
    case '\r':
      return 'r';
    case '\t':
      return 't';
    default:
      return 0;
  }
}

}  // namespace

void append_escaped(std::string& out, std::string_view s) {
  // Most strings are plain all through (keys, ARNs): one copy, no escaping.
  std::size_t i = plain_prefix(s.data(), s.size());
  if (i == s.size()) {
    out.append(s.data(), s.size());
    return;
  }
  std::size_t run = 0;  // start of the bytes not yet copied
  auto copy_run = [&] { out.append(s.data() + run, i - run); };
  while (i < s.size()) {
    i += plain_prefix(s.data() + i, s.size() - i);  // the common case, a word at a time
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const int n = utf8_sequence(s, i);
      if (n > 0) {
        i += static_cast<std::size_t>(n);
        continue;
      }
      copy_run();
      out += kReplacement;
      i += static_cast<std::size_t>(-n);
      run = i;
      continue;
    }
    copy_run();
    if (char e = short_escape(c)) {
      out += '\\';
      out += e;
    } else {
      static const char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
    run = ++i;
  }
  copy_run();
}

void append_string(std::string& out, std::string_view s) {
  out += '"';
  append_escaped(out, s);
  out += '"';
}

void Writer::newline_indent(std::size_t depth) {
  out_ += '\n';
  out_.append(depth * static_cast<std::size_t>(indent_), ' ');
}

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;  // the top-level value
  if (count()++ > 0) out_ += ',';
  if (indent_ >= 0) newline_indent(depth_);
}

void Writer::open(char bracket) {
  before_value();
  out_ += bracket;
  ++depth_;
  if (depth_ > kShallow) deep_.push_back(0);
  count() = 0;
}

void Writer::close(char bracket) {
  const bool empty = count() == 0;
  if (depth_ > kShallow) deep_.pop_back();
  --depth_;
  if (!empty && indent_ >= 0) newline_indent(depth_);
  out_ += bracket;
}

void Writer::key(std::string_view k) {
  before_value();
  after_key_ = true;
  // Keys are short plain names ("matched", "why"), a third of all strings
  // written: quotes, name and colon go out in one append.
  constexpr std::size_t kShort = 40;
  if (k.size() <= kShort && plain_prefix(k.data(), k.size()) == k.size()) {
    char buf[kShort + 4];
    buf[0] = '"';
    std::memcpy(buf + 1, k.data(), k.size());
    std::size_t n = k.size() + 1;
    buf[n++] = '"';
    buf[n++] = ':';
    if (indent_ >= 0) buf[n++] = ' ';
    out_.append(buf, n);
    return;
  }
  append_string(out_, k);
  if (indent_ >= 0)
    out_.append(": ", 2);
  else
    out_ += ':';
}

void Writer::value_literal(Literal s) {
  before_value();
  char buf[Literal::kMax + 2];
  buf[0] = '"';
  std::memcpy(buf + 1, s.data(), s.size());
  buf[s.size() + 1] = '"';
  out_.append(buf, s.size() + 2);
}

void Writer::begin_string() {
  before_value();
  out_ += '"';
}

void Writer::string_part(std::string_view s) { append_escaped(out_, s); }

void Writer::value(std::string_view s) {
  before_value();
  append_string(out_, s);
}

void Writer::value(bool b) {
  before_value();
  if (b)
    out_.append("true", 4);
  else
    out_.append("false", 5);
}

void Writer::value(long long n) {
  before_value();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, r.ptr);
}

void Writer::value(unsigned long long n) {
  before_value();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, r.ptr);
}

void Writer::value(const std::vector<std::string>& list) {
  begin_array();
  for (const std::string& s : list) value(s);
  end_array();
}

}  // namespace rolelab::json
