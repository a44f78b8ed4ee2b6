// Findings as ValidatePolicy returns them: the names of finding, policy and
// resource types, a location's JSON pointer, learnMoreLink anchors, the JSON
// shape the AWS CLI prints, one-click fixes, and the lines `lessons verify`
// prints for a lesson's shipped policies.
#include "analyzer/analyzer.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "analyzer/checker.h"

namespace rolelab::analyzer {

const char* finding_type_name(FindingType t) {
  switch (t) {
    case FindingType::Error:
      return "ERROR";
    case FindingType::SecurityWarning:
      return "SECURITY_WARNING";
    case FindingType::Warning:
      return "WARNING";
    case FindingType::Suggestion:
      return "SUGGESTION";
  }
  return "ERROR";
}

const char* policy_type_name(PolicyType t) {
  switch (t) {
    case PolicyType::Identity:
      return "IDENTITY_POLICY";
    case PolicyType::Resource:
      return "RESOURCE_POLICY";
    case PolicyType::ServiceControl:
      return "SERVICE_CONTROL_POLICY";
    case PolicyType::ResourceControl:
      return "RESOURCE_CONTROL_POLICY";
  }
  return "IDENTITY_POLICY";
}

std::optional<PolicyType> parse_policy_type(std::string_view s) {
  for (PolicyType t : {PolicyType::Identity, PolicyType::Resource, PolicyType::ServiceControl, PolicyType::ResourceControl})
    if (s == policy_type_name(t)) return t;
  return std::nullopt;
}

namespace {
struct RtName {
  ResourceType type;
  const char* name;
};
constexpr RtName kResourceTypes[] = {
    {ResourceType::AssumeRolePolicyDocument, "AWS::IAM::AssumeRolePolicyDocument"},
    {ResourceType::S3Bucket, "AWS::S3::Bucket"},
    {ResourceType::S3AccessPoint, "AWS::S3::AccessPoint"},
    {ResourceType::S3MultiRegionAccessPoint, "AWS::S3::MultiRegionAccessPoint"},
    {ResourceType::S3ObjectLambdaAccessPoint, "AWS::S3ObjectLambda::AccessPoint"},
    {ResourceType::S3ExpressDirectoryBucket, "AWS::S3Express::DirectoryBucket"},
    {ResourceType::DynamoDBTable, "AWS::DynamoDB::Table"},
    {ResourceType::DynamoDBStream, "AWS::DynamoDB::Stream"},
};
}  // namespace

const char* resource_type_name(ResourceType t) {
  for (const RtName& r : kResourceTypes)
    if (r.type == t) return r.name;
  return "";
}

std::optional<ResourceType> parse_resource_type(std::string_view s) {
  for (const RtName& r : kResourceTypes)
    if (s == r.name) return r.type;
  return std::nullopt;
}

std::vector<std::string> resource_type_names() {
  std::vector<std::string> v;
  for (const RtName& r : kResourceTypes) v.emplace_back(r.name);
  return v;
}

std::string Location::pointer() const {
  std::string p;
  for (const PathElement& e : path) {
    if (e.kind == PathElement::Kind::Substring) continue;
    p += '/';
    std::string seg = e.kind == PathElement::Kind::Index ? std::to_string(e.index) : e.text;
    for (char c : seg) {
      if (c == '~')
        p += "~0";
      else if (c == '/')
        p += "~1";
      else
        p += c;
    }
  }
  return p;
}

namespace detail {

static const char* kPage = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html";

std::string anchor_link(FindingType t, const std::string& code) {
  std::string a = "access-analyzer-reference-policy-checks-";
  a += t == FindingType::Error             ? "error-"
       : t == FindingType::SecurityWarning ? "security-warning-"
       : t == FindingType::Warning         ? "general-warning-"
                                           : "suggestion-";
  for (char c : code) a += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::string(kPage) + "#" + a;
}

}  // namespace detail

std::string apply_fix(std::string_view text, const Finding& finding) {
  if (!finding.fix) return std::string(text);
  const Fix& f = *finding.fix;
  std::size_t from = static_cast<std::size_t>(f.span.start.byte), to = static_cast<std::size_t>(f.span.end.byte);
  if (from > to || to > text.size()) return std::string(text);
  std::string out(text.substr(0, from));
  out += f.replacement;
  out += text.substr(to);
  return out;
}

bool has_blocking(const std::vector<Finding>& findings) {
  for (const Finding& f : findings)
    if (f.type == FindingType::Error || f.type == FindingType::SecurityWarning) return true;
  return false;
}

std::string findings_to_json(const std::vector<Finding>& findings, int indent) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  auto pos = [](const Position& p) {
    return nlohmann::ordered_json{{"line", p.line}, {"column", p.column}, {"offset", p.offset}};
  };
  for (const Finding& f : findings) {
    nlohmann::ordered_json locs = nlohmann::ordered_json::array();
    for (const Location& l : f.locations) {
      nlohmann::ordered_json path = nlohmann::ordered_json::array();
      for (const PathElement& e : l.path) {
        switch (e.kind) {
          case PathElement::Kind::Value:
            path.push_back({{"value", e.text}});
            break;
          case PathElement::Kind::Key:
            path.push_back({{"key", e.text}});
            break;
          case PathElement::Kind::Index:
            path.push_back({{"index", e.index}});
            break;
          case PathElement::Kind::Substring:
            path.push_back({{"substring", {{"start", e.index}, {"length", e.length}}}});
            break;
        }
      }
      locs.push_back({{"path", path}, {"span", {{"start", pos(l.span.start)}, {"end", pos(l.span.end)}}}});
    }
    arr.push_back({{"findingDetails", f.details},
                   {"findingType", finding_type_name(f.type)},
                   {"issueCode", f.issue_code},
                   {"learnMoreLink", f.link},
                   {"locations", locs}});
  }
  nlohmann::ordered_json out = {{"findings", arr}};
  return out.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);  // never throws on invalid UTF-8
}

std::vector<std::string> shipped_policy_warnings(const std::vector<ShippedPolicy>& policies,
                                                 const std::vector<std::string>& expected_issue_codes) {
  std::vector<std::string> lines;
  for (const ShippedPolicy& p : policies) {
    for (const Finding& f : validate_policy(p.text, p.type, p.resource_type)) {
      if (!(f.type == FindingType::Error || f.type == FindingType::SecurityWarning)) continue;
      if (std::find(expected_issue_codes.begin(), expected_issue_codes.end(), f.issue_code) != expected_issue_codes.end())
        continue;
      std::string where;
      if (!f.locations.empty()) {
        const Location& l = f.locations[0];
        where = " at line " + std::to_string(l.span.start.line) + ", column " + std::to_string(l.span.start.column + 1) + " (" +
                (l.pointer().empty() ? "/" : l.pointer()) + ")";
      }
      lines.push_back(p.where + ": " + finding_type_name(f.type) + " " + f.issue_code + where + ": " + f.details);
    }
  }
  return lines;
}


}  // namespace rolelab::analyzer
