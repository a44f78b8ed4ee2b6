// Policy checks as IAM Access Analyzer's ValidatePolicy makes them (IAM User
// Guide, "IAM Access Analyzer policy check reference",
// access-analyzer-reference-policy-checks.html), offline: findings with a
// findingType, an issueCode (the check's title in UPPER_SNAKE_CASE), the
// message, a link to the check on that page, and locations (a path into the
// document and a span of line/column/offset). Pure functions; never throw
// except std::bad_alloc. docs/policy-checks.md lists every check.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/span_json.h"

namespace rolelab::analyzer {

enum class FindingType { Error, SecurityWarning, Warning, Suggestion };
const char* finding_type_name(FindingType t);  // "ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"

// --policy-type of `aws accessanalyzer validate-policy`.
enum class PolicyType { Identity, Resource, ServiceControl, ResourceControl };
const char* policy_type_name(PolicyType t);  // "IDENTITY_POLICY", ...
std::optional<PolicyType> parse_policy_type(std::string_view s);

// --validate-policy-resource-type (only with RESOURCE_POLICY).
enum class ResourceType {
  AssumeRolePolicyDocument,  // AWS::IAM::AssumeRolePolicyDocument: a role trust policy
  S3Bucket,                  // AWS::S3::Bucket
  S3AccessPoint,             // AWS::S3::AccessPoint
  S3MultiRegionAccessPoint,  // AWS::S3::MultiRegionAccessPoint
  S3ObjectLambdaAccessPoint, // AWS::S3ObjectLambda::AccessPoint
  S3ExpressDirectoryBucket,  // AWS::S3Express::DirectoryBucket
  DynamoDBTable,             // AWS::DynamoDB::Table
  DynamoDBStream,            // AWS::DynamoDB::Stream
};
const char* resource_type_name(ResourceType t);
std::optional<ResourceType> parse_resource_type(std::string_view s);
std::vector<std::string> resource_type_names();

// One element of a location's path, as ValidatePolicy returns it:
// {"value": "Statement"} (into an object member), {"index": 0}, {"key": "aws:SourceIp"}
// (the key of a member itself), {"substring": {"start", "length"}} (part of a string).
struct PathElement {
  enum class Kind { Value, Index, Key, Substring };
  Kind kind = Kind::Value;
  std::string text;
  int index = 0;               // Index; Substring start
  int length = 0;              // Substring
};

struct Location {
  std::vector<PathElement> path;
  Span span;
  std::string pointer() const;  // the same path as a JSON pointer ("/Statement/0/Action/1")
};

// A one-click fix: replace the span's bytes with `replacement` (JSON text, quoted).
struct Fix {
  Span span;
  std::string replacement;
  std::string label;  // "Replace with s3:GetObject"
};

struct Finding {
  FindingType type = FindingType::Error;
  std::string issue_code;  // INVALID_ACTION
  std::string details;     // findingDetails
  std::string link;        // learnMoreLink
  std::vector<Location> locations;
  std::optional<Fix> fix;
};

struct ValidateOptions {
  // Size quotas (characters, whitespace not counted): defaults are IAM's
  // (managed policy 6,144; role trust policy 2,048; SCP/RCP 5,120) and the
  // resource type's (S3 bucket policy 20 KB).
  std::optional<int> size_limit;
};

// Validates a policy document (JSON text) for a policy type and, for resource
// policies, an optional resource type. Findings come in document order.
std::vector<Finding> validate_policy(std::string_view text, PolicyType type,
                                     std::optional<ResourceType> resource_type = std::nullopt,
                                     const ValidateOptions& options = {});

// The text with a finding's fix applied (unchanged when it has none or the
// span no longer fits the text).
std::string apply_fix(std::string_view text, const Finding& finding);

// {"findings": [...]} in ValidatePolicy's JSON shape, pretty-printed as the AWS CLI prints it.
std::string findings_to_json(const std::vector<Finding>& findings, int indent = 4);

// True when some finding is an ERROR or a SECURITY_WARNING (validate's exit status 1).
bool has_blocking(const std::vector<Finding>& findings);

// For `lessons verify`: the findings of severity ERROR or SECURITY_WARNING in
// one shipped policy, minus the issue codes the lesson expects, each worded as
// one line: "<where>: SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE at line 5,
// column 20 (/Statement/0/Resource): <details>".
struct ShippedPolicy {
  std::string where;  // "world role Deployer trust policy"
  std::string text;   // the policy document as JSON text
  PolicyType type = PolicyType::Identity;
  std::optional<ResourceType> resource_type;
};
std::vector<std::string> shipped_policy_warnings(const std::vector<ShippedPolicy>& policies,
                                                 const std::vector<std::string>& expected_issue_codes = {});

}  // namespace rolelab::analyzer
