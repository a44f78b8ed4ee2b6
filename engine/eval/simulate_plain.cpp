// Reading a simulate input straight from its text into the model, when the
// input is plain (json/plain_cursor.h) and valid, as a `simulate --batch`
// line almost always is: no json::Value tree is built (issue 12). The reader
// over a tree (simulate.cpp's parse_input) is the definition; this one gives
// up on anything else, and that input is read again from the start by it:
//   - the top-level keys out of their order in simulate.h's contract
//     (request, identityPolicies, resourcePolicy, permissionsBoundary,
//     sessionPolicy, serviceControlPolicies, resourceControlPolicies), or one
//     twice: the full reader reads them in that order, and the warnings
//     follow it;
//   - a policy given as a string holding JSON, a value of an unexpected
//     type, an unknown key, a value over its length limit;
//   - anything that has a diagnostic other than a statement's warning.
#include "eval/simulate_parts.h"

#include <cstring>

#include "json/plain_cursor.h"
#include "json/refill.h"

namespace rolelab::simulate_detail {

using namespace std::string_view_literals;
using json::text_is;

namespace {

// The top-level keys, in the order the full reader reads them.
enum Key { kRequest, kIdentity, kResourcePolicy, kBoundary, kSession, kScps, kRcps, kKeys };

int key_rank(std::string_view key) {
  static constexpr std::string_view names[kKeys] = {"request",       "identityPolicies",       "resourcePolicy",
                                                    "permissionsBoundary", "sessionPolicy", "serviceControlPolicies",
                                                    "resourceControlPolicies"};
  for (int k = 0; k < kKeys; ++k) {
    if (key.size() == names[k].size() && std::memcmp(key.data(), names[k].data(), key.size()) == 0) return k;
  }
  return -1;
}

// What one line's reading fills again for the next (one per thread): the
// options of its policies, whose JSON pointer is written in place
// ("/serviceControlPolicies/0/1" is past std::string's own storage: an
// allocation and a free per policy otherwise, issue 12).
struct PlainScratch {
  ParseOptions opt;
  std::string level_path;
};

class PlainInput {
 public:
  PlainInput(std::string_view text, SimulateInput& in, PlainScratch& scratch) : in_(text), input_(in), scratch_(scratch) {}

  bool run() {
    reset_input(input_);
    bool empty = false, more = true;
    if (!in_.open('{', '}', empty) || empty) return false;
    int last = -1;
    while (more) {
      std::string_view key;
      json::Pos at;
      if (!in_.key(key, at)) return false;
      const int k = key_rank(key);
      if (k <= last) return false;  // unknown, repeated or out of order
      for (int absent = last + 1; absent < k; ++absent) {
        if (!leave_out(absent)) return false;
      }
      if (!member(k)) return false;
      last = k;
      if (!in_.next('}', more)) return false;
    }
    for (int absent = last + 1; absent < kKeys; ++absent) {
      if (!leave_out(absent)) return false;
    }
    return in_.at_end() && value_chars_ <= kMaxSimulatePatternChars;  // pattern_chars, counted while reading
  }

 private:
  json::PlainCursor in_;
  SimulateInput& input_;
  PlainScratch& scratch_;
  bool assume_ = false;  // the action is an sts:AssumeRole*: the resource policy is a trust policy
  std::size_t value_chars_ = 0;  // pattern_chars of the policies read so far

  // What the full reader does when key k is absent.
  bool leave_out(int k) {
    PolicySet& ps = input_.policies;
    switch (k) {
      case kRequest:
        return false;  // "Missing required key 'request'."
      case kIdentity:
        refill_end(ps.identity, 0);
        break;
      case kResourcePolicy:
        refill_reset(ps.resource);
        break;
      case kBoundary:
        refill_reset(ps.boundary);
        break;
      case kSession:
        refill_reset(ps.session);
        break;
      case kScps:
        refill_end(ps.scps, 0);
        break;
      case kRcps:
        refill_end(ps.rcps, 0);
        break;
    }
    return true;
  }

  bool member(int k) {
    PolicySet& ps = input_.policies;
    switch (k) {
      case kRequest:
        if (!request(input_.request) || finish_request(input_.request) != RequestProblem::None) return false;
        assume_ = is_assume_role_action(input_.request.action);
        return true;
      case kIdentity:
        return policy_list("/identityPolicies", PolicyKind::Identity, {"identity-based policy"}, ps.identity);
      case kResourcePolicy:
        return optional_policy("/resourcePolicy", assume_ ? PolicyKind::Trust : PolicyKind::Resource,
                               assume_ ? "trust policy"sv : "resource-based policy"sv, ps.resource);
      case kBoundary:
        return optional_policy("/permissionsBoundary", PolicyKind::Boundary, "permissions boundary", ps.boundary);
      case kSession:
        return optional_policy("/sessionPolicy", PolicyKind::Session, "session policy", ps.session);
      case kScps:
        return levels("/serviceControlPolicies", PolicyKind::ServiceControl, "SCP", ps.scps);
      case kRcps:
        return levels("/resourceControlPolicies", PolicyKind::ResourceControl, "RCP", ps.rcps);
    }
    return false;
  }

  // A string of the request, at most kMaxRequestValueChars long.
  bool request_string(std::string& out) {
    std::string_view text;
    if (!in_.string(text) || text.size() > kMaxRequestValueChars) return false;
    json::set_text(out, text);
    return true;
  }

  // The request object's members, in order, as parse_input reads them.
  bool request(Request& r) {
    return in_.object([&](std::string_view key, json::Pos) {
      if (text_is(key, "principal")) return request_string(r.principal);
      if (text_is(key, "action")) return request_string(r.action);
      if (text_is(key, "resource")) return request_string(r.resource);
      if (text_is(key, "resourceAccount")) return request_string(r.resource_account);
      if (text_is(key, "context")) return context(r.context);
      if (!text_is(key, "wildcardOnlyAction")) return false;
      const int c = in_.peek();
      r.wildcard_only_action = c == 't';
      return c == 't' ? in_.word("true") : c == 'f' && in_.word("false");
    });
  }

  // One value of a context key (a string, number or boolean) into out.
  bool scalar(std::string& out) {
    std::string_view text;
    if (!in_.scalar(text) || text.size() > kMaxRequestValueChars) return false;
    json::set_text(out, text);
    return true;
  }

  bool context(Context& ctx) {
    return in_.object([&](std::string_view key, json::Pos) {
      // A key given twice keeps its first spelling and takes the last values, as in the full reader.
      ContextEntry& e = ctx.entry(key);
      if (in_.peek() == '[') {
        bool none = false, next = true;
        std::size_t n = 0;
        if (!in_.open('[', ']', none)) return false;
        while (!none && next) {
          if (!scalar(refill_at(e.values, n++)) || !in_.next(']', next)) return false;
        }
        refill_end(e.values, n);
        e.multi = true;
        return true;
      }
      if (!scalar(refill_at(e.values, 0))) return false;
      refill_end(e.values, 1);
      e.multi = false;
      return true;
    });
  }

  struct Label {
    std::string_view text;
    int level = -1, number = 0;
  };

  // A policy document (an object; a string holding JSON is left to the full
  // reader) at the JSON pointer scratch_.opt.path_prefix holds.
  bool policy(PolicyKind kind, Label label, Policy& out) {
    if (in_.peek() != '{') return false;
    ParseOptions& opt = scratch_.opt;
    opt.kind = kind;
    opt.strict = false;  // as the full reader: AWS's storage rules would be warnings (and make this give up)
    if (!parse_policy_plain(in_, opt, out, input_.warnings, value_chars_)) return false;
    out.name.clear();
    out.label = label.text;
    out.label_level = label.level;
    out.label_number = label.number;
    return true;
  }

  bool optional_policy(const char* path, PolicyKind kind, std::string_view label, std::optional<Policy>& slot) {
    if (in_.peek() == 'n') {
      if (!in_.word("null")) return false;
      refill_reset(slot);
      return true;
    }
    scratch_.opt.path_prefix.assign(path);
    return policy(kind, {label}, refill_emplace(slot));
  }

  bool policy_list(std::string_view path, PolicyKind kind, Label label, std::vector<Policy>& out) {
    bool empty = false, more = true;
    std::size_t n = 0;
    if (!in_.open('[', ']', empty)) return false;
    while (!empty && more) {
      label.number = static_cast<int>(n + 1);
      json::pointer_into(scratch_.opt.path_prefix, path, n);
      if (!policy(kind, label, refill_at(out, n))) return false;
      ++n;
      if (!in_.next(']', more)) return false;
    }
    refill_end(out, n);
    return true;
  }

  bool levels(std::string_view path, PolicyKind kind, std::string_view label, std::vector<std::vector<Policy>>& out) {
    bool empty = false, more = true;
    std::size_t n = 0;
    if (!in_.open('[', ']', empty)) return false;
    while (!empty && more) {
      json::pointer_into(scratch_.level_path, path, n);
      if (!policy_list(scratch_.level_path, kind, Label{label, static_cast<int>(n)}, refill_at(out, n))) return false;
      ++n;
      if (!in_.next(']', more)) return false;
    }
    refill_end(out, n);
    return true;
  }
};

}  // namespace

bool parse_simulate_plain(std::string_view text, SimulateParse& into) {
  if (text.size() > kMaxSimulateBytes) return false;
  thread_local PlainScratch scratch;
  if (!PlainInput(text, into.input, scratch).run()) return false;
  into.ok = true;
  into.error = Diagnostic{};
  return true;
}

}  // namespace rolelab::simulate_detail
