#include "analyzer/catalogue.h"

#include <algorithm>
#include <cctype>

#include "analyzer/catalogue_data.h"

namespace rolelab::analyzer {

std::string to_lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool wild_match(std::string_view p, std::string_view t) {
  std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  auto eq = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  };
  while (ti < t.size()) {
    if (pi < p.size() && (p[pi] == '?' || (p[pi] != '*' && eq(p[pi], t[ti])))) {
      ++pi, ++ti;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

bool key_matches(std::string_view pattern, std::string_view key) {
  if (pattern.find("${") == std::string_view::npos) return iequals(pattern, key);
  // ${...} matches any non-empty text: turn it into '*' (and escape nothing else:
  // catalogue keys contain no '*' or '?').
  std::string glob;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '$' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
      std::size_t close = pattern.find('}', i);
      if (close == std::string_view::npos) break;
      glob += "?*";
      i = close;
    } else {
      glob += pattern[i];
    }
  }
  return wild_match(glob, key);
}

int edit_distance(std::string_view a, std::string_view b, int cap) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > cap) return cap + 1;
  auto lc = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int best = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = lc(a[i - 1]) == lc(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && lc(a[i - 1]) == lc(b[j - 2]) && lc(a[i - 2]) == lc(b[j - 1]))
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      best = std::min(best, cur[j]);
    }
    if (best > cap) return cap + 1;
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

int ServiceInfo::find_action(std::string_view name) const {
  std::string l = to_lower(name);
  auto it = std::lower_bound(actions_lower.begin(), actions_lower.end(), l);
  if (it != actions_lower.end() && *it == l) return static_cast<int>(it - actions_lower.begin());
  return -1;
}

const Catalogue& Catalogue::get() {
  static const Catalogue c;
  return c;
}

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t from = 0;
  while (true) {
    std::size_t at = s.find(sep, from);
    out.push_back(s.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    if (at == std::string_view::npos) break;
    from = at + 1;
  }
  return out;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s)
    if (c >= '0' && c <= '9') v = v * 10 + (c - '0');
  return v;
}

}  // namespace

Catalogue::Catalogue() {
  std::string_view text(kCatalogueText, kCatalogueSize);
  ServiceInfo* svc = nullptr;
  std::size_t detail_index = 0;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t nl = text.find('\n', from);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(from, nl - from);
    from = nl + 1;
    if (line.size() < 2) continue;
    char tag = line[0];
    std::string_view rest = line.substr(2);
    std::size_t sp = rest.find(' ');
    std::string_view first = rest.substr(0, sp);
    std::string_view second = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    switch (tag) {
      case 'V':
        version_ = std::string(rest);
        break;
      case 'G':
        global_.push_back({std::string(first), std::string(second)});
        break;
      case 'S': {
        services_.emplace_back();
        svc = &services_.back();
        svc->prefix = std::string(first);
        std::string prev;
        if (!second.empty()) {
          for (std::string_view coded : split(second, ',')) {
            if (coded.empty()) continue;
            std::size_t shared = static_cast<std::size_t>(coded[0] - 48);
            std::string name = prev.substr(0, std::min(shared, prev.size()));
            name.append(coded.substr(1));
            svc->actions_lower.push_back(to_lower(name));
            svc->actions.push_back(name);
            prev = std::move(name);
          }
        }
        action_count_ += svc->actions.size();
        break;
      }
      case 'K':
        if (svc) svc->keys.push_back({std::string(first), std::string(second)});
        break;
      case 'D':
        if (svc) {
          svc->detailed = true;
          svc->details.assign(svc->actions.size(), {});
          detail_index = 0;
        }
        break;
      case 'R':
        if (svc) svc->resource_types.push_back({std::string(first), std::string(second)});
        break;
      case 'A': {
        if (!svc || !svc->detailed) break;
        int idx = svc->find_action(first);
        if (idx < 0) break;
        (void)detail_index;
        ActionDetail& d = svc->details[static_cast<std::size_t>(idx)];
        std::size_t sp2 = second.find(' ');
        std::string_view rts = second.substr(0, sp2);
        std::string_view keys = sp2 == std::string_view::npos ? std::string_view() : second.substr(sp2 + 1);
        if (rts != "-")
          for (std::string_view r : split(rts, '.'))
            if (!r.empty()) d.resource_types.push_back({to_int(r), r.back() == '*'});
        if (!keys.empty() && keys != "-")
          for (std::string_view k : split(keys, '.')) {
            if (k.empty()) continue;
            if (k[0] == 'g')
              d.global_keys.emplace_back(k.substr(1));
            else
              d.keys.push_back(to_int(k));
          }
        break;
      }
      default:
        break;
    }
  }
  // Prefixes are sorted by the generator; keep them sorted for lookups.
  std::sort(services_.begin(), services_.end(), [](const ServiceInfo& a, const ServiceInfo& b) { return a.prefix < b.prefix; });
}

const ServiceInfo* Catalogue::service(std::string_view prefix) const {
  std::string l = to_lower(prefix);
  auto it = std::lower_bound(services_.begin(), services_.end(), l,
                             [](const ServiceInfo& s, const std::string& p) { return s.prefix < p; });
  if (it != services_.end() && it->prefix == l) return &*it;
  return nullptr;
}

const KeyInfo* Catalogue::global_key(std::string_view key) const {
  for (const KeyInfo& k : global_)
    if (key_matches(k.name, key)) return &k;
  return nullptr;
}

const KeyInfo* Catalogue::service_key(std::string_view key) const {
  std::size_t colon = key.find(':');
  if (colon == std::string_view::npos) return nullptr;
  std::string_view prefix = key.substr(0, colon);
  auto scan = [&](const ServiceInfo* s) -> const KeyInfo* {
    if (!s) return nullptr;
    for (const KeyInfo& k : s->keys)
      if (key_matches(k.name, key)) return &k;
    return nullptr;
  };
  if (const KeyInfo* k = scan(service(prefix))) return k;
  // Web identity and SAML keys (accounts.google.com:aud, saml:sub, ...) are listed under sts.
  return scan(service("sts"));
}

}  // namespace rolelab::analyzer
