// IAM policy documents: the parsed model, and the parse + validate stage
// (IAM User Guide, reference_policies_grammar.html and
// reference_policies_elements.html). Parsing never throws; every error and
// warning is a Diagnostic with the JSON path and line:column of the element.
#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "policy/arn.h"
#include "policy/condition_operator.h"
#include "json/diagnostic.h"
#include "json/json.h"

namespace rolelab {

namespace json {
class PlainCursor;
}

// Where a policy is attached decides which elements it may and must have, and
// its size limit (IAM quotas page, reference_iam-quotas.html).
enum class PolicyKind {
  Identity,         // inline user/role policy or managed policy attached to an identity
  Resource,         // resource-based policy (bucket policy, ...)
  Trust,            // a role's trust policy: the resource policy of sts:AssumeRole*
  Boundary,         // permissions boundary
  Session,          // session policy passed to AssumeRole*
  ServiceControl,   // SCP
  ResourceControl,  // RCP
};

const char* policy_kind_name(PolicyKind k);

struct Located {
  std::string value;
  json::Pos pos;
  int index = -1;  // position in its array, or -1 when the element was a single string
};

// The JSON pointer of a located value, given the pointer of its element
// ("/Statement/0/Action"). Built only when a diagnostic needs it: paths are
// not stored per value, which keeps parsing cheap.
std::string located_path(const std::string& element_path, const Located& l);

enum class Effect { Allow, Deny };

struct PrincipalEntry {
  std::string type;  // "AWS", "Service", "Federated", "CanonicalUser", or "*" for "Principal": "*"
  std::vector<Located> values;
  std::vector<Principal> parsed;  // values[i] parsed once at policy parse time (evaluation is a hot path)
};

struct PrincipalBlock {
  bool present = false;
  bool negated = false;  // NotPrincipal
  std::vector<PrincipalEntry> entries;
  json::Pos pos;
  std::string path;
};

struct ConditionClause {
  std::string op;  // as written, e.g. "ForAnyValue:StringLikeIfExists"
  ConditionOperator parsed_op;
  std::string key;  // as written, e.g. "aws:PrincipalTag/team"
  std::vector<Located> values;
  json::Pos pos;  // of the key
};

struct Statement {
  std::string sid;
  Effect effect = Effect::Allow;
  PrincipalBlock principal;
  bool not_action = false;
  std::vector<Located> actions;
  bool has_resource = false;
  bool not_resource = false;
  std::vector<Located> resources;
  std::vector<ConditionClause> conditions;
  json::Pos pos;
  // Its place in the document's Statement array (0 for a single object).
  // Its JSON pointer, the policy's path + "/Statement/" + index, is put
  // together only when written: statement_path() (a string per statement
  // was an allocation per statement of every batch line, issue 12).
  int index = 0;
};

struct Policy {
  std::string name;  // for explanations: "trust policy of role Auditor"
  // Or, for a policy of a simulate input, a label and its place, put
  // together only when written: "identity-based policy 2", "SCP at level 0 1"
  // (building that string for every policy of every batch line cost two or
  // three allocations each, issue 12). label has static storage; when it is
  // set, name is empty. Use policy_name_parts() / policy_name().
  std::string_view label;
  int label_level = -1;  // " at level N" after the label when >= 0
  int label_number = 0;  // " N" after that when > 0
  PolicyKind kind = PolicyKind::Identity;
  std::string version;  // "2012-10-17", "2008-10-17" or "" when absent
  std::string id;
  std::string path;  // JSON pointer of the document inside a larger input ("" when it is the input)
  std::vector<Statement> statements;

  // Policy variables like ${aws:username} are only replaced in 2012-10-17.
  bool variables_enabled() const { return version == "2012-10-17"; }
};

// The policy's name as explanations show it, in pieces: add(std::string_view)
// is called for each (the numbers' text lives only during the call).
template <typename Add>
void policy_name_parts(const Policy& p, Add&& add) {
  if (p.label.empty()) {
    add(std::string_view(p.name));
    return;
  }
  add(p.label);
  char buf[16];
  auto number = [&](int n) {
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    add(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
  };
  if (p.label_level >= 0) {
    add(std::string_view(" at level "));
    number(p.label_level);
  }
  if (p.label_number > 0) {
    add(std::string_view(" "));
    number(p.label_number);
  }
}
// The same as one string; empty when the policy has no name.
std::string policy_name(const Policy& p);

// A statement's JSON pointer ("/identityPolicies/0/Statement/2"), in pieces
// as policy_name_parts gives them.
template <typename Add>
void statement_path_parts(const Policy& p, const Statement& s, Add&& add) {
  add(std::string_view(p.path));
  add(std::string_view("/Statement/"));
  char buf[16];
  auto r = std::to_chars(buf, buf + sizeof buf, s.index);
  add(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
}
std::string statement_path(const Policy& p, const Statement& s);

struct ParsedPolicy {
  bool ok = false;
  Policy policy;
  Diagnostics errors;    // MalformedPolicyDocument / LimitExceeded / InvalidJson
  Diagnostics warnings;  // legal but risky (Access Analyzer style)
};

struct ParseOptions {
  PolicyKind kind = PolicyKind::Identity;
  std::string name;
  std::string path_prefix;        // JSON pointer of the document inside a larger input
  std::optional<int> size_limit;  // characters, whitespace not counted; default by kind
  bool check_limits = true;
  // Strict: reject what AWS rejects when it stores a policy (the editor,
  // lessons, STS). Not strict (simulate): evaluate documents as given and
  // report those rules as warnings.
  bool strict = true;
  std::string owner_account;  // the account the policy belongs to, when known (for warnings)
};

// The longest value of an Action, Resource, Principal or Condition entry,
// in every mode (docs/limits.md): worst-case wildcard matching of one such
// pattern against one request value of at most kMaxRequestValueChars stays
// within a frame.
inline constexpr std::size_t kMaxPolicyValueChars = 4096;
inline constexpr std::size_t kMaxRequestValueChars = 4096;

// Default size limit for a kind (characters, whitespace not counted).
int default_size_limit(PolicyKind k);

// Counts characters the way IAM's quotas do: whitespace is not counted.
int policy_size(std::string_view text);

ParsedPolicy parse_policy(std::string_view text, const ParseOptions& opt);
ParsedPolicy parse_policy(const json::Value& doc, const ParseOptions& opt);
// The same for a document the caller reads nothing from afterwards: its
// value strings are moved into the policy instead of copied (doc is left
// with empty strings where they were; positions and keys stay).
ParsedPolicy parse_policy(json::Value&& doc, const ParseOptions& opt);
// The same into policy, in place: a policy that held an earlier document
// keeps the storage of its statements, values and strings, which are filled
// again (json/refill.h; a `simulate --batch` line builds the same kind of
// model as the line before). Every field is set. Errors and warnings are
// appended; true when there was no error (policy then holds the document).
bool parse_policy_into(const json::Value& doc, const ParseOptions& opt, Policy& policy, Diagnostics& errors,
                       Diagnostics& warnings);
// The same straight from the text of a plain document (an object) at in,
// without a tree (json/plain_cursor.h; issue 12): true with policy filled and
// its statements' warnings appended, the same as parse_policy_into gives,
// and the characters of its Action, Resource, Principal and Condition values
// added to value_chars; or false when the document is not plain or has any
// other diagnostic, policy and the warnings appended then to be read again
// from a tree.
bool parse_policy_plain(json::PlainCursor& in, const ParseOptions& opt, Policy& policy, Diagnostics& warnings,
                        std::size_t& value_chars);

}  // namespace rolelab
