// `aws accessanalyzer validate-policy` in the console: the policy checks of
// engine/analyzer, printed as the AWS CLI prints ValidatePolicy's output.
#include "analyzer/analyzer.h"
#include "console/console.h"

namespace rolelab {

std::string Console::accessanalyzer(const Words& w) {
  static const std::vector<std::string> ops = {"validate-policy"};
  if (w.size() < 3 || w[2] != "validate-policy") return invalid_choice("operation", w.size() < 3 ? "" : w[2], ops);
  OptionSpec spec;
  spec.single = {"--policy-document", "--policy-type", "--validate-policy-resource-type", "--locale"};
  spec.required = {"--policy-document", "--policy-type"};
  ParsedOptions o = parse_options(w, 3, spec);
  if (!o.error.empty()) return o.error + "\n";
  std::string document = o.single["--policy-document"];
  if (document.rfind("file://", 0) == 0) {
    std::string name = document.substr(7);
    auto it = files_.find(name);
    if (it == files_.end())
      return "\nError parsing parameter '--policy-document': Unable to load paramfile " + document +
             ": [Errno 2] No such file or directory: '" + name + "'\n";
    document = it->second;
  }
  const std::string& type_text = o.single["--policy-type"];
  auto type = analyzer::parse_policy_type(type_text);
  if (!type) {
    return aws_error("ValidatePolicy",
                     {"ValidationException", "1 validation error detected: Value '" + type_text +
                                                 "' at 'policyType' failed to satisfy constraint: Member must satisfy enum "
                                                 "value set: [IDENTITY_POLICY, RESOURCE_POLICY, SERVICE_CONTROL_POLICY, "
                                                 "RESOURCE_CONTROL_POLICY]"});
  }
  std::optional<analyzer::ResourceType> rt;
  if (o.single.count("--validate-policy-resource-type")) {
    const std::string& r = o.single["--validate-policy-resource-type"];
    rt = analyzer::parse_resource_type(r);
    if (!rt) {
      std::string names;
      for (const std::string& n : analyzer::resource_type_names()) names += (names.empty() ? "" : ", ") + n;
      return aws_error("ValidatePolicy", {"ValidationException", "1 validation error detected: Value '" + r +
                                                                     "' at 'validatePolicyResourceType' failed to satisfy "
                                                                     "constraint: Member must satisfy enum value set: [" +
                                                                     names + "]"});
    }
    if (*type != analyzer::PolicyType::Resource)
      return aws_error("ValidatePolicy", {"ValidationException",
                                          "validatePolicyResourceType is only supported for the RESOURCE_POLICY policy type."});
  }
  return analyzer::findings_to_json(analyzer::validate_policy(document, *type, rt)) + "\n";
}

}  // namespace rolelab
