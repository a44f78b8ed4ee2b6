// libFuzzer target: any bytes as console lines (a script of up to 24 lines)
// against a fixed world with every kind of role, so the fuzzer explores
// commands, options, quoting, $TOKEN / $SAML values and JWT-shaped web
// identity tokens rather than world files (fuzz_world does those).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "console/console.h"
#include "fuzz_world_fixture.h"

namespace {

const char* kWorld = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {
  "111111111111": {
    "users": {"alice": {"mfa": true, "tags": {"team": "blue"}, "policies": [{"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["sts:*", "iam:*", "s3:*", "ec2:*", "lambda:*"], "Resource": "*"}]}]},
      "bob": {}},
    "roles": {
      "Dev": {"maxSessionDuration": 7200, "trustPolicy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]}]},
        "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "sts:AssumeRole"], "Resource": "*"}]}]},
      "Deploy": {"trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Federated": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/*"}}}]}},
      "Sso": {"trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Federated": "arn:aws:iam::111111111111:saml-provider/CorpIdP"}, "Action": "sts:AssumeRoleWithSAML"}]}},
      "Fn": {"trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": ["lambda.amazonaws.com", "ec2.amazonaws.com"]}, "Action": "sts:AssumeRole"}]}},
      "AWSServiceRoleForAutoScaling": {"serviceLinked": "autoscaling.amazonaws.com"}},
    "oidcProviders": {"token.actions.githubusercontent.com": {"clientIds": ["sts.amazonaws.com"]}},
    "samlProviders": {"CorpIdP": {}},
    "buckets": {"data": {"objects": {"a/b.txt": "hello"}}},
    "instances": {"i-1": {"role": "Fn"}, "i-2": {}},
    "functions": {"f": {"role": "Fn"}}}}})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rolelab::Simulator sim(rolelab::fuzz::fixed_world(kWorld), 1);
  rolelab::Console console(sim);
  (void)console.execute("as alice");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  int lines = 0;
  while (!text.empty() && lines++ < 24) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    (void)console.execute(line);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  return 0;
}
