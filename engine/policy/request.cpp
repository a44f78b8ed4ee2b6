#include "policy/request.h"

#include "json/refill.h"
#include "policy/wildcard.h"

namespace rolelab {

void Context::set(std::string_view key, std::vector<std::string> values, bool multi) {
  ContextEntry& e = entry(key);
  e.values = std::move(values);
  e.multi = multi;
}

ContextEntry& Context::append(std::string_view key) {
  ContextEntry& e = size_ < entries_.size() ? entries_[size_] : entries_.emplace_back();
  ++size_;
  e.key.assign(key.data(), key.size());
  return e;
}

std::size_t Context::index_of(std::string_view key) const {
  std::size_t k = 0;
  while (k < size_ && !iequals(entries_[k].key, key)) ++k;
  return k;
}

ContextEntry& Context::entry(std::string_view key) {
  const std::size_t k = index_of(key);
  return k < size_ ? entries_[k] : append(key);
}

ContextEntry* Context::add_absent(std::string_view key) {
  return index_of(key) < size_ ? nullptr : &append(key);
}

void Context::clear() {
  size_ = 0;
  // One request with a huge context does not keep its memory for the batch.
  constexpr std::size_t kKeep = 64;
  if (entries_.size() > kKeep) {
    entries_.resize(kKeep);
    entries_.shrink_to_fit();
  }
}

const ContextEntry* Context::find(std::string_view key) const {
  const std::size_t k = index_of(key);
  return k < size_ ? &entries_[k] : nullptr;
}

bool is_assume_role_action(std::string_view action) {
  return iequals(action, "sts:AssumeRole") || iequals(action, "sts:AssumeRoleWithWebIdentity") ||
         iequals(action, "sts:AssumeRoleWithSAML");
}

void prepare(Request& r) {
  // The caller may already be parsed from this very principal (a simulate
  // input is checked when read): parse_principal depends on the text alone.
  const std::string_view given = r.principal.empty() ? std::string_view("*") : std::string_view(r.principal);
  if (r.caller.text != given || r.caller.kind == PrincipalKind::Invalid) parse_principal(given, r.caller);
  if (r.resource_account.empty()) {
    ArnParts arn;
    if (split_arn(r.resource, arn) && is_account_id(arn.account)) r.resource_account.assign(arn.account);
  }
  // Room for the keys added below (at most six), so the entries are not
  // moved to a larger vector one by one (a simulate batch prepares every line).
  r.context.reserve(r.context.entries().size() + 6);
  auto add = [&](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    ContextEntry* e = r.context.add_absent(key);  // filled in place: its storage may be an earlier request's
    if (!e) return;
    refill_at(e->values, 0).assign(value.data(), value.size());
    refill_end(e->values, 1);
    e->multi = false;
  };
  const Principal& p = r.caller;
  switch (p.kind) {
    case PrincipalKind::User:
      add("aws:PrincipalArn", p.text);
      add("aws:PrincipalAccount", p.account);
      add("aws:username", p.name);
      add("aws:PrincipalType", "User");
      break;
    case PrincipalKind::Role:
    case PrincipalKind::AssumedRole:
      add("aws:PrincipalArn", p.principal_arn());
      add("aws:PrincipalAccount", p.account);
      add("aws:PrincipalType", "AssumedRole");
      break;
    case PrincipalKind::FederatedUser:
      add("aws:PrincipalArn", p.text);
      add("aws:PrincipalAccount", p.account);
      add("aws:PrincipalType", "FederatedUser");
      break;
    case PrincipalKind::Account:
      add("aws:PrincipalArn", p.account_root_arn());
      add("aws:PrincipalAccount", p.account);
      add("aws:PrincipalType", "Account");
      break;
    case PrincipalKind::Service:
      add("aws:PrincipalServiceName", p.name);
      add("aws:PrincipalIsAWSService", "true");
      break;
    default:
      break;
  }
  if (p.kind != PrincipalKind::Service && p.kind != PrincipalKind::Anonymous && p.kind != PrincipalKind::Invalid) {
    add("aws:PrincipalIsAWSService", "false");
  }
  add("aws:ResourceAccount", r.resource_account);
  r.resource_is_pattern = has_wildcards(r.resource);
  r.prepared = true;
}

}  // namespace rolelab
