// Inputs that once made a fuzz target fail (tests/fuzz-regressions/), replayed
// through the same calls the targets make, in every test run.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sts/sts.h"
#include "world/world.h"

using namespace rolelab;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("fuzz regressions: web identity tokens and SAML assertions") {
  const char* world = R"({"startTime": "2026-11-28T09:00:00Z", "accounts": {"333333333333": {
    "oidcProviders": {"accounts.google.com": {"clientIds": ["app.apps.googleusercontent.com"]}},
    "roles": {"Deploy": {"trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Federated": "accounts.google.com"},
      "Action": "sts:AssumeRoleWithWebIdentity"}]}}}}}})";
  WorldLoad w = load_world(world);
  REQUIRE(w.ok);
  int replayed = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(ROLELAB_SOURCE_DIR) + "/tests/fuzz-regressions/federation")) {
    Simulator sim(w.world, 1);
    const std::string token = read_file(e.path());
    auto r = sim.assume_role_with_web_identity({"arn:aws:iam::333333333333:role/Deploy", "session", token, std::nullopt, std::nullopt, {}});
    CHECK((r.ok || !r.error.code.empty()));
    ++replayed;
  }
  CHECK(replayed >= 1);
  // The first finding, spelled out: an exp too large for any integer is a token that has not expired.
  Simulator sim(w.world, 1);
  auto r = sim.assume_role_with_web_identity(
      {"arn:aws:iam::333333333333:role/Deploy", "session",
       R"({"iss": "https://accounts.google.com", "aud": "app.apps.googleusercontent.com", "sub": "1", "exp": 179E860000})",
       std::nullopt, std::nullopt, {}});
  CHECK(r.ok);
  r = sim.assume_role_with_web_identity(
      {"arn:aws:iam::333333333333:role/Deploy", "session",
       R"({"iss": "https://accounts.google.com", "aud": "app.apps.googleusercontent.com", "sub": "1", "exp": -1e999})",
       std::nullopt, std::nullopt, {}});
  CHECK(r.error.code == "ExpiredTokenException");
}
