// The policy Validator: reads a policy document into the model (Policy,
// filled in place) and reports every error and warning as a Diagnostic.
// Internal to the policy layer: policy.cpp runs it over a JSON tree;
// policy_plain.cpp runs it straight over the text of a plain document
// (json/plain_cursor.h), sharing the checks below, which read the model
// (issue 12). Not for use outside engine/policy.
#pragma once

#include <cctype>
#include <cstring>
#include <string>
#include <string_view>

#include "json/plain_cursor.h"
#include "json/refill.h"
#include "policy/arn.h"
#include "policy/policy.h"
#include "policy/wildcard.h"

namespace rolelab::policy_detail {

using namespace std::string_view_literals;
using json::text_is;

inline constexpr const char* kSyntax = "Syntax errors in policy.";

// Characters a service prefix may not hold: all but ASCII letters, digits and '-'.
struct ServiceChars {
  unsigned char no[256] = {};
  constexpr ServiceChars() {
    for (int c = 0; c < 256; ++c)
      no[c] = !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
  }
};
inline constexpr ServiceChars kNotServiceChar{};

class Validator {
 public:
  // Fills policy in place: every field is set, and its vectors are filled
  // again with refill_at (json/refill.h), so a policy that held an earlier
  // document keeps the storage of its statements and strings (a batch).
  // consume: the document belongs to the caller, who reads nothing from it
  // afterwards (positions aside); its value strings are moved into the policy
  // instead of copied (an allocation and a free fewer per ARN, issue 12).
  Validator(const ParseOptions& opt, Policy& policy, Diagnostics& errors, Diagnostics& warnings, bool consume = false)
      : opt_(opt), policy_(policy), errors_(errors), warnings_(warnings), consume_(consume) {}

  void run(const json::Value& doc) {
    begin_policy();
    run_document(doc);
    refill_end(policy_.statements, statements_);
  }

  // The same straight from the text of a plain document (an object) at in
  // (json/plain_cursor.h), into the policy and the warnings; false, with
  // the policy and the warnings to be discarded, when the document is not
  // plain or would have any diagnostic but a statement's warnings: the
  // caller then reads it again with run() (policy_plain.cpp).
  bool run_plain(json::PlainCursor& in);
  // The characters of the values run_plain stored (Action, Resource,
  // Principal and Condition values): what simulate bounds per input
  // (kMaxSimulatePatternChars), counted as they are read.
  std::size_t plain_value_chars() const { return value_chars_; }

 private:
  void begin_policy() {
    Policy& p = policy_;
    p.kind = opt_.kind;
    p.name = opt_.name;
    p.label = {};
    p.label_level = -1;
    p.label_number = 0;
    p.path = opt_.path_prefix;
    p.version.clear();
    p.id.clear();
    statements_ = 0;
  }

  // run_plain's parts (policy_plain.cpp).
  bool plain_document(json::PlainCursor& in);
  bool plain_statement(json::PlainCursor& in, int index);
  bool plain_list(json::PlainCursor& in, std::vector<Located>& out);
  bool plain_principal(json::PlainCursor& in, PrincipalBlock& block);
  bool plain_conditions(json::PlainCursor& in, Statement& s);

  void run_document(const json::Value& doc) {
    Policy& p = policy_;
    const std::string& base = opt_.path_prefix;
    if (!doc.is_object()) {
      error(kSyntax, base, doc.pos, "A policy document is a JSON object with Version and Statement.");
      return;
    }
    const json::Value* statement = nullptr;
    // The Statement element's JSON pointer, only built for a diagnostic.
    auto statement_path = [&] { return json::pointer_append(base, "Statement"); };
    for (const json::Member& m : doc.members) {
      auto path = [&] { return json::pointer_append(base, m.key); };  // only built when needed
      if (text_is(m.key, "Version")) {
        if (!m.value.is_string() || (!text_is(m.value.text, "2012-10-17") && !text_is(m.value.text, "2008-10-17"))) {
          error(kSyntax, path(), m.value.pos, "Version must be \"2012-10-17\" (current) or \"2008-10-17\".");
        } else {
          set_text(p.version, m.value);
        }
      } else if (text_is(m.key, "Id")) {
        if (!m.value.is_string())
          error(kSyntax, path(), m.value.pos, "Id must be a string.");
        else
          set_text(p.id, m.value);
      } else if (text_is(m.key, "Statement")) {
        statement = &m.value;
      } else {
        error(kSyntax, path(), m.key_pos, "Unknown element '" + m.key + "': a policy has only Version, Id and Statement.");
      }
    }
    if (!statement) {
      error(kSyntax, base, doc.pos, "The policy has no Statement element.");
      return;
    }
    if (statement->is_object()) {
      parse_statement(*statement, 0);
    } else if (statement->is_array()) {
      if (p.statements.size() < statement->items.size()) p.statements.reserve(statement->items.size());  // no moves
      for (std::size_t k = 0; k < statement->items.size(); ++k) {
        parse_statement(statement->items[k], static_cast<int>(k));
      }
      if (statement->items.empty()) {
        warn("EmptyPolicy", "The policy has no statements, so it allows and denies nothing.", statement_path(), statement->pos,
             "Add a statement with Effect, Action and (for most policies) Resource.");
      }
    } else {
      error(kSyntax, statement_path(), statement->pos, "Statement must be an object or an array of objects.");
    }
    duplicate_keys(doc, [&]() -> const std::string& { return base; });
    if (p.version.empty() && !doc.find("Version")) {
      warn("MissingVersion", "The policy has no Version element, so policy variables such as ${aws:username} are not replaced.",
           base, doc.pos, "Add \"Version\": \"2012-10-17\".");
    }
  }

  const ParseOptions& opt_;
  Policy& policy_;
  Diagnostics& errors_;
  Diagnostics& warnings_;
  const bool consume_;
  std::size_t statements_ = 0;  // how many of policy_.statements are this document's so far
  std::size_t value_chars_ = 0;  // see plain_value_chars
  // The statement being read, and its JSON pointer (statement_path), built
  // when a diagnostic or a principal block first needs it (most never do).
  const Statement* statement_ = nullptr;
  std::string statement_path_;
  bool statement_path_built_ = false;

  const std::string& spath() {
    if (!statement_path_built_) {
      statement_path_ = statement_path(policy_, *statement_);
      statement_path_built_ = true;
    }
    return statement_path_;
  }

  // A string value's text into to: moved out of the document when it may
  // be, otherwise copied into the storage to already has.
  void set_text(std::string& to, const json::Value& v) const {
    if (consume_)
      to = std::move(const_cast<json::Value&>(v).text);  // the caller gave up the document (see consume)
    else
      to.assign(v.text);
  }

  void error(const std::string& msg, const std::string& path, json::Pos pos, std::string help = {},
             const char* code = "MalformedPolicyDocument") {
    Diagnostic d;
    d.code = code;
    d.message = msg;
    d.path = path;
    d.line = pos.line;
    d.column = pos.column;
    d.help = std::move(help);
    errors_.push_back(std::move(d));
  }

  // A rule AWS enforces when it stores a policy. Strict mode (the editor,
  // lessons, STS) rejects; simulate mode evaluates documents as given and
  // reports the rule as a warning with the same code and message.
  void rule(const std::string& msg, const std::string& path, json::Pos pos, std::string help) {
    if (opt_.strict) {
      error(msg, path, pos, std::move(help));
    } else {
      warn("MalformedPolicyDocument", msg, path, pos, help, " (AWS would reject this policy; evaluated as written.)");
    }
  }

  // Filled in place: a batch's warnings keep their storage from line to line
  // (reset_input gives them to the spares), where a Diagnostic built and
  // moved in cost an allocation per field and per literal message, on 540
  // of the bench's 1,200 lines (issue 12). help_more is appended to help.
  void warn(const char* code, std::string_view msg, std::string_view path, json::Pos pos, std::string_view help,
            std::string_view help_more = {}) {
    Diagnostic& d = refill_at(warnings_, warnings_.size());
    d.severity = Severity::Warning;
    d.code.assign(code);
    d.message.assign(msg.data(), msg.size());
    d.path.assign(path.data(), path.size());
    d.line = pos.line;
    d.column = pos.column;
    d.help.assign(help.data(), help.size());
    d.help.append(help_more.data(), help_more.size());
  }

  // A string or an array of strings.
  // path_base + "/" + key is the element's JSON pointer, built only for a diagnostic.
  // One value of an element: at most kMaxPolicyValueChars, so that matching
  // a wildcard pattern against a request value stays within a frame.
  // path() gives the value's JSON pointer; it is only called for the error,
  // as building a path string for every value was a large share of validation.
  template <class PathFn>
  bool value_length_ok(const json::Value& item, PathFn&& path, const char* element) {
    if (item.text.size() <= kMaxPolicyValueChars) return true;
    error(kSyntax, path(), item.pos,
          std::string(element) + " values are at most " + std::to_string(kMaxPolicyValueChars) + " characters; this one has " +
              std::to_string(item.text.size()) + " (ARNs are at most 2,048 characters in AWS, IAM quotas).");
    return false;
  }

  // base() gives the JSON pointer the element's key is appended to.
  template <class BaseFn>
  bool string_list(const json::Value& v, BaseFn&& base, std::string_view key, const char* element, std::vector<Located>& out) {
    auto path = [&] { return json::pointer_append(base(), key); };
    // out is filled again from its first element (see refill_at); on an
    // error it keeps what was read so far (the statement is dropped).
    if (v.is_string()) {
      if (!value_length_ok(v, path, element)) return false;
      Located& l = refill_at(out, 0);
      set_text(l.value, v);
      l.pos = v.pos;
      l.index = -1;
      refill_end(out, 1);
      return true;
    }
    if (v.is_array()) {
      if (out.size() < v.items.size()) out.reserve(v.items.size());
      if (v.items.empty()) {
        error(kSyntax, path(), v.pos, std::string(element) + " must not be an empty array.");
        return false;
      }
      for (std::size_t k = 0; k < v.items.size(); ++k) {
        const json::Value& item = v.items[k];
        if (!item.is_string()) {
          error(kSyntax, json::pointer_append(path(), k), item.pos,
                std::string(element) + " entries must be strings, not " + json::type_name(item.type) + ".");
          return false;
        }
        auto item_path = [&] { return json::pointer_append(path(), k); };
        if (!value_length_ok(item, item_path, element)) return false;
        Located& l = refill_at(out, k);
        set_text(l.value, item);
        l.pos = item.pos;
        l.index = static_cast<int>(k);
      }
      refill_end(out, v.items.size());
      return true;
    }
    error(kSyntax, path(), v.pos,
          std::string(element) + " must be a string or an array of strings, not " + json::type_name(v.type) + ".");
    return false;
  }

  // JSON allows a key twice in one object; RoleLab uses the last one (as
  // most JSON readers do) and says so, since the first is silently ignored.
  // path() gives the object's JSON pointer (built only for a warning).
  template <class PathFn>
  void duplicate_keys(const json::Value& obj, PathFn&& path) {
    for (std::size_t k = 1; k < obj.members.size(); ++k) {
      for (std::size_t j = 0; j < k; ++j) {
        if (obj.members[j].key == obj.members[k].key) {
          warn("DuplicateKey", "The element '" + obj.members[k].key + "' appears more than once; the last one is used.",
               json::pointer_append(path(), obj.members[k].key), obj.members[k].key_pos, "Remove or merge the duplicates.");
          break;
        }
      }
    }
  }

  // The statement at index of the document's Statement array, filled in
  // place (it may hold an earlier document's statement: the caller sets
  // every field, starting with clear_statement); kept only when it has no
  // error (statements_ is counted up then).
  Statement& begin_statement(int index) {
    Statement& s = refill_at(policy_.statements, statements_);
    s.index = index;
    statement_ = &s;
    statement_path_built_ = false;
    return s;
  }

  // The fields of a statement whose elements may be absent, set to what an
  // absent element means; pos is the statement object's.
  static void clear_statement(Statement& s, json::Pos pos) {
    s.sid.clear();
    s.effect = Effect::Allow;
    s.principal.present = false;
    s.principal.negated = false;
    refill_end(s.principal.entries, 0);
    s.principal.pos = {};
    s.principal.path.clear();
    s.not_action = false;
    s.has_resource = false;
    s.not_resource = false;
    s.pos = pos;
  }

  // The statement at index of the document's Statement array.
  void parse_statement(const json::Value& v, int index) {
    Statement& s = begin_statement(index);
    auto path = [this]() -> const std::string& { return spath(); };
    if (!v.is_object()) {
      error(kSyntax, spath(), v.pos,
            "Each statement must be a JSON object, not " + std::string(json::type_name(v.type)) + ".");
      return;
    }
    clear_statement(s, v.pos);
    duplicate_keys(v, path);
    const json::Value *effect = nullptr, *action = nullptr, *not_action = nullptr, *resource = nullptr, *not_resource = nullptr,
                      *principal = nullptr, *not_principal = nullptr, *condition = nullptr;
    const json::Member *action_m = nullptr, *not_action_m = nullptr, *resource_m = nullptr, *not_resource_m = nullptr,
                       *principal_m = nullptr, *not_principal_m = nullptr;
    std::size_t errors_before = errors_.size();
    for (const json::Member& m : v.members) {
      auto mpath = [&] { return json::pointer_append(spath(), m.key); };  // only built for a diagnostic
      if (text_is(m.key, "Sid")) {
        if (!m.value.is_string())
          error(kSyntax, mpath(), m.value.pos, "Sid must be a string.");
        else
          set_text(s.sid, m.value);
      } else if (text_is(m.key, "Effect")) {
        effect = &m.value;
      } else if (text_is(m.key, "Action")) {
        action = &m.value, action_m = &m;
      } else if (text_is(m.key, "NotAction")) {
        not_action = &m.value, not_action_m = &m;
      } else if (text_is(m.key, "Resource")) {
        resource = &m.value, resource_m = &m;
      } else if (text_is(m.key, "NotResource")) {
        not_resource = &m.value, not_resource_m = &m;
      } else if (text_is(m.key, "Principal")) {
        principal = &m.value, principal_m = &m;
      } else if (text_is(m.key, "NotPrincipal")) {
        not_principal = &m.value, not_principal_m = &m;
      } else if (text_is(m.key, "Condition")) {
        condition = &m.value;
      } else {
        error(kSyntax, mpath(), m.key_pos,
              "Unknown element '" + m.key +
                  "': a statement has Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource "
                  "and Condition (names are case-sensitive).");
      }
    }
    // Effect
    if (!effect) {
      error("Missing required field Effect", spath(), v.pos, "Add \"Effect\": \"Allow\" or \"Effect\": \"Deny\".");
    } else if (!effect->is_string() || (!text_is(effect->text, "Allow") && !text_is(effect->text, "Deny"))) {
      error(kSyntax, json::pointer_append(spath(), "Effect"), effect->pos, "Effect must be \"Allow\" or \"Deny\" (case-sensitive).");
    } else {
      s.effect = text_is(effect->text, "Allow") ? Effect::Allow : Effect::Deny;
    }
    // Action / NotAction
    if (action && not_action) {
      error(kSyntax, json::pointer_append(spath(), "NotAction"), not_action_m->key_pos,
            "A statement has either Action or NotAction, not both.");
    } else if (!action && !not_action) {
      error("Policy statement must contain actions.", spath(), v.pos, "Add an Action element such as \"sts:AssumeRole\".");
    } else {
      const json::Member* m = action ? action_m : not_action_m;
      s.not_action = !action;
      if (string_list(m->value, path, m->key, m->key.c_str(), s.actions)) check_actions(s, m->key);
    }
    // Resource / NotResource
    if (resource || not_resource) {
      const json::Member* m = resource ? resource_m : not_resource_m;
      if (opt_.kind == PolicyKind::Trust) {
        rule("Has prohibited field " + m->key + ".", json::pointer_append(spath(), m->key), m->key_pos,
             "A trust policy's resource is the role itself: remove " + m->key + ".");
      }
      if (resource && not_resource) {
        error(kSyntax, json::pointer_append(spath(), "NotResource"), not_resource_m->key_pos,
              "A statement has either Resource or NotResource, not both.");
      } else if (opt_.strict ? opt_.kind != PolicyKind::Trust : true) {
        s.has_resource = true;
        s.not_resource = !resource;
        string_list(m->value, path, m->key, m->key.c_str(), s.resources);
      }
    } else if (opt_.kind != PolicyKind::Trust) {
      rule("Policy statement must contain resources.", spath(), v.pos, "Add a Resource element such as \"*\" or a resource ARN.");
    }
    if (!s.has_resource) refill_end(s.resources, 0);
    // Principal / NotPrincipal
    if (principal || not_principal) {
      const json::Member* m = principal ? principal_m : not_principal_m;
      bool allowed =
          opt_.kind == PolicyKind::Trust || opt_.kind == PolicyKind::Resource || opt_.kind == PolicyKind::ResourceControl;
      if (!allowed) {
        rule("Policy document should not specify a principal.", json::pointer_append(spath(), m->key), m->key_pos,
             std::string("A ") + policy_kind_name(opt_.kind) + " applies to whoever it is attached to: remove " + m->key + ".");
      }
      if (!allowed && opt_.strict) {
        // rejected above
      } else if (principal && not_principal) {
        error(kSyntax, json::pointer_append(spath(), "NotPrincipal"), not_principal_m->key_pos,
              "A statement has either Principal or NotPrincipal, not both.");
      } else {
        s.principal.present = true;
        s.principal.negated = !principal;
        s.principal.pos = m->value.pos;
        s.principal.path = json::pointer_append(spath(), m->key);
        parse_principal_block(m->value, s.principal);
      }
    } else if (opt_.kind == PolicyKind::Trust || opt_.kind == PolicyKind::Resource) {
      rule("Missing required field Principal", spath(), v.pos,
           opt_.kind == PolicyKind::Trust ? "A trust policy says who may assume the role: add a Principal element."
                                          : "A resource-based policy must name a Principal.");
      // Evaluated as written, a statement naming nobody applies to nobody.
      s.principal.present = true;
      s.principal.pos = v.pos;
      s.principal.path = spath();
    }
    if (condition)
      parse_conditions(*condition, s);
    else
      refill_end(s.conditions, 0);
    if (errors_.size() == errors_before) {
      statement_warnings(s);
      ++statements_;
    }
  }

  void check_actions(const Statement& s, std::string_view key) {
    auto actions_path = [&] { return json::pointer_append(spath(), key); };
    for (const Located& a : s.actions) {
      if (text_is(a.value, "*")) continue;
      // The service prefix, up to the first ':', in one pass that checks its
      // characters against a table (ASCII only), through a view: the
      // locale's isalnum (a call per character), a find() before it (a
      // memchr call in wasm) and a chain of range tests were each a
      // measurable share of reading a batch line (issue 12).
      const std::string_view v = a.value;
      const std::size_t n = v.size();
      std::size_t colon = 0;
      unsigned bad = 0;
      for (; colon < n && v[colon] != ':'; ++colon) bad |= kNotServiceChar.no[static_cast<unsigned char>(v[colon])];
      const bool ok = bad == 0 && colon > 0 && colon + 1 < n;  // colon == n: there is none
      if (!ok) {
        rule("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.", located_path(actions_path(), a), a.pos,
             "Write actions as service:Action, for example sts:AssumeRole or s3:GetObject.");
        continue;
      }
      if (opt_.kind == PolicyKind::Trust && !s.not_action) {
        const std::string_view service = v.substr(0, colon);
        if (!iequals(service, "sts")) {
          rule("AssumeRolepolicy contained an invalid action", located_path(actions_path(), a), a.pos,
               "A trust policy only allows sts actions: sts:AssumeRole, sts:AssumeRoleWithWebIdentity, "
               "sts:AssumeRoleWithSAML, sts:TagSession, sts:SetSourceIdentity, sts:SetContext.");
        }
      }
    }
  }

  static bool is_web_identity_provider(std::string_view s) {
    return s == "accounts.google.com" || s == "graph.facebook.com" || s == "www.amazon.com" ||
           s == "cognito-identity.amazonaws.com";
  }

  void invalid_principal(const std::string& type, const Located& v, const std::string& entry_path, const std::string& why) {
    rule("Invalid principal in policy: \"" + type + "\":\"" + v.value + "\"", located_path(entry_path, v), v.pos, why);
  }

  void parse_principal_block(const json::Value& v, PrincipalBlock& block) {
    if (v.is_string()) {
      if (!text_is(v.text, "*")) {
        rule(kSyntax, block.path, v.pos,
             "Principal is \"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}.");
        if (opt_.strict) return;
        // Evaluated as written: a bare string names an AWS principal.
        block.entries.push_back({"AWS", {{v.text, v.pos, -1}}, {parse_principal(v.text)}});
        return;
      }
      block.entries.push_back({"*", {{"*", v.pos, -1}}, {parse_principal("*")}});
      return;
    }
    if (!v.is_object()) {
      error(kSyntax, block.path, v.pos,
            "Principal must be \"*\" or an object, not " + std::string(json::type_name(v.type)) + ".");
      return;
    }
    if (v.members.empty()) {
      error(kSyntax, block.path, v.pos, "Principal must name at least one principal.");
      return;
    }
    for (const json::Member& m : v.members) {
      auto path = [&] { return json::pointer_append(block.path, m.key); };
      if (!text_is(m.key, "AWS") && !text_is(m.key, "Service") && !text_is(m.key, "Federated") && !text_is(m.key, "CanonicalUser")) {
        error("Invalid principal in policy: \"" + m.key + "\"", path(), m.key_pos,
              "Principal types are AWS, Service, Federated and CanonicalUser (case-sensitive).");
        continue;
      }
      PrincipalEntry e;
      e.type = m.key;
      if (!string_list(m.value, [&]() -> const std::string& { return block.path; }, m.key, "Principal", e.values)) continue;
      for (const Located& val : e.values) {
        e.parsed.push_back(parse_principal(val.value));
        check_principal_value(e.type, val, e.parsed.back(), block.path);
      }
      block.entries.push_back(std::move(e));
    }
  }

  void check_principal_value(const std::string& type, const Located& val, const Principal& p, const std::string& block_path) {
    const std::string& s = val.value;
    auto invalid = [&](const std::string& why) { invalid_principal(type, val, json::pointer_append(block_path, type), why); };
    if (text_is(type, "AWS")) {
      if (s == "*") return;
      if (s.find('*') != std::string::npos || s.find('?') != std::string::npos) {
        invalid("Wildcards are not allowed inside a principal ARN; use \"*\" with a condition such as aws:PrincipalArn.");
        return;
      }
      bool ok = p.kind == PrincipalKind::Account || p.kind == PrincipalKind::User || p.kind == PrincipalKind::Role ||
                p.kind == PrincipalKind::AssumedRole || p.kind == PrincipalKind::FederatedUser;
      if (!ok) invalid(p.error.empty() ? "An AWS principal is an account id, or a user, role or session ARN." : p.error);
    } else if (text_is(type, "Service")) {
      if (s != "*" && p.kind != PrincipalKind::Service) invalid("A service principal looks like lambda.amazonaws.com.");
    } else if (text_is(type, "Federated")) {
      if (s == "*" || is_web_identity_provider(s)) return;
      if (p.kind != PrincipalKind::OidcProvider && p.kind != PrincipalKind::SamlProvider) {
        invalid(
            "A federated principal is an OIDC or SAML provider ARN, or accounts.google.com, graph.facebook.com, "
            "www.amazon.com or cognito-identity.amazonaws.com.");
      }
    } else if (text_is(type, "CanonicalUser")) {
      bool ok = s.size() == 64;
      for (char c : s) ok = ok && std::isxdigit(static_cast<unsigned char>(c));
      if (!ok && s != "*") invalid("A canonical user id is 64 hexadecimal digits.");
    }
  }

  // The Condition element of the statement at statement_path. Its JSON
  // pointer, like every path below it, is only built for a diagnostic.
  void parse_conditions(const json::Value& v, Statement& s) {
    auto path = [&] { return json::pointer_append(spath(), "Condition"); };
    std::size_t clauses = 0;  // s.conditions is filled again (refill_at), clause by clause
    parse_conditions(v, s, path, clauses);
    refill_end(s.conditions, clauses);
  }

  template <class PathFn>
  void parse_conditions(const json::Value& v, Statement& s, PathFn&& path, std::size_t& clauses) {
    if (!v.is_object()) {
      error(kSyntax, path(), v.pos, "Condition must be an object: {\"Operator\": {\"key\": \"value\"}}.");
      return;
    }
    for (const json::Member& op : v.members) {
      auto op_path = [&] { return json::pointer_append(path(), op.key); };
      if (!op.value.is_object()) {
        error(kSyntax, op_path(), op.value.pos,
              "The value of condition operator " + op.key + " must be an object of keys and values.");
        continue;
      }
      for (const json::Member& key : op.value.members) {
        ConditionClause& c = refill_at(s.conditions, clauses);  // counted below when it has no error
        c.op.assign(op.key);
        parse_operator(op.key, c.parsed_op);
        c.key.assign(key.key);
        c.pos = key.key_pos;
        std::size_t values = 0;
        auto key_path = [&] { return json::pointer_append(op_path(), key.key); };
        if (key.key.find(':') == std::string::npos) {
          error("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.", key_path(), key.key_pos,
                "Condition keys look like aws:SourceAccount or sts:ExternalId.");
          continue;
        }
        auto add = [&](const json::Value& item, int index) {
          auto item_path = [&] {
            return index < 0 ? key_path() : json::pointer_append(key_path(), static_cast<std::size_t>(index));
          };
          if ((item.is_string() || item.is_number()) && !value_length_ok(item, item_path, "Condition")) return false;
          auto next = [&]() -> Located& {
            Located& l = refill_at(c.values, values++);
            l.pos = item.pos;
            l.index = index;
            return l;
          };
          if (item.is_string() || item.is_number()) {
            set_text(next().value, item);
          } else if (item.is_bool()) {
            next().value.assign(item.boolean ? "true" : "false");
          } else if (item.is_null() && op.key == "Null"sv) {
            next().value.assign("null");
          } else {
            error(kSyntax, item_path(), item.pos,
                  "Condition values are strings, numbers or booleans, not " + std::string(json::type_name(item.type)) + ".");
            return false;
          }
          return true;
        };
        bool ok = true;
        if (key.value.is_array()) {
          for (std::size_t k = 0; k < key.value.items.size() && ok; ++k) ok = add(key.value.items[k], static_cast<int>(k));
        } else {
          ok = add(key.value, -1);
        }
        refill_end(c.values, values);
        if (ok) ++clauses;
      }
    }
  }

  bool has_condition_key(const Statement& s, std::string_view key_suffix_or_name, bool suffix) const {
    for (const ConditionClause& c : s.conditions) {
      if (suffix) {
        if (c.key.size() >= key_suffix_or_name.size() &&
            iequals(std::string_view(c.key).substr(c.key.size() - key_suffix_or_name.size()), key_suffix_or_name))
          return true;
      } else if (iequals(c.key, key_suffix_or_name)) {
        return true;
      }
    }
    return false;
  }

  void statement_warnings(const Statement& s) {
    if (s.effect == Effect::Allow && s.principal.present && s.principal.negated) {
      warn("NotPrincipalWithAllow", "NotPrincipal with \"Effect\": \"Allow\" allows every principal except the ones listed.",
           s.principal.path, s.principal.pos, "Use Principal to name who is allowed instead.");
    }
    if (s.effect == Effect::Allow && s.principal.present && !s.principal.negated) {
      for (const PrincipalEntry& e : s.principal.entries) {
        // The paths are only built when a warning is reported (most statements have none).
        auto entry_path = [&] { return text_is(e.type, "*") ? s.principal.path : json::pointer_append(s.principal.path, e.type); };
        for (std::size_t k = 0; k < e.values.size(); ++k) {
          const Located& val = e.values[k];
          auto val_path = [&] { return located_path(entry_path(), val); };
          if (text_is(val.value, "*") && (text_is(e.type, "*") || text_is(e.type, "AWS")) && s.conditions.empty()) {
            warn("PublicTrust",
                 std::string("This statement allows any principal in any AWS account") +
                     (opt_.kind == PolicyKind::Trust ? " to assume the role." : "."),
                 val_path(), val.pos, "Name the accounts or ARNs you trust, or add a condition such as aws:PrincipalOrgID.");
          }
          if (opt_.kind == PolicyKind::Trust && text_is(e.type, "AWS") && !opt_.owner_account.empty()) {
            const Principal& p = e.parsed[k];
            if (!p.account.empty() && p.account != opt_.owner_account && !has_condition_key(s, "sts:ExternalId", false)) {
              warn("MissingExternalId",
                   "The role trusts account " + p.account + ", another account, without an sts:ExternalId condition.", val_path(),
                   val.pos,
                   "If that account belongs to a third party, require an external id to prevent the confused deputy problem.");
            }
          }
          if (opt_.kind == PolicyKind::Trust && text_is(e.type, "Federated")) {
            const Principal& p = e.parsed[k];
            if (p.kind == PrincipalKind::OidcProvider) {
              bool github = p.name == "token.actions.githubusercontent.com";
              bool ok = github ? has_condition_key(s, ":sub", true) : has_condition_key(s, ":aud", true);
              if (!ok) {
                warn("MissingOidcCondition",
                     github
                         ? "This role trusts GitHub Actions OIDC without a condition on token.actions.githubusercontent.com:sub, "
                           "so any GitHub repository can assume it."
                         : "This role trusts an OIDC provider without a condition on its :aud key.",
                     val_path(), val.pos,
                     github ? "Add StringLike token.actions.githubusercontent.com:sub \"repo:ORG/REPO:*\"."
                            : "Add StringEquals <provider>:aud with your application's client id.");
              }
            }
          }
        }
      }
    }
    if (s.effect == Effect::Allow && !s.not_action && s.has_resource && !s.not_resource) {
      const Located* star_loc = nullptr;  // the last "*" resource
      for (const Located& r : s.resources) {
        if (text_is(r.value, "*")) star_loc = &r;
      }
      bool passrole = false;  // looked for only with a "*" resource (most statements have none)
      if (star_loc)
        for (const Located& a : s.actions) passrole = passrole || wildcard_match(a.value, "iam:PassRole", true);
      if (passrole) {
        warn("PassRoleWithStar",
             "iam:PassRole with \"Resource\": \"*\" lets the holder pass any role, including admin roles, to a service.",
             located_path(json::pointer_append(spath(), "Resource"), *star_loc), star_loc->pos,
             "List the role ARNs that may be passed, and add an iam:PassedToService condition.");
      }
    }
  }
};

}  // namespace rolelab::policy_detail
