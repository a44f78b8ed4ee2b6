#include "course/markdown.h"

#include <cctype>

namespace rolelab::course::md {

namespace {

void add_text(std::vector<Span>& spans, Span::Kind kind, std::string text, std::string url = {}) {
  if (text.empty()) return;
  if (kind == Span::Kind::Text && !spans.empty() && spans.back().kind == Span::Kind::Text) {
    spans.back().text += text;
    return;
  }
  spans.push_back(Span{kind, std::move(text), std::move(url)});
}

// Inline markup of one block's text. Unclosed markers stay as written.
std::vector<Span> inlines(const std::string& s) {
  std::vector<Span> spans;
  std::string plain;
  auto flush = [&] {
    add_text(spans, Span::Kind::Text, plain);
    plain.clear();
  };
  for (std::size_t k = 0; k < s.size();) {
    if (s.compare(k, 2, "**") == 0) {
      auto e = s.find("**", k + 2);
      if (e != std::string::npos && e > k + 2) {
        flush();
        add_text(spans, Span::Kind::Bold, s.substr(k + 2, e - k - 2));
        k = e + 2;
        continue;
      }
    }
    // *emphasis*: shown bold (the runner has no italic face). Only between word boundaries, so
    // that "s3:Get*" or "a * b" stay as written.
    if (s[k] == '*' && k + 1 < s.size() && s[k + 1] != ' ' && s[k + 1] != '*' &&
        (k == 0 || !std::isalnum(static_cast<unsigned char>(s[k - 1])))) {
      auto e = s.find('*', k + 1);
      bool closes = e != std::string::npos && s[e - 1] != ' ' &&
                    (e + 1 == s.size() || !std::isalnum(static_cast<unsigned char>(s[e + 1])));
      if (closes && e > k + 1) {
        flush();
        add_text(spans, Span::Kind::Bold, s.substr(k + 1, e - k - 1));
        k = e + 1;
        continue;
      }
    }
    if (s[k] == '`') {
      auto e = s.find('`', k + 1);
      if (e != std::string::npos && e > k + 1) {
        flush();
        add_text(spans, Span::Kind::Code, s.substr(k + 1, e - k - 1));
        k = e + 1;
        continue;
      }
    }
    if (s[k] == '[') {
      auto close = s.find("](", k + 1);
      auto end = close == std::string::npos ? close : s.find(')', close + 2);
      if (end != std::string::npos && s.find('\n', k) > end) {
        std::string url = s.substr(close + 2, end - close - 2);
        if (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) {
          flush();
          add_text(spans, Span::Kind::Link, s.substr(k + 1, close - k - 1), url);
          k = end + 1;
          continue;
        }
      }
    }
    plain += s[k++];
  }
  flush();
  return spans;
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

std::vector<Block> parse(std::string_view text) {
  std::vector<Block> blocks;
  std::string para;
  auto end_para = [&] {
    if (!para.empty()) blocks.push_back(Block{Block::Kind::Paragraph, 0, inlines(para)});
    para.clear();
  };
  std::string item;
  Block::Kind item_kind = Block::Kind::Bullet;
  int item_number = 0;
  auto end_item = [&] {
    if (item.empty()) return;
    // "1." written for every item (a common markdown habit) still counts up.
    int number = item_number;
    if (item_kind == Block::Kind::Numbered && !blocks.empty() && blocks.back().kind == Block::Kind::Numbered &&
        number <= blocks.back().number)
      number = blocks.back().number + 1;
    blocks.push_back(Block{item_kind, number, inlines(item)});
    item.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string line = trim(std::string(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start)));
    start = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    if (line.empty()) {
      end_item();
      end_para();
      continue;
    }
    std::size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
    if (line.size() > 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' ') {
      end_item();
      end_para();
      item_kind = Block::Kind::Bullet;
      item = line.substr(2);
    } else if (digits > 0 && digits < 4 && line.size() > digits + 1 && line[digits] == '.' && line[digits + 1] == ' ') {
      end_item();
      end_para();
      item_kind = Block::Kind::Numbered;
      item_number = std::stoi(line.substr(0, digits));
      item = line.substr(digits + 2);
    } else if (!item.empty()) {
      item += " " + line;  // a list item's continuation line
    } else {
      para += (para.empty() ? "" : " ") + line;
    }
  }
  end_item();
  end_para();
  return blocks;
}

std::string to_plain(const std::vector<Block>& blocks, std::size_t width) {
  std::string out;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const Block& blk = blocks[b];
    std::string prefix = blk.kind == Block::Kind::Bullet ? "  - " : blk.kind == Block::Kind::Numbered ? "  " + std::to_string(blk.number) + ". " : "";
    std::string text;
    for (const Span& s : blk.spans) text += s.kind == Span::Kind::Link ? s.text + " (" + s.url + ")" : s.text;
    // Wrap at word boundaries when a width is given.
    std::string line = prefix, indent(prefix.size(), ' ');
    std::string word;
    auto put = [&](const std::string& w) {
      if (width && line.size() > indent.size() && line.size() + 1 + w.size() > width) {
        out += line + "\n";
        line = indent;
      } else if (line.size() > indent.size() && line != prefix) {
        line += " ";
      } else if (line == prefix && line.size() > 0 && line.back() != ' ') {
        line += " ";
      }
      line += w;
    };
    for (char c : text) {
      if (c == ' ') {
        if (!word.empty()) put(word), word.clear();
      } else {
        word += c;
      }
    }
    if (!word.empty()) put(word);
    out += line + "\n";
    const bool next_is_item = b + 1 < blocks.size() && blocks[b + 1].kind != Block::Kind::Paragraph;
    if (!(blk.kind != Block::Kind::Paragraph && next_is_item)) out += "\n";
  }
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

}  // namespace rolelab::course::md
