// Policy targets of a lesson (role/NAME/trust, user/NAME/inline/P, managed/NAME,
// bucket/NAME, scp/ACCOUNT/LEVEL/INDEX, ...): where each lives in a world,
// and saving a new document there.
#include <cstdlib>

#include "course/lesson_run.h"
#include "course/names.h"
#include "policy/arn.h"

namespace rolelab::course {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

NamedPolicy* find_inline(std::vector<NamedPolicy>& list, const std::string& name) {
  for (NamedPolicy& p : list)
    if (p.name == name) return &p;
  return nullptr;
}

bool small_index(const std::string& s, std::size_t& out) {
  if (s.empty() || s.size() > 3 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  out = static_cast<std::size_t>(std::atoi(s.c_str()));
  return true;
}

}  // namespace

TargetRef resolve_target(World& w, const std::string& target) {
  TargetRef r;
  std::string prefix, rest = target;
  auto colon = target.find(':');
  if (colon != std::string::npos && is_account_id(std::string_view(target).substr(0, colon))) {
    prefix = target.substr(0, colon + 1);
    rest = target.substr(colon + 1);
  }
  std::vector<std::string> parts = split(rest, '/');
  const std::string& kind = parts[0];
  auto bad = [&](const std::string& why) {
    r.error = why;
    return r;
  };
  if ((kind == "role" || kind == "user") && parts.size() >= 3) {
    const bool is_role = kind == "role";
    std::string err;
    Role* role = nullptr;
    User* user = nullptr;
    if (is_role) {
      const Role* cr = find_role(w, prefix + parts[1], &err);
      role = cr ? w.find_role(cr->arn) : nullptr;
    } else {
      const User* cu = find_user(w, prefix + parts[1], &err);
      user = cu ? w.find_user(cu->arn) : nullptr;
    }
    if (!role && !user) return bad(err);
    r.account = is_role ? role->account : user->account;
    const std::string who = std::string(is_role ? "role " : "user ") + parts[1];
    std::vector<NamedPolicy>& inl = is_role ? role->policies : user->policies;
    if (parts[2] == "trust" && parts.size() == 3) {
      if (!is_role) return bad("users have no trust policy");
      r.kind = PolicyKind::Trust;
      r.title = "Trust policy of role " + role->name;
      r.policy = &role->trust;
    } else if (parts[2] == "inline" && parts.size() == 4 && !parts[3].empty()) {
      r.kind = PolicyKind::Identity;
      r.title = "Inline policy " + parts[3] + " of " + who;
      r.policy = find_inline(inl, parts[3]);
    } else if (parts[2] == "boundary" && parts.size() == 3) {
      r.kind = PolicyKind::Boundary;
      r.title = "Permissions boundary of " + who;
      std::optional<NamedPolicy>& b = is_role ? role->boundary : user->boundary;
      r.policy = b ? &*b : nullptr;
    } else {
      return bad("write " + kind + "/NAME/" + (is_role ? "trust, " : "") + kind + "/NAME/inline/POLICY or " + kind + "/NAME/boundary");
    }
    if (role && !role->service_linked.empty()) {
      r.read_only = true;
      r.read_only_reason = "UnmodifiableEntity: Cannot perform the operation on the protected role '" + role->name +
                           "' - this role is only modifiable by AWS";
    }
    r.title += " (" + r.account + ")";
    r.ok = true;
    return r;
  }
  if (kind == "managed" && parts.size() == 2) {
    for (auto& [id, a] : w.accounts) {
      if (!prefix.empty() && prefix != id + ":") continue;
      auto it = a.managed.find(parts[1]);
      if (it == a.managed.end()) continue;
      if (r.policy) return bad("two accounts have a managed policy named " + parts[1] + ": write ACCOUNT:managed/" + parts[1]);
      r.policy = &it->second.doc;
      r.account = id;
    }
    if (!r.policy) return bad("the world has no customer managed policy named '" + parts[1] + "'");
    r.kind = PolicyKind::Identity;
    r.title = "Managed policy " + parts[1] + " (" + r.account + ")";
    r.ok = true;
    return r;
  }
  if (kind == "bucket" && parts.size() == 2) {
    Account* owner = nullptr;
    Bucket* b = w.find_bucket(parts[1], &owner);
    if (!b) return bad("the world has no bucket named '" + parts[1] + "'");
    r.kind = PolicyKind::Resource;
    r.account = owner->id;
    r.title = "Bucket policy of " + parts[1] + " (" + r.account + ")";
    r.policy = b->policy ? &*b->policy : nullptr;
    r.ok = true;
    return r;
  }
  if (kind == "scp" && parts.size() == 4) {
    std::size_t level = 0, index = 0;
    auto it = w.scp_texts.find(parts[1]);
    if (it == w.scp_texts.end()) return bad("the organisation has no SCPs for account " + parts[1]);
    if (!small_index(parts[2], level) || level >= it->second.size()) return bad("no SCP level " + parts[2] + " for account " + parts[1]);
    if (!small_index(parts[3], index) || index >= it->second[level].size()) return bad("no SCP " + parts[3] + " at level " + parts[2]);
    r.kind = PolicyKind::ServiceControl;
    r.account = parts[1];
    r.title = "SCP " + std::to_string(index + 1) + " at level " + parts[2] + " above account " + parts[1];  // as explanations count
    r.ok = true;
    return r;
  }
  return bad("a target is role/NAME/trust, role/NAME/inline/POLICY, role/NAME/boundary, user/NAME/inline/POLICY, "
             "user/NAME/boundary, managed/NAME, bucket/NAME or scp/ACCOUNT/LEVEL/INDEX");
}

bool store_policy(World& w, const std::string& target, const std::string& text, Policy policy, std::string& error) {
  TargetRef r = resolve_target(w, target);
  if (!r.ok) return error = r.error, false;
  if (r.read_only) return error = r.read_only_reason, false;
  if (r.kind == PolicyKind::ServiceControl) {
    std::vector<std::string> parts = split(target.substr(target.find("scp/")), '/');
    std::size_t level = static_cast<std::size_t>(std::atoi(parts[2].c_str())), index = static_cast<std::size_t>(std::atoi(parts[3].c_str()));
    w.scps[parts[1]][level][index] = std::move(policy);
    w.scp_texts[parts[1]][level][index] = text;
    return true;
  }
  if (r.policy) {
    r.policy->text = text;
    policy.name = r.policy->name;
    r.policy->policy = std::move(policy);
    return true;
  }
  // Not there yet: an inline policy, a boundary or a bucket policy is created.
  std::string rest = target.substr(target.find('/') == std::string::npos ? 0 : 0);
  auto colon = target.find(':');
  if (colon != std::string::npos && is_account_id(std::string_view(target).substr(0, colon))) rest = target.substr(colon + 1);
  std::vector<std::string> parts = split(rest, '/');
  NamedPolicy np;
  np.text = text;
  np.policy = std::move(policy);
  if (parts[0] == "bucket") {
    np.name = "bucket policy of " + parts[1];
    np.policy.name = np.name;
    w.find_bucket(parts[1])->policy = std::move(np);
    return true;
  }
  const std::string prefix = colon != std::string::npos && rest != target ? target.substr(0, colon + 1) : "";
  Role* role = nullptr;
  User* user = nullptr;
  if (parts[0] == "role") role = w.find_role(find_role(w, prefix + parts[1])->arn);
  else user = w.find_user(find_user(w, prefix + parts[1])->arn);
  if (parts[2] == "inline") {
    np.name = parts[3];
    np.policy.name = np.name;
    (role ? role->policies : user->policies).push_back(std::move(np));
  } else {
    np.name = parts[1] + "-boundary";
    np.policy.name = np.name;
    (role ? role->boundary : user->boundary) = std::move(np);
  }
  return true;
}

}  // namespace rolelab::course
