// rolelab-cli validate: policy checks as `aws accessanalyzer validate-policy`
// makes them (engine/analyzer), offline. Prints {"findings": [...]} in that
// command's JSON shape. Exit 0 without ERROR or SECURITY_WARNING findings, 1
// with, 2 on bad usage or an unreadable file.
#include <cstdio>
#include <string>

#include "analyzer/analyzer.h"
#include "commands.h"
#include "io.h"

namespace rolelab::cli {

int cmd_validate(const Args& args) {
  std::string file;
  std::optional<analyzer::PolicyType> type;
  std::optional<analyzer::ResourceType> resource_type;
  const std::string hint =
      "usage: rolelab-cli validate --policy-type IDENTITY_POLICY|RESOURCE_POLICY|SERVICE_CONTROL_POLICY|"
      "RESOURCE_CONTROL_POLICY [--validate-policy-resource-type AWS::IAM::AssumeRolePolicyDocument|AWS::S3::Bucket|...] "
      "FILE|-";
  if (wants_help(args)) return print_usage(hint);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--policy-type" || a == "--validate-policy-resource-type") {
      if (i + 1 >= args.size()) return usage_error(a + " needs a value", hint);
      const std::string& v = args[++i];
      if (a == "--policy-type") {
        type = analyzer::parse_policy_type(v);
        if (!type) return usage_error("unknown policy type '" + v + "'", hint);
      } else {
        resource_type = analyzer::parse_resource_type(v);
        if (!resource_type) {
          std::string names;
          for (const std::string& n : analyzer::resource_type_names()) names += (names.empty() ? "" : ", ") + n;
          return usage_error("unknown resource type '" + v + "'", "resource types: " + names);
        }
      }
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return usage_error("unknown option '" + a + "'", hint);
    } else if (file.empty()) {
      file = a;
    } else {
      return usage_error("one policy file at a time", hint);
    }
  }
  if (!type) return usage_error("--policy-type is required", hint);
  if (file.empty()) return usage_error("a policy FILE (or - for standard input) is required", hint);
  if (resource_type && *type != analyzer::PolicyType::Resource)
    return usage_error("--validate-policy-resource-type goes with --policy-type RESOURCE_POLICY", hint);
  std::string error;
  std::optional<std::string> text = read_input(file, error);
  if (!text) return usage_error(error);
  std::vector<analyzer::Finding> findings = analyzer::validate_policy(*text, *type, resource_type);
  std::printf("%s\n", analyzer::findings_to_json(findings).c_str());
  return analyzer::has_blocking(findings) ? 1 : 0;
}

}  // namespace rolelab::cli
