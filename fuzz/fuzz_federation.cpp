// libFuzzer target: any bytes as a web identity token (a JWT, base64url
// header.payload.signature, or plain JSON claims) and as a SAML assertion
// (JSON or base64 of JSON): credentials, or STS's error code and message.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sts/sts.h"
#include "fuzz_world_fixture.h"

namespace {

const char* kWorld = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"333333333333": {
  "oidcProviders": {"token.actions.githubusercontent.com": {"clientIds": ["sts.amazonaws.com"]},
                    "accounts.google.com": {"clientIds": ["app.apps.googleusercontent.com"]}},
  "samlProviders": {"CorpIdP": {}},
  "roles": {
    "Deploy": {"trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Federated": ["arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com",
                                  "accounts.google.com"]},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/*"}}}]}},
    "Admin": {"trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::333333333333:saml-provider/CorpIdP"}, "Action": "sts:AssumeRoleWithSAML",
      "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}}}}}})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rolelab::Simulator sim(rolelab::fuzz::fixed_world(kWorld), 1);
  std::string input(reinterpret_cast<const char*>(data), size);
  auto web = sim.assume_role_with_web_identity(
      {"arn:aws:iam::333333333333:role/Deploy", "run-1", input, std::nullopt, std::nullopt, {}});
  if (!web.ok && (web.error.code.empty() || web.error.message.empty())) __builtin_trap();
  auto saml = sim.assume_role_with_saml({"arn:aws:iam::333333333333:role/Admin",
                                         "arn:aws:iam::333333333333:saml-provider/CorpIdP", input, std::nullopt,
                                         std::nullopt, {}});
  if (!saml.ok && (saml.error.code.empty() || saml.error.message.empty())) __builtin_trap();
  return 0;
}
