// Internal to engine/analyzer: the Checker that walks one policy document and
// collects findings, and the small helpers its checks share. The checks are
// split by family into checks_*.cpp (one policy element or one concern each);
// checker.cpp holds the walk itself. Nothing here is part of the engine's API
// (that is analyzer.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/analyzer.h"
#include "analyzer/catalogue.h"
#include "policy/condition_operator.h"

namespace rolelab::analyzer::detail {

// The link of a check on AWS's policy check reference page (findings.cpp).
std::string anchor_link(FindingType t, const std::string& code);

// Paths into the document, as ValidatePolicy reports them.
using Path = std::vector<PathElement>;
PathElement val(std::string s);  // {"value": s}: into an object member
PathElement idx(std::size_t i);  // {"index": i}
PathElement key(std::string s);  // {"key": s}: the member's key itself
Path operator+(Path p, PathElement e);

// A string as JSON text (for fixes, which replace a JSON string).
std::string quote(std::string_view s);

// A string or an array of values, with each value's path.
struct Item {
  const Node* node;
  Path path;
};
std::vector<Item> items_of(const Node& n, const Path& path);

bool has_wildcard(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);
// A service the catalogue has full details for (resource types, condition keys).
bool is_detailed_simulated(std::string_view prefix);

// What one statement holds, gathered by the element checks for the checks
// that look at several elements together (trust, PassRole, RoleLab's own).
struct StatementInfo {
  const Node* node = nullptr;
  Path path;
  bool allow = true;
  bool effect_known = false;
  bool not_action = false;
  std::vector<Item> actions;
  const Node* principal = nullptr;
  Path principal_path;
  std::vector<std::pair<std::string, Item>> principals;  // (type, value)
  const Node* condition = nullptr;
  Path condition_path;
  bool has_resource = false, not_resource = false;
  std::vector<Item> resources;
};

class Checker {
 public:
  Checker(std::string_view text, PolicyType type, std::optional<ResourceType> rt, const ValidateOptions& opt)
      : text_(text), type_(type), rt_(rt), opt_(opt), cat_(Catalogue::get()) {
    trust_ = type == PolicyType::Resource && rt == ResourceType::AssumeRolePolicyDocument;
  }

  std::vector<Finding> run();  // findings in document order

 private:
  std::string_view text_;
  PolicyType type_;
  std::optional<ResourceType> rt_;
  const ValidateOptions& opt_;
  const Catalogue& cat_;
  bool trust_ = false;  // a role trust policy (RESOURCE_POLICY + AWS::IAM::AssumeRolePolicyDocument)
  bool variables_enabled_ = false;
  std::vector<Finding> out_;
  std::vector<std::pair<std::string, Item>> sids_;

  // checker.cpp: recording findings, the document and statement walk.
  Finding& add(FindingType t, const char* code, std::string details, Path path, Span span);
  Finding& add_own(FindingType t, const char* code, std::string details, Path path, Span span, const char* link);
  static Span brace_span(const Node& n);
  void duplicate_case_keys(const Node& n, const Path& path);
  void unique_sids();
  void statement(const Node& s, const Path& path);
  void effect(const Node& s, const Path& path, StatementInfo& st);
  bool empty_array(const Node& n, const Path& path, const char* code, const char* element);
  bool strings_only(const std::vector<Item>& items);

  // checks_size.cpp: the policy size quotas.
  void size_check(const Node& root);

  // checks_actions.cpp: Action / NotAction, and iam:PassRole.
  void actions(const Node& s, const Path& path, StatementInfo& st);
  void action_value(const Item& it);
  void redundant_actions(const StatementInfo& st);
  void pass_role(const StatementInfo& st);

  // checks_principals.cpp: Principal / NotPrincipal.
  void principal(const Node& s, const Path& path, StatementInfo& st);
  static bool is_account_id(std::string_view s);
  void principal_value(const std::string& type, const Item& it);
  void redundant_principals(const StatementInfo& st);

  // checks_resources.cpp: Resource / NotResource, policy variables, RESOURCE_MISMATCH.
  void resources(const Node& s, const Path& path, StatementInfo& st);
  void variables(const Item& it);
  static std::string format_glob(const std::string& arn);
  static bool arn_fits(const std::string& glob, const std::string& resource);
  void resource_mismatch(const StatementInfo& st);

  // checks_conditions.cpp: Condition operators, keys and values, CONDITION_KEY_NOT_SET_BY_ACTION.
  // Every (key, operator, value item) in a statement's conditions.
  struct CondUse {
    std::string op;
    ConditionOperator parsed;
    std::string key;
    const Node* values;
    Path path;
  };
  std::vector<CondUse> condition_uses(const StatementInfo& st);
  void conditions(StatementInfo& st);
  const KeyInfo* known_key(const std::string& k, bool& key_reported, const Path& kp, const Span& span);
  static const char* family(OpKind k);
  void condition_key(StatementInfo& st, const ConditionOperator& op, const std::string& op_name, const NodeMember& km,
                     const Path& op_path);
  static std::string value_text(const Node& n);
  void condition_keys_set_by_actions(const StatementInfo& st);

  // checks_trust.cpp: role trust policies (federated principals, GitHub OIDC) and service principals.
  static std::string provider_of(const std::string& federated);
  bool statement_allows_action(const StatementInfo& st, std::string_view action);
  void trust_checks(const StatementInfo& st);
  void service_principal_checks(const StatementInfo& st);
};

}  // namespace rolelab::analyzer::detail
