// Helpers of the account import (import_details.cpp): policy documents in
// either of the two forms get-account-authorization-details gives them, and
// the scan that refuses files holding secrets.
#pragma once

#include <optional>
#include <string>

#include "json/json.h"

namespace rolelab::import_detail {

// A policy document as JSON text. The AWS CLI decodes documents into JSON
// objects; the API (and SDKs that do not decode) returns them URL-encoded as
// RFC 3986 says ("Policies returned by this operation are URL-encoded",
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html).
// A string that already holds JSON is taken as it is. Nothing on error
// (`why` says what is wrong).
std::optional<std::string> document_text(const json::Value& v, std::string& why);

// RFC 3986 percent-decoding ("+" is not a space in RFC 3986). Nothing for a
// malformed escape.
std::optional<std::string> percent_decode(const std::string& s);

// The first place in the file that holds an access key or another secret:
// a member named like a credential field of the IAM or STS APIs
// (AccessKeyId, SecretAccessKey, SessionToken, AccessKeyMetadata, Password,
// ...) or a string that is an access key id (AKIA/ASIA + 16 characters).
// get-account-authorization-details never returns any of them.
struct SecretFound {
  std::string path;  // JSON pointer
  json::Pos pos;
  std::string what;  // the member name, or "an access key id"
};
std::optional<SecretFound> find_secret(const json::Value& root);

}  // namespace rolelab::import_detail
