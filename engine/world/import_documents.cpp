#include "world/import_documents.h"

#include <cctype>
#include <set>

namespace rolelab::import_detail {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Credential fields of the IAM and STS APIs (CreateAccessKey's AccessKey,
// ListAccessKeys' AccessKeyMetadata, AssumeRole's Credentials, login
// profiles' Password, service-specific credentials, SSH/X.509 material).
const std::set<std::string, std::less<>> kSecretKeys = {
    "AccessKeyId",  "SecretAccessKey",          "SessionToken",          "AccessKeyMetadata",
    "AccessKey",    "Credentials",              "Password",              "ServicePassword",
    "PrivateKey",   "ServiceSpecificCredential", "ServiceSpecificCredentials", "CertificateBody",
    "SSHPublicKeyBody"};

bool is_access_key_id(const std::string& s) {
  // AKIA (long-term) or ASIA (temporary) + 16 upper-case letters or digits
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
  if (s.size() != 20 || (s.compare(0, 4, "AKIA") != 0 && s.compare(0, 4, "ASIA") != 0)) return false;
  for (char c : s) {
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<SecretFound> scan(const json::Value& v, const std::string& path) {
  if (v.is_string() && is_access_key_id(v.text)) return SecretFound{path, v.pos, "an access key id"};
  for (std::size_t k = 0; k < v.items.size(); ++k) {
    if (auto f = scan(v.items[k], json::pointer_append(path, k))) return f;
  }
  for (const json::Member& m : v.members) {
    std::string p = json::pointer_append(path, m.key);
    if (kSecretKeys.count(m.key)) return SecretFound{p, m.key_pos, m.key};
    if (auto f = scan(m.value, p)) return f;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> percent_decode(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::optional<std::string> document_text(const json::Value& v, std::string& why) {
  if (v.is_object()) return json::to_compact_string(v);
  if (!v.is_string()) {
    why = std::string("a policy document is a JSON object (AWS CLI) or a URL-encoded string (API), not ") +
          json::type_name(v.type) + ".";
    return std::nullopt;
  }
  std::size_t first = v.text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && v.text[first] == '{') return v.text;
  auto decoded = percent_decode(v.text);
  if (!decoded) why = "the URL-encoded policy document has a malformed %-escape.";
  return decoded;
}

std::optional<SecretFound> find_secret(const json::Value& root) { return scan(root, ""); }

}  // namespace rolelab::import_detail
