// Amazon Resource Names and the principals RoleLab knows
// (IAM User Guide, reference_identifiers.html; reference-arns.html).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rolelab {

struct Arn {
  std::string partition;  // aws, aws-cn, aws-us-gov
  std::string service;    // iam, sts, s3, ...
  std::string region;
  std::string account;
  std::string resource;  // everything after the fifth ':'

  std::string str() const;
};

// Splits "arn:partition:service:region:account:resource". Returns nothing when
// the text has fewer than six ':'-separated parts or does not start with "arn".
std::optional<Arn> parse_arn(std::string_view text);

// The same parts as views into text (no copies: for a quick look at an ARN).
struct ArnParts {
  std::string_view partition, service, region, account, resource;
};
bool split_arn(std::string_view text, ArnParts& out);

bool is_known_partition(std::string_view p);
bool is_account_id(std::string_view s);  // exactly 12 digits

enum class PrincipalKind {
  Invalid,
  Account,        // arn:aws:iam::123456789012:root or a bare account id
  User,           // arn:aws:iam::ACCT:user/path/name
  Role,           // arn:aws:iam::ACCT:role/path/name
  AssumedRole,    // arn:aws:sts::ACCT:assumed-role/ROLE/SESSION
  FederatedUser,  // arn:aws:sts::ACCT:federated-user/NAME
  OidcProvider,   // arn:aws:iam::ACCT:oidc-provider/HOST
  SamlProvider,   // arn:aws:iam::ACCT:saml-provider/NAME
  Service,        // lambda.amazonaws.com
  Anonymous,      // "*" (an unauthenticated caller)
};

struct Principal {
  PrincipalKind kind = PrincipalKind::Invalid;
  std::string text;       // as given
  std::string partition;  // aws by default for bare account ids
  std::string account;    // 12 digits where the kind has one
  std::string path;       // users and roles: "/" or "/dev/"
  std::string name;       // user, role, provider name, service, federated user
  std::string session;    // assumed-role session name
  std::string error;      // why it is Invalid

  // For an assumed-role session: the role ARN (path unknown, so "/"), which is
  // aws:PrincipalArn. For other kinds: the ARN itself.
  std::string principal_arn() const;
  std::string account_root_arn() const;  // arn:PARTITION:iam::ACCT:root
};

Principal parse_principal(std::string_view text);
// The same into p, every field set, in the storage its strings have.
void parse_principal(std::string_view text, Principal& p);

const char* principal_kind_name(PrincipalKind k);

}  // namespace rolelab
