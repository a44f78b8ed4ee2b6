// The walk over one policy document: the top-level elements (Version, Id,
// Statement), each statement's elements in turn (each family of checks is in
// its checks_*.cpp), the checks across statements (unique Sids), and the order
// findings come back in (document order, as ValidatePolicy returns them).
#include "analyzer/checker.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace rolelab::analyzer::detail {

PathElement val(std::string s) { return {PathElement::Kind::Value, std::move(s), 0, 0}; }
PathElement idx(std::size_t i) { return {PathElement::Kind::Index, {}, static_cast<int>(i), 0}; }
PathElement key(std::string s) { return {PathElement::Kind::Key, std::move(s), 0, 0}; }

Path operator+(Path p, PathElement e) {
  p.push_back(std::move(e));
  return p;
}

// Invalid UTF-8 a learner typed is replaced, never thrown on (nlohmann's dump throws by default).
std::string quote(std::string_view s) {
  return nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<Item> items_of(const Node& n, const Path& path) {
  std::vector<Item> out;
  if (n.is_array()) {
    for (std::size_t i = 0; i < n.items.size(); ++i) out.push_back({&n.items[i], path + idx(i)});
  } else {
    out.push_back({&n, path});
  }
  return out;
}

bool has_wildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool is_detailed_simulated(std::string_view prefix) {
  const ServiceInfo* s = Catalogue::get().service(prefix);
  return s && s->detailed;
}

std::vector<Finding> Checker::run() {
  SpanParse parsed = parse_with_spans(text_);
  if (!parsed.ok) {
    add(FindingType::Error, "JSON_SYNTAX_ERROR", "Fix the JSON syntax error: " + parsed.error, {}, parsed.error_span);
    return std::move(out_);
  }
  const Node& root = parsed.root;
  if (!root.is_object()) {
    add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type Object.", {}, root.span);
    return std::move(out_);
  }
  size_check(root);
  duplicate_case_keys(root, {});
  const NodeMember* version = root.find_member("Version");
  if (!version) {
    add(FindingType::Warning, "MISSING_VERSION",
        "We recommend that you specify the Version element to help you with debugging permission issues. Add "
        "\"Version\": \"2012-10-17\"; without it, policy variables such as ${aws:username} are not replaced.",
        {}, brace_span(root));
  } else if (!version->value.is_string() ||
             (version->value.text != "2012-10-17" && version->value.text != "2008-10-17")) {
    add(FindingType::Error, "INVALID_VERSION",
        "The version " + (version->value.is_string() ? version->value.text : std::string("value")) +
            " is not supported. Use \"2012-10-17\", the current version of the policy language.",
        {val("Version")}, version->value.span);
  } else {
    variables_enabled_ = version->value.text == "2012-10-17";
  }
  for (const NodeMember& m : root.members) {
    if (m.key != "Version" && m.key != "Id" && m.key != "Statement")
      add(FindingType::Error, "INVALID_POLICY_ELEMENT",
          "The policy element " + m.key + " is not supported. A policy has Version, Id and Statement.", {key(m.key)},
          m.key_span);
  }
  const NodeMember* st = root.find_member("Statement");
  if (!st) {
    add(FindingType::Error, "MISSING_STATEMENT", "Add a statement to the policy: a policy has at least one statement.", {},
        brace_span(root));
  } else if (st->value.is_object()) {
    statement(st->value, {val("Statement")});
  } else if (st->value.is_array()) {
    if (st->value.items.empty())
      add(FindingType::Error, "MISSING_STATEMENT", "Add a statement to the policy: the Statement array is empty.",
          {val("Statement")}, st->value.span);
    for (std::size_t i = 0; i < st->value.items.size(); ++i) {
      const Node& s = st->value.items[i];
      if (!s.is_object()) {
        add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type Object.",
            {val("Statement"), idx(i)}, s.span);
        continue;
      }
      statement(s, {val("Statement"), idx(i)});
    }
  } else {
    add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type Array.",
        {val("Statement")}, st->value.span);
  }
  unique_sids();
  std::stable_sort(out_.begin(), out_.end(), [](const Finding& a, const Finding& b) {
    int oa = a.locations.empty() ? 0 : a.locations[0].span.start.offset;
    int ob = b.locations.empty() ? 0 : b.locations[0].span.start.offset;
    return oa < ob;
  });
  return std::move(out_);
}

Finding& Checker::add(FindingType t, const char* code, std::string details, Path path, Span span) {
  Finding f;
  f.type = t;
  f.issue_code = code;
  f.details = std::move(details);
  f.link = anchor_link(t, code);
  f.locations.push_back({std::move(path), span});
  out_.push_back(std::move(f));
  return out_.back();
}

// RoleLab's own checks link to the IAM page that explains the rule.
Finding& Checker::add_own(FindingType t, const char* code, std::string details, Path path, Span span, const char* link) {
  Finding& f = add(t, code, std::move(details), std::move(path), span);
  f.link = link;
  return f;
}

Span Checker::brace_span(const Node& n) {
  Span s;
  s.start = n.span.start;
  s.end = n.span.start;
  ++s.end.column, ++s.end.offset, ++s.end.byte;
  return s;
}

void Checker::duplicate_case_keys(const Node& n, const Path& path) {
  if (n.is_object()) {
    for (std::size_t i = 0; i < n.members.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (n.members[i].key != n.members[j].key && iequals(n.members[i].key, n.members[j].key)) {
          add(FindingType::Error, "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
              "The keys " + n.members[j].key + " and " + n.members[i].key +
                  " differ only in case; policy keys are case-insensitive here. Merge them into one.",
              path + key(n.members[i].key), n.members[i].key_span);
          break;
        }
      }
    }
    for (const NodeMember& m : n.members) duplicate_case_keys(m.value, path + val(m.key));
  } else if (n.is_array()) {
    for (std::size_t i = 0; i < n.items.size(); ++i) duplicate_case_keys(n.items[i], path + idx(i));
  }
}

void Checker::unique_sids() {
  for (std::size_t i = 0; i < sids_.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (sids_[i].first == sids_[j].first) {
        bool required = type_ == PolicyType::ServiceControl || type_ == PolicyType::ResourceControl;
        add(required ? FindingType::Error : FindingType::Warning, required ? "UNIQUE_SIDS_REQUIRED" : "UNIQUE_SIDS_RECOMMENDED",
            "Duplicate statement IDs are " + std::string(required ? "not supported for this policy type" : "not recommended") +
                ": the Sid " + sids_[i].first + " is used by another statement. Use unique values for Sid.",
            sids_[i].second.path, sids_[i].second.node->span);
        break;
      }
    }
  }
}

void Checker::statement(const Node& s, const Path& path) {
  StatementInfo st;
  st.node = &s;
  st.path = path;
  static const char* allowed[] = {"Sid",      "Effect",      "Principal",   "NotPrincipal", "Action",
                                  "NotAction", "Resource",   "NotResource", "Condition"};
  for (const NodeMember& m : s.members) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || m.key == a;
    if (!ok)
      add(FindingType::Error, "INVALID_POLICY_ELEMENT",
          "The policy element " + m.key + " is not supported in a statement. Use Sid, Effect, Principal, NotPrincipal, "
                                          "Action, NotAction, Resource, NotResource or Condition.",
          path + key(m.key), m.key_span);
  }
  if (const Node* sid = s.find("Sid")) {
    if (sid->is_string() && sid->text.empty())
      add(FindingType::Suggestion, "EMPTY_SID_VALUE", "Add a value to the empty string in the Sid element.", path + val("Sid"),
          sid->span);
    else if (sid->is_string())
      sids_.push_back({sid->text, {sid, path + val("Sid")}});
  }
  effect(s, path, st);
  actions(s, path, st);
  principal(s, path, st);
  resources(s, path, st);
  if (const Node* c = s.find("Condition")) {
    st.condition = c;
    st.condition_path = path + val("Condition");
  }
  conditions(st);
  if (trust_) trust_checks(st);
  if (type_ == PolicyType::Resource) service_principal_checks(st);
  pass_role(st);
  resource_mismatch(st);
  if (type_ == PolicyType::Identity && !st.not_action) condition_keys_set_by_actions(st);
}

void Checker::effect(const Node& s, const Path& path, StatementInfo& st) {
  const Node* e = s.find("Effect");
  if (!e) {
    add(FindingType::Error, "MISSING_EFFECT", "Add an Effect element to the statement with a value of Allow or Deny.", path,
        brace_span(s));
    return;
  }
  if (e->is_string() && (e->text == "Allow" || e->text == "Deny")) {
    st.allow = e->text == "Allow";
    st.effect_known = true;
    return;
  }
  Finding& f = add(FindingType::Error, "INVALID_EFFECT",
                   "The effect " + (e->is_string() ? e->text : std::string("value")) +
                       " is not valid. Use Allow or Deny (the values are case-sensitive).",
                   path + val("Effect"), e->span);
  if (e->is_string() && (iequals(e->text, "Allow") || iequals(e->text, "Deny"))) {
    std::string fixed = iequals(e->text, "Allow") ? "Allow" : "Deny";
    f.fix = Fix{e->span, quote(fixed), "Replace with " + fixed};
    st.allow = fixed == "Allow";
  }
}

bool Checker::empty_array(const Node& n, const Path& path, const char* code, const char* element) {
  if (n.is_array() && n.items.empty()) {
    add(FindingType::Suggestion, code,
        std::string("This statement includes no ") + element + " and does not affect the policy. Specify a value.", path,
        n.span);
    return true;
  }
  return false;
}

bool Checker::strings_only(const std::vector<Item>& items) {
  bool ok = true;
  for (const Item& it : items) {
    if (!it.node->is_string()) {
      add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type String.", it.path,
          it.node->span);
      ok = false;
    }
  }
  return ok;
}

}  // namespace rolelab::analyzer::detail

namespace rolelab::analyzer {

std::vector<Finding> validate_policy(std::string_view text, PolicyType type, std::optional<ResourceType> resource_type,
                                     const ValidateOptions& options) {
  if (type != PolicyType::Resource) resource_type.reset();
  return detail::Checker(text, type, resource_type, options).run();
}

}  // namespace rolelab::analyzer
