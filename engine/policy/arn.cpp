#include "policy/arn.h"

#include <vector>

#include "json/json.h"

namespace rolelab {

std::string Arn::str() const { return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource; }

bool split_arn(std::string_view text, ArnParts& out) {
  std::string_view parts[5];
  std::size_t start = 0;
  for (int k = 0; k < 5; ++k) {
    std::size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) return false;
    parts[k] = text.substr(start, colon - start);
    start = colon + 1;
  }
  if (parts[0] != "arn") return false;
  out = ArnParts{parts[1], parts[2], parts[3], parts[4], text.substr(start)};
  return true;
}

std::optional<Arn> parse_arn(std::string_view text) {
  ArnParts parts;
  if (!split_arn(text, parts)) return std::nullopt;
  Arn a;
  a.partition = std::string(parts.partition);
  a.service = std::string(parts.service);
  a.region = std::string(parts.region);
  a.account = std::string(parts.account);
  a.resource = std::string(parts.resource);
  return a;
}

bool is_known_partition(std::string_view p) { return p == "aws" || p == "aws-cn" || p == "aws-us-gov"; }

bool is_account_id(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

namespace {

bool valid_name_char(char c) {
  // IAM user and role names: alphanumerics and +=,.@_- (reference_iam-quotas.html).
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '=' || c == ',' ||
         c == '.' || c == '@' || c == '_' || c == '-';
}

bool valid_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!valid_name_char(c)) return false;
  }
  return true;
}

// "path/to/name" after "user/" or "role/": splits into path "/path/to/" and name.
bool split_path_name(std::string_view rest, std::string& path, std::string& name) {
  std::size_t slash = rest.rfind('/');
  if (slash == std::string_view::npos) {
    json::set_text(path, "/");
    json::set_text(name, rest);
  } else {
    json::set_text(path, "/");
    path.append(rest.data(), slash + 1);
    json::set_text(name, rest.substr(slash + 1));
  }
  return valid_name(name);
}

bool is_service_principal(std::string_view s) {
  // lambda.amazonaws.com, ec2.amazonaws.com.cn, states.us-east-1.amazonaws.com
  auto ends_with = [&](std::string_view suffix) {
    return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  };
  if (!(ends_with(".amazonaws.com") || ends_with(".amazonaws.com.cn"))) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
  }
  return true;
}

}  // namespace

const char* principal_kind_name(PrincipalKind k) {
  switch (k) {
    case PrincipalKind::Invalid:
      return "invalid";
    case PrincipalKind::Account:
      return "account";
    case PrincipalKind::User:
      return "IAM user";
    case PrincipalKind::Role:
      return "IAM role";
    case PrincipalKind::AssumedRole:
      return "role session";
    case PrincipalKind::FederatedUser:
      return "federated user";
    case PrincipalKind::OidcProvider:
      return "OIDC provider";
    case PrincipalKind::SamlProvider:
      return "SAML provider";
    case PrincipalKind::Service:
      return "service";
    case PrincipalKind::Anonymous:
      return "anonymous";
  }
  return "?";
}

std::string Principal::account_root_arn() const { return "arn:" + partition + ":iam::" + account + ":root"; }

std::string Principal::principal_arn() const {
  switch (kind) {
    case PrincipalKind::AssumedRole:
      return "arn:" + partition + ":iam::" + account + ":role/" + name;
    case PrincipalKind::Account:
      return account_root_arn();
    default:
      return text;
  }
}

void parse_principal(std::string_view text, Principal& p) {
  // Every field is set; strings are assigned in the storage they have (a
  // batch parses each line's caller into the last line's, issue 12).
  p.kind = PrincipalKind::Invalid;
  json::set_text(p.text, text);
  json::set_text(p.partition, "aws");
  p.account.clear();
  p.path.clear();
  p.name.clear();
  p.session.clear();
  p.error.clear();
  if (text == "*") {
    p.kind = PrincipalKind::Anonymous;
    return;
  }
  if (is_account_id(text)) {
    p.kind = PrincipalKind::Account;
    json::set_text(p.account, text);
    return;
  }
  if (is_service_principal(text)) {
    p.kind = PrincipalKind::Service;
    json::set_text(p.name, text);
    return;
  }
  ArnParts arn;
  if (!split_arn(text, arn)) {
    p.error = "'" + std::string(text) + "' is neither an ARN, a 12-digit account id nor a service principal.";
    return;
  }
  json::set_text(p.partition, arn.partition);
  json::set_text(p.account, arn.account);
  if (!is_known_partition(arn.partition)) {
    p.error = "Unknown partition '" + std::string(arn.partition) + "' (expected aws, aws-cn or aws-us-gov).";
    return;
  }
  if (!is_account_id(arn.account)) {
    p.error = "The account id '" + std::string(arn.account) + "' is not 12 digits.";
    return;
  }
  if (!arn.region.empty()) {
    p.error = "IAM and STS principal ARNs have an empty region field.";
    return;
  }
  const std::string_view r = arn.resource;
  auto starts = [&](std::string_view prefix) { return r.substr(0, prefix.size()) == prefix; };
  if (arn.service == "iam") {
    if (r == "root") {
      p.kind = PrincipalKind::Account;
    } else if (starts("user/")) {
      if (split_path_name(r.substr(5), p.path, p.name)) p.kind = PrincipalKind::User;
    } else if (starts("role/")) {
      if (split_path_name(r.substr(5), p.path, p.name)) p.kind = PrincipalKind::Role;
    } else if (starts("oidc-provider/")) {
      json::set_text(p.name, r.substr(14));
      if (!p.name.empty()) p.kind = PrincipalKind::OidcProvider;
    } else if (starts("saml-provider/")) {
      json::set_text(p.name, r.substr(14));
      if (valid_name(p.name)) p.kind = PrincipalKind::SamlProvider;
    }
  } else if (arn.service == "sts") {
    if (starts("assumed-role/")) {
      std::string_view rest = r.substr(13);
      std::size_t slash = rest.find('/');
      if (slash != std::string_view::npos) {
        json::set_text(p.name, rest.substr(0, slash));
        json::set_text(p.session, rest.substr(slash + 1));
        json::set_text(p.path, "/");
        if (valid_name(p.name) && valid_name(p.session)) p.kind = PrincipalKind::AssumedRole;
      }
    } else if (starts("federated-user/")) {
      json::set_text(p.name, r.substr(15));
      if (valid_name(p.name)) p.kind = PrincipalKind::FederatedUser;
    }
  }
  if (p.kind == PrincipalKind::Invalid) {
    p.error = "'" + std::string(text) + "' is not a user, role, role session, federated user, provider or account ARN.";
  }
}

Principal parse_principal(std::string_view text) {
  Principal p;
  parse_principal(text, p);
  return p;
}

}  // namespace rolelab
