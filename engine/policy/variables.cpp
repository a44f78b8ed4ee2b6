#include "policy/variables.h"

namespace rolelab {

bool has_variables(std::string_view text) { return text.find("${") != std::string_view::npos; }

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}
}  // namespace

std::optional<std::string> substitute_variables(std::string_view text, const Context& ctx, bool for_pattern) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      std::size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) {  // not a variable: literal text
        out.append(text.substr(i));
        break;
      }
      std::string_view inner = text.substr(i + 2, close - i - 2);
      i = close + 1;
      if (inner == "*" || inner == "?" || inner == "$") {
        if (for_pattern && inner != "$") out += kLiteralMark;
        out += inner[0];
        continue;
      }
      std::optional<std::string> fallback;
      std::size_t comma = inner.find(',');
      std::string_view key = trim(inner.substr(0, comma));
      if (comma != std::string_view::npos) {
        std::string_view def = trim(inner.substr(comma + 1));
        if (def.size() >= 2 && def.front() == '\'' && def.back() == '\'') fallback = std::string(def.substr(1, def.size() - 2));
      }
      const ContextEntry* e = ctx.find(key);
      // Multivalued keys cannot be used as variables: they have no single value.
      if (e && !e->multi && e->values.size() == 1) {
        for (char c : e->values[0]) {
          if (for_pattern && (c == '*' || c == '?')) out += kLiteralMark;
          out += c;
        }
      } else if (fallback) {
        out += *fallback;
      } else {
        return std::nullopt;
      }
      continue;
    }
    out += text[i++];
  }
  return out;
}

}  // namespace rolelab
