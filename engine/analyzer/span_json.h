// A JSON reader for the policy checks: every value and key keeps its span
// (start and end line, column and offset) as IAM Access Analyzer reports them:
// line from 1, column from 0, offset from 0, both counted in characters (code
// points); the byte offset is kept too, for editors. Never throws; bounded
// nesting. (json/json.h keeps only a start line:column.)
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolelab::analyzer {

struct Position {
  int line = 1;    // from 1
  int column = 0;  // from 0, code points
  int offset = 0;  // from 0, code points
  int byte = 0;    // from 0, bytes (UTF-8)
};

struct Span {
  Position start, end;  // end is one past the last character
};

enum class NodeType { Null, Bool, Number, String, Array, Object };

struct Node;
struct NodeMember;

struct Node {
  NodeType type = NodeType::Null;
  Span span;
  bool boolean = false;
  std::string text;  // a string's decoded contents, or a number's literal
  std::vector<Node> items;
  std::vector<NodeMember> members;

  bool is_string() const { return type == NodeType::String; }
  bool is_array() const { return type == NodeType::Array; }
  bool is_object() const { return type == NodeType::Object; }
  // The last member with this key (exact case), or null.
  const Node* find(std::string_view key) const;
  const NodeMember* find_member(std::string_view key) const;
};

struct NodeMember {
  std::string key;
  Span key_span;
  Node value;
};

struct SpanParse {
  bool ok = false;
  Node root;
  std::string error;  // what is wrong, when !ok
  Span error_span;
};

SpanParse parse_with_spans(std::string_view text, int max_depth = 128);

}  // namespace rolelab::analyzer
