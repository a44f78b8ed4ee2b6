// AWS's policy evaluation logic (IAM User Guide,
// reference_policies_evaluation-logic.html, ..._policy-eval-denyallow.html and
// ..._evaluation-logic-cross-account.html). Evaluation never throws: it
// returns a decision, a one-sentence summary a learner can act on and, when a
// tracer is given, every step that led there.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/condition.h"
#include "policy/policy.h"
#include "policy/request.h"

namespace rolelab {

enum class Decision { Allowed, ImplicitlyDenied, ExplicitlyDenied };
const char* decision_name(Decision d);

// For sts:AssumeRole*: which of the three classic causes a denial is.
enum class DenialCause { None, TrustRelationship, MissingPermission, SessionDuration };
const char* denial_cause_name(DenialCause c);

// How a statement's Principal element matched the caller. It matters: in one
// account a resource policy naming a user or a session ARN allows on its own,
// naming a role ARN is still limited by boundaries and session policies, and
// naming the account delegates to the caller's identity policies.
enum class PrincipalMatch { None, Direct, RoleOfSession, Account, Wildcard, Service, Federated };
const char* principal_match_name(PrincipalMatch m);

struct PolicySet {
  std::vector<Policy> identity;
  std::optional<Policy> resource;  // for sts:AssumeRole*: the role's trust policy
  std::optional<Policy> boundary;
  std::optional<Policy> session;
  std::vector<std::vector<Policy>> scps;       // one entry per organisation level, root first
  std::vector<std::vector<Policy>> rcps;       // idem; an allow-all is implied at each level
  bool caller_is_service_linked_role = false;  // SCPs do not apply to service-linked roles
};

// ---- the structured trace ----
// The trace records what happened: enums, flags and views of the request's
// and the policies' own strings. The sentences that explain it are written
// when it is shown (eval/trace_words.h), straight into the output: a
// `simulate --batch` line spent a quarter of its time building sentence
// strings during evaluation only to copy them out again (issue 12).
// The views point into the Request and PolicySet evaluated: a trace is read
// while they live (Authorization keeps them alive with its trace).

// Why a Principal, Action or Resource element did or did not match.
enum class ElementWhy : unsigned char {
  NotPrincipalWithBoundary,  // NotPrincipal with Deny, and the caller has a permissions boundary
  NotPrincipalUnlisted,      // NotPrincipal does not list the caller (subject)
  NotPrincipalListed,        // NotPrincipal lists the caller (subject) as `listed`
  PrincipalNone,             // Principal names neither subject nor its account
  PrincipalDirect,
  PrincipalRoleOfSession,    // names role `listed`, whose session subject is
  PrincipalAccount,          // names account `listed`
  PrincipalWildcard,
  PrincipalService,
  PrincipalFederated,
  ActionNotListedCovers,     // NotAction lists `listed`, which covers the action (subject)
  ActionNotListed,           // NotAction does not list the action
  ActionCovers,              // Action `listed` covers the action
  ActionNone,                // no Action entry covers the action
  ResourceNotListedCovers,   // the same four for Resource / NotResource
  ResourceNotListed,
  ResourceCovers,
  ResourceNone,
};

struct ElementTrace {
  bool matched = false;
  ElementWhy why = ElementWhy::ActionNone;
  std::string_view listed;   // the policy's entry the sentence names, when it names one
  std::string_view subject;  // the request's part: the caller, the action or the resource
};

struct StatementTrace {
  std::size_t index = 0;
  std::string_view sid;  // its JSON pointer: statement_path(*policy, policy->statements[index])
  int line = 0, column = 0;
  Effect effect = Effect::Allow;
  bool applies = false;
  std::optional<ElementTrace> principal;  // only in resource and trust policies
  PrincipalMatch principal_match = PrincipalMatch::None;
  ElementTrace action;
  std::optional<ElementTrace> resource;  // absent in trust policies
  std::vector<ConditionTrace> conditions;
};

enum class PolicyVerdict { Allow, Deny, NoMatch };

struct PolicyTrace {
  const Policy* policy = nullptr;  // for its name: policy_name_parts() / policy_name() (policy/policy.h)
  PolicyKind kind = PolicyKind::Identity;
  int level = -1;  // SCP/RCP organisation level
  PolicyVerdict verdict = PolicyVerdict::NoMatch;
  std::vector<StatementTrace> statements;
};

// OPA-style tracer: evaluation reports events, renderers decide what to show.
class Tracer {
 public:
  virtual ~Tracer() = default;
  // The trace of the next policy evaluated, which the evaluator fills in
  // place: every field is set, so the slot may hold an earlier trace whose
  // vectors are reused.
  virtual PolicyTrace& next_policy() = 0;
  // A rule of the evaluation order, in words: text with static storage
  // (a literal), kept as a view.
  virtual void step(std::string_view rule) = 0;
  // The decision was made: its summary (EvalResult::summary) is the last
  // step, added by renderers (the trace holds no copy of it).
  virtual void summary_step() = 0;
};

// Collects everything into a structure (what the CLI and the runner render).
// clear() keeps the storage of what it held: a collector reused for one
// simulation after another (`simulate --batch`) fills the same vectors
// again instead of allocating them per line (issue 12).
class TraceCollector : public Tracer {
 public:
  PolicyTrace& next_policy() override;
  void step(std::string_view rule) override { steps.push_back(rule); }
  void summary_step() override { summary_last = true; }
  void clear();

  std::vector<PolicyTrace> policies;
  // The rules of the evaluation order that were applied, in order; when
  // summary_last (a decision was evaluated, not only recorded), the result's
  // summary follows them as the last step: step_count() and for_each_step()
  // in eval/trace_words.h give all of them.
  std::vector<std::string_view> steps;
  bool summary_last = false;

 private:
  // Cleared traces, waiting to be filled again.
  std::vector<PolicyTrace> spare_policies_;
};

struct EvalResult {
  Decision decision = Decision::ImplicitlyDenied;
  DenialCause cause = DenialCause::None;
  std::string summary;
  // Whether the caller's identity-based policies allow the action (boundary
  // and session policies aside): who-can-assume uses it to skip asking "would
  // the trust policy's conditions, if they held, let this cross-account caller in?"
  // when the caller's own side says no anyway.
  bool identity_allows = false;
  // When denied: the type of policy that denied (explicitly) or did not allow
  // (implicitly), as AWS names it in AccessDenied messages.
  PolicyKind denied_by = PolicyKind::Identity;
};

struct EvalOptions {
  bool summary = true;  // build the one-sentence summary (always built when tracing)
};

// The request is prepared (prepare()) if it was not already.
EvalResult evaluate(Request& request, const PolicySet& policies, Tracer* tracer = nullptr, const EvalOptions& options = {});

// True when some Allow statement of `policy` matches the prepared request's
// principal, action and resource, its conditions aside. When false, a request
// that needs this policy's allow (sts:AssumeRole and a role's trust policy)
// cannot be Allowed, with or without conditions: who-can-assume skips it.
bool may_allow_ignoring_conditions(const Policy& policy, const Request& request);

// The same test split in two, for one caller and action against many
// resources (who-can-assume: one principal, thousands of roles): the Allow
// statements whose principal and action match, collected once (appended to
// `out`), then per resource whether one of them matches it.
struct AllowCandidate {
  const Policy* policy = nullptr;
  const Statement* statement = nullptr;
};
void collect_allows_ignoring_resource(const Policy& policy, const Request& request, std::vector<AllowCandidate>& out);
bool some_allow_matches_resource(const std::vector<AllowCandidate>& candidates, const Request& request);

// AccessDenied in AWS's current form, which names the policy type that denied
// (IAM User Guide, troubleshoot_access-denied.html): "User: CALLER is not
// authorized to perform: ACTION on resource: RESOURCE because no
// identity-based policy allows the ACTION action", or "... with an explicit
// deny in a service control policy". Types: identity-based policy,
// resource-based policy, role trust policy, permissions boundary, session
// policy, service control policy, resource control policy.
const char* access_denied_policy_type(PolicyKind k);
std::string access_denied_reason(const std::string& action, const EvalResult& result);  // " because no ..." / " with an explicit deny in ..."
std::string access_denied_message(const std::string& caller, const std::string& action, const std::string& resource,
                                  const EvalResult& result);

}  // namespace rolelab
