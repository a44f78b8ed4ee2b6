#include "policy/service_rules.h"

#include "policy/arn.h"
#include "policy/request.h"
#include "policy/wildcard.h"

namespace rolelab {

bool is_always_allowed(std::string_view action) { return iequals(action, "sts:GetCallerIdentity"); }

namespace {

// Get*, List*, Generate*, Simulate* leave a resource unchanged.
bool is_read_only(std::string_view action) {
  std::size_t colon = action.find(':');
  std::string_view name = colon == std::string_view::npos ? action : action.substr(colon + 1);
  for (std::string_view prefix : {"Get", "List", "Generate", "Simulate", "Describe"}) {
    if (name.size() >= prefix.size() && iequals(name.substr(0, prefix.size()), prefix)) return true;
  }
  return false;
}

bool service_is(std::string_view action, std::string_view service) {
  return action.size() > service.size() && action[service.size()] == ':' && iequals(action.substr(0, service.size()), service);
}

}  // namespace

std::optional<std::string> protected_resource_reason(std::string_view action, std::string_view resource) {
  if (!service_is(action, "iam") && !service_is(action, "kms")) return std::nullopt;
  if (is_read_only(action)) return std::nullopt;
  auto arn = parse_arn(resource);
  if (!arn) return std::nullopt;
  if (service_is(action, "iam") && arn->service == "iam") {
    if (arn->resource.rfind("role/aws-reserved/", 0) == 0) {
      return "the role is reserved by AWS (path /aws-reserved/, created by IAM Identity Center) and only AWS can change it";
    }
    if (arn->account == "aws" && arn->resource.rfind("policy/", 0) == 0) {
      return "the policy is an AWS managed policy (account \"aws\"): AWS maintains it and nobody else can change it";
    }
  }
  if (service_is(action, "kms") && arn->service == "kms" && arn->resource.rfind("alias/aws/", 0) == 0) {
    return "the alias is an AWS managed KMS alias (alias/aws/...): only AWS services create and manage those";
  }
  return std::nullopt;
}

bool resource_policy_required(std::string_view action, std::string_view resource) {
  if (is_assume_role_action(action)) return true;
  // Session tags, source identity and context need the trust policy too
  // (id_session-tags.html, id_credentials_temp_control-access_monitor.html).
  if ((iequals(action, "sts:TagSession") || iequals(action, "sts:SetSourceIdentity") || iequals(action, "sts:SetContext")) &&
      resource.find(":role/") != std::string_view::npos) {
    return true;
  }
  if (service_is(action, "kms") && resource.rfind("arn:", 0) == 0) {
    auto arn = parse_arn(resource);
    return arn && arn->service == "kms" && arn->resource.rfind("key/", 0) == 0;
  }
  return false;
}

}  // namespace rolelab
