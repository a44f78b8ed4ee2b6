// Principal and NotPrincipal: which policy types may have one, the principal
// types and value formats IAM accepts (AWS, Service, Federated, CanonicalUser),
// NotPrincipal's traps, and assumed-role principals a trust policy's role
// principal already covers.
#include "analyzer/checker.h"

#include <algorithm>

namespace rolelab::analyzer::detail {

void Checker::principal(const Node& s, const Path& path, StatementInfo& st) {
  const NodeMember* p = s.find_member("Principal");
  const NodeMember* np = s.find_member("NotPrincipal");
  const NodeMember* m = p ? p : np;
  if (type_ == PolicyType::Identity) {
    if (m)
      add(FindingType::Error, "UNSUPPORTED_PRINCIPAL",
          "The policy type IDENTITY_POLICY does not support the " + m->key +
              " element: an identity policy applies to the identity it is attached to. Remove it.",
          path + key(m->key), m->key_span);
    return;
  }
  if (type_ == PolicyType::ServiceControl) {
    if (m)
      add(FindingType::Error, "SCP_SYNTAX_ERROR_PRINCIPAL",
          "The " + m->key + " element is not supported in a service control policy. Remove it.", path + key(m->key),
          m->key_span);
    return;
  }
  if (!m) {
    if (type_ == PolicyType::Resource)
      add(FindingType::Error, "MISSING_PRINCIPAL",
          "Add a Principal element to the policy statement: a resource policy must say who it applies to.", path,
          brace_span(s));
    return;
  }
  Path pp = path + val(m->key);
  st.principal = &m->value;
  st.principal_path = pp;
  if (np) {
    if (trust_) {
      add(FindingType::Error, "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
          "Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.",
          path + key("NotPrincipal"), np->key_span);
    } else if (st.allow && st.effect_known) {
      add(FindingType::SecurityWarning, "ALLOW_WITH_NOT_PRINCIPAL",
          "Using Allow with NotPrincipal can be overly permissive: it allows every principal except the ones listed. "
          "We recommend that you use Principal instead.",
          path + key("NotPrincipal"), np->key_span);
    }
  }
  const Node& v = m->value;
  if (v.is_string()) {
    if (v.text != "*") {
      add(FindingType::Error, "INVALID_PRINCIPAL_FORMAT",
          "The Principal element value " + v.text + " is not valid: use \"*\" or an object such as {\"AWS\": \"...\"}.", pp,
          v.span);
    } else if (trust_ && p) {
      add(FindingType::Error, "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
          "\"Principal\": \"*\" is not supported in the principal element of a role trust policy. Replace the wildcard "
          "with a valid principal value.",
          pp, v.span);
    }
    st.principals.push_back({"*", {&v, pp}});
    return;
  }
  if (!v.is_object()) {
    add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type Object.", pp, v.span);
    return;
  }
  if (v.members.empty()) {
    add(FindingType::Suggestion, "EMPTY_OBJECT_PRINCIPAL",
        "This statement includes no principals and does not affect the policy. Specify principals.", pp, v.span);
    return;
  }
  for (const NodeMember& e : v.members) {
    Path ep = pp + val(e.key);
    if (e.key != "AWS" && e.key != "Service" && e.key != "Federated" && e.key != "CanonicalUser") {
      add(FindingType::Error, "INVALID_PRINCIPAL_KEY",
          "The principal key " + e.key + " is not valid. Use AWS, Service, Federated or CanonicalUser.", pp + key(e.key),
          e.key_span);
      continue;
    }
    if (empty_array(e.value, ep, "EMPTY_ARRAY_PRINCIPAL", "principals")) continue;
    std::vector<Item> items = items_of(e.value, ep);
    if (!strings_only(items)) continue;
    for (const Item& it : items) {
      principal_value(e.key, it);
      st.principals.push_back({e.key, it});
    }
  }
  if (trust_) redundant_principals(st);
}

bool Checker::is_account_id(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void Checker::principal_value(const std::string& type, const Item& it) {
  const std::string& v = it.node->text;
  if (type == "AWS") {
    if (v == "*" || is_account_id(v)) return;
    bool ok = false;
    if (starts_with_ci(v, "arn:")) {
      std::vector<std::string> parts;
      std::size_t from = 0;
      for (int k = 0; k < 5; ++k) {
        std::size_t c = v.find(':', from);
        if (c == std::string::npos) break;
        parts.push_back(v.substr(from, c - from));
        from = c + 1;
      }
      ok = parts.size() == 5 && (parts[2] == "iam" || parts[2] == "sts") && (is_account_id(parts[4]) || parts[4] == "*" ||
                                                                             has_wildcard(parts[4]));
    }
    if (!ok)
      add(FindingType::Error, "INVALID_PRINCIPAL_FORMAT",
          "The AWS principal " + v +
              " is not valid. Use an account ID, an account root ARN (arn:aws:iam::111122223333:root), or an IAM user, "
              "role or assumed-role session ARN.",
          it.path, it.node->span);
  } else if (type == "Service") {
    bool ok = !v.empty() && v.find(':') == std::string::npos && v.find('/') == std::string::npos &&
              v.find('.') != std::string::npos && !has_wildcard(v);
    if (!ok)
      add(FindingType::Error, "INVALID_SERVICE_PRINCIPAL_FORMAT",
          "The service principal " + v + " is not valid. A service principal looks like service.amazonaws.com.", it.path,
          it.node->span);
  } else if (type == "Federated" && trust_) {
    static const char* bare[] = {"cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com",
                                 "www.amazon.com"};
    bool ok = false;
    for (const char* b : bare) ok = ok || v == b;
    if (!ok && starts_with_ci(v, "arn:")) {
      std::size_t provider = v.find(":saml-provider/");
      if (provider == std::string::npos) provider = v.find(":oidc-provider/");
      ok = provider != std::string::npos && v.find(":iam::") != std::string::npos;
    }
    if (!ok)
      add(FindingType::Error, "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
          "The federated principal " + v +
              " is not valid in a role trust policy. Use arn:aws:iam::ACCOUNT:saml-provider/NAME, "
              "arn:aws:iam::ACCOUNT:oidc-provider/HOST, or cognito-identity.amazonaws.com, accounts.google.com, "
              "graph.facebook.com or www.amazon.com.",
          it.path, it.node->span);
  }
}

void Checker::redundant_principals(const StatementInfo& st) {
  for (const auto& [type, it] : st.principals) {
    if (type != "AWS") continue;
    const std::string& v = it.node->text;
    std::size_t at = v.find(":assumed-role/");
    if (!starts_with_ci(v, "arn:") || at == std::string::npos) continue;
    std::size_t sts = v.find(":sts::");
    if (sts == std::string::npos) continue;
    std::string account = v.substr(sts + 6, at - (sts + 6));
    std::string rest = v.substr(at + 14);
    std::string role = rest.substr(0, rest.find('/'));
    for (const auto& [t2, other] : st.principals) {
      if (t2 != "AWS") continue;
      const std::string& o = other.node->text;
      std::string prefix = "arn:aws:iam::" + account + ":role/";
      if (starts_with_ci(o, prefix) && (o.size() > prefix.size()) &&
          iequals(o.substr(o.rfind('/') + 1), role)) {
        add(FindingType::Suggestion, "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
            "The assumed-role principal " + v + " is redundant with its parent role " + o +
                ". Remove the assumed-role principal.",
            it.path, it.node->span);
        break;
      }
    }
  }
}

}  // namespace rolelab::analyzer::detail
