#include "analyzer/account_report.h"

#include <map>

#include "policy/arn.h"
#include "policy/request.h"

namespace rolelab {

namespace {

// ---- roles trusting a whole account or anyone ----

// A Principal of "*" (anyone, in any account) or of an account ("123456789012"
// or "arn:aws:iam::123456789012:root") lets in every principal of that account
// whose own policies allow the call
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts).
// Only other accounts are reported: trusting one's own account is the usual
// way to delegate to it.
void wide_trust(const Role& role, std::vector<WideTrust>& out) {
  for (const Statement& st : role.trust.policy.statements) {
    if (st.effect != Effect::Allow) continue;
    for (const PrincipalEntry& e : st.principal.entries) {
      if (e.type != "AWS") continue;
      for (std::size_t k = 0; k < e.values.size() && k < e.parsed.size(); ++k) {
        const Principal& p = e.parsed[k];
        WideTrust w{role.arn, e.values[k].value, "", {}};
        if (p.kind == PrincipalKind::Anonymous) {
          w.scope = "anyone";
        } else if (p.kind == PrincipalKind::Account && p.account != role.account) {
          w.scope = "account " + p.account;
        } else {
          continue;
        }
        for (const auto& c : st.conditions) w.condition_keys.push_back(c.key);
        out.push_back(std::move(w));
      }
    }
  }
}

// ---- admin-equivalent principals ----

Policy allow_all() {
  ParseOptions o;
  o.name = "allow-all";
  return parse_policy(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})", o)
      .policy;
}

struct Subject {
  std::string arn, kind, account, name;
  std::vector<Policy> identity;
  std::optional<Policy> boundary;
  std::vector<std::vector<Policy>> scps;
  std::vector<std::string> groups;    // group ARNs (users)
  std::vector<std::string> policies;  // customer managed policies it gets, by ARN
  bool service_linked = false;
};

bool allowed(const Subject& s, const std::string& action, const std::string& resource, const PolicySet& ps) {
  Request r;
  r.principal = s.kind == "role" ? "arn:aws:sts::" + s.account + ":assumed-role/" + s.name + "/report" : s.arn;
  r.action = action;
  r.resource = resource;
  r.resource_account = s.account;
  prepare(r);
  return evaluate(r, ps, nullptr, EvalOptions{false}).decision == Decision::Allowed;
}

// Admin-equivalent (docs/import.md): the principal's identity-based policies,
// within its permissions boundary and its account's SCPs, allow
//  (a) every action on every resource, tested with an action and a resource
//      no policy can name (only "*"-style Action/NotAction and Resource match),
//      as AdministratorAccess does
//      (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html); or
//  (b) rewriting its own permissions so that they do: putting or attaching a
//      policy to itself or to one of its groups, or a new default version of
//      a customer managed policy it has
//      (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html),
//      when its boundary and SCPs would let the result allow everything, or it
//      may also delete its own boundary
//      (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html, "delegating responsibility").
std::string admin_reason(const Subject& s, const Policy& everything) {
  const std::string probe_resource = "arn:aws:rolelabprobe:us-east-1:" + s.account + ":probe/any";
  PolicySet own;
  own.identity = s.identity;
  own.boundary = s.boundary;
  own.scps = s.scps;
  own.caller_is_service_linked_role = s.service_linked;
  if (allowed(s, "rolelabprobe:AnyAction", probe_resource, own)) return "allows every action on every resource";
  // Could it become so? Only if the caps (boundary, SCPs) leave room, or the boundary can go.
  PolicySet capped = own;
  capped.identity = {everything};
  bool room = allowed(s, "rolelabprobe:AnyAction", probe_resource, capped);
  const bool user = s.kind == "user";
  std::string first;  // a step needed before the rewrite
  if (!room && s.boundary) {
    PolicySet no_boundary = capped;
    no_boundary.boundary.reset();
    const char* remove = user ? "iam:DeleteUserPermissionsBoundary" : "iam:DeleteRolePermissionsBoundary";
    if (allowed(s, remove, s.arn, own) && allowed(s, "rolelabprobe:AnyAction", probe_resource, no_boundary)) {
      room = true;
      first = std::string(" after ") + remove + " on itself";
    }
  }
  if (!room) return "";
  std::vector<std::pair<std::string, std::string>> paths;  // action, resource
  paths.emplace_back(user ? "iam:PutUserPolicy" : "iam:PutRolePolicy", s.arn);
  paths.emplace_back(user ? "iam:AttachUserPolicy" : "iam:AttachRolePolicy", s.arn);
  for (const std::string& g : s.groups) {
    paths.emplace_back("iam:PutGroupPolicy", g);
    paths.emplace_back("iam:AttachGroupPolicy", g);
  }
  for (const std::string& p : s.policies) paths.emplace_back("iam:CreatePolicyVersion", p);
  for (const auto& [action, resource] : paths) {
    if (allowed(s, action, resource, own))
      return "may call " + action + " on " + resource + first + " and so give itself every permission";
  }
  return "";
}

std::vector<std::vector<Policy>> scps_of(const World& w, const std::string& account) {
  auto it = w.scps.find(account);
  return it == w.scps.end() ? std::vector<std::vector<Policy>>{} : it->second;
}

void customer_policies(const World& w, const Account& a, const std::vector<std::string>& attached, std::vector<std::string>& out) {
  for (const std::string& name : attached) {
    const ManagedPolicy* mp = w.find_managed(a, name);
    if (mp && !mp->aws_managed) out.push_back(mp->arn);
  }
}

std::vector<Subject> subjects(const World& w) {
  std::vector<Subject> out;
  for (const auto& [id, a] : w.accounts) {
    for (const auto& [name, u] : a.users) {
      Subject s{u.arn, "user", id, name, {}, {}, scps_of(w, id), {}, {}, false};
      for (const Policy* p : w.user_policies(a, u)) s.identity.push_back(*p);
      if (u.boundary) s.boundary = u.boundary->policy;
      customer_policies(w, a, u.attached, s.policies);
      for (const std::string& g : u.groups) {
        auto it = a.groups.find(g);
        if (it == a.groups.end()) continue;
        s.groups.push_back(it->second.arn);
        customer_policies(w, a, it->second.attached, s.policies);
      }
      out.push_back(std::move(s));
    }
    for (const auto& [name, r] : a.roles) {
      Subject s{r.arn, "role", id, name, {}, {}, scps_of(w, id), {}, {}, !r.service_linked.empty()};
      for (const Policy* p : w.identity_policies(a, r.policies, r.attached)) s.identity.push_back(*p);
      if (r.boundary) s.boundary = r.boundary->policy;
      customer_policies(w, a, r.attached, s.policies);
      out.push_back(std::move(s));
    }
  }
  return out;
}

std::string short_name(const std::string& arn) { return arn.substr(arn.rfind('/') + 1); }

// Who can become an admin role: users by their chains, services and providers by their direct edges.
std::vector<std::string> reached_by(const AssumeGraph& g, const std::string& role_arn) {
  std::vector<std::string> out;
  std::size_t ri = 0;
  while (ri < g.roles.size() && g.roles[ri] != role_arn) ++ri;
  if (ri == g.roles.size()) return out;
  for (const AssumeGraph::Reach& r : g.reachable) {
    if (r.role != ri) continue;
    std::string via;
    for (std::size_t k = 0; k < r.path.size(); ++k) via += (k ? " -> " : "") + short_name(g.roles[r.path[k]]);
    out.push_back(g.principals[r.user].arn + " (" + via + ")");
  }
  for (const AssumeEdge& e : g.edges) {
    const GraphPrincipal& p = g.principals[e.from];
    if (e.role == ri && (p.kind == "service" || p.kind == "federated"))
      out.push_back(p.arn + (e.conditional ? " (" + p.kind + ", if conditions hold)" : " (" + p.kind + ")"));
  }
  return out;
}

// ---- policy checks for every policy ----

void check(std::vector<PolicyFindings>& out, std::size_t& count, const std::string& where, const std::string& text,
           analyzer::PolicyType type, std::optional<analyzer::ResourceType> rt = std::nullopt) {
  ++count;
  std::vector<analyzer::Finding> f = analyzer::validate_policy(text, type, rt);
  if (!f.empty()) out.push_back({where, analyzer::policy_type_name(type), std::move(f)});
}

void all_findings(const World& w, AccountReport& r) {
  using analyzer::PolicyType;
  for (const auto& [id, a] : w.accounts) {
    const std::string in = " (account " + id + ")";
    for (const auto& [name, mp] : a.managed) check(r.findings, r.policies_checked, "managed policy " + name + in, mp.doc.text, PolicyType::Identity);
    for (const auto& [name, g] : a.groups) {
      for (const NamedPolicy& p : g.policies)
        check(r.findings, r.policies_checked, "group " + name + " inline policy " + p.name + in, p.text, PolicyType::Identity);
    }
    for (const auto& [name, u] : a.users) {
      for (const NamedPolicy& p : u.policies)
        check(r.findings, r.policies_checked, "user " + name + " inline policy " + p.name + in, p.text, PolicyType::Identity);
      if (u.boundary)
        check(r.findings, r.policies_checked, "user " + name + " permissions boundary" + in, u.boundary->text, PolicyType::Identity);
    }
    for (const auto& [name, ro] : a.roles) {
      if (!ro.service_linked.empty()) continue;  // defined by AWS
      check(r.findings, r.policies_checked, "role " + name + " trust policy" + in, ro.trust.text, PolicyType::Resource,
            analyzer::ResourceType::AssumeRolePolicyDocument);
      for (const NamedPolicy& p : ro.policies)
        check(r.findings, r.policies_checked, "role " + name + " inline policy " + p.name + in, p.text, PolicyType::Identity);
      if (ro.boundary)
        check(r.findings, r.policies_checked, "role " + name + " permissions boundary" + in, ro.boundary->text, PolicyType::Identity);
    }
  }
  for (const auto& [id, levels] : w.scp_texts) {
    for (std::size_t l = 0; l < levels.size(); ++l) {
      for (std::size_t k = 0; k < levels[l].size(); ++k)
        check(r.findings, r.policies_checked,
              "SCP " + std::to_string(k + 1) + " at level " + std::to_string(l) + " above account " + id, levels[l][k],
              PolicyType::ServiceControl);
    }
  }
}

}  // namespace

AccountReport account_report(const World& world) {
  AccountReport r;
  r.graph = who_can_assume(world);
  for (const auto& [id, a] : world.accounts) {
    for (const auto& [name, role] : a.roles) wide_trust(role, r.wide_trust);
  }
  const Policy everything = allow_all();
  for (const Subject& s : subjects(world)) {
    std::string why = admin_reason(s, everything);
    if (why.empty()) continue;
    AdminPrincipal ap{s.arn, s.kind, why, {}};
    if (s.kind == "role") ap.reached_by = reached_by(r.graph, s.arn);
    r.admins.push_back(std::move(ap));
  }
  all_findings(world, r);
  return r;
}

std::string to_text(const AccountReport& r) {
  std::string out = to_text(r.graph);
  out += "\nRoles that trust a whole other account or anyone (" + std::to_string(r.wide_trust.size()) + "):\n";
  for (const WideTrust& w : r.wide_trust) {
    out += "  " + w.role + ": " + w.scope + " (Principal \"" + w.principal + "\")";
    if (w.condition_keys.empty()) {
      out += ", no condition\n";
    } else {
      std::string keys;
      for (const std::string& k : w.condition_keys) keys += (keys.empty() ? "" : ", ") + k;
      out += ", if " + keys + "\n";
    }
  }
  if (r.wide_trust.empty()) out += "  none.\n";
  out += "\nAdmin-equivalent principals (" + std::to_string(r.admins.size()) + "):\n";
  for (const AdminPrincipal& a : r.admins) {
    out += "  " + a.arn + " (" + a.kind + "): " + a.why + "\n";
    if (a.kind == "role") {
      if (a.reached_by.empty()) out += "    reached by: nobody in this world\n";
      for (const std::string& by : a.reached_by) out += "    reached by " + by + "\n";
    }
  }
  if (r.admins.empty()) out += "  none.\n";
  std::size_t n = 0;
  for (const PolicyFindings& p : r.findings) n += p.findings.size();
  out += "\nPolicy checks: " + std::to_string(r.policies_checked) + " policies, " + std::to_string(n) + " findings in " +
         std::to_string(r.findings.size()) + " of them:\n";
  for (const PolicyFindings& p : r.findings) {
    out += "  " + p.where + ":\n";
    for (const analyzer::Finding& f : p.findings) {
      out += "    " + std::string(analyzer::finding_type_name(f.type)) + " " + f.issue_code;
      if (!f.locations.empty()) {
        const analyzer::Location& l = f.locations.front();
        out += " at line " + std::to_string(l.span.start.line) + ", column " + std::to_string(l.span.start.column + 1) + " (" +
               l.pointer() + ")";
      }
      out += ": " + f.details + "\n";
    }
  }
  return out;
}

nlohmann::ordered_json to_json(const AccountReport& r) {
  using OJ = nlohmann::ordered_json;
  OJ j;
  j["whoCanAssume"] = to_json(r.graph);
  j["wideTrust"] = OJ::array();
  for (const WideTrust& w : r.wide_trust)
    j["wideTrust"].push_back({{"role", w.role}, {"principal", w.principal}, {"scope", w.scope}, {"conditionKeys", w.condition_keys}});
  j["adminEquivalent"] = OJ::array();
  for (const AdminPrincipal& a : r.admins)
    j["adminEquivalent"].push_back({{"arn", a.arn}, {"kind", a.kind}, {"why", a.why}, {"reachedBy", a.reached_by}});
  j["policiesChecked"] = r.policies_checked;
  j["findings"] = OJ::array();
  for (const PolicyFindings& p : r.findings) {
    OJ one = OJ::parse(analyzer::findings_to_json(p.findings, -1), nullptr, false);
    j["findings"].push_back({{"policy", p.where}, {"policyType", p.policy_type}, {"findings", one.is_object() ? one["findings"] : OJ::array()}});
  }
  return j;
}

}  // namespace rolelab
