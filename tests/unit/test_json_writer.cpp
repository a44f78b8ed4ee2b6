// json::Writer must write what nlohmann::json::dump(indent, ' ', false,
// error_handler_t::replace) wrote before it (issue 12: the simulate output
// stays byte for byte the same). These compare the two on the same values.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "json/json.h"
#include "json/json_writer.h"
#include "json/plain_run.h"

using namespace rolelab;

namespace {

std::string nlohmann_string(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string writer_string(const std::string& s) {
  std::string out;
  json::append_string(out, s);
  return out;
}

}  // namespace

TEST_CASE("json writer: every byte and every pair of bytes is escaped or replaced as nlohmann::json::dump does") {
  for (int a = 0; a < 256; ++a) {
    const std::string one(1, static_cast<char>(a));
    REQUIRE_MESSAGE(writer_string(one) == nlohmann_string(one), "byte " << a);
    for (int b = 0; b < 256; ++b) {
      const std::string two = one + static_cast<char>(b) + "x";
      REQUIRE_MESSAGE(writer_string(two) == nlohmann_string(two), "bytes " << a << " " << b);
    }
  }
}

TEST_CASE("json writer: ill-formed UTF-8 sequences give one U+FFFD per maximal subpart, as nlohmann does") {
  const char* cases[] = {
      "\xE6\x97",               // a truncated 3-byte sequence at the end
      "\xE6\x97k",              // ... followed by ASCII
      "\xF0\x9F\x98",           // a truncated 4-byte sequence
      "\xF0\x9F\x98\x80",       // a whole one (U+1F600)
      "\xC0\xAF",               // an overlong '/'
      "\xE0\x80\xAF",           // an overlong 3-byte form
      "\xED\xA0\x80",           // a UTF-16 surrogate
      "\xF4\x90\x80\x80",       // above U+10FFFF
      "\xF5\x80\x80\x80",       // never a lead byte
      "\xE2\x82\xAC\xE2\x82",   // a euro sign then a cut one
      "a\x80\x80\x80z",         // continuation bytes alone
      "\xEF\xBF\xBD",           // U+FFFD itself
      "caf\xC3\xA9 \xE4\xB8\xAD \x7F \x01 \x1F \"\\/",
  };
  for (const char* c : cases) CHECK_MESSAGE(writer_string(c) == nlohmann_string(c), "case " << c);
  // A deterministic stream of mostly high bytes: long runs mixing all of the above.
  unsigned state = 12345;
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    for (int k = 0; k < 24; ++k) {
      state = state * 1103515245u + 12345u;
      const unsigned r = (state >> 8) & 0xFF;
      s += static_cast<char>(r < 64 ? (r % 2 ? 'a' : '"') : r < 96 ? 0x80 + (r & 0x3F) : r);
    }
    REQUIRE_MESSAGE(writer_string(s) == nlohmann_string(s), "string " << n);
  }
}

TEST_CASE("json writer: objects, arrays, numbers and booleans, compact and indented, as nlohmann::json::dump") {
  // nlohmann::json sorts keys: they are written here in that order.
  nlohmann::json doc = {{"a", nlohmann::json::array()},
                        {"b", nlohmann::json::object()},
                        {"c", {{"n", -7}, {"u", 18446744073709551615ull}, {"z", 0}}},
                        {"d", {true, false, "x", nlohmann::json::array({1, 2}), nlohmann::json::object()}},
                        {"e", std::vector<std::string>{"p", "q\n"}},
                        {"f", {{"s", "t\"x"}, {"t", true}, {"v", false}, {"w", ""}}}};
  // Nesting deeper than a writer could keep a count per level in itself:
  // each level [inner, depth], then an empty object and array after it.
  nlohmann::json deep = nlohmann::json::array({0});
  for (int d = 1; d <= 40; ++d) deep = nlohmann::json::array({deep, d, nlohmann::json::object()});
  doc["g"] = deep;
  doc["h"] = nlohmann::json::array();
  auto write = [](json::Writer& w) {
    w.begin_object();
    w.key("a");
    w.begin_array();
    w.end_array();
    w.key("b");
    w.begin_object();
    w.end_object();
    w.key("c");
    w.begin_object();
    w.member("n", -7);
    w.member("u", 18446744073709551615ull);
    w.member("z", 0);
    w.end_object();
    w.key("d");
    w.begin_array();
    w.value(true);
    w.value(false);
    w.value("x");
    w.begin_array();
    w.value(1);
    w.value(2);
    w.end_array();
    w.begin_object();
    w.end_object();
    w.end_array();
    w.member("e", std::vector<std::string>{"p", "q\n"});
    w.key("f");
    w.begin_object();  // members in one step: a string, booleans, a std::string
    w.member("s", "t\"x");
    w.member("t", true);
    w.member("v", false);
    w.member("w", std::string());
    w.end_object();
    w.key("g");
    for (int d = 40; d >= 1; --d) w.begin_array();
    w.begin_array();
    w.value(0);
    w.end_array();
    for (int d = 1; d <= 40; ++d) {
      w.value(d);
      w.begin_object();
      w.end_object();
      w.end_array();
    }
    w.key("h");
    w.begin_array();
    w.end_array();
    w.end_object();
  };
  for (int indent : {-1, 0, 2, 4}) {
    std::string out = "kept|";  // the writer appends: a batch reuses one buffer
    json::Writer w(out, indent);
    write(w);
    CHECK_MESSAGE(out == "kept|" + doc.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace),
                  "indent " << indent);
  }
  std::string scalar;
  json::Writer(scalar).value(std::size_t{42});
  CHECK(scalar == "42");
}

// The explanation writes its keys as compile-time literals (key_literal, the
// key of member) and its sentences in pieces (begin_string, string_part,
// end_string): the text must be what key() and one value() write.
TEST_CASE("json writer: literal keys and values and strings written in pieces write what key() and value() do") {
  const std::string sentence = "Resource arn:aws:s3:::caf\xc3\xa9/\"q\" covers \x01 the\tkey.";
  for (int indent : {-1, 0, 2}) {
    std::string plain, literal;
    json::Writer a(plain, indent), b(literal, indent);
    a.begin_object();
    a.key("effect");
    a.value("Allow");
    a.key("why");
    a.value(sentence);
    a.key("list");
    a.begin_array();
    a.value("Deny");
    a.value(sentence);
    a.end_array();
    a.end_object();
    b.begin_object();
    b.key_literal("effect");
    b.value_literal("Allow");
    b.key_literal("why");
    b.begin_string();
    // Split at ASCII bytes only, as the explanation does.
    b.string_part("Resource arn:aws:s3:::caf\xc3\xa9");
    b.string_part("/\"q\"");
    b.string_part("");
    b.string_part(" covers \x01 the\tkey.");
    b.end_string();
    b.key_literal("list");
    b.begin_array();
    b.value_literal("Deny");
    b.begin_string();
    b.string_part(sentence);
    b.end_string();
    b.end_array();
    b.end_object();
    CHECK_MESSAGE(literal == plain, "indent " << indent);
  }
}

// The reader and the writer find plain runs eight bytes at a time
// (json/plain_run.h, issue 12). A byte that ends a run, or a multi-byte
// character, at every offset of strings 1 to 56 bytes long: the 16-byte and
// word loops, the byte tail and the boundaries between them all meet it.
TEST_CASE("json: plain runs found a word at a time agree with byte by byte") {
  const std::string specials[] = {std::string(1, '\0'), "\x1f", "\"", "\\", "\x7f", "\xc3\xa9", "\xe2\x82\xac",
                                  "\xf0\x9f\x98\x80", "\x80", "\xff", "\n"};
  for (std::size_t len = 1; len <= 56; ++len) {
    for (std::size_t at = 0; at < len; ++at) {
      for (const std::string& special : specials) {
        std::string s(len, 'a');
        s.replace(at, 1, special);
        // The plain prefix: everything before the special byte, but 0x7F is plain.
        const std::size_t want_prefix = special == "\x7f" ? s.size() : at;
        CHECK(json::plain_prefix(s.data(), s.size()) == want_prefix);
        std::size_t points = 0;
        for (unsigned char c : s) points += (c & 0xC0) != 0x80;
        CHECK(json::count_code_points(s.data(), s.size()) == points);
        CHECK(writer_string(s) == nlohmann_string(s));
        // Read back: a valid string literal gives the same text, and a key
        // after it stands at the column its code points say.
        if (special != "\x80" && special != "\xff") {
          const std::string literal = writer_string(s);
          json::ParseResult r = json::parse("{\"k\":" + literal + ",\"x\":1}");
          REQUIRE(r.ok);
          CHECK(r.value.members[0].value.text == s);
          std::size_t literal_points = 0;
          for (unsigned char c : literal) literal_points += (c & 0xC0) != 0x80;
          CHECK(r.value.members[1].key_pos.column == static_cast<int>(7 + literal_points));  // {"k": is 5 columns, then ,
        }
      }
    }
  }
}
