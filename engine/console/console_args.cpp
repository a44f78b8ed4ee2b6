#include "console/console_args.h"

#include <algorithm>

namespace rolelab {

std::optional<std::vector<std::string>> split_words(std::string_view line, std::string& error) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote == '"' && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\')) {
        cur += line[++i];
      } else {
        cur += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < line.size()) {
      cur += line[++i];
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      if (in_word) words.push_back(std::move(cur));
      cur.clear();
      in_word = false;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (quote) {
    error = std::string("unterminated ") + (quote == '"' ? "double" : "single") + " quote";
    return std::nullopt;
  }
  if (in_word) words.push_back(std::move(cur));
  return words;
}

namespace {
std::size_t distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::optional<std::string> suggest(const std::string& word, const std::vector<std::string>& candidates) {
  if (word.size() > 200) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_d = 0;
  for (const std::string& c : candidates) {
    std::size_t d = distance(word, c);
    if (!best || d < best_d) best = c, best_d = d;
  }
  if (best && best_d <= std::max<std::size_t>(2, word.size() / 3)) return best;
  return std::nullopt;
}

ParsedOptions parse_options(const std::vector<std::string>& words, std::size_t start, const OptionSpec& spec) {
  ParsedOptions out;
  auto is = [](const std::vector<std::string>& v, const std::string& w) { return std::find(v.begin(), v.end(), w) != v.end(); };
  std::vector<std::string> unknown;
  for (std::size_t i = start; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w.rfind("--", 0) == 0) {
      if (is(spec.single, w)) {
        if (i + 1 >= words.size() || words[i + 1].rfind("--", 0) == 0) {
          out.error = "aws: error: argument " + w + ": expected one argument";
          return out;
        }
        out.single[w] = words[++i];
      } else if (is(spec.multi, w)) {
        auto& list = out.multi[w];
        while (i + 1 < words.size() && words[i + 1].rfind("--", 0) != 0) list.push_back(words[++i]);
        if (list.empty()) {
          out.error = "aws: error: argument " + w + ": expected at least one argument";
          return out;
        }
      } else {
        unknown.push_back(w);
        if (i + 1 < words.size() && words[i + 1].rfind("--", 0) != 0) unknown.push_back(words[++i]);
      }
    } else if (static_cast<int>(out.positional.size()) < spec.positional) {
      out.positional.push_back(w);
    } else {
      unknown.push_back(w);
    }
  }
  if (!unknown.empty()) {
    std::string list;
    for (const std::string& u : unknown) list += (list.empty() ? "" : ", ") + u;
    out.error = "aws: error: Unknown options: " + list;
    if (unknown.front().rfind("--", 0) == 0) {
      std::vector<std::string> all = spec.single;
      all.insert(all.end(), spec.multi.begin(), spec.multi.end());
      if (auto s = suggest(unknown.front(), all)) out.error += "\n(did you mean " + *s + "?)";
    }
    return out;
  }
  std::string missing;
  for (const std::string& r : spec.required) {
    if (!out.single.count(r) && !out.multi.count(r)) missing += (missing.empty() ? "" : ", ") + r;
  }
  if (static_cast<int>(out.positional.size()) < spec.positional)
    missing += (missing.empty() ? "" : ", ") + std::string("outfile");
  if (!missing.empty()) out.error = "aws: error: the following arguments are required: " + missing;
  return out;
}

}  // namespace rolelab
