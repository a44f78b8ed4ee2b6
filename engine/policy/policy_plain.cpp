// Reading a policy document straight from its text into the model, when the
// document is plain (json/plain_cursor.h) and valid: what almost every
// policy of a `simulate --batch` line is. The tree-walking Validator (run,
// parse_statement, ...) is the definition; this is a faster way to the same
// model for the documents it accepts, and it gives up (false) on every other:
// a value of an unexpected type, an unknown or repeated element, a missing
// one, anything the Validator would report. The checks that read the model
// (check_actions, check_principal_value, statement_warnings) are the
// Validator's own, run here too: the warnings of statement_warnings are kept
// (they come in the same order, statement by statement), any other
// diagnostic makes this give up. tests/unit/test_simulate_plain.cpp compares
// both ways over every golden input and thousands of generated ones.
#include "policy/validator.h"

namespace rolelab {

namespace policy_detail {

namespace {

// A statement's elements, as bits: each may appear once.
enum : unsigned {
  kSid = 1u << 0,
  kEffect = 1u << 1,
  kAction = 1u << 2,
  kNotAction = 1u << 3,
  kResource = 1u << 4,
  kNotResource = 1u << 5,
  kPrincipal = 1u << 6,
  kNotPrincipal = 1u << 7,
  kCondition = 1u << 8,
};

unsigned statement_element(std::string_view key) {
  if (text_is(key, "Sid")) return kSid;
  if (text_is(key, "Effect")) return kEffect;
  if (text_is(key, "Action")) return kAction;
  if (text_is(key, "NotAction")) return kNotAction;
  if (text_is(key, "Resource")) return kResource;
  if (text_is(key, "NotResource")) return kNotResource;
  if (text_is(key, "Principal")) return kPrincipal;
  if (text_is(key, "NotPrincipal")) return kNotPrincipal;
  if (text_is(key, "Condition")) return kCondition;
  return 0;
}

// The value at in: a plain string of at most kMaxPolicyValueChars, with its place.
inline bool plain_value(json::PlainCursor& in, std::string_view& text, json::Pos& at) {
  if (in.peek() != '"') return false;
  at = in.pos();
  return in.string_here(text) && text.size() <= kMaxPolicyValueChars;
}

}  // namespace

bool Validator::run_plain(json::PlainCursor& in) {
  begin_policy();
  if (!plain_document(in)) return false;
  refill_end(policy_.statements, statements_);
  return true;
}

bool Validator::plain_document(json::PlainCursor& in) {
  Policy& p = policy_;
  bool empty = false, more = true;
  if (!in.open('{', '}', empty) || empty) return false;  // no Statement: an error
  bool version = false, id = false, statement = false;
  while (more) {
    std::string_view key, text;
    json::Pos at;
    if (!in.key(key, at)) return false;
    if (text_is(key, "Version")) {
      if (version || !in.string(text) || (!text_is(text, "2012-10-17") && !text_is(text, "2008-10-17"))) return false;
      json::set_text(p.version, text);
      version = true;
    } else if (text_is(key, "Id")) {
      if (id || !in.string(text)) return false;
      json::set_text(p.id, text);
      id = true;
    } else if (text_is(key, "Statement")) {
      if (statement) return false;
      statement = true;
      if (in.peek() == '{') {
        if (!plain_statement(in, 0)) return false;
      } else {
        bool none = false, next = true;
        if (!in.open('[', ']', none) || none) return false;  // an empty Statement array: the EmptyPolicy warning
        for (int k = 0; next; ++k) {
          if (!plain_statement(in, k) || !in.next(']', next)) return false;
        }
      }
    } else {
      return false;
    }
    if (!in.next('}', more)) return false;
  }
  return statement && version;  // no Version: the MissingVersion warning
}

bool Validator::plain_statement(json::PlainCursor& in, int index) {
  if (in.peek() != '{') return false;
  const json::Pos at = in.pos();
  Statement& s = begin_statement(index);
  bool empty = false, more = true;
  if (!in.open('{', '}', empty) || empty) return false;  // no Effect: an error
  clear_statement(s, at);
  unsigned seen = 0;
  while (more) {
    std::string_view key, text;
    json::Pos key_at;
    if (!in.key(key, key_at)) return false;
    const unsigned element = statement_element(key);
    if (element == 0 || (seen & element)) return false;  // unknown, or given twice (the DuplicateKey warning)
    seen |= element;
    switch (element) {
      case kSid:
        if (!in.string(text)) return false;
        json::set_text(s.sid, text);
        break;
      case kEffect:
        if (!in.string(text) || (!text_is(text, "Allow") && !text_is(text, "Deny"))) return false;
        s.effect = text_is(text, "Allow") ? Effect::Allow : Effect::Deny;
        break;
      case kAction:
      case kNotAction:
        s.not_action = element == kNotAction;
        if (!plain_list(in, s.actions)) return false;
        break;
      case kResource:
      case kNotResource:
        if (opt_.kind == PolicyKind::Trust) return false;  // prohibited in a trust policy
        s.has_resource = true;
        s.not_resource = element == kNotResource;
        if (!plain_list(in, s.resources)) return false;
        break;
      case kPrincipal:
      case kNotPrincipal: {
        const PolicyKind k = opt_.kind;
        if (k != PolicyKind::Trust && k != PolicyKind::Resource && k != PolicyKind::ResourceControl) return false;
        s.principal.present = true;
        s.principal.negated = element == kNotPrincipal;
        in.peek();
        s.principal.pos = in.pos();
        s.principal.path = json::pointer_append(spath(), key);
        if (!plain_principal(in, s.principal)) return false;
        break;
      }
      case kCondition:
        if (!plain_conditions(in, s)) return false;
        break;
    }
    if (!in.next('}', more)) return false;
  }
  // What parse_statement reports when an element is missing or doubled.
  const unsigned actions = seen & (kAction | kNotAction), resources = seen & (kResource | kNotResource);
  const unsigned principals = seen & (kPrincipal | kNotPrincipal);
  if (!(seen & kEffect) || actions == 0 || actions == (kAction | kNotAction) || resources == (kResource | kNotResource) ||
      principals == (kPrincipal | kNotPrincipal))
    return false;
  if (resources == 0) {
    if (opt_.kind != PolicyKind::Trust) return false;  // "Policy statement must contain resources."
    refill_end(s.resources, 0);
  }
  if (principals == 0 && (opt_.kind == PolicyKind::Trust || opt_.kind == PolicyKind::Resource)) return false;
  if (!(seen & kCondition)) refill_end(s.conditions, 0);
  const std::size_t diagnostics = errors_.size() + warnings_.size();
  check_actions(s, s.not_action ? "NotAction"sv : "Action"sv);
  if (errors_.size() + warnings_.size() != diagnostics) return false;
  statement_warnings(s);  // kept: the same warnings, in the same order, as parse_statement's
  ++statements_;
  return true;
}

bool Validator::plain_list(json::PlainCursor& in, std::vector<Located>& out) {
  std::string_view text;
  json::Pos at;
  if (in.peek() == '"') {
    if (!plain_value(in, text, at)) return false;
    Located& l = refill_at(out, 0);
    json::set_text(l.value, text);
    value_chars_ += text.size();
    l.pos = at;
    l.index = -1;
    refill_end(out, 1);
    return true;
  }
  bool empty = false, more = true;
  if (!in.open('[', ']', empty) || empty) return false;  // "must not be an empty array"
  std::size_t n = 0;
  while (more) {
    if (!plain_value(in, text, at)) return false;
    Located& l = refill_at(out, n);
    json::set_text(l.value, text);
    value_chars_ += text.size();
    l.pos = at;
    l.index = static_cast<int>(n++);
    if (!in.next(']', more)) return false;
  }
  refill_end(out, n);
  return true;
}

bool Validator::plain_principal(json::PlainCursor& in, PrincipalBlock& block) {
  // The entries are filled in place (block.entries is empty: clear_statement
  // gave them to the spares, which lend them back with their strings).
  if (in.peek() == '"') {
    const json::Pos at = in.pos();
    std::string_view text;
    if (!in.string_here(text) || !text_is(text, "*")) return false;  // a bare string other than "*": a rule
    PrincipalEntry& e = refill_at(block.entries, 0);
    json::set_text(e.type, "*");
    Located& l = refill_at(e.values, 0);
    json::set_text(l.value, "*");
    l.pos = at;
    l.index = -1;
    refill_end(e.values, 1);
    parse_principal("*", refill_at(e.parsed, 0));
    refill_end(e.parsed, 1);
    refill_end(block.entries, 1);
    value_chars_ += 1;
    return true;
  }
  bool empty = false, more = true;
  if (!in.open('{', '}', empty) || empty) return false;
  const std::size_t diagnostics = errors_.size() + warnings_.size();
  std::size_t n = 0;
  while (more) {
    std::string_view type;
    json::Pos at;
    if (!in.key(type, at)) return false;
    if (!text_is(type, "AWS") && !text_is(type, "Service") && !text_is(type, "Federated") && !text_is(type, "CanonicalUser")) return false;
    PrincipalEntry& e = refill_at(block.entries, n++);
    json::set_text(e.type, type);
    if (!plain_list(in, e.values)) return false;
    for (std::size_t k = 0; k < e.values.size(); ++k) {
      Principal& parsed = refill_at(e.parsed, k);
      parse_principal(e.values[k].value, parsed);
      check_principal_value(e.type, e.values[k], parsed, block.path);
    }
    refill_end(e.parsed, e.values.size());
    if (errors_.size() + warnings_.size() != diagnostics) return false;
    if (!in.next('}', more)) return false;
  }
  refill_end(block.entries, n);
  return true;
}

bool Validator::plain_conditions(json::PlainCursor& in, Statement& s) {
  bool empty = false, more = true;
  if (!in.open('{', '}', empty)) return false;
  std::size_t clauses = 0;
  while (!empty && more) {
    std::string_view op, key;
    json::Pos op_at, key_at;
    bool no_keys = false, more_keys = true;
    if (!in.key(op, op_at) || !in.open('{', '}', no_keys)) return false;
    while (!no_keys && more_keys) {
      if (!in.key(key, key_at) || key.find(':') == std::string_view::npos) return false;  // a key needs its vendor
      ConditionClause& c = refill_at(s.conditions, clauses);
      json::set_text(c.op, op);
      parse_operator(op, c.parsed_op);
      json::set_text(c.key, key);
      c.pos = key_at;
      std::size_t values = 0;
      // One value (index -1 when it stands alone): a string, number or
      // boolean, or null under the Null operator, as parse_conditions takes them.
      auto value = [&](int index) {
        const int ch = in.peek();
        const json::Pos at = in.pos();
        std::string_view text;
        const bool ok = ch == 'n' ? text_is(op, "Null") && in.word(text = "null") : in.scalar(text);
        if (!ok) return false;
        if (text.size() > kMaxPolicyValueChars) return false;
        Located& l = refill_at(c.values, values++);
        json::set_text(l.value, text);
        value_chars_ += text.size();
        l.pos = at;
        l.index = index;
        return true;
      };
      if (in.peek() == '[') {
        bool none = false, next = true;
        if (!in.open('[', ']', none)) return false;
        for (int k = 0; !none && next; ++k) {
          if (!value(k) || !in.next(']', next)) return false;
        }
      } else if (!value(-1)) {
        return false;
      }
      refill_end(c.values, values);
      ++clauses;
      if (!in.next('}', more_keys)) return false;
    }
    if (!in.next('}', more)) return false;
  }
  refill_end(s.conditions, clauses);
  return true;
}

}  // namespace policy_detail

bool parse_policy_plain(json::PlainCursor& in, const ParseOptions& opt, Policy& policy, Diagnostics& warnings,
                        std::size_t& value_chars) {
  Diagnostics errors;  // stays empty: any error makes run_plain give up
  policy_detail::Validator v(opt, policy, errors, warnings);
  if (!v.run_plain(in)) return false;
  value_chars += v.plain_value_chars();
  return true;
}

}  // namespace rolelab
