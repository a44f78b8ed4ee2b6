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

// The escaping, for any sink with put(const char*, n) and put(char): the
// writer's buffer, or a std::string (StringSink).
// escape_rest: the bytes before run are out already, those in [run, i) are
// plain, and s[i] may need escaping.
template <class Sink>
void escape_rest(Sink& out, std::string_view s, std::size_t run, std::size_t i) {
  auto copy_run = [&] { out.put(s.data() + run, i - run); };
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
      out.put(kReplacement.data(), kReplacement.size());
      i += static_cast<std::size_t>(-n);
      run = i;
      continue;
    }
    copy_run();
    if (char e = short_escape(c)) {
      out.put('\\');
      out.put(e);
    } else {
      static const char hex[] = "0123456789abcdef";
      out.put("\\u00", 4);
      out.put(hex[c >> 4]);
      out.put(hex[c & 0xF]);
    }
    run = ++i;
  }
  copy_run();
}

template <class Sink>
void escape_to(Sink& out, std::string_view s) {
  // Most strings are plain all through (keys, ARNs): one copy, no escaping.
  const bool short_plain = s.size() >= 8 && s.size() <= 16 && plain_8_to_16(s.data(), s.size());
  const std::size_t i = short_plain ? s.size() : plain_prefix(s.data(), s.size());
  if (i == s.size()) {
    out.put(s.data(), s.size());
    return;
  }
  escape_rest(out, s, 0, i);
}

struct StringSink {
  std::string& s;
  void put(const char* p, std::size_t n) { s.append(p, n); }
  void put(char c) { s += c; }
};

}  // namespace

void append_escaped(std::string& out, std::string_view s) {
  StringSink sink{out};
  escape_to(sink, s);
}

void append_string(std::string& out, std::string_view s) {
  out += '"';
  append_escaped(out, s);
  out += '"';
}

void Writer::put_long(const char* s, std::size_t n) {
  flush();
  if (n <= kBuffer) {
    copy_bytes(buf_, s, n);
    used_ = n;
  } else {
    out_.append(s, n);
  }
}

void Writer::escaped(std::string_view s) {
#if defined(__SSE2__)
  // Into the buffer as it is scanned (the long strings: explanations' sentences, ARNs).
  if (s.size() >= 16 && s.size() <= kBuffer) {
    const std::size_t plain = copy_plain_prefix(room(s.size()), s.data(), s.size());
    used_ += plain;
    if (plain < s.size()) escape_rest(*this, s, plain, plain);
    return;
  }
#endif
  escape_to(*this, s);
}

void Writer::newline_indent(std::size_t depth) {
  put('\n');
  for (std::size_t k = depth * static_cast<std::size_t>(indent_); k > 0; --k) put(' ');
}

void Writer::before_value_pretty() {
  if (has_elements_) put(',');
  has_elements_ = true;
  newline_indent(depth_);
}

void Writer::open(char bracket) {
  before_value();
  put(bracket);
  ++depth_;
  has_elements_ = false;
}

void Writer::close(char bracket) {
  const bool empty = !has_elements_;
  --depth_;
  if (!empty && indent_ >= 0) newline_indent(depth_);
  put(bracket);
  has_elements_ = depth_ > 0;  // the container closed is an element of its parent
  if (depth_ == 0) flush();
}

void Writer::key_pretty(std::string_view k) {
  before_value();  // a key: its comma and indentation as a value's
  after_key_ = true;
  put('"');
  put(k.data(), k.size());
  put("\": ", 3);
}

void Writer::key(std::string_view k) {
  before_value();
  after_key_ = true;
  put('"');
  escaped(k);
  if (indent_ >= 0)
    put("\": ", 3);
  else
    put("\":", 2);
}

void Writer::value_literal(Literal s) {
  before_value();
  put('"');
  put(s.data(), s.size());
  put('"');
  end_scalar();
}

void Writer::begin_string() {
  before_value();
  put('"');
}

void Writer::value(std::string_view s) {
  before_value();
  put('"');
  escaped(s);
  put('"');
  end_scalar();
}

void Writer::value(bool b) {
  before_value();
  if (b)
    put("true", 4);
  else
    put("false", 5);
  end_scalar();
}

void Writer::value(long long n) {
  before_value();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  put(buf, static_cast<std::size_t>(r.ptr - buf));
  end_scalar();
}

void Writer::value(unsigned long long n) {
  before_value();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  put(buf, static_cast<std::size_t>(r.ptr - buf));
  end_scalar();
}

void Writer::value(const std::vector<std::string>& list) {
  begin_array();
  for (const std::string& s : list) value(s);
  end_array();
}

}  // namespace rolelab::json
