// AssumeRoleWithWebIdentity and AssumeRoleWithSAML: federated identities put
// on a role's hat. The caller has no AWS credentials; the trust policy names
// the identity provider and conditions on the token's claims.
#include "json/base64.h"
#include "policy/condition.h"
#include "json/json.h"
#include "sts/sts.h"
#include "sts/sts_roles.h"
#include "sts/sts_validation.h"

namespace rolelab {

namespace {

// Providers AWS supports without an IAM OIDC provider entry
// (id_roles_providers_oidc.html; id_roles_create_for-idp_oidc.html).
bool builtin_web_provider(const std::string& host) {
  return host == "accounts.google.com" || host == "graph.facebook.com" || host == "www.amazon.com" ||
         host == "cognito-identity.amazonaws.com";
}

std::string strip_scheme(std::string s) {
  if (s.rfind("https://", 0) == 0) s = s.substr(8);
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

std::vector<std::string> string_or_list(const json::Value* v) {
  std::vector<std::string> out;
  if (!v) return out;
  if (v->is_string()) out.push_back(v->text);
  for (const json::Value& i : v->items) {
    if (i.is_string()) out.push_back(i.text);
  }
  return out;
}

}  // namespace

// The part both federations share once the token is accepted: the trust
// policy, the role's MaxSessionDuration, session policies, then credentials.
Session* Simulator::federated_session(const Caller& caller, Role& role, const char* action, const Context& ctx,
                                      const StsError& denied, std::optional<long long> duration_seconds,
                                      const std::optional<std::string>& policy, const std::vector<std::string>& policy_arns,
                                      const std::string& session_name, const std::string& created_by, int& packed,
                                      StsError& err) {
  if (!authorize(caller, action, role.arn, role.account, &role.trust.policy, ctx, err)) {
    if (err.code == "AccessDenied") err = denied;
    return nullptr;
  }
  const long long duration = duration_seconds.value_or(3600);
  if (duration > role.max_session_duration) {
    if (last_auth) last_auth->result.cause = DenialCause::SessionDuration;
    err = {"ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."};
    return nullptr;
  }
  std::optional<Policy> session_policy;
  if (!session_policies(role, policy, policy_arns, {}, session_policy, packed, err)) return nullptr;
  Session& s = issue_session(role, session_name, duration, created_by);
  s.session_policy = std::move(session_policy);
  return &s;
}

Simulator::Result Simulator::assume_role_with_web_identity(const WebIdentityRequest& req) {
  Result res;
  Caller caller{Caller::Kind::Federated, "", ""};
  nlohmann::ordered_json request = {{"roleArn", req.role_arn}, {"roleSessionName", req.role_session_name}};
  if (req.duration_seconds) request["durationSeconds"] = *req.duration_seconds;
  auto fail = [&](StsError e) {
    res.ok = false;
    res.error = std::move(e);
    record("sts.amazonaws.com", "AssumeRoleWithWebIdentity", caller, request, res);
    return res;
  };
  Validation v;
  v.length(req.role_arn, "roleArn", 20, 2048);
  v.session_name(req.role_session_name);
  v.length(req.web_identity_token, "webIdentityToken", 4, 20000);
  v.range(req.duration_seconds, "durationSeconds", 900, 43200);
  if (req.policy) v.length(*req.policy, "policy", 1, 2048);
  if (v.failed()) return fail(v.error());

  // The token: plain JSON claims, or a JWT whose payload holds them.
  const StsError not_jwt{"InvalidIdentityToken",
                         "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)"};
  std::string claims_text = req.web_identity_token;
  if (claims_text.front() != '{') {
    std::size_t dot = claims_text.find('.');
    std::size_t dot2 = dot == std::string::npos ? dot : claims_text.find('.', dot + 1);
    if (dot == std::string::npos) return fail(not_jwt);
    auto payload = base64_decode(
        std::string_view(claims_text).substr(dot + 1, dot2 == std::string::npos ? std::string::npos : dot2 - dot - 1));
    if (!payload) return fail(not_jwt);
    claims_text = *payload;
  }
  json::ParseResult claims = json::parse(claims_text, json::Limits{64 * 1024, 16});
  if (!claims.ok || !claims.value.is_object() || !claims.value.find("iss") || !claims.value.find("iss")->is_string())
    return fail(not_jwt);
  const json::Value& c = claims.value;
  const std::string iss = c.find("iss")->text;
  const std::string host = strip_scheme(iss);
  const std::vector<std::string> aud = string_or_list(c.find("aud"));
  const std::string sub = c.find("sub") && c.find("sub")->is_string() ? c.find("sub")->text : "";
  request["providerId"] = iss;

  const Role* other_path = nullptr;
  Role* role = role_by_arn(world, req.role_arn, &other_path);
  const StsError denied{"AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"};
  if (!role) {
    last_auth = missing_role_decision("sts:AssumeRoleWithWebIdentity", req.role_arn, other_path);
    return fail(denied);
  }
  Account* acct = world.account(role->account);
  std::string provider = host;
  std::string audience = aud.empty() ? "" : aud.front();
  if (!builtin_web_provider(host)) {
    auto p = acct->oidc_providers.find(host);
    if (p == acct->oidc_providers.end())
      return fail({"InvalidIdentityToken", "No OpenIDConnect provider found in your account for " + iss});
    provider = "arn:aws:iam::" + role->account + ":oidc-provider/" + host;
    bool match = false;
    for (const std::string& a : aud) {
      for (const std::string& id : p->second) {
        if (a == id) match = true, audience = a;
      }
    }
    if (!match) return fail({"InvalidIdentityToken", "Incorrect token audience"});
  }
  caller.arn = provider;
  // exp must be a NumericDate (RFC 7519, section 4.1.4): a token whose exp is a
  // string, or any other non-number, is refused, not taken as never expiring.
  if (const json::Value* exp = c.find("exp"); exp && !exp->is_number()) {
    return fail({"InvalidIdentityToken", "The ID Token provided is not a valid JWT: the exp claim must be a number "
                                         "(seconds since the epoch)."});
  }
  if (const json::Value* exp = c.find("exp"); exp && exp->is_number()) {
    long long now_s = clock.now() / 1000;
    // IAM accepts a JWT up to five minutes past its exp, for clock skew, as
    // OIDC Core 1.0 allows (IAM User Guide, id_roles_providers_oidc.html, note
    // on the exp claim). Compared as doubles: "exp": 1e999 (inf) is a token
    // that never expires, not a number to squeeze into an integer (found by fuzz_federation).
    constexpr double kClockSkewSeconds = 5 * 60;
    if (static_cast<double>(now_s) > exp->number + kClockSkewSeconds) {
      return fail({"ExpiredTokenException", "Token expired: current date/time " + std::to_string(now_s) +
                                                " must be before the expiration date/time " + exp->text});
    }
  }
  // Claims become condition keys: <provider>:aud, :sub, :amr, and the others.
  Context ctx;
  ctx.set(host + ":aud", audience);
  if (!sub.empty()) ctx.set(host + ":sub", sub);
  for (const json::Member& m : c.members) {
    if (m.key == "aud" || m.key == "sub" || m.key == "iss") continue;
    if (m.value.is_string())
      ctx.set(host + ":" + m.key, m.value.text);
    else if (m.value.is_array())
      ctx.set(host + ":" + m.key, string_or_list(&m.value), true);
  }
  ctx.set("aws:FederatedProvider", provider);
  StsError err;
  int packed = 0;
  Session* sp = federated_session(caller, *role, "sts:AssumeRoleWithWebIdentity", ctx, denied, req.duration_seconds, req.policy,
                                  req.policy_arns, req.role_session_name, provider, packed, err);
  if (!sp) return fail(err);
  Session& s = *sp;
  res.ok = true;
  nlohmann::ordered_json creds = credentials_output(s);
  res.output["Credentials"] = creds["Credentials"];
  res.output["SubjectFromWebIdentityToken"] = sub;
  res.output["AssumedRoleUser"] = creds["AssumedRoleUser"];
  if (req.policy || !req.policy_arns.empty()) res.output["PackedPolicySize"] = packed;
  res.output["Provider"] = iss;
  res.output["Audience"] = audience;
  record("sts.amazonaws.com", "AssumeRoleWithWebIdentity", caller, request, res);
  return res;
}

Simulator::Result Simulator::assume_role_with_saml(const SamlRequest& req) {
  Result res;
  Caller caller{Caller::Kind::Federated, req.principal_arn, ""};
  nlohmann::ordered_json request = {{"roleArn", req.role_arn}, {"principalArn", req.principal_arn}};
  if (req.duration_seconds) request["durationSeconds"] = *req.duration_seconds;
  auto fail = [&](StsError e) {
    res.ok = false;
    res.error = std::move(e);
    record("sts.amazonaws.com", "AssumeRoleWithSAML", caller, request, res);
    return res;
  };
  Validation v;
  v.length(req.role_arn, "roleArn", 20, 2048);
  v.length(req.principal_arn, "principalArn", 20, 2048);
  v.length(req.saml_assertion, "sAMLAssertion", 4, 100000);
  v.range(req.duration_seconds, "durationSeconds", 900, 43200);
  if (req.policy) v.length(*req.policy, "policy", 1, 2048);
  if (v.failed()) return fail(v.error());

  std::string text = req.saml_assertion;
  if (text.front() != '{') {
    auto decoded = base64_decode(text);
    if (!decoded) return fail({"InvalidIdentityToken", "Invalid base64 SAMLResponse"});
    text = *decoded;
  }
  json::ParseResult a = json::parse(text, json::Limits{128 * 1024, 16});
  if (!a.ok || !a.value.is_object()) {
    return fail({"InvalidIdentityToken",
                 "Invalid SAML assertion (RoleLab simulates assertions as JSON: issuer, audience, subject, "
                 "subjectType, notOnOrAfter, attributes)"});
  }
  const json::Value& as = a.value;
  auto field = [&](const char* k) {
    const json::Value* f = as.find(k);
    return f && f->is_string() ? f->text : std::string();
  };
  const Role* other_path = nullptr;
  Role* role = role_by_arn(world, req.role_arn, &other_path);
  Principal provider = parse_principal(req.principal_arn);
  Account* acct = role ? world.account(role->account) : nullptr;
  if (!role && other_path) {  // the role exists, at another path: AWS answers as for any unknown role ARN
    last_auth = missing_role_decision("sts:AssumeRoleWithSAML", req.role_arn, other_path);
    return fail({"AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML"});
  }
  if (provider.kind != PrincipalKind::SamlProvider || !acct || provider.account != role->account ||
      !acct->saml_providers.count(provider.name)) {
    return fail({"InvalidIdentityToken", "Specified provider doesn't exist."});
  }
  const StsError denied{"AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML"};
  // The assertion must offer this role and provider pair.
  const json::Value* attrs = as.find("attributes");
  std::vector<std::string> pairs = string_or_list(attrs ? attrs->find("https://aws.amazon.com/SAML/Attributes/Role") : nullptr);
  bool offered = false;
  for (const std::string& p : pairs) {
    offered = offered || p == role->arn + "," + req.principal_arn || p == req.principal_arn + "," + role->arn;
  }
  if (!offered) {
    // Refused before the trust policy is read: record why, for `explain` and the attempt panel.
    Authorization auth;
    auth.action = "sts:AssumeRoleWithSAML";
    auth.resource = role->arn;
    auth.result.decision = Decision::ImplicitlyDenied;
    auth.result.cause = DenialCause::TrustRelationship;
    auth.result.denied_by = PolicyKind::Trust;
    std::string offers;
    for (const std::string& p : pairs) offers += (offers.empty() ? "" : "; ") + p;
    auth.result.summary =
        "Denied: the assertion's https://aws.amazon.com/SAML/Attributes/Role attribute must hold the pair " + role->arn + "," +
        req.principal_arn + " (role ARN, provider ARN) for STS to issue this role, and it holds " +
        (offers.empty() ? std::string("no pair") : offers) +
        ". Map this user to the role in the identity provider, with both ARNs exactly (id_roles_providers_create_saml_assertions.html).";
    last_auth = std::move(auth);
    return fail(denied);
  }
  std::vector<std::string> names = string_or_list(attrs->find("https://aws.amazon.com/SAML/Attributes/RoleSessionName"));
  // Simulated wording (assertions are simulated JSON): not checked against live STS.
  if (names.empty()) return fail({"InvalidIdentityToken", "The SAML assertion has no RoleSessionName attribute"});
  Validation nv;
  nv.session_name(names.front());
  if (nv.failed()) return fail(nv.error());
  if (std::string until = field("notOnOrAfter"); !until.empty()) {
    auto t = parse_date(until);
    if (t && clock.now() >= *t) {
      return fail({"ExpiredTokenException", "Token expired: current date/time " + std::to_string(clock.now() / 1000) +
                                                " must be before the expiration date/time " + std::to_string(*t / 1000)});
    }
  }
  Context ctx;
  ctx.set("SAML:aud", field("audience"));
  ctx.set("SAML:sub", field("subject"));
  ctx.set("SAML:sub_type", field("subjectType").empty() ? "persistent" : field("subjectType"));
  ctx.set("SAML:iss", field("issuer"));
  for (const json::Member& m : attrs->members) {
    if (m.key.rfind("https://aws.amazon.com/SAML/Attributes/", 0) == 0) continue;
    ctx.set("SAML:" + m.key, string_or_list(&m.value), m.value.is_array());
  }
  StsError err;
  int packed = 0;
  Session* sp = federated_session(caller, *role, "sts:AssumeRoleWithSAML", ctx, denied, req.duration_seconds, req.policy,
                                  req.policy_arns, names.front(), req.principal_arn, packed, err);
  if (!sp) return fail(err);
  Session& s = *sp;
  res.ok = true;
  nlohmann::ordered_json creds = credentials_output(s);
  res.output["Credentials"] = creds["Credentials"];
  res.output["AssumedRoleUser"] = creds["AssumedRoleUser"];
  if (req.policy || !req.policy_arns.empty()) res.output["PackedPolicySize"] = packed;
  res.output["Subject"] = field("subject");
  res.output["SubjectType"] = field("subjectType").empty() ? "persistent" : field("subjectType");
  res.output["Issuer"] = field("issuer");
  res.output["Audience"] = field("audience");
  res.output["NameQualifier"] = base64_encode(field("issuer") + role->account + "/" + provider.name).substr(0, 28);
  record("sts.amazonaws.com", "AssumeRoleWithSAML", caller, request, res);
  return res;
}

}  // namespace rolelab
