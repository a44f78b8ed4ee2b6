// The positioned JSON reader: values, positions, and every kind of bad input.
#include <doctest/doctest.h>

#include <string>

#include "json/json.h"

using namespace rolelab;

TEST_CASE("json: values keep line and column") {
  auto r = json::parse("{\n  \"a\": [1, true, null],\n  \"b\": \"x\"\n}");
  REQUIRE(r.ok);
  REQUIRE(r.value.is_object());
  const json::Value* a = r.value.find("a");
  REQUIRE(a);
  CHECK(a->pos.line == 2);
  CHECK(a->pos.column == 8);
  CHECK(a->items.size() == 3);
  CHECK(a->items[1].boolean);
  CHECK(r.value.members[1].key_pos.line == 3);
  CHECK(r.value.members[1].key_pos.column == 3);
  CHECK(r.value.find("b")->text == "x");
}

TEST_CASE("json: columns count code points, not bytes") {
  auto r = json::parse("{\"é\": \"ü\", \"k\": 1}");
  REQUIRE(r.ok);
  CHECK(r.value.members[1].key_pos.column == 12);
}

TEST_CASE("json: columns after a non-ASCII string count code points to the end of its line only") {
  // The reader takes a line's byte offsets as columns until a string on it
  // holds a non-ASCII character, then counts code points; a new line starts
  // over. Each position here is one of those cases.
  auto r = json::parse("[\"a\", \"\xC3\xA9\xE2\x82\xAC\", \"\xF0\x9F\x98\x80\", 1,\n \"x\", {\"\xC3\xA9\": 2}, 3]");
  REQUIRE(r.ok);
  REQUIRE(r.value.items.size() == 7);
  CHECK(r.value.items[0].pos.column == 2);
  CHECK(r.value.items[1].pos.column == 7);   // before the first non-ASCII character: bytes and code points agree
  CHECK(r.value.items[2].pos.column == 13);  // "é€" is 5 bytes, 2 code points
  CHECK(r.value.items[3].pos.column == 18);  // the emoji is 4 bytes, 1 code point
  CHECK(r.value.items[4].pos.line == 2);
  CHECK(r.value.items[4].pos.column == 2);  // a new line: back to all ASCII
  CHECK(r.value.items[5].members[0].key_pos.column == 8);
  CHECK(r.value.items[5].members[0].value.pos.column == 13);
  CHECK(r.value.items[6].pos.column == 17);
  // An error's column on such a line, and after a byte order mark (one column).
  auto e = json::parse("[\"\xC3\xA9\xC3\xA9\" x]");
  REQUIRE_FALSE(e.ok);
  CHECK(e.error.column == 7);
  auto bom = json::parse("\xEF\xBB\xBF [1, x]");
  REQUIRE_FALSE(bom.ok);
  CHECK(bom.error.line == 1);
  CHECK(bom.error.column == 7);
}

TEST_CASE("json: escapes and surrogate pairs decode to UTF-8") {
  auto r = json::parse("\"a\\n\\u00e9\\ud83d\\ude00\"");
  REQUIRE(r.ok);
  CHECK(r.value.text == "a\n\xC3\xA9\xF0\x9F\x98\x80");
}

TEST_CASE("json: errors say where and why") {
  struct Case {
    const char* text;
    int line, column;
    const char* contains;
  } cases[] = {
      {"{\"a\": 1,}", 1, 9, "a key in double quotes"},
      {"{\"a\" 1}", 1, 6, "':' was expected"},
      {"[1, 2", 1, 6, "end of input"},
      {"{\"a\": tru}", 1, 7, "Invalid literal"},
      {"\"abc", 1, 5, "closing"},
      {"{}\n  x", 2, 3, "after the end"},
      {"01", 1, 2, "after the end"},
      {"-", 1, 2, "digit"},
      {"\"\\x\"", 1, 2, "escape"},
      {"\"\\ud800\"", 1, 8, "surrogate"},
      {"", 1, 1, "end of input"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto r = json::parse(c.text);
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.code == "InvalidJson");
    CHECK(r.error.line == c.line);
    CHECK(r.error.column == c.column);
    CHECK(r.error.message.find(c.contains) != std::string::npos);
  }
}

TEST_CASE("json: invalid UTF-8 is rejected") {
  for (const char* bad : {"\"\xFF\"", "\"\xC3\"", "\"\xED\xA0\x80\"", "\"\xC0\xAF\""}) {
    auto r = json::parse(bad);
    CHECK_FALSE(r.ok);
    CHECK(r.error.message.find("UTF-8") != std::string::npos);
  }
}

TEST_CASE("json: nesting 100,000 deep gives an error, not a stack overflow") {
  std::string deep(100000, '[');
  auto r = json::parse(deep);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.message.find("Nesting is deeper than") != std::string::npos);
}

TEST_CASE("json: input over the size limit is refused before parsing") {
  std::string big = "\"" + std::string(2000, 'a') + "\"";
  auto r = json::parse(big, json::Limits{1000, 10});
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.message.find("limit is 1000 bytes") != std::string::npos);
}

TEST_CASE("json: a 10 MB single-line input parses in linear time") {
  std::string big = "[" + std::string();
  big.reserve(10u << 20);
  while (big.size() < (10u << 20) - 16) big += "\"abcdefgh\",";
  big += "1]";
  auto r = json::parse(big, json::Limits{16u << 20, 64});
  REQUIRE(r.ok);
  CHECK(r.value.items.back().pos.column > 1000000);
}

TEST_CASE("json: duplicate keys are kept; find() returns the last") {
  auto r = json::parse("{\"a\": 1, \"a\": 2}");
  REQUIRE(r.ok);
  CHECK(r.value.members.size() == 2);
  CHECK(r.value.find("a")->text == "2");
}

TEST_CASE("json: huge numbers parse as infinity without failing") {
  auto r = json::parse("1e999999");
  REQUIRE(r.ok);
  CHECK(r.value.text == "1e999999");
}

TEST_CASE("json: pointers escape ~ and /") {
  CHECK(json::pointer_append("/a", "b/c~d") == "/a/b~1c~0d");
  CHECK(json::pointer_append("", std::size_t{3}) == "/3");
}

TEST_CASE("json: compact writer round-trips") {
  auto r = json::parse("{ \"a\" : [ 1 , \"x\\\"y\" ] }");
  REQUIRE(r.ok);
  CHECK(json::to_compact_string(r.value) == "{\"a\":[1,\"x\\\"y\"]}");
}

namespace {

// The whole tree: types, positions, keys, texts, and no leftover elements.
bool same_tree(const json::Value& a, const json::Value& b) {
  if (a.type != b.type || a.pos.line != b.pos.line || a.pos.column != b.pos.column || a.boolean != b.boolean ||
      a.text != b.text || a.items.size() != b.items.size() || a.members.size() != b.members.size())
    return false;
  if (a.is_number() && a.number != b.number) return false;
  for (std::size_t k = 0; k < a.items.size(); ++k) {
    if (!same_tree(a.items[k], b.items[k])) return false;
  }
  for (std::size_t k = 0; k < a.members.size(); ++k) {
    const json::Member &x = a.members[k], &y = b.members[k];
    if (x.key != y.key || x.key_pos.line != y.key_pos.line || x.key_pos.column != y.key_pos.column) return false;
    if (!same_tree(x.value, y.value)) return false;
  }
  return true;
}

// text read into doc, the reused tree, and into a fresh one: both read it.
json::ParseResult read_both(const char* text, json::Value& doc) {
  Diagnostic error;
  REQUIRE(json::parse_into(text, doc, error));
  json::ParseResult fresh = json::parse(text);
  REQUIRE(fresh.ok);
  return fresh;
}

}  // namespace

TEST_CASE("json: parse_into a reused tree gives what a fresh parse gives, whatever the tree held") {
  // Shapes that change at every spot: objects become arrays or scalars and
  // back, containers grow and shrink, long strings become short ones.
  const char* docs[] = {
      R"({"a": [1, {"b": "a string longer than sixteen bytes"}, [true, null]], "c": {"d": "x"}})",
      R"([{"a": "s"}, "t", {"x": {"y": [1, 2.5e3, -3]}}, [], {}])",
      "\"just a string\"",
      R"({"a": {"b": {}}, "c": [], "e": false})",
      "{\n  \"a\": [1, {\"b\": \"x\"}, [true, null, [[]]]],\n  \"k\\u00e9y\": \"\\u00e9\"\n}",
      "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]",
      "null",
      R"({"a": [1, {"b": "a string longer than sixteen bytes"}, [true, null]], "c": {"d": "x"}})",
  };
  json::Value doc;
  for (int round = 0; round < 2; ++round) {
    for (const char* text : docs) {
      CAPTURE(text);
      const json::ParseResult fresh = read_both(text, doc);
      CHECK(same_tree(doc, fresh.value));
      CHECK(json::to_compact_string(doc) == json::to_compact_string(fresh.value));
    }
  }
}

TEST_CASE("json: parse_into after the strings of the last document were moved out") {
  // A caller may move strings out of the tree it read (parse_policy of a
  // Value&&): the next document is then read into strings with no storage.
  const char* docs[] = {
      R"({"p": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket/*"}]})",
      R"({"p": [{"Effect": "Deny", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::c"], "Sid": "x"}, {}]})",
      R"({"p": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket/*"}]})",
  };
  json::Value doc;
  for (const char* text : docs) {
    CAPTURE(text);
    CHECK(same_tree(doc, read_both(text, doc).value));
    for (json::Value& statement : doc.members[0].value.items) {
      for (json::Member& m : statement.members) {
        std::string taken = std::move(m.value.text);
        for (json::Value& item : m.value.items) taken = std::move(item.text);
      }
    }
  }
}

TEST_CASE("json: parse_into reports errors as parse does, and the tree is usable after one") {
  const char* bad[] = {"{\"a\": [1, 2", "{\"a\" 1}", "[1, 2,]", "{\"a\": \"\\x\"}", "\"\xC3\x28\""};
  json::Value doc;
  for (const char* text : bad) {
    CAPTURE(text);
    Diagnostic error;
    CHECK_FALSE(json::parse_into(text, doc, error));
    json::ParseResult fresh = json::parse(text);
    REQUIRE_FALSE(fresh.ok);
    CHECK(error.code == fresh.error.code);
    CHECK(error.message == fresh.error.message);
    CHECK(error.line == fresh.error.line);
    CHECK(error.column == fresh.error.column);
    Diagnostic none;
    REQUIRE(json::parse_into(R"({"ok": [true]})", doc, none));
    CHECK(json::to_compact_string(doc) == R"({"ok":[true]})");
  }
}
