// The request being authorised: who (principal), what (action), on what
// (resource, in which account) and the request context (condition keys).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "policy/arn.h"

namespace rolelab {

struct ContextEntry {
  std::string key;  // as given, e.g. "aws:PrincipalTag/team"
  std::vector<std::string> values;
  bool multi = false;  // given as an array: a multivalued key (aws:TagKeys, ...)
};

// Condition key names compare case-insensitively (reference_policies_condition-keys.html).
class Context {
 public:
  // The key's values (the key found case-insensitively, or added).
  void set(std::string_view key, std::vector<std::string> values, bool multi);
  void set(std::string_view key, std::string value) {
    // Not {std::move(value)}: an initializer list's elements are const, so
    // the value would be copied once more (every request sets several keys).
    std::vector<std::string> values;
    values.push_back(std::move(value));
    set(key, std::move(values), false);
  }
  const ContextEntry* find(std::string_view key) const;
  // The entry for key, found (case-insensitively) or added, for the caller
  // to fill in place: an added one may hold an earlier request's values
  // (see clear), so the caller sets its values and multi.
  ContextEntry& entry(std::string_view key);
  // The same, only when the key is not there yet (else nullptr): one pass.
  ContextEntry* add_absent(std::string_view key);
  // Empties the context, keeping its entries' storage in place for the next
  // request filled into it (a batch: moving the entries out to json/refill.h's
  // spares and back was a share of preparing every line, issue 12).
  void clear();
  void reserve(std::size_t n) { entries_.reserve(n); }
  bool has(std::string_view key) const { return find(key) != nullptr; }
  std::span<const ContextEntry> entries() const { return {entries_.data(), size_}; }

 private:
  ContextEntry& append(std::string_view key);  // a new entry (or a kept one): its values are the caller's to set
  std::size_t index_of(std::string_view key) const;  // found case-insensitively, or size_
  // The entries are entries_[0, size_); those after it are kept for their storage.
  std::vector<ContextEntry> entries_;
  std::size_t size_ = 0;
};

struct Request {
  std::string principal;         // ARN, account id, service principal, or "" / "*" for anonymous
  std::string action;            // "sts:AssumeRole"
  std::string resource;          // ARN
  std::string resource_account;  // 12 digits; derived from the resource ARN when empty
  Context context;
  // The action has no resource-level permissions (s3:ListAllMyBuckets, ...):
  // the resource is "*" and only statements whose Resource covers "*" apply
  // (reference_policies_actions-resources-contextkeys.html).
  bool wildcard_only_action = false;

  // Filled by prepare(): the parsed principal and the keys AWS adds to every
  // request (aws:PrincipalArn, aws:PrincipalAccount, aws:username, ...).
  Principal caller;
  bool resource_is_pattern = false;  // the resource has '*' or '?' (asks about a set of resources)
  bool prepared = false;
};

// Parses the principal and adds the request context keys AWS derives from it,
// unless the caller already gave them.
void prepare(Request& r);

// Is the action one of sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML?
bool is_assume_role_action(std::string_view action);

}  // namespace rolelab
