// Resource and NotResource: ARN syntax (prefix, fields, partition), policy
// variables inside values (braces, spaces), and RoleLab's RESOURCE_MISMATCH:
// no Resource of a statement can match an action's resource types from the
// catalogue (s3:GetObject on a bucket ARN never applies).
#include "analyzer/checker.h"

#include <algorithm>

namespace rolelab::analyzer::detail {

void Checker::resources(const Node& s, const Path& path, StatementInfo& st) {
  const NodeMember* r = s.find_member("Resource");
  const NodeMember* nr = s.find_member("NotResource");
  const NodeMember* m = r ? r : nr;
  if (trust_) {
    if (m)
      add(FindingType::Error, "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE",
          "Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the " +
              m->key + " element.",
          path + key(m->key), m->key_span);
    return;
  }
  if (!m) {
    if (type_ == PolicyType::Identity || type_ == PolicyType::Resource || type_ == PolicyType::ResourceControl)
      add(FindingType::Error, "MISSING_RESOURCE",
          "Add a Resource or NotResource element to the policy statement.", path, brace_span(s));
    return;
  }
  st.has_resource = true;
  st.not_resource = !r;
  Path p = path + val(m->key);
  if (type_ == PolicyType::ServiceControl && nr && st.allow && st.effect_known)
    add(FindingType::Error, "SCP_SYNTAX_ERROR_NOTRESOURCE",
        "NotResource with Allow is not supported in a service control policy. Use Resource.", p, m->key_span);
  if (empty_array(m->value, p, "EMPTY_ARRAY_RESOURCE", "resources")) return;
  std::vector<Item> items = items_of(m->value, p);
  strings_only(items);
  for (const Item& it : items) {
    if (!it.node->is_string()) continue;
    st.resources.push_back(it);
    const std::string& v = it.node->text;
    variables(it);
    if (v == "*") continue;
    if (v.rfind("${", 0) == 0) continue;  // a policy variable standing for a whole ARN
    if (!starts_with_ci(v, "arn:")) {
      add(FindingType::Error, "INVALID_ARN_PREFIX",
          "The resource " + v + " is not valid. Resource ARNs start with arn:, or use \"*\" for all resources.", it.path,
          it.node->span);
      continue;
    }
    std::size_t colons = static_cast<std::size_t>(std::count(v.begin(), v.end(), ':'));
    if (colons < 5) {
      add(FindingType::Error, "MISSING_ARN_FIELD",
          "The resource ARN " + v +
              " is missing a field. An ARN has six fields: arn:partition:service:region:account-id:resource.",
          it.path, it.node->span);
      continue;
    }
    std::string partition = v.substr(4, v.find(':', 4) - 4);
    if (!has_wildcard(partition) && partition.find("${") == std::string::npos && partition != "aws" &&
        partition != "aws-cn" && partition != "aws-us-gov")
      add(FindingType::Error, "INVALID_PARTITION",
          "The partition " + partition + " is not valid. Use aws, aws-cn or aws-us-gov.", it.path, it.node->span);
  }
}

// ---- policy variables (Resource and Condition values) ----

void Checker::variables(const Item& it) {
  const std::string& v = it.node->text;
  std::size_t at = 0;
  while ((at = v.find("${", at)) != std::string::npos) {
    std::size_t close = v.find('}', at);
    std::size_t next = v.find("${", at + 2);
    if (close == std::string::npos || (next != std::string::npos && next < close)) {
      Finding& f = add(FindingType::Error, "MISSING_BRACE_IN_VARIABLE",
                       "The policy variable in " + v + " is missing its closing brace. Add } at the end of the variable.",
                       it.path + PathElement{PathElement::Kind::Substring, {}, static_cast<int>(at), 0}, it.node->span);
      f.locations[0].path.back().length = static_cast<int>((next == std::string::npos ? v.size() : next) - at);
      return;
    }
    std::string_view inner(v.data() + at + 2, close - at - 2);
    if (inner.empty())
      add(FindingType::Error, "EMPTY_VARIABLE", "The policy variable ${} is empty. Add a variable name, e.g. ${aws:username}.",
          it.path, it.node->span);
    else if (inner.find(' ') != std::string_view::npos && inner.find(", '") == std::string_view::npos)
      add(FindingType::Error, "UNSUPPORTED_SPACE_IN_VARIABLE",
          "Spaces are not supported inside the policy variable ${" + std::string(inner) + "}. Remove them.", it.path,
          it.node->span);
    at = close + 1;
  }
}

// ---- RoleLab: resources that can never match an action ----

std::string Checker::format_glob(const std::string& arn) {
  std::string g;
  for (std::size_t i = 0; i < arn.size(); ++i) {
    if (arn[i] == '$' && i + 1 < arn.size() && arn[i + 1] == '{') {
      std::size_t close = arn.find('}', i);
      if (close == std::string::npos) break;
      g += '*';
      i = close;
    } else {
      g += arn[i];
    }
  }
  return g;
}

bool Checker::arn_fits(const std::string& glob, const std::string& resource) {
  if (!has_wildcard(resource) && resource.find("${") == std::string::npos) return wild_match(glob, resource);
  for (const char* fill : {"x", "x/x", "x/x/x", "x:x", "x:x/x"}) {
    std::string r;
    for (std::size_t i = 0; i < resource.size(); ++i) {
      if (resource[i] == '*' || resource[i] == '?') {
        r += fill;
      } else if (resource[i] == '$' && i + 1 < resource.size() && resource[i + 1] == '{') {
        std::size_t close = resource.find('}', i);
        if (close == std::string::npos) break;
        r += fill;
        i = close;
      } else {
        r += resource[i];
      }
    }
    if (wild_match(glob, r)) return true;
  }
  return false;
}

void Checker::resource_mismatch(const StatementInfo& st) {
  if (type_ != PolicyType::Identity || st.not_action || st.not_resource || st.resources.empty()) return;
  for (const Item& r : st.resources)
    if (r.node->text == "*" || !starts_with_ci(r.node->text, "arn:")) return;
  for (const Item& a : st.actions) {
    const std::string& name = a.node->text;
    if (has_wildcard(name)) continue;
    std::size_t colon = name.find(':');
    if (colon == std::string::npos) continue;
    const ServiceInfo* svc = cat_.service(name.substr(0, colon));
    if (!svc || !svc->detailed) continue;
    int ai = svc->find_action(name.substr(colon + 1));
    if (ai < 0) continue;
    const ActionDetail& d = svc->details[static_cast<std::size_t>(ai)];
    std::string formats;
    bool fits = false;
    for (int rt : d.resource_types) {
      if (rt < 0 || static_cast<std::size_t>(rt) >= svc->resource_types.size()) continue;
      const std::string& arn = svc->resource_types[static_cast<std::size_t>(rt)].arn;
      formats += (formats.empty() ? "" : ", ") + arn;
      std::string glob = format_glob(arn);
      for (const Item& r : st.resources) fits = fits || arn_fits(glob, r.node->text);
    }
    if (fits) continue;
    if (d.resource_types.empty()) {
      add_own(FindingType::Warning, "RESOURCE_MISMATCH",
              "The action " + name +
                  " does not support resource-level permissions, so no Resource of this statement can match it. Use "
                  "\"Resource\": \"*\" for this action (in a statement of its own).",
              a.path, a.node->span,
              "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html");
    } else {
      add_own(FindingType::Warning, "RESOURCE_MISMATCH",
              "No Resource of this statement can match the action " + name + ": it acts on " + formats +
                  ". The statement never allows or denies " + name + ".",
              a.path, a.node->span,
              "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html");
    }
  }
}

}  // namespace rolelab::analyzer::detail
