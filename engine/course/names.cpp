#include "course/names.h"

#include "policy/arn.h"

namespace rolelab::course {

namespace {

// Splits "ACCOUNT:NAME" (an account prefix) from a plain name.
void split_account(const std::string& s, std::string& account, std::string& name) {
  auto colon = s.find(':');
  if (colon != std::string::npos && is_account_id(std::string_view(s).substr(0, colon))) {
    account = s.substr(0, colon);
    name = s.substr(colon + 1);
  } else {
    account.clear();
    name = s;
  }
}

template <typename T, typename Map>
const T* find_named(const World& w, const std::string& ref, Map Account::*member, const char* what, std::string* error) {
  if (ref.rfind("arn:", 0) == 0) {
    for (const auto& [id, a] : w.accounts) {
      for (const auto& [name, x] : a.*member) {
        if (x.arn == ref) return &x;
        // The path is not part of how a learner names it: arn:aws:iam::A:role/NAME finds /ops/NAME.
        Principal p = parse_principal(ref);
        if (p.account == id && p.name == name) return &x;
      }
    }
    if (error) *error = std::string("the world has no ") + what + " " + ref;
    return nullptr;
  }
  std::string account, name;
  split_account(ref, account, name);
  const T* found = nullptr;
  for (const auto& [id, a] : w.accounts) {
    if (!account.empty() && id != account) continue;
    auto it = (a.*member).find(name);
    if (it == (a.*member).end()) continue;
    if (found) {
      if (error) *error = std::string("two accounts have a ") + what + " named " + name + ": write ACCOUNT:" + name;
      return nullptr;
    }
    found = &it->second;
  }
  if (!found && error) *error = std::string("the world has no ") + what + " named '" + ref + "'";
  return found;
}

}  // namespace

const Role* find_role(const World& w, const std::string& name, std::string* error) {
  return find_named<Role>(w, name, &Account::roles, "role", error);
}

const User* find_user(const World& w, const std::string& name, std::string* error) {
  return find_named<User>(w, name, &Account::users, "user", error);
}

bool resolve_principal(const World& w, const std::string& ref, PrincipalRef& out, std::string& error) {
  out = PrincipalRef{};
  if (ref.rfind("arn:", 0) == 0) {
    Principal p = parse_principal(ref);
    if (p.kind == PrincipalKind::User) {
      out.kind = PrincipalRef::Kind::User;
      out.user = find_user(w, ref, &error);
      out.name = p.name;
      return out.user != nullptr;
    }
    if (p.kind == PrincipalKind::Role) {
      out.kind = PrincipalRef::Kind::Role;
      out.role = find_role(w, ref, &error);
      out.name = p.name;
      return out.role != nullptr;
    }
    error = "'" + ref + "' is not a user or role ARN; name a principal as user/NAME, role/NAME, session/NAME, instance/ID, "
            "function/NAME or service/HOST";
    return false;
  }
  auto slash = ref.find('/');
  if (slash == std::string::npos || slash + 1 >= ref.size()) {
    error = "'" + ref + "' names no principal; write user/NAME, role/NAME, session/NAME, instance/ID, function/NAME or "
            "service/HOST";
    return false;
  }
  std::string kind = ref.substr(0, slash), name = ref.substr(slash + 1);
  out.name = name;
  if (kind == "user") {
    out.kind = PrincipalRef::Kind::User;
    out.user = find_user(w, name, &error);
    return out.user != nullptr;
  }
  if (kind == "role") {
    out.kind = PrincipalRef::Kind::Role;
    out.role = find_role(w, name, &error);
    return out.role != nullptr;
  }
  if (kind == "session") {
    out.kind = PrincipalRef::Kind::Session;
    return true;
  }
  if (kind == "service") {
    out.kind = PrincipalRef::Kind::Service;
    if (name.find('.') == std::string::npos) {
      error = "'" + name + "' is not a service principal such as ec2.amazonaws.com";
      return false;
    }
    return true;
  }
  if (kind == "instance" || kind == "function") {
    out.kind = kind == "instance" ? PrincipalRef::Kind::Instance : PrincipalRef::Kind::Function;
    for (const auto& [id, a] : w.accounts) {
      if (kind == "instance" ? a.instances.count(name) != 0 : a.functions.count(name) != 0) {
        out.account = id;
        return true;
      }
    }
    error = "the world has no " + kind + " named '" + name + "'";
    return false;
  }
  error = "'" + kind + "/' is not a kind of principal; write user/, role/, session/, instance/, function/ or service/";
  return false;
}

}  // namespace rolelab::course
