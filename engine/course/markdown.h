// The lessons' small markdown subset: paragraphs (separated by a blank
// line), "- " and "1. " list items, **bold**, `code` and [text](url) links.
// Parsed into blocks of spans; the runner draws them, the CLI prints them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rolelab::course::md {

struct Span {
  enum class Kind { Text, Bold, Code, Link };
  Kind kind = Kind::Text;
  std::string text;
  std::string url;  // links
};

struct Block {
  enum class Kind { Paragraph, Bullet, Numbered };
  Kind kind = Kind::Paragraph;
  int number = 0;  // numbered items: the number written
  std::vector<Span> spans;
};

std::vector<Block> parse(std::string_view text);
// Plain text for a terminal or a screen reader: **x** -> x, `x` -> x, links as "text (url)".
std::string to_plain(const std::vector<Block>& blocks, std::size_t width = 0);

}  // namespace rolelab::course::md
