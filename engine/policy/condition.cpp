#include "policy/condition.h"

#include <cmath>
#include <cstdlib>

#include "policy/variables.h"
#include "policy/wildcard.h"

namespace rolelab {

void parse_operator(std::string_view op, ConditionOperator& o) {
  o.kind = OpKind::Unknown;
  o.qualifier = SetQualifier::None;
  o.if_exists = false;
  o.negated = false;
  o.known = false;
  if (op.size() > 12 && iequals(op.substr(0, 12), "ForAnyValue:")) {
    o.qualifier = SetQualifier::ForAnyValue;
    op.remove_prefix(12);
  } else if (op.size() > 13 && iequals(op.substr(0, 13), "ForAllValues:")) {
    o.qualifier = SetQualifier::ForAllValues;
    op.remove_prefix(13);
  }
  if (op.size() > 8 && op.substr(op.size() - 8) == "IfExists") {
    o.if_exists = true;
    op.remove_suffix(8);
  }
  struct Known {
    std::string_view name;  // (a char pointer was a strlen per name per operator parsed)
    OpKind kind;
    bool negated;
  };
  static constexpr Known known[] = {
      {"StringEquals", OpKind::StringEquals, false},
      {"StringNotEquals", OpKind::StringEquals, true},
      {"StringEqualsIgnoreCase", OpKind::StringEqualsIgnoreCase, false},
      {"StringNotEqualsIgnoreCase", OpKind::StringEqualsIgnoreCase, true},
      {"StringLike", OpKind::StringLike, false},
      {"StringNotLike", OpKind::StringLike, true},
      {"NumericEquals", OpKind::NumericEquals, false},
      {"NumericNotEquals", OpKind::NumericEquals, true},
      {"NumericLessThan", OpKind::NumericLessThan, false},
      {"NumericLessThanEquals", OpKind::NumericLessThanEquals, false},
      {"NumericGreaterThan", OpKind::NumericGreaterThan, false},
      {"NumericGreaterThanEquals", OpKind::NumericGreaterThanEquals, false},
      {"DateEquals", OpKind::DateEquals, false},
      {"DateNotEquals", OpKind::DateEquals, true},
      {"DateLessThan", OpKind::DateLessThan, false},
      {"DateLessThanEquals", OpKind::DateLessThanEquals, false},
      {"DateGreaterThan", OpKind::DateGreaterThan, false},
      {"DateGreaterThanEquals", OpKind::DateGreaterThanEquals, false},
      {"Bool", OpKind::Bool, false},
      {"BinaryEquals", OpKind::BinaryEquals, false},
      {"IpAddress", OpKind::IpAddress, false},
      {"NotIpAddress", OpKind::IpAddress, true},
      {"ArnEquals", OpKind::ArnLike, false},
      {"ArnLike", OpKind::ArnLike, false},
      {"ArnNotEquals", OpKind::ArnLike, true},
      {"ArnNotLike", OpKind::ArnLike, true},
      {"Null", OpKind::Null, false},
  };
  o.base.assign(op.data(), op.size());  // in the storage it has (a batch parses an operator per clause per line)
  for (const Known& k : known) {
    if (op == k.name) {
      o.known = true;
      o.kind = k.kind;
      o.negated = k.negated;
      break;
    }
  }
  if (o.kind == OpKind::Null) o.if_exists = false;
}

ConditionOperator parse_operator(std::string_view op) {
  ConditionOperator o;
  parse_operator(op, o);
  return o;
}

// ---- value parsers -------------------------------------------------------

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t k = 0; k < n; ++k) {
    char c = s[pos + k];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

std::optional<double> parse_number(std::string_view s) {
  if (s.empty() || s.size() > 64) return std::nullopt;
  std::string buf(s);
  char* end = nullptr;
  double v = std::strtod(buf.c_str(), &end);
  if (end != buf.c_str() + buf.size() || std::isnan(v)) return std::nullopt;
  return v;
}

}  // namespace

std::optional<long long> parse_date(std::string_view s) {
  if (s.empty() || s.size() > 40) return std::nullopt;
  bool all_digits = true;
  for (char c : s) all_digits = all_digits && ((c >= '0' && c <= '9') || c == '.' || c == '-');
  if (all_digits && s.find('-', 1) == std::string_view::npos) {  // epoch seconds
    auto v = parse_number(s);
    if (!v || std::fabs(*v) > 1e13) return std::nullopt;
    return static_cast<long long>(std::llround(*v * 1000));
  }
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' || !digits(s, 8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  std::size_t i = 10;
  long long ms = 0;
  int offset_min = 0;
  if (i < s.size()) {
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
    ++i;
    if (!digits(s, i, 2, h) || i + 2 >= s.size() || s[i + 2] != ':' || !digits(s, i + 3, 2, mi)) return std::nullopt;
    i += 5;
    if (i < s.size() && s[i] == ':') {
      if (!digits(s, i + 1, 2, sec)) return std::nullopt;
      i += 3;
      if (i < s.size() && s[i] == '.') {
        ++i;
        int scale = 100, n = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          ms += (s[i] - '0') * scale;
          scale /= 10;
          ++i, ++n;
        }
        if (n == 0) return std::nullopt;
      }
    }
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    if (i < s.size()) {
      if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) {
        ++i;
      } else if (s[i] == '+' || s[i] == '-') {
        int oh, om;
        if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size()) return std::nullopt;
        std::size_t j = i + 3;
        if (s[j] == ':') ++j;
        if (!digits(s, j, 2, om) || j + 2 != s.size()) return std::nullopt;
        offset_min = (s[i] == '+' ? 1 : -1) * (oh * 60 + om);
        i = s.size();
      } else {
        return std::nullopt;
      }
    }
  }
  long long days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  long long secs = days * 86400 + h * 3600 + mi * 60 + sec - offset_min * 60LL;
  return secs * 1000 + ms;
}

std::optional<IpBlock> parse_ip(std::string_view s) {
  IpBlock b;
  std::string_view addr = s;
  std::size_t slash = s.find('/');
  int prefix = -1;
  if (slash != std::string_view::npos) {
    addr = s.substr(0, slash);
    std::string_view p = s.substr(slash + 1);
    if (p.empty() || p.size() > 3) return std::nullopt;
    prefix = 0;
    for (char c : p) {
      if (c < '0' || c > '9') return std::nullopt;
      prefix = prefix * 10 + (c - '0');
    }
  }
  if (addr.find(':') == std::string_view::npos) {  // IPv4, stored as ::ffff:a.b.c.d
    b.v4 = true;
    int part = 0, value = -1;
    unsigned char out[4];
    for (std::size_t k = 0; k <= addr.size(); ++k) {
      if (k == addr.size() || addr[k] == '.') {
        if (value < 0 || part > 3) return std::nullopt;
        out[part++] = static_cast<unsigned char>(value);
        value = -1;
      } else if (addr[k] >= '0' && addr[k] <= '9') {
        value = (value < 0 ? 0 : value * 10) + (addr[k] - '0');
        if (value > 255) return std::nullopt;
      } else {
        return std::nullopt;
      }
    }
    if (part != 4) return std::nullopt;
    b.bytes[10] = b.bytes[11] = 0xFF;
    for (int k = 0; k < 4; ++k) b.bytes[12 + k] = out[k];
    if (prefix > 32) return std::nullopt;
    b.prefix = prefix < 0 ? 128 : 96 + prefix;
    return b;
  }
  // IPv6 with at most one "::".
  unsigned short groups[8] = {};
  int n = 0, gap = -1;
  std::size_t k = 0;
  if (addr.substr(0, 2) == "::") {
    gap = 0;
    k = 2;
  }
  while (k < addr.size()) {
    unsigned v = 0;
    int len = 0;
    while (k < addr.size() && addr[k] != ':') {
      char c = addr[k];
      int h = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (h < 0 || ++len > 4) return std::nullopt;
      v = v * 16 + static_cast<unsigned>(h);
      ++k;
    }
    if (len == 0 || n >= 8) return std::nullopt;
    groups[n++] = static_cast<unsigned short>(v);
    if (k < addr.size()) {
      ++k;  // ':'
      if (k < addr.size() && addr[k] == ':') {
        if (gap >= 0) return std::nullopt;
        gap = n;
        ++k;
      } else if (k == addr.size()) {
        return std::nullopt;
      }
    }
  }
  if (gap < 0 && n != 8) return std::nullopt;
  if (gap >= 0 && n > 7) return std::nullopt;
  unsigned short full[8] = {};
  if (gap < 0) {
    for (int g = 0; g < 8; ++g) full[g] = groups[g];
  } else {
    for (int g = 0; g < gap; ++g) full[g] = groups[g];
    int tail = n - gap;
    for (int g = 0; g < tail; ++g) full[8 - tail + g] = groups[gap + g];
  }
  for (int g = 0; g < 8; ++g) {
    b.bytes[2 * g] = static_cast<unsigned char>(full[g] >> 8);
    b.bytes[2 * g + 1] = static_cast<unsigned char>(full[g] & 0xFF);
  }
  if (prefix > 128) return std::nullopt;
  b.prefix = prefix < 0 ? 128 : prefix;
  return b;
}

bool ip_in_block(const IpBlock& a, const IpBlock& block) {
  int bits = block.prefix;
  for (int k = 0; k < 16 && bits > 0; ++k, bits -= 8) {
    unsigned char mask = bits >= 8 ? 0xFF : static_cast<unsigned char>(0xFF << (8 - bits));
    if ((a.bytes[k] & mask) != (block.bytes[k] & mask)) return false;
  }
  return true;
}

bool arn_like_by_parts(std::string_view pattern, std::string_view value) {
  auto split = [](std::string_view s, std::string_view(&parts)[6]) {
    std::size_t start = 0;
    for (int k = 0; k < 5; ++k) {
      std::size_t colon = s.find(':', start);
      if (colon == std::string_view::npos) return false;
      parts[k] = s.substr(start, colon - start);
      start = colon + 1;
    }
    parts[5] = s.substr(start);
    return true;
  };
  std::string_view p[6], v[6];
  if (!split(value, v)) return false;
  if (!split(pattern, p)) return wildcard_match(pattern, value, false);
  for (int k = 0; k < 6; ++k) {
    if (!wildcard_match(p[k], v[k], false)) return false;
  }
  return true;
}

bool arn_like(std::string_view pattern, std::string_view value) {
  // Before the pattern's first wildcard, its characters (colons included)
  // must be the value's own: most patterns that do not match fail here,
  // before any splitting (issue 12: a batch line matched dozens of resource
  // ARNs part by part).
  for (std::size_t k = 0; k < pattern.size(); ++k) {
    const char c = pattern[k];
    if (c == '*' || c == '?' || c == kLiteralMark) break;
    if (k >= value.size() || c != value[k]) return false;
  }
  return arn_like_by_parts(pattern, value);
}

// ---- evaluation ------------------------------------------------------------

namespace {

// One request value against one policy value, for the positive form of the operator.
bool match_one(OpKind kind, const std::string& rv, const std::string& pv) {
  switch (kind) {
    case OpKind::StringEquals:
      return rv == pv;
    case OpKind::StringEqualsIgnoreCase:
      return iequals(rv, pv);
    case OpKind::StringLike:
      return wildcard_match(pv, rv, false);
    case OpKind::NumericEquals:
    case OpKind::NumericLessThan:
    case OpKind::NumericLessThanEquals:
    case OpKind::NumericGreaterThan:
    case OpKind::NumericGreaterThanEquals: {
      auto r = parse_number(rv), p = parse_number(pv);
      if (!r || !p) return false;
      switch (kind) {
        case OpKind::NumericEquals:
          return *r == *p;
        case OpKind::NumericLessThan:
          return *r < *p;
        case OpKind::NumericLessThanEquals:
          return *r <= *p;
        case OpKind::NumericGreaterThan:
          return *r > *p;
        default:
          return *r >= *p;
      }
    }
    case OpKind::DateEquals:
    case OpKind::DateLessThan:
    case OpKind::DateLessThanEquals:
    case OpKind::DateGreaterThan:
    case OpKind::DateGreaterThanEquals: {
      auto r = parse_date(rv), p = parse_date(pv);
      if (!r || !p) return false;
      switch (kind) {
        case OpKind::DateEquals:
          return *r == *p;
        case OpKind::DateLessThan:
          return *r < *p;
        case OpKind::DateLessThanEquals:
          return *r <= *p;
        case OpKind::DateGreaterThan:
          return *r > *p;
        default:
          return *r >= *p;
      }
    }
    case OpKind::Bool:
      return iequals(rv, pv);
    case OpKind::BinaryEquals:
      return rv == pv;
    case OpKind::IpAddress: {
      auto a = parse_ip(rv), b = parse_ip(pv);
      return a && b && a->v4 == b->v4 && ip_in_block(*a, *b);
    }
    case OpKind::ArnLike:
      return arn_like(pv, rv);
    case OpKind::Null:
    case OpKind::Unknown:
      return false;
  }
  return false;
}

bool variables_allowed(OpKind kind) {
  return kind == OpKind::StringEquals || kind == OpKind::StringEqualsIgnoreCase || kind == OpKind::StringLike ||
         kind == OpKind::ArnLike;
}

}  // namespace

bool evaluate_condition(const ConditionClause& clause, const Context& ctx, bool variables, ConditionTrace* trace) {
  const ConditionOperator& op = clause.parsed_op;
  const ContextEntry* entry = ctx.find(clause.key);
  if (trace) {
    // Every field is set: the trace may be reused from an earlier
    // simulation. Only facts are recorded; the sentence is written when the
    // trace is shown (eval/trace_words.cpp).
    trace->op = clause.op;
    trace->key = clause.key;
    trace->base = op.base;
    trace->key_present = entry != nullptr;
    trace->request_values = entry ? &entry->values : nullptr;
    trace->policy_values = &clause.values;
    trace->substituted.clear();
    trace->uses_substituted = false;
    trace->result = false;
    trace->negated = op.negated;
    trace->any = trace->key_absent = trace->want_absent = false;
  }
  auto done = [&](bool result, ConditionWhy why) {
    if (trace) {
      trace->result = result;
      trace->why = why;
    }
    return result;
  };
  if (!op.known) return done(false, ConditionWhy::UnknownOperator);

  if (op.kind == OpKind::Null) {
    // "Null": "true" means the key must be absent; "false" means present.
    bool want_absent = false;
    for (const Located& v : clause.values) want_absent = want_absent || iequals(v.value, "true");
    bool absent = entry == nullptr || (entry->multi && entry->values.empty());
    if (trace) trace->key_absent = absent, trace->want_absent = want_absent;
    return done(want_absent == absent, ConditionWhy::Null);
  }

  if (entry == nullptr) {
    if (op.if_exists) return done(true, ConditionWhy::MissingIfExists);
    if (op.qualifier == SetQualifier::ForAllValues) return done(true, ConditionWhy::MissingForAll);
    if (op.qualifier == SetQualifier::ForAnyValue) return done(false, ConditionWhy::MissingForAny);
    if (op.negated) return done(true, ConditionWhy::MissingNegated);
    return done(false, ConditionWhy::Missing);
  }

  // Policy values, with variables substituted where the operator allows them
  // (copied only when a variable is actually replaced).
  // Without a variable to replace (the common case) the clause's own values
  // are used as they are and nothing is allocated.
  bool substitute = false;
  if (variables && variables_allowed(op.kind)) {
    for (const Located& v : clause.values) substitute = substitute || has_variables(v.value);
  }
  std::vector<std::string> substituted;
  std::vector<const std::string*> pvals;
  if (substitute) {
    pvals.reserve(clause.values.size());
    substituted.reserve(clause.values.size());
    const bool like = op.kind == OpKind::StringLike || op.kind == OpKind::ArnLike;
    for (const Located& v : clause.values) {
      if (has_variables(v.value)) {
        auto s = substitute_variables(v.value, ctx, like);
        if (s) {
          substituted.push_back(std::move(*s));
          pvals.push_back(&substituted.back());
        }
      } else {
        pvals.push_back(&v.value);
      }
    }
    if (trace) {
      // The sentence names the values compared: kept (copied) in the trace.
      trace->uses_substituted = true;
      trace->substituted.reserve(pvals.size());
      for (const std::string* pv : pvals) trace->substituted.push_back(*pv);
    }
  }
  auto any_policy_match = [&](const std::string& rv) {
    if (!substitute) {
      for (const Located& v : clause.values) {
        if (match_one(op.kind, rv, v.value)) return true;
      }
      return false;
    }
    for (const std::string* pv : pvals) {
      if (match_one(op.kind, rv, *pv)) return true;
    }
    return false;
  };
  // For one request value: does the operator hold? Negated operators hold
  // when the value matches none of the policy values.
  auto holds = [&](const std::string& rv) { return op.negated ? !any_policy_match(rv) : any_policy_match(rv); };

  const std::vector<std::string>& rvals = entry->values;
  if (op.qualifier == SetQualifier::ForAllValues) {
    bool result = true;
    for (const std::string& rv : rvals) result = result && holds(rv);
    return done(result, ConditionWhy::ForAll);
  }
  if (op.qualifier == SetQualifier::ForAnyValue) {
    bool result = false;
    for (const std::string& rv : rvals) result = result || holds(rv);
    return done(result, ConditionWhy::ForAny);
  }
  // Without a qualifier a positive operator matches if any value matches; a
  // negated one only if no request value matches any policy value.
  bool any = false;
  for (const std::string& rv : rvals) any = any || any_policy_match(rv);
  if (trace) trace->any = any;
  return done(op.negated ? !any : any, ConditionWhy::Single);
}

}  // namespace rolelab
