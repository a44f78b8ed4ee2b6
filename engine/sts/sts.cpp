#include "sts/sts.h"

#include <algorithm>
#include <cctype>

#include "sts/sts_roles.h"
#include "sts/sts_validation.h"
#include "policy/wildcard.h"

namespace rolelab {

namespace {

// Everything about the caller the policy engine needs.
struct Resolved {
  std::string arn;
  std::string account;
  std::vector<Policy> identity;
  std::optional<Policy> boundary;
  std::optional<Policy> session_policy;
  const Session* session = nullptr;
  Tags principal_tags;
  bool mfa = false;
  bool service_linked = false;
};

}  // namespace

Simulator::Simulator(World w, std::uint64_t seed)
    : world(std::move(w)), clock(world.start_time), ids(seed), user_key_ids_(seed ^ 0x4B45595300000000ULL) {
  // Unique ids for users (AIDA...) and roles (AROA...), in a stable order.
  for (const auto& [acct, a] : world.accounts) {
    for (const auto& [name, u] : a.users) entity_ids_[u.arn] = ids.key_id("AIDA", 17);
    for (const auto& [name, r] : a.roles) entity_ids_[r.arn] = ids.key_id("AROA", 17);
  }
  for (auto& [acct, a] : world.accounts) {
    for (const auto& [name, u] : a.users) access_key_id(u);
  }
}

// Every IAM user signs its calls with a long-term access key; CloudTrail
// puts its id in userIdentity.accessKeyId. Long-term key ids start with
// AKIA, temporary ones with ASIA (IAM User Guide, reference_identifiers.html#identifiers-unique-ids;
// CloudTrail userIdentity element, cloudtrail-event-reference-user-identity.html).
const std::string& Simulator::access_key_id(const User& u) {
  auto it = user_keys_.find(u.arn);
  if (it == user_keys_.end()) it = user_keys_.emplace(u.arn, user_key_ids_.key_id("AKIA", 16)).first;
  return it->second;
}

std::string Simulator::user_id(const User& u) const {
  auto it = entity_ids_.find(u.arn);
  return it == entity_ids_.end() ? "AIDA" : it->second;
}

std::string Simulator::role_id(const Role& r) const {
  auto it = entity_ids_.find(r.arn);
  return it == entity_ids_.end() ? "AROA" : it->second;
}

void Simulator::register_role(const Role& r) {
  if (!entity_ids_.count(r.arn)) entity_ids_[r.arn] = ids.key_id("AROA", 17);
}

const Session* Simulator::find_session(const std::string& key) const {
  // Newest first: a session name may be reused.
  for (auto it = sessions.rbegin(); it != sessions.rend(); ++it) {
    if (it->access_key_id == key || it->session_name == key || it->arn == key) return &*it;
  }
  return nullptr;
}

std::string Simulator::caller_arn(const Caller& c, const Simulator& sim) {
  if (c.kind == Caller::Kind::Session) {
    if (const Session* s = sim.find_session(c.access_key)) return s->arn;
  }
  return c.arn;
}

namespace {

bool resolve(Simulator& sim, const Caller& c, Resolved& out, StsError& error) {
  World& w = sim.world;
  auto load = [&](const Account& a, const std::vector<NamedPolicy>& inl, const std::vector<std::string>& att) {
    for (const Policy* p : w.identity_policies(a, inl, att)) out.identity.push_back(*p);
  };
  if (c.kind == Caller::Kind::Service || c.kind == Caller::Kind::Federated) {
    out.arn = c.arn;
    return true;
  }
  if (c.kind == Caller::Kind::User) {
    User* u = w.find_user(c.arn);
    if (!u) {
      error = {"InvalidClientTokenId", "The security token included in the request is invalid."};
      return false;
    }
    out.arn = u->arn;
    out.account = u->account;
    for (const Policy* p : w.user_policies(*w.account(u->account), *u)) out.identity.push_back(*p);  // and its groups'
    if (u->boundary) out.boundary = u->boundary->policy;
    out.principal_tags = u->tags;
    return true;
  }
  const Session* s = sim.find_session(c.access_key);
  if (!s) {
    error = {"InvalidClientTokenId", "The security token included in the request is invalid."};
    return false;
  }
  if (sim.expired(*s)) {
    error = {"ExpiredToken", "The security token included in the request is expired"};
    return false;
  }
  out.session = s;
  out.arn = s->arn;
  out.account = s->account;
  out.mfa = s->mfa;
  if (s->user_session) {  // GetSessionToken credentials act as the user itself
    const User* u = w.find_user(s->created_by);
    if (!u) {
      error = {"InvalidClientTokenId", "The security token included in the request is invalid."};
      return false;
    }
    for (const Policy* p : w.user_policies(*w.account(u->account), *u)) out.identity.push_back(*p);  // and its groups'
    if (u->boundary) out.boundary = u->boundary->policy;
    out.principal_tags = u->tags;
    return true;
  }
  const Account* a = w.account(s->account);
  auto it = a ? a->roles.find(s->role_name) : decltype(a->roles.end()){};
  if (a && it != a->roles.end()) {
    const Role& r = it->second;
    load(*a, r.policies, r.attached);
    if (r.boundary) out.boundary = r.boundary->policy;
    out.principal_tags = r.tags;
    out.service_linked = !r.service_linked.empty();
  }
  for (const auto& [k, v] : s->tags) out.principal_tags[k] = v;  // session tags override role tags
  out.session_policy = s->session_policy;
  return true;
}

void base_context(const Simulator& sim, const Resolved& who, Context& ctx) {
  ctx.set("aws:CurrentTime", format_iso8601(sim.clock.now()));
  ctx.set("aws:EpochTime", std::to_string(sim.clock.now() / 1000));
  for (const auto& [k, v] : who.principal_tags) ctx.set("aws:PrincipalTag/" + k, v);
  if (who.session) {
    ctx.set("aws:TokenIssueTime", format_iso8601(who.session->issued));
    ctx.set("aws:MultiFactorAuthPresent", who.mfa ? "true" : "false");
    if (!who.session->source_identity.empty()) ctx.set("aws:SourceIdentity", who.session->source_identity);
    ctx.set("aws:userid", who.session->assumed_role_id);
  }
}

PolicySet policy_set(const Simulator& sim, const Resolved& who, const Policy* resource_policy) {
  PolicySet ps;
  ps.identity = who.identity;
  ps.boundary = who.boundary;
  ps.session = who.session_policy;
  if (resource_policy) ps.resource = *resource_policy;
  auto scps = sim.world.scps.find(who.account);
  if (scps != sim.world.scps.end()) ps.scps = scps->second;
  ps.caller_is_service_linked_role = who.service_linked;
  return ps;
}

}  // namespace

bool Simulator::authorize(const Caller& caller, const std::string& action, const std::string& resource,
                          const std::string& resource_account, const Policy* resource_policy, const Context& extra,
                          StsError& error) {
  Resolved who;
  if (!resolve(*this, caller, who, error)) return false;
  // On the heap, kept by the Authorization: its trace points into both.
  auto evaluated = std::make_shared<EvaluatedRequest>();
  Request& r = evaluated->request;
  r.principal = who.arn;
  r.action = action;
  r.resource = resource;
  r.resource_account = resource_account;
  base_context(*this, who, r.context);
  for (const ContextEntry& e : extra.entries()) r.context.set(e.key, e.values, e.multi);
  evaluated->policies = policy_set(*this, who, resource_policy);
  Authorization auth;
  auth.action = action;
  auth.resource = resource;
  auth.result = evaluate(r, evaluated->policies, &auth.trace);
  auth.evaluated = std::move(evaluated);
  bool ok = auth.result.decision == Decision::Allowed;
  if (!ok) {
    error.code = "AccessDenied";
    error.message = access_denied_message(who.arn, action, resource, auth.result);
  }
  last_auth = std::move(auth);
  return ok;
}

Simulator::Result Simulator::assume_role(const Caller& caller, const AssumeRoleRequest& req) {
  Result res;
  nlohmann::ordered_json request = {{"roleArn", req.role_arn}, {"roleSessionName", req.role_session_name}};
  if (req.duration_seconds) request["durationSeconds"] = *req.duration_seconds;
  if (req.external_id) request["externalId"] = *req.external_id;
  auto fail = [&](StsError e) {
    res.ok = false;
    res.error = std::move(e);
    record("sts.amazonaws.com", "AssumeRole", caller, request, res);
    return res;
  };
  // 1. Parameter constraints (STS API reference), all reported together.
  Validation v;
  v.length(req.role_arn, "roleArn", 20, 2048);
  v.session_name(req.role_session_name);
  v.range(req.duration_seconds, "durationSeconds", 900, 43200);
  if (req.external_id) {
    v.length(*req.external_id, "externalId", 2, 1224);
    v.pattern(*req.external_id, "externalId", "[\\w+=,.@:\\/-]*", "+=,.@:/-");
  }
  if (req.policy) v.length(*req.policy, "policy", 1, 2048);
  if (req.policy_arns.size() > 10) v.add("[...]", "policyArns", "Member must have length less than or equal to 10");
  if (req.tags.size() > 50) v.add("[...]", "tags", "Member must have length less than or equal to 50");
  for (const auto& [k, val] : req.tags) {
    if (k.empty() || k.size() > 128) v.length(k, "tags.member.key", 1, 128);
    if (val.size() > 256) v.length(val, "tags.member.value", 0, 256);
  }
  if (req.source_identity) {
    v.length(*req.source_identity, "sourceIdentity", 2, 64);
    v.pattern(*req.source_identity, "sourceIdentity", "[\\w+=,.@-]*", "+=,.@-");
  }
  if (req.serial_number) v.length(*req.serial_number, "serialNumber", 9, 256);
  if (req.token_code) {
    v.length(*req.token_code, "tokenCode", 6, 6);
    v.pattern(*req.token_code, "tokenCode", "[\\d]*", "");
  }
  if (v.failed()) return fail(v.error());

  // 2. Who is calling (an expired session fails here).
  Resolved who;
  StsError err;
  if (!resolve(*this, caller, who, err)) return fail(err);

  // 3. MFA: the serial number must be the caller's device (any six digits pass: simulated).
  bool mfa = who.mfa;
  if (req.serial_number || req.token_code) {
    if (!req.serial_number || !req.token_code) {
      return fail({"ValidationError", "SerialNumber and TokenCode must be given together."});
    }
    const User* u = caller.kind == Caller::Kind::User ? world.find_user(caller.arn) : nullptr;
    std::string device = u ? "arn:aws:iam::" + u->account + ":mfa/" + u->name : "";
    if (!u || !u->mfa || *req.serial_number != device) {
      return fail({"AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. "});
    }
    mfa = true;
  }

  // 4. The role, by its full ARN (a missing role is reported as AccessDenied, as AWS does).
  const Role* other_path = nullptr;
  Role* role = role_by_arn(world, req.role_arn, &other_path);
  // 5. Authorisation: the trust policy and the caller's own policies.
  Context ctx;
  if (req.external_id) ctx.set("sts:ExternalId", *req.external_id);
  ctx.set("sts:RoleSessionName", req.role_session_name);
  if (mfa) ctx.set("aws:MultiFactorAuthPresent", "true");
  if (mfa && caller.kind == Caller::Kind::User) ctx.set("aws:MultiFactorAuthAge", "0");
  if (!req.tags.empty()) {
    std::vector<std::string> keys;
    for (const auto& [k, val] : req.tags) {
      ctx.set("aws:RequestTag/" + k, val);
      keys.push_back(k);
    }
    ctx.set("aws:TagKeys", keys, true);
  }
  if (!req.transitive_tag_keys.empty()) ctx.set("sts:TransitiveTagKeys", req.transitive_tag_keys, true);
  if (req.source_identity) ctx.set("sts:SourceIdentity", *req.source_identity);
  if (!role) {
    Authorization auth = missing_role_decision("sts:AssumeRole", req.role_arn, other_path);
    StsError missing{"AccessDenied", access_denied_message(who.arn, "sts:AssumeRole", req.role_arn, auth.result)};
    last_auth = std::move(auth);
    return fail(missing);
  }
  // AccessDenied names the policy type that denied (troubleshoot_access-denied.html);
  // the resource is the role ARN as the caller wrote it.
  if (!authorize(caller, "sts:AssumeRole", role->arn, role->account, &role->trust.policy, ctx, err)) {
    err.message = access_denied_message(who.arn, "sts:AssumeRole", req.role_arn, last_auth->result);
    return fail(err);
  }
  // Session tags and source identity need their own permission in the trust policy.
  if (!req.tags.empty() && !authorize(caller, "sts:TagSession", role->arn, role->account, &role->trust.policy, ctx, err)) {
    err.message = access_denied_message(who.arn, "sts:TagSession", req.role_arn, last_auth->result);
    return fail(err);
  }
  if (req.source_identity &&
      !authorize(caller, "sts:SetSourceIdentity", role->arn, role->account, &role->trust.policy, ctx, err)) {
    err.message = access_denied_message(who.arn, "sts:SetSourceIdentity", req.role_arn, last_auth->result);
    return fail(err);
  }

  // 6. Duration, in AWS's order: the role's MaxSessionDuration, then role chaining.
  const long long duration = req.duration_seconds.value_or(3600);
  if (duration > role->max_session_duration) {
    if (last_auth) last_auth->result.cause = DenialCause::SessionDuration;
    return fail({"ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."});
  }
  const bool chaining = who.session && !who.session->user_session;  // a role session assuming a role
  if (chaining && duration > 3600) {
    if (last_auth) last_auth->result.cause = DenialCause::SessionDuration;
    return fail({"ValidationError",
                 "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."});
  }

  // 7. Session policies: inline plus managed ARNs, as one session policy set.
  std::optional<Policy> session_policy;
  int packed = 0;
  if (!session_policies(*role, req.policy, req.policy_arns, req.tags, session_policy, packed, err)) return fail(err);

  // 8. Credentials on the simulated clock. What a role chain inherits is read
  // before the new session is stored (storing may move the calling one).
  Tags tags;
  for (const auto& [k, val] : req.tags) tags[k] = val;
  std::string source_identity = req.source_identity.value_or("");
  if (who.session) {
    // Transitive tags of the calling session carry over in a role chain, and so does the source identity.
    for (const std::string& k : who.session->transitive_tag_keys) {
      auto t = who.session->tags.find(k);
      if (t != who.session->tags.end() && !tags.count(k)) tags[k] = t->second;
    }
    if (source_identity.empty()) source_identity = who.session->source_identity;
  }
  who.session = nullptr;
  Session& s = issue_session(*role, req.role_session_name, duration, who.arn);
  s.session_policy = std::move(session_policy);
  s.tags = std::move(tags);
  s.transitive_tag_keys = req.transitive_tag_keys;
  s.source_identity = std::move(source_identity);
  s.mfa = mfa;

  res.ok = true;
  res.output = credentials_output(s);
  if (req.policy || !req.policy_arns.empty() || !req.tags.empty()) res.output["PackedPolicySize"] = packed;
  if (!s.source_identity.empty() && req.source_identity) res.output["SourceIdentity"] = s.source_identity;
  record("sts.amazonaws.com", "AssumeRole", caller, request, res);
  return res;
}

bool Simulator::session_policies(const Role& role, const std::optional<std::string>& inline_policy,
                                 const std::vector<std::string>& policy_arns,
                                 const std::vector<std::pair<std::string, std::string>>& tags, std::optional<Policy>& out,
                                 int& packed, StsError& error) const {
  int chars = 0;
  for (const auto& [k, val] : tags) chars += static_cast<int>(k.size() + val.size());
  if (inline_policy || !policy_arns.empty()) {
    Policy combined;
    combined.kind = PolicyKind::Session;
    combined.name = "session policy";
    combined.version = "2012-10-17";
    if (inline_policy) {
      ParseOptions opt;
      opt.kind = PolicyKind::Session;
      opt.name = "session policy";
      opt.check_limits = false;  // the 2,048 plaintext limit is a parameter check; the packed size is below
      ParsedPolicy p = parse_policy(*inline_policy, opt);
      if (!p.ok) {
        error = {"MalformedPolicyDocument", p.errors.front().message};
        return false;
      }
      chars += policy_size(*inline_policy);
      for (Statement& s : p.policy.statements) combined.statements.push_back(std::move(s));
    }
    const Account* ra = world.account(role.account);
    for (const std::string& arn : policy_arns) {
      const ManagedPolicy* mp = ra ? world.find_managed(*ra, arn) : nullptr;
      if (!mp) {
        // Simulated wording: not checked against live STS.
        error = {"InvalidParameterValue", "Policy " + arn + " does not exist or is not attachable."};
        return false;
      }
      for (const Statement& s : mp->doc.policy.statements) combined.statements.push_back(s);
      chars += static_cast<int>(arn.size());
    }
    out = std::move(combined);
  }
  // PackedPolicySize: how close the packed policies and tags are to STS's limit, in percent.
  packed = (chars * 100 + 2047) / 2048;
  if (packed > 100) {
    error = {"PackedPolicyTooLarge",
             "Packed policy consumes " + std::to_string(packed) + "% of allotted space, please use smaller policy."};
    return false;
  }
  return true;
}

void Simulator::new_keys(Session& s) {
  s.access_key_id = ids.key_id("ASIA", 16);  // temporary keys start with ASIA (reference_identifiers.html)
  s.secret_access_key = ids.secret(40);
  s.session_token = "IQoJb3JpZ2luX2VjE" + ids.secret(199);
}

Session& Simulator::issue_session(const Role& role, const std::string& session_name, long long duration_seconds,
                                  const std::string& created_by) {
  Session s;
  new_keys(s);
  s.account = role.account;
  s.role_name = role.name;
  s.role_arn = role.arn;
  s.session_name = session_name;
  s.arn = "arn:aws:sts::" + role.account + ":assumed-role/" + role.name + "/" + session_name;  // role path omitted
  s.assumed_role_id = role_id(role) + ":" + session_name;
  s.issued = clock.now();
  s.expires = clock.now() + duration_seconds * 1000;
  s.created_by = created_by;
  sessions.push_back(std::move(s));
  return sessions.back();
}

nlohmann::ordered_json Simulator::credentials_output(const Session& s) {
  return {{"Credentials",
           {{"AccessKeyId", s.access_key_id},
            {"SecretAccessKey", s.secret_access_key},
            {"SessionToken", s.session_token},
            {"Expiration", format_aws_cli_time(s.expires)}}},
          {"AssumedRoleUser", {{"AssumedRoleId", s.assumed_role_id}, {"Arn", s.arn}}}};
}

Simulator::Result Simulator::service_assume_role(const std::string& service, const std::string& role_arn,
                                                 const std::string& session_name, long long duration_seconds,
                                                 const std::string& source_arn, const std::string& source_account) {
  Result res;
  Caller caller{Caller::Kind::Service, service, ""};
  nlohmann::ordered_json request = {{"roleArn", role_arn}, {"roleSessionName", session_name}};
  Role* role = world.find_role(role_arn);
  StsError err;
  Context ctx;
  if (!source_arn.empty()) ctx.set("aws:SourceArn", source_arn);
  if (!source_account.empty()) ctx.set("aws:SourceAccount", source_account);
  if (!role || !authorize(caller, "sts:AssumeRole", role->arn, role->account, &role->trust.policy, ctx, err)) {
    EvalResult why;
    if (role && last_auth) why = last_auth->result;
    if (!role) why.denied_by = PolicyKind::Trust;
    res.error = {"AccessDenied", access_denied_message(service, "sts:AssumeRole", role_arn, why)};
    record("sts.amazonaws.com", "AssumeRole", caller, request, res);
    return res;
  }
  const Session& s = issue_session(*role, session_name, duration_seconds, service);
  res.ok = true;
  res.output = credentials_output(s);
  record("sts.amazonaws.com", "AssumeRole", caller, request, res);
  return res;
}

Simulator::Result Simulator::get_caller_identity(const Caller& caller) {
  Result res;
  Resolved who;
  StsError err;
  if (!resolve(*this, caller, who, err)) {
    res.error = err;
    record("sts.amazonaws.com", "GetCallerIdentity", caller, nlohmann::ordered_json::object(), res);
    return res;
  }
  // sts:GetCallerIdentity needs no permission and cannot be denied (API_GetCallerIdentity.html).
  res.ok = true;
  if (who.session) {
    res.output = {
        {"UserId", who.session->assumed_role_id}, {"Account", who.account}, {"Arn", who.arn}};  // AIDA... for user sessions
  } else if (caller.kind == Caller::Kind::User) {
    const User* u = world.find_user(caller.arn);
    res.output = {{"UserId", user_id(*u)}, {"Account", who.account}, {"Arn", who.arn}};
  } else {
    res.ok = false;
    res.error = {"InvalidClientTokenId", "The security token included in the request is invalid."};
  }
  record("sts.amazonaws.com", "GetCallerIdentity", caller, nlohmann::ordered_json::object(), res);
  return res;
}

Simulator::Result Simulator::get_session_token(const Caller& caller, std::optional<long long> duration_seconds,
                                               const std::optional<std::string>& serial_number,
                                               const std::optional<std::string>& token_code) {
  Result res;
  nlohmann::ordered_json request = nlohmann::ordered_json::object();
  if (duration_seconds) request["durationSeconds"] = *duration_seconds;
  auto fail = [&](StsError e) {
    res.error = std::move(e);
    record("sts.amazonaws.com", "GetSessionToken", caller, request, res);
    return res;
  };
  Validation v;
  v.range(duration_seconds, "durationSeconds", 900, 129600);  // IAM users: 15 minutes to 36 hours; default 12 hours
  if (serial_number) v.length(*serial_number, "serialNumber", 9, 256);
  if (token_code) {
    v.length(*token_code, "tokenCode", 6, 6);
    v.pattern(*token_code, "tokenCode", "[\\d]*", "");
  }
  if (v.failed()) return fail(v.error());
  if (caller.kind != Caller::Kind::User) {
    // Role sessions cannot call GetSessionToken.
    return fail({"AccessDenied", "Cannot call GetSessionToken with session credentials"});
  }
  const User* u = world.find_user(caller.arn);
  if (!u) return fail({"InvalidClientTokenId", "The security token included in the request is invalid."});
  bool mfa = false;
  if (serial_number || token_code) {
    if (!serial_number || !token_code || !u->mfa || *serial_number != "arn:aws:iam::" + u->account + ":mfa/" + u->name) {
      return fail({"AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. "});
    }
    mfa = true;
  }
  Session s;
  new_keys(s);
  s.account = u->account;
  s.arn = u->arn;
  s.session_name = u->name;
  s.assumed_role_id = user_id(*u);
  s.issued = clock.now();
  s.expires = clock.now() + duration_seconds.value_or(43200) * 1000;
  s.mfa = mfa;
  s.created_by = u->arn;
  s.user_session = true;
  sessions.push_back(s);
  res.ok = true;
  res.output = {{"Credentials", credentials_output(s)["Credentials"]}};
  record("sts.amazonaws.com", "GetSessionToken", caller, request, res);
  return res;
}

void Simulator::record(const std::string& source, const std::string& name, const Caller& caller, nlohmann::ordered_json request,
                       const Result& result) {
  // CloudTrail-shaped event (awscloudtrail userguide, cloudtrail-event-reference-record-contents.html).
  nlohmann::ordered_json e;
  e["eventVersion"] = "1.08";
  e["eventTime"] = format_iso8601(clock.now());
  e["eventSource"] = source;
  e["eventName"] = name;
  e["awsRegion"] = "us-east-1";
  nlohmann::ordered_json identity;
  if (caller.kind == Caller::Kind::Service) {
    identity = {{"type", "AWSService"}, {"invokedBy", caller.arn}};
  } else if (caller.kind == Caller::Kind::Federated) {
    identity = {{"type", caller.arn.find("saml-provider") != std::string::npos ? "SAMLUser" : "WebIdentityUser"},
                {"identityProvider", caller.arn}};
  } else if (caller.kind == Caller::Kind::User) {
    const User* u = world.find_user(caller.arn);
    identity = {{"type", "IAMUser"}};
    if (u) identity["principalId"] = user_id(*u);
    identity["arn"] = caller.arn;
    if (u) identity["accountId"] = u->account, identity["accessKeyId"] = access_key_id(*u), identity["userName"] = u->name;
  } else if (const Session* s = find_session(caller.access_key)) {
    identity = {
        {"type", "AssumedRole"},
        {"principalId", s->assumed_role_id},
        {"arn", s->arn},
        {"accountId", s->account},
        {"accessKeyId", s->access_key_id},
        {"sessionContext",
         {{"sessionIssuer", {{"type", "Role"}, {"arn", s->role_arn}, {"accountId", s->account}, {"userName", s->role_name}}},
          {"attributes", {{"creationDate", format_iso8601(s->issued)}, {"mfaAuthenticated", s->mfa ? "true" : "false"}}}}}};
    if (!s->source_identity.empty()) identity["sessionContext"]["sourceIdentity"] = s->source_identity;
  }
  e["userIdentity"] = identity;
  e["requestParameters"] = std::move(request);
  if (result.ok) {
    nlohmann::ordered_json out = result.output;
    // Secrets never go into the log.
    if (out.contains("Credentials")) {
      out["Credentials"].erase("SecretAccessKey");
      out["Credentials"].erase("SessionToken");
    }
    e["responseElements"] = out;
  } else {
    e["responseElements"] = nullptr;
    e["errorCode"] = result.error.code;
    e["errorMessage"] = result.error.message;
  }
  events.push_back(std::move(e));
}

}  // namespace rolelab
