#include "world/world.h"

#include "policy/arn.h"
#include "policy/condition.h"
#include "json/schema_reader.h"

namespace rolelab {

Account* World::account(std::string_view id) {
  auto it = accounts.find(std::string(id));
  return it == accounts.end() ? nullptr : &it->second;
}

const Account* World::account(std::string_view id) const {
  auto it = accounts.find(std::string(id));
  return it == accounts.end() ? nullptr : &it->second;
}

Role* World::find_role(std::string_view arn) {
  Principal p = parse_principal(arn);
  if (p.kind != PrincipalKind::Role) return nullptr;
  Account* a = account(p.account);
  if (!a) return nullptr;
  auto it = a->roles.find(p.name);
  return it == a->roles.end() ? nullptr : &it->second;
}

User* World::find_user(std::string_view arn) {
  Principal p = parse_principal(arn);
  if (p.kind != PrincipalKind::User) return nullptr;
  Account* a = account(p.account);
  if (!a) return nullptr;
  auto it = a->users.find(p.name);
  return it == a->users.end() ? nullptr : &it->second;
}

Bucket* World::find_bucket(std::string_view name, Account** owner) {
  for (auto& [id, a] : accounts) {
    auto it = a.buckets.find(std::string(name));
    if (it != a.buckets.end()) {
      if (owner) *owner = &a;
      return &it->second;
    }
  }
  return nullptr;
}

const ManagedPolicy* World::find_managed(const Account& acct, std::string_view name_or_arn) const {
  if (name_or_arn.rfind("arn:", 0) == 0) {
    auto aws = aws_managed.find(std::string(name_or_arn));
    if (aws != aws_managed.end()) return &aws->second;
    for (const auto& [name, mp] : acct.managed) {
      if (mp.arn == name_or_arn) return &mp;
    }
    return nullptr;
  }
  auto it = acct.managed.find(std::string(name_or_arn));
  return it == acct.managed.end() ? nullptr : &it->second;
}

std::vector<const Policy*> World::identity_policies(const Account& acct, const std::vector<NamedPolicy>& inline_policies,
                                                    const std::vector<std::string>& attached) const {
  std::vector<const Policy*> out;
  for (const NamedPolicy& p : inline_policies) out.push_back(&p.policy);
  for (const std::string& a : attached) {
    if (const ManagedPolicy* mp = find_managed(acct, a)) out.push_back(&mp->doc.policy);
  }
  return out;
}

std::vector<const Policy*> World::user_policies(const Account& acct, const User& u) const {
  std::vector<const Policy*> out = identity_policies(acct, u.policies, u.attached);
  for (const std::string& g : u.groups) {
    auto it = acct.groups.find(g);
    if (it == acct.groups.end()) continue;  // load_world refuses unknown groups; the console removes memberships first
    for (const Policy* p : identity_policies(acct, it->second.policies, it->second.attached)) out.push_back(p);
  }
  return out;
}

namespace {

// The AWS managed policies RoleLab ships, by name, with their documents from
// the AWS Managed Policy Reference
// (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html).
// All are the real documents except ReadOnlyAccess, whose real statement
// lists Get*/List*/Describe* entries for some 350 services: RoleLab ships
// only its entries for the services it simulates (ec2, iam, lambda, logs,
// s3), which decide the same for every request RoleLab can make.
struct AwsPolicy {
  const char* name;
  const char* path;  // "/" or "/service-role/"
  const char* document;
  bool abridged;
};
const AwsPolicy kAwsPolicies[] = {
    {"AdministratorAccess", "/", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})",
     false},
    {"AmazonS3ReadOnlyAccess", "/",
     R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"], "Resource": "*"}]})",
     false},
    {"IAMReadOnlyAccess", "/",
     R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:GenerateCredentialReport", "iam:GenerateServiceLastAccessedDetails", "iam:Get*", "iam:List*", "iam:SimulateCustomPolicy", "iam:SimulatePrincipalPolicy"], "Resource": "*"}]})",
     false},
    {"ReadOnlyAccess", "/",
     R"({"Version": "2012-10-17", "Statement": [{"Sid": "ReadOnlyActions", "Effect": "Allow", "Action": ["ec2:Describe*", "ec2:Get*", "iam:Generate*", "iam:Get*", "iam:List*", "iam:Simulate*", "lambda:Get*", "lambda:List*", "logs:Describe*", "logs:FilterLogEvents", "logs:Get*", "logs:StartQuery", "logs:StopQuery", "logs:TestMetricFilter", "s3:Describe*", "s3:Get*", "s3:List*"], "Resource": "*"}]})",
     true},
    {"AWSLambdaBasicExecutionRole", "/service-role/",
     R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]})",
     false},
};

class WorldReader {
 public:
  SchemaReader rd{"InvalidWorld"};
  World w;

  bool policy(const json::Value& v, const std::string& path, PolicyKind kind, const std::string& name, NamedPolicy& out,
              const std::string& owner) {
    ParseOptions opt;
    opt.kind = kind;
    opt.name = name;
    opt.path_prefix = path;
    opt.owner_account = owner;
    ParsedPolicy p;
    if (v.is_object()) {
      p = parse_policy(v, opt);
      out.text = pretty_json(v);
    } else if (v.is_string()) {
      p = parse_policy(std::string_view(v.text), opt);
      out.text = v.text;
    } else {
      return rd.fail(path, v.pos, "A policy document is a JSON object or a string holding JSON.");
    }
    if (!p.ok) {
      const Diagnostic& d = p.errors.front();
      return rd.fail(d.path, json::Pos{d.line, d.column}, d.code + ": " + d.message + (d.help.empty() ? "" : " " + d.help));
    }
    out.name = name;
    out.policy = std::move(p.policy);
    return true;
  }

  bool policy_list(const json::Value& parent, const std::string& path, const char* key, PolicyKind kind, const std::string& who,
                   std::vector<NamedPolicy>& out, const std::string& owner) {
    // An array of documents (named WHO-policy-N), or an object of named documents.
    const json::Value* v = parent.find(key);
    if (!v) return true;
    const std::string lpath = json::pointer_append(path, key);
    if (v->is_object()) {
      for (const json::Member& m : v->members) {
        NamedPolicy np;
        if (!policy(m.value, json::pointer_append(lpath, m.key), kind, m.key, np, owner)) return false;
        out.push_back(std::move(np));
      }
      return true;
    }
    if (!v->is_array()) {
      return rd.fail(lpath, v->pos, std::string("'") + key + "' must be an array of policies or an object of named policies.");
    }
    for (std::size_t k = 0; k < v->items.size(); ++k) {
      NamedPolicy np;
      if (!policy(v->items[k], json::pointer_append(lpath, k), kind, who + "-policy-" + std::to_string(k + 1), np, owner))
        return false;
      out.push_back(std::move(np));
    }
    return true;
  }

  bool strings(const json::Value& parent, const std::string& path, const char* key, std::vector<std::string>& out) {
    const json::Value* arr = rd.array(parent, path, key, false);
    if (!arr) return !rd.failed();
    for (std::size_t k = 0; k < arr->items.size(); ++k) {
      if (!rd.expect(arr->items[k], json::Type::String, json::pointer_append(json::pointer_append(path, key), k))) return false;
      out.push_back(arr->items[k].text);
    }
    return true;
  }

  bool tags(const json::Value& parent, const std::string& path, Tags& out) {
    const json::Value* obj = rd.object(parent, path, "tags", false);
    if (!obj) return !rd.failed();
    for (const json::Member& m : obj->members) {
      if (!rd.expect(m.value, json::Type::String, json::pointer_append(json::pointer_append(path, "tags"), m.key))) return false;
      out[m.key] = m.value.text;
    }
    return true;
  }

  bool path_field(const json::Value& obj, const std::string& path, std::string& out) {
    out = "/";
    if (!rd.str(obj, path, "path", out, false)) return false;
    if (out.empty() || out.front() != '/' || out.back() != '/') {
      return rd.fail(json::pointer_append(path, "path"), obj.find("path")->pos,
                     "A path starts and ends with '/', such as \"/\" or \"/ops/\".");
    }
    return true;
  }

  bool user(Account& a, const std::string& name, const json::Value& v, const std::string& path) {
    if (!rd.keys(v, path, {"path", "policies", "attachedPolicies", "permissionsBoundary", "tags", "mfa", "groups"})) return false;
    User u;
    u.account = a.id;
    u.name = name;
    if (!path_field(v, path, u.path)) return false;
    u.arn = "arn:aws:iam::" + a.id + ":user" + u.path + name;
    if (!policy_list(v, path, "policies", PolicyKind::Identity, name, u.policies, a.id)) return false;
    if (!strings(v, path, "attachedPolicies", u.attached)) return false;
    if (const json::Value* b = v.find("permissionsBoundary")) {
      NamedPolicy np;
      if (!policy(*b, json::pointer_append(path, "permissionsBoundary"), PolicyKind::Boundary, name + "-boundary", np, a.id))
        return false;
      u.boundary = std::move(np);
    }
    if (!tags(v, path, u.tags) || !rd.boolean(v, path, "mfa", u.mfa)) return false;
    if (!strings(v, path, "groups", u.groups)) return false;
    a.users[name] = std::move(u);
    return true;
  }

  bool group(Account& a, const std::string& name, const json::Value& v, const std::string& path) {
    if (!rd.keys(v, path, {"path", "policies", "attachedPolicies"})) return false;
    Group g;
    g.account = a.id;
    g.name = name;
    if (!path_field(v, path, g.path)) return false;
    g.arn = "arn:aws:iam::" + a.id + ":group" + g.path + name;
    if (!policy_list(v, path, "policies", PolicyKind::Identity, name, g.policies, a.id)) return false;
    if (!strings(v, path, "attachedPolicies", g.attached)) return false;
    a.groups[name] = std::move(g);
    return true;
  }

  bool role(Account& a, const std::string& name, const json::Value& v, const std::string& path) {
    if (!rd.keys(v, path,
                 {"path", "trustPolicy", "policies", "attachedPolicies", "permissionsBoundary", "maxSessionDuration", "tags",
                  "description", "serviceLinked", "usedBy"}))
      return false;
    Role r;
    r.account = a.id;
    r.name = name;
    std::string service;
    if (!rd.str(v, path, "serviceLinked", service, false)) return false;
    if (!service.empty()) {
      // AWS defines a service-linked role's path, trust and permissions.
      for (const json::Member& m : v.members) {
        if (m.key != "serviceLinked" && m.key != "usedBy") {
          return rd.fail(json::pointer_append(path, m.key), m.key_pos,
                         "A service-linked role is defined by AWS: give only \"serviceLinked\" (and \"usedBy\").");
        }
      }
      if (!build_service_linked_role(a.id, service, r)) {
        return rd.fail(json::pointer_append(path, "serviceLinked"), v.find("serviceLinked")->pos,
                       "RoleLab does not know the service-linked role of '" + service +
                           "' (known: autoscaling.amazonaws.com, elasticloadbalancing.amazonaws.com, ecs.amazonaws.com, "
                           "organizations.amazonaws.com).");
      }
      if (r.name != name) {
        return rd.fail(path, v.pos, "The service-linked role of " + service + " is named " + r.name + ", not " + name + ".");
      }
      if (!strings(v, path, "usedBy", r.used_by)) return false;
      r.created = w.start_time;
      a.roles[name] = std::move(r);
      return true;
    } else {
      if (!path_field(v, path, r.path)) return false;
      const json::Value* t = v.find("trustPolicy");
      if (!t) return rd.fail(path, v.pos, "Missing required key 'trustPolicy' (who may assume the role).");
      if (!policy(*t, json::pointer_append(path, "trustPolicy"), PolicyKind::Trust, "trust policy of role " + name, r.trust,
                  a.id))
        return false;
      if (!policy_list(v, path, "policies", PolicyKind::Identity, name, r.policies, a.id)) return false;
      if (!strings(v, path, "attachedPolicies", r.attached)) return false;
      if (const json::Value* b = v.find("permissionsBoundary")) {
        NamedPolicy np;
        if (!policy(*b, json::pointer_append(path, "permissionsBoundary"), PolicyKind::Boundary, name + "-boundary", np, a.id))
          return false;
        r.boundary = std::move(np);
      }
      long long max = 3600;
      if (!rd.integer(v, path, "maxSessionDuration", max, false)) return false;
      if (max < 3600 || max > 43200) {
        return rd.fail(json::pointer_append(path, "maxSessionDuration"), v.find("maxSessionDuration")->pos,
                       "maxSessionDuration must be between 3600 and 43200 seconds (1 to 12 hours).");
      }
      r.max_session_duration = static_cast<int>(max);
      if (!tags(v, path, r.tags) || !rd.str(v, path, "description", r.description, false)) return false;
    }
    r.arn = "arn:aws:iam::" + a.id + ":role" + r.path + name;
    r.created = w.start_time;
    a.roles[name] = std::move(r);
    return true;
  }

  bool account(const std::string& id, const json::Value& v, const std::string& path) {
    if (!is_account_id(id)) return rd.fail(path, v.pos, "Account ids are 12 digits; '" + id + "' is not.");
    if (!rd.keys(v, path,
                 {"alias", "users", "groups", "roles", "managedPolicies", "oidcProviders", "samlProviders", "buckets",
                  "instances", "functions", "logGroups"}))
      return false;
    Account& a = w.accounts[id];
    a.id = id;
    if (!rd.str(v, path, "alias", a.alias, false)) return false;
    // Managed policies first: users and roles refer to them.
    if (const json::Value* m = rd.object(v, path, "managedPolicies", false)) {
      for (const json::Member& mp : m->members) {
        ManagedPolicy p;
        p.name = mp.key;
        p.arn = "arn:aws:iam::" + id + ":policy/" + mp.key;
        if (!policy(mp.value, json::pointer_append(json::pointer_append(path, "managedPolicies"), mp.key), PolicyKind::Identity,
                    mp.key, p.doc, id))
          return false;
        a.managed[mp.key] = std::move(p);
      }
    }
    if (rd.failed()) return false;
    if (const json::Value* groups = rd.object(v, path, "groups", false)) {
      for (const json::Member& g : groups->members) {
        if (!group(a, g.key, g.value, json::pointer_append(json::pointer_append(path, "groups"), g.key))) return false;
      }
    }
    if (rd.failed()) return false;
    if (const json::Value* users = rd.object(v, path, "users", false)) {
      for (const json::Member& u : users->members) {
        if (!user(a, u.key, u.value, json::pointer_append(json::pointer_append(path, "users"), u.key))) return false;
      }
    }
    if (const json::Value* roles = rd.object(v, path, "roles", false)) {
      for (const json::Member& r : roles->members) {
        if (!role(a, r.key, r.value, json::pointer_append(json::pointer_append(path, "roles"), r.key))) return false;
      }
    }
    if (const json::Value* oidc = rd.object(v, path, "oidcProviders", false)) {
      for (const json::Member& p : oidc->members) {
        std::string ppath = json::pointer_append(json::pointer_append(path, "oidcProviders"), p.key);
        if (!rd.keys(p.value, ppath, {"clientIds"})) return false;
        std::vector<std::string> ids;
        if (!strings(p.value, ppath, "clientIds", ids)) return false;
        a.oidc_providers[p.key] = ids;
      }
    }
    if (const json::Value* saml = rd.object(v, path, "samlProviders", false)) {
      for (const json::Member& p : saml->members) {
        if (!rd.keys(p.value, json::pointer_append(json::pointer_append(path, "samlProviders"), p.key), {})) return false;
        a.saml_providers[p.key] = true;
      }
    }
    if (const json::Value* buckets = rd.object(v, path, "buckets", false)) {
      for (const json::Member& b : buckets->members) {
        std::string bpath = json::pointer_append(json::pointer_append(path, "buckets"), b.key);
        if (!rd.keys(b.value, bpath, {"policy", "objects"})) return false;
        Bucket bucket;
        bucket.name = b.key;
        if (const json::Value* p = b.value.find("policy")) {
          NamedPolicy np;
          if (!policy(*p, json::pointer_append(bpath, "policy"), PolicyKind::Resource, "bucket policy of " + b.key, np, id))
            return false;
          bucket.policy = std::move(np);
        }
        if (const json::Value* objs = rd.object(b.value, bpath, "objects", false)) {
          for (const json::Member& o : objs->members) {
            if (!rd.expect(o.value, json::Type::String, json::pointer_append(json::pointer_append(bpath, "objects"), o.key)))
              return false;
            bucket.objects[o.key] = o.value.text;
          }
        }
        if (rd.failed()) return false;
        a.buckets[b.key] = std::move(bucket);
      }
    }
    if (const json::Value* inst = rd.object(v, path, "instances", false)) {
      for (const json::Member& i : inst->members) {
        std::string ipath = json::pointer_append(json::pointer_append(path, "instances"), i.key);
        if (!rd.keys(i.value, ipath, {"role"})) return false;
        Instance in;
        in.id = i.key;
        in.account = id;
        if (!rd.str(i.value, ipath, "role", in.role, false)) return false;  // none: no instance profile yet
        a.instances[i.key] = in;
      }
    }
    if (const json::Value* fns = rd.object(v, path, "functions", false)) {
      for (const json::Member& f : fns->members) {
        std::string fpath = json::pointer_append(json::pointer_append(path, "functions"), f.key);
        if (!rd.keys(f.value, fpath, {"role"})) return false;
        Function fn;
        fn.name = f.key;
        fn.account = id;
        if (!rd.str(f.value, fpath, "role", fn.role, true)) return false;
        a.functions[f.key] = fn;
      }
    }
    return strings(v, path, "logGroups", a.log_groups);
  }

  // References between entities: attached policies exist, instance and
  // function roles exist.
  bool check_references(const json::Value& root) {
    for (auto& [id, a] : w.accounts) {
      const json::Value* av = root.find("accounts")->find(id);
      const std::string account_path = json::pointer_append("/accounts", id);  // (clang 14 cannot capture bindings)
      auto at = [&](std::initializer_list<const char*> keys) {
        const json::Value* v = av;
        std::string path = account_path;
        for (const char* k : keys) {
          if (v && v->find(k)) v = v->find(k);
          path = json::pointer_append(path, k);
        }
        return std::make_pair(path, v ? v->pos : json::Pos{});
      };
      for (auto& [name, g] : a.groups) {
        for (const std::string& m : g.attached) {
          if (!w.find_managed(a, m)) {
            auto [path, pos] = at({"groups", name.c_str(), "attachedPolicies"});
            return rd.fail(path, pos,
                           "Group " + name + " attaches policy '" + m + "', which is neither a managed policy of account " + id +
                               " nor an AWS managed policy RoleLab knows.");
          }
        }
      }
      for (auto& [name, u] : a.users) {
        for (const std::string& g : u.groups) {
          if (!a.groups.count(g)) {
            auto [path, pos] = at({"users", name.c_str(), "groups"});
            return rd.fail(path, pos, "User " + name + " is a member of group '" + g + "', which account " + id + " does not have.");
          }
        }
        for (const std::string& m : u.attached) {
          if (!w.find_managed(a, m)) {
            auto [path, pos] = at({"users", name.c_str(), "attachedPolicies"});
            return rd.fail(path, pos,
                           "User " + name + " attaches policy '" + m + "', which is neither a managed policy of account " + id +
                               " nor an AWS managed policy RoleLab knows.");
          }
        }
      }
      for (auto& [name, r] : a.roles) {
        for (const std::string& m : r.attached) {
          if (!w.find_managed(a, m)) {
            auto [path, pos] = at({"roles", name.c_str(), "attachedPolicies"});
            return rd.fail(path, pos,
                           "Role " + name + " attaches policy '" + m + "', which is neither a managed policy of account " + id +
                               " nor an AWS managed policy RoleLab knows.");
          }
        }
      }
      for (auto& [name, i] : a.instances) {
        if (!i.role.empty() && !a.roles.count(i.role)) {
          auto [path, pos] = at({"instances", name.c_str(), "role"});
          return rd.fail(path, pos, "Instance " + name + " uses role '" + i.role + "', which account " + id + " does not have.");
        }
      }
      for (auto& [name, f] : a.functions) {
        if (!a.roles.count(f.role)) {
          auto [path, pos] = at({"functions", name.c_str(), "role"});
          return rd.fail(path, pos, "Function " + name + " uses role '" + f.role + "', which account " + id + " does not have.");
        }
      }
    }
    return true;
  }
};

}  // namespace

void add_aws_managed_policies(World& w) {
  for (const AwsPolicy& p : kAwsPolicies) {
    ManagedPolicy mp;
    mp.name = p.name;
    mp.arn = std::string("arn:aws:iam::aws:policy") + p.path + p.name;
    mp.aws_managed = true;
    mp.abridged = p.abridged;
    mp.doc.name = p.name;
    mp.doc.text = p.document;
    ParseOptions opt;
    opt.name = p.name;
    mp.doc.policy = parse_policy(p.document, opt).policy;
    w.aws_managed[mp.arn] = std::move(mp);
  }
}

bool build_service_linked_role(const std::string& account, const std::string& service, Role& r) {
  std::string name, trust, perms;
  if (!service_linked_role_template(service, name, trust, perms)) return false;
  r.account = account;
  r.name = name;
  r.service_linked = service;
  r.path = "/aws-service-role/" + service + "/";
  r.arn = "arn:aws:iam::" + account + ":role" + r.path + name;
  r.description = "Service-linked role for " + service;
  ParseOptions opt;
  opt.kind = PolicyKind::Trust;
  opt.name = "trust policy of role " + name;
  r.trust = {opt.name, pretty_json(json::parse(trust).value), parse_policy(trust, opt).policy};
  ParseOptions popt;
  popt.name = name + "Policy";
  r.policies = {{popt.name, pretty_json(json::parse(perms).value), parse_policy(perms, popt).policy}};
  return true;
}

bool service_linked_role_template(std::string_view service, std::string& role_name, std::string& trust,
                                  std::string& permissions) {
  // Role names and trust as AWS creates them (using-service-linked-roles.html and each service's guide);
  // permissions abridged to the actions the lessons exercise.
  struct Slr {
    const char* service;
    const char* role;
    const char* actions;
  };
  static const Slr known[] = {
      {"autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling",
       R"(["ec2:RunInstances", "ec2:TerminateInstances", "ec2:Describe*", "elasticloadbalancing:Register*", "cloudwatch:PutMetricAlarm"])"},
      {"elasticloadbalancing.amazonaws.com", "AWSServiceRoleForElasticLoadBalancing",
       R"(["ec2:Describe*", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"])"},
      {"ecs.amazonaws.com", "AWSServiceRoleForECS",
       R"(["ec2:Describe*", "elasticloadbalancing:Register*", "elasticloadbalancing:Deregister*"])"},
      {"organizations.amazonaws.com", "AWSServiceRoleForOrganizations",
       R"(["iam:GetRole", "organizations:Describe*", "organizations:List*"])"},
  };
  for (const Slr& s : known) {
    if (service == s.service) {
      role_name = s.role;
      trust = std::string(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": ")") +
              s.service + R"("}, "Action": "sts:AssumeRole"}]})";
      permissions = std::string(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": )") + s.actions +
                    R"(, "Resource": "*"}]})";
      return true;
    }
  }
  return false;
}

namespace {

bool check_sizes(WorldReader& wr, const json::Value& accounts, const WorldLimits& limits) {
  // `where` is " in all" (lesson worlds) or " in account ID" (imported worlds).
  auto over = [&](const std::string& where, std::size_t users, std::size_t roles, std::size_t groups, std::size_t managed) {
    if (users > limits.max_users || roles > limits.max_roles) {
      wr.rd.fail("/accounts", accounts.pos,
                 "A world has at most " + std::to_string(limits.max_users) + " users and " + std::to_string(limits.max_roles) +
                     " roles" + where + "; this one has " + std::to_string(users) + " users and " + std::to_string(roles) +
                     " roles.");
      return true;
    }
    if (groups > limits.max_groups || managed > limits.max_managed) {
      wr.rd.fail("/accounts", accounts.pos,
                 "A world has at most " + std::to_string(limits.max_groups) + " groups and " +
                     std::to_string(limits.max_managed) + " customer managed policies" + where + "; this one has " +
                     std::to_string(groups) + " groups and " + std::to_string(managed) + " managed policies.");
      return true;
    }
    return false;
  };
  std::size_t users = 0, roles = 0, groups = 0, managed = 0;
  for (const auto& [id, a] : wr.w.accounts) {
    if (limits.per_account && over(" in account " + id, a.users.size(), a.roles.size(), a.groups.size(), a.managed.size()))
      return false;
    users += a.users.size(), roles += a.roles.size(), groups += a.groups.size(), managed += a.managed.size();
  }
  return limits.per_account || !over(" in all", users, roles, groups, managed);
}

}  // namespace

WorldLoad load_world(std::string_view text, const WorldLimits& limits) {
  WorldLoad out;
  json::ParseResult parsed = json::parse(text, json::Limits{limits.max_bytes, 64});
  if (!parsed.ok) {
    out.error = parsed.error;
    return out;
  }
  WorldReader wr;
  const json::Value& root = parsed.value;
  auto finish = [&] {
    out.ok = !wr.rd.failed();
    out.error = wr.rd.error();
    if (out.ok) out.world = std::move(wr.w);
    return std::move(out);
  };
  if (!wr.rd.keys(root, "", {"startTime", "accounts", "organization"})) return finish();
  std::string start;
  if (!wr.rd.str(root, "", "startTime", start, true)) return finish();
  auto t = parse_date(start);
  if (!t || start.size() < 20) {
    wr.rd.fail("/startTime", root.find("startTime")->pos, "startTime must be an ISO 8601 time such as \"2026-11-28T09:00:00Z\".");
    return finish();
  }
  wr.w.start_time = *t;
  add_aws_managed_policies(wr.w);
  const json::Value* accounts = wr.rd.object(root, "", "accounts", true);
  if (!accounts) return finish();
  if (accounts->members.empty()) {
    wr.rd.fail("/accounts", accounts->pos, "A world needs at least one account.");
    return finish();
  }
  if (accounts->members.size() > limits.max_accounts) {
    wr.rd.fail("/accounts", accounts->pos,
               "A world has at most " + std::to_string(limits.max_accounts) + " accounts; this one has " +
                   std::to_string(accounts->members.size()) + ".");
    return finish();
  }
  for (const json::Member& m : accounts->members) {
    if (!wr.account(m.key, m.value, json::pointer_append("/accounts", m.key))) return finish();
  }
  // Who-can-assume weighs every principal against every role: these bounds
  // keep the largest world's analysis bounded (docs/limits.md).
  if (!check_sizes(wr, *accounts, limits)) return finish();
  if (!wr.check_references(root)) return finish();
  if (const json::Value* org = wr.rd.object(root, "", "organization", false)) {
    if (!wr.rd.keys(*org, "/organization", {"serviceControlPolicies"})) return finish();
    if (const json::Value* scps = wr.rd.object(*org, "/organization", "serviceControlPolicies", false)) {
      for (const json::Member& m : scps->members) {
        std::string apath = json::pointer_append("/organization/serviceControlPolicies", m.key);
        if (!wr.w.account(m.key)) {
          wr.rd.fail(apath, m.key_pos, "SCPs for account " + m.key + ", which the world does not have.");
          return finish();
        }
        if (!wr.rd.expect(m.value, json::Type::Array, apath)) return finish();
        auto& levels = wr.w.scps[m.key];
        for (std::size_t l = 0; l < m.value.items.size(); ++l) {
          const json::Value& level = m.value.items[l];
          std::string lpath = json::pointer_append(apath, l);
          if (!wr.rd.expect(level, json::Type::Array, lpath)) return finish();
          levels.emplace_back();
          for (std::size_t k = 0; k < level.items.size(); ++k) {
            NamedPolicy np;
            if (!wr.policy(level.items[k], json::pointer_append(lpath, k), PolicyKind::ServiceControl,
                           "SCP " + std::to_string(k + 1) + " at level " + std::to_string(l), np, m.key))
              return finish();
            levels.back().push_back(std::move(np.policy));
            wr.w.scp_texts[m.key].resize(levels.size());
            wr.w.scp_texts[m.key].back().push_back(std::move(np.text));
          }
        }
      }
    }
  }
  return finish();
}

std::optional<Diagnostic> unknown_principal(const World& w, const Policy& p) {
  for (const Statement& st : p.statements) {
    for (const PrincipalEntry& e : st.principal.entries) {
      if (e.type != "AWS") continue;
      for (std::size_t k = 0; k < e.parsed.size() && k < e.values.size(); ++k) {
        const Principal& pr = e.parsed[k];
        if (pr.kind != PrincipalKind::User && pr.kind != PrincipalKind::Role) continue;
        const Account* a = w.account(pr.account);
        if (!a) continue;
        bool found = false;
        if (pr.kind == PrincipalKind::User) {
          for (const auto& [name, u] : a->users) found = found || u.arn == e.values[k].value;
        } else {
          for (const auto& [name, r] : a->roles) found = found || r.arn == e.values[k].value;
        }
        if (found) continue;
        Diagnostic d;
        d.code = "MalformedPolicyDocument";
        d.message = "Invalid principal in policy: \"AWS\":\"" + e.values[k].value + "\"";
        d.path = located_path(st.principal.path + "/AWS", e.values[k]);
        d.line = e.values[k].pos.line;
        d.column = e.values[k].pos.column;
        d.help = std::string("Account ") + pr.account + " has no " + (pr.kind == PrincipalKind::User ? "user" : "role") +
                 " with this ARN (the path is part of it). IAM checks every principal when it saves a policy.";
        return d;
      }
    }
  }
  return std::nullopt;
}

}  // namespace rolelab
