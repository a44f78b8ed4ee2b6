// How lessons name things in a world: roles by name (ACCOUNT:NAME when two
// accounts share it) or ARN; principals as user/NAME, role/NAME,
// session/NAME, instance/ID, function/NAME, service/HOST or an ARN. One
// resolver for the lesson validator, the checks and the attempt panel.
#pragma once

#include <string>

#include "world/world.h"

namespace rolelab::course {

// A role by name, ACCOUNT:NAME or ARN; nullptr with `error` set when unknown or ambiguous.
const Role* find_role(const World& w, const std::string& name, std::string* error = nullptr);
const User* find_user(const World& w, const std::string& name, std::string* error = nullptr);

struct PrincipalRef {
  enum class Kind { User, Role, Session, Instance, Function, Service };
  Kind kind = Kind::User;
  std::string name;     // user/role/session name, instance id, function name, service host
  std::string account;  // for instance and function: their account
  const User* user = nullptr;
  const Role* role = nullptr;
};

// Resolves a principal reference. Sessions are not looked up (they exist
// only once an attempt made them); everything else must exist in `w`.
bool resolve_principal(const World& w, const std::string& ref, PrincipalRef& out, std::string& error);

}  // namespace rolelab::course
