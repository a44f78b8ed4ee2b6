// STS and the calls made with its credentials, on the simulated clock:
// AssumeRole with AWS's parameter rules, error codes and messages; sessions
// and their expiry; GetCallerIdentity; and authorisation of any later call
// through the policy engine (the caller's policies, boundary, session policy,
// SCPs and the resource's policy). (STS API reference, API_AssumeRole.html.)
#pragma once

#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eval/evaluate.h"
#include "world/ids.h"
#include "world/sim_time.h"
#include "world/world.h"

namespace rolelab {

struct StsError {
  std::string code;     // AccessDenied, ValidationError, ExpiredToken, ...
  std::string message;  // AWS's message, word for word
};

struct Session {
  std::string access_key_id, secret_access_key, session_token;
  std::string account, role_name, role_arn, session_name, arn, assumed_role_id;
  TimeMs issued = 0, expires = 0;
  std::optional<Policy> session_policy;
  Tags tags;
  std::vector<std::string> transitive_tag_keys;
  std::string source_identity;
  bool mfa = false;
  std::string created_by;     // the ARN that called AssumeRole
  bool user_session = false;  // GetSessionToken: acts as the user itself, role fields empty
};

// Who makes a call: a user's long-term keys, a role session, or a service.
struct Caller {
  enum class Kind { User, Session, Service, Federated };
  Kind kind = Kind::User;
  std::string arn;         // user ARN, service principal (lambda.amazonaws.com)
  std::string access_key;  // for sessions: the AccessKeyId
};

struct AssumeRoleRequest {
  std::string role_arn, role_session_name;
  std::optional<long long> duration_seconds;
  std::optional<std::string> external_id;
  std::optional<std::string> policy;                      // inline session policy (JSON text)
  std::vector<std::string> policy_arns;                   // managed session policies
  std::vector<std::pair<std::string, std::string>> tags;  // session tags
  std::vector<std::string> transitive_tag_keys;
  std::optional<std::string> source_identity;
  std::optional<std::string> serial_number, token_code;  // MFA
};

// What was evaluated: the trace's views point into it (eval/evaluate.h).
struct EvaluatedRequest {
  Request request;
  PolicySet policies;
};

// An authorisation decision plus everything needed to explain it.
struct Authorization {
  EvalResult result;
  TraceCollector trace;
  std::string action, resource;
  // Kept alive with the trace, shared by copies (it never moves, so the
  // trace's views stay valid).
  std::shared_ptr<const EvaluatedRequest> evaluated;
};

class Simulator {
 public:
  explicit Simulator(World world, std::uint64_t seed = 1);

  World world;
  SimClock clock;
  IdGenerator ids;
  std::vector<Session> sessions;
  std::vector<nlohmann::ordered_json> events;  // CloudTrail-shaped, in order
  std::optional<Authorization> last_auth;      // the last decision, for `explain`

  // Results carry either a value (as JSON in the AWS CLI's shape) or an error.
  struct Result {
    bool ok = false;
    nlohmann::ordered_json output;
    StsError error;
  };

  Result assume_role(const Caller& caller, const AssumeRoleRequest& req);
  Result get_caller_identity(const Caller& caller);
  // Temporary credentials for an IAM user, optionally with MFA (API_GetSessionToken.html).
  Result get_session_token(const Caller& caller, std::optional<long long> duration_seconds,
                           const std::optional<std::string>& serial_number, const std::optional<std::string>& token_code);

  struct WebIdentityRequest {
    std::string role_arn, role_session_name, web_identity_token;
    std::optional<long long> duration_seconds;
    std::optional<std::string> policy;
    std::vector<std::string> policy_arns;
  };
  // The token is a JWT (header.payload.signature, base64url; the signature is
  // not checked: simulated) or the claims as plain JSON (API_AssumeRoleWithWebIdentity.html).
  Result assume_role_with_web_identity(const WebIdentityRequest& req);

  struct SamlRequest {
    std::string role_arn, principal_arn, saml_assertion;
    std::optional<long long> duration_seconds;
    std::optional<std::string> policy;
    std::vector<std::string> policy_arns;
  };
  // The assertion is simulated: JSON (or base64 of JSON) with issuer,
  // audience, subject, subjectType, notOnOrAfter and attributes
  // (API_AssumeRoleWithSAML.html; id_roles_providers_create_saml_assertions.html).
  Result assume_role_with_saml(const SamlRequest& req);
  // A service (EC2 for an instance profile, Lambda for an execution role)
  // assumes a role on its own. EC2 instance-profile credentials are not
  // capped by MaxSessionDuration (id_roles_use_switch-role-ec2.html).
  Result service_assume_role(const std::string& service, const std::string& role_arn, const std::string& session_name,
                             long long duration_seconds, const std::string& source_arn, const std::string& source_account);

  // Authorises `action` on `resource` for the caller, with the resource's
  // policy when it has one. Fails with ExpiredToken for an expired session.
  bool authorize(const Caller& caller, const std::string& action, const std::string& resource,
                 const std::string& resource_account, const Policy* resource_policy, const Context& extra, StsError& error);

  const Session* find_session(const std::string& key_or_name) const;
  bool expired(const Session& s) const { return clock.now() >= s.expires; }
  std::string user_id(const User& u) const;                      // AIDA...
  // The user's long-term access key id (AKIA + 16 characters), made once per
  // user; users created after start get theirs on first use.
  const std::string& access_key_id(const User& u);
  std::string role_id(const Role& r) const;                      // AROA...
  void register_role(const Role& r);                             // a role created after start: give it its AROA id
  std::map<std::string, nlohmann::ordered_json> deletion_tasks;  // DeleteServiceLinkedRole tasks by id

  // A new session of the role, no questions asked: STS's last step once a
  // request is authorised; lessons use it for "what may the wearer do".
  Session& issue_session(const Role& role, const std::string& session_name, long long duration_seconds,
                         const std::string& created_by);

  // Appends a CloudTrail-shaped event for a call (the console records IAM and S3 calls too).
  void record(const std::string& source, const std::string& name, const Caller& caller, nlohmann::ordered_json request,
              const Result& result);

  // The caller's ARN as AWS prints it in error messages.
  static std::string caller_arn(const Caller& c, const Simulator& sim);

 private:
  bool session_policies(const Role& role, const std::optional<std::string>& inline_policy,
                        const std::vector<std::string>& policy_arns, const std::vector<std::pair<std::string, std::string>>& tags,
                        std::optional<Policy>& out, int& packed, StsError& error) const;
  void new_keys(Session& s);
  Session* federated_session(const Caller& caller, Role& role, const char* action, const Context& ctx, const StsError& denied,
                             std::optional<long long> duration_seconds, const std::optional<std::string>& policy,
                             const std::vector<std::string>& policy_arns, const std::string& session_name,
                             const std::string& created_by, int& packed, StsError& err);
  static nlohmann::ordered_json credentials_output(const Session& s);

  std::map<std::string, std::string> entity_ids_;  // ARN -> AIDA/AROA id, made once, deterministic
  // Long-term keys come from their own seeded stream, so that giving users
  // keys does not shift every session key and id the main stream hands out.
  IdGenerator user_key_ids_;
  std::map<std::string, std::string> user_keys_;  // user ARN -> AKIA...
};

}  // namespace rolelab
