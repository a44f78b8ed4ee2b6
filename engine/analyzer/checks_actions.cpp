// Action and NotAction: each action must name a service and an action that
// exist (with "Did you mean" from the catalogue), wildcards must match
// something, duplicates and covered actions are redundant; and iam:PassRole
// with a wildcard resource, which lets the holder hand any role to a service.
#include "analyzer/checker.h"

#include <algorithm>

namespace rolelab::analyzer::detail {

namespace {

// API names that differ from their IAM action (Access Analyzer adds a sentence for them).
const char* api_authorizes_as(std::string_view action) {
  struct M {
    const char* api;
    const char* action;
  };
  static const M map[] = {{"s3:ListBuckets", "s3:ListAllMyBuckets"}, {"s3:HeadBucket", "s3:ListBucket"},
                          {"s3:ListObjects", "s3:ListBucket"},       {"s3:ListObjectsV2", "s3:ListBucket"},
                          {"s3:HeadObject", "s3:GetObject"},         {"s3:DeleteObjects", "s3:DeleteObject"},
                          {"s3:CopyObject", "s3:PutObject"},         {"s3:UploadPart", "s3:PutObject"}};
  for (const M& m : map)
    if (iequals(action, m.api)) return m.action;
  return nullptr;
}

}  // namespace

void Checker::actions(const Node& s, const Path& path, StatementInfo& st) {
  const NodeMember* a = s.find_member("Action");
  const NodeMember* na = s.find_member("NotAction");
  if (!a && !na) {
    add(FindingType::Error, "MISSING_ACTION", "Add an Action or NotAction element to the statement.", path, brace_span(s));
    return;
  }
  const NodeMember* m = a ? a : na;
  st.not_action = !a;
  Path p = path + val(m->key);
  if (empty_array(m->value, p, "EMPTY_ARRAY_ACTION", "actions")) return;
  std::vector<Item> items = items_of(m->value, p);
  strings_only(items);
  for (const Item& it : items)
    if (it.node->is_string()) st.actions.push_back(it);
  if (type_ == PolicyType::ServiceControl && st.not_action && st.allow && st.effect_known)
    add(FindingType::Error, "SCP_SYNTAX_ERROR_ALLOW_NOTACTION",
        "NotAction with Allow is not supported in a service control policy. Use Action, or Deny with NotAction.", p,
        m->key_span);
  for (const Item& it : st.actions) action_value(it);
  redundant_actions(st);
}

void Checker::action_value(const Item& it) {
  const std::string& a = it.node->text;
  if (a == "*") return;
  std::size_t colon = a.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == a.size()) {
    add(FindingType::Error, "INVALID_ACTION",
        "The action " + a + " does not exist. Write an action as service:ActionName, for example s3:GetObject.", it.path,
        it.node->span);
    return;
  }
  std::string svc = a.substr(0, colon), name = a.substr(colon + 1);
  if (has_wildcard(svc)) {
    add(FindingType::Suggestion, "WILDCARD_IN_SERVICE_NAME",
        "Avoid using wildcards (*, ?) in the service name " + svc +
            " because it might grant unintended access to other AWS services with similar names.",
        it.path, it.node->span);
    return;
  }
  if (type_ == PolicyType::ServiceControl) {
    std::size_t star = name.find_first_of("*?");
    if (star != std::string::npos && star + 1 != name.size())
      add(FindingType::Error, "SCP_SYNTAX_ERROR_ACTION_WILDCARD",
          "Service control policies support a wildcard (*) only at the end of an action name: " + a + ".", it.path,
          it.node->span);
  }
  const ServiceInfo* info = cat_.service(svc);
  if (!info) {
    std::string best;
    int best_d = 3;
    for (const ServiceInfo& s : cat_.services()) {
      int d = edit_distance(svc, s.prefix, 2);
      if (d < best_d) best_d = d, best = s.prefix;
    }
    Finding& f = add(FindingType::Error, "INVALID_SERVICE",
                     "The service " + svc + " does not exist." + (best.empty() ? "" : " Did you mean " + best + "?"),
                     it.path, it.node->span);
    if (!best.empty()) f.fix = Fix{it.node->span, quote(best + ":" + name), "Replace with " + best + ":" + name};
    return;
  }
  if (has_wildcard(name)) {
    for (const std::string& n : info->actions)
      if (wild_match(name, n)) return;
    add(FindingType::Error, "INVALID_ACTION",
        "The action " + a + " does not exist: the pattern matches no action of " + info->prefix + ".", it.path,
        it.node->span);
    return;
  }
  if (info->find_action(name) >= 0) return;
  std::string suggestion;
  std::string api_note;
  if (const char* real = api_authorizes_as(a)) {
    suggestion = real;
    api_note = " The API called " + name + " authorizes against the IAM action " + suggestion + ".";
  } else {
    int best_d = std::max(2, static_cast<int>(name.size()) / 4) + 1;
    for (const std::string& n : info->actions) {
      int d = edit_distance(name, n, best_d - 1);
      if (d < best_d) best_d = d, suggestion = info->prefix + ":" + n;
    }
  }
  Finding& f = add(FindingType::Error, "INVALID_ACTION",
                   "The action " + a + " does not exist." + (suggestion.empty() ? "" : " Did you mean " + suggestion + "?") +
                       api_note,
                   it.path, it.node->span);
  if (!suggestion.empty()) f.fix = Fix{it.node->span, quote(suggestion), "Replace with " + suggestion};
}

void Checker::redundant_actions(const StatementInfo& st) {
  for (std::size_t i = 0; i < st.actions.size(); ++i) {
    const std::string& a = st.actions[i].node->text;
    for (std::size_t j = 0; j < st.actions.size(); ++j) {
      if (i == j) continue;
      const std::string& b = st.actions[j].node->text;
      bool same = iequals(a, b);
      // a is covered by pattern b (b broader), or an exact duplicate listed earlier.
      if ((same && j < i) || (!same && has_wildcard(b) && wild_match(b, a))) {
        add(FindingType::Suggestion, "REDUNDANT_ACTION",
            "The action " + a + " is redundant because it provides similar permissions to the action " + b + ". Remove " +
                a + ".",
            st.actions[i].path, st.actions[i].node->span);
        break;
      }
    }
  }
}

// ---- iam:PassRole ----

void Checker::pass_role(const StatementInfo& st) {
  if (type_ != PolicyType::Identity || !st.allow || !st.effect_known || !st.has_resource) return;
  bool star_action = false, named = false;
  if (st.not_action) {
    if (!statement_allows_action(st, "iam:PassRole")) return;
  } else {
    for (const Item& a : st.actions) {
      if (!wild_match(a.node->text, "iam:PassRole")) continue;
      if (iequals(a.node->text, "iam:PassRole") || iequals(a.node->text, "iam:Pass*") || iequals(a.node->text, "iam:PassRol*"))
        named = true;
      else
        star_action = true;
    }
    if (!named && !star_action) return;
  }
  bool star_resource = false;
  for (const Item& r : st.resources)
    if (r.node->text == "*" || iequals(r.node->text, "arn:aws:iam::*:role/*")) star_resource = true;
  const char* code = nullptr;
  std::string what;
  if (st.not_resource) {
    code = st.not_action ? "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE"
           : named       ? "PASS_ROLE_WITH_NOT_RESOURCE"
                         : "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE";
    what = "NotResource";
  } else if (star_resource) {
    code = st.not_action ? "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"
           : named       ? "PASS_ROLE_WITH_STAR_IN_RESOURCE"
                         : "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE";
    what = "a wildcard (*) in the resource";
  } else {
    return;
  }
  // Located at the "*" resource, or at the NotResource key.
  Span where = brace_span(*st.node);
  Path where_path = st.path;
  if (st.not_resource) {
    if (const NodeMember* m = st.node->find_member("NotResource")) where = m->key_span, where_path = st.path + key("NotResource");
  } else {
    for (const Item& r : st.resources)
      if (r.node->text == "*" || iequals(r.node->text, "arn:aws:iam::*:role/*")) where = r.node->span, where_path = r.path;
  }
  add(FindingType::SecurityWarning, code,
      "Using the iam:PassRole action with " + what +
          " can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that "
          "you specify resource ARNs or add the iam:PassedToService condition key to your statement.",
      where_path, where);
}

}  // namespace rolelab::analyzer::detail
