// libFuzzer target: any bytes as a policy document through the policy checks
// (rolelab-cli validate, aws accessanalyzer validate-policy, lessons verify).
// The first byte picks the policy type and resource type; the rest is the
// document. Checks that every finding is well formed (a code, a type, details,
// a link, a location whose span lies inside the text and starts before it
// ends), that fixes apply inside the text, and that the JSON output is made.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "analyzer/analyzer.h"

using namespace rolelab::analyzer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  static const PolicyType kTypes[] = {PolicyType::Identity, PolicyType::Resource, PolicyType::ServiceControl,
                                      PolicyType::ResourceControl};
  static const ResourceType kResources[] = {ResourceType::AssumeRolePolicyDocument, ResourceType::S3Bucket,
                                            ResourceType::S3AccessPoint, ResourceType::DynamoDBTable};
  PolicyType type = kTypes[mode % 4];
  std::optional<ResourceType> rt;
  if (mode & 0x4) rt = kResources[(mode >> 3) % 4];
  ValidateOptions options;
  if (mode & 0x20) options.size_limit = 64;  // reach the size findings with short inputs
  std::vector<Finding> findings = validate_policy(text, type, rt, options);
  for (const Finding& f : findings) {
    if (f.issue_code.empty() || f.details.empty() || f.link.rfind("https://", 0) != 0) __builtin_trap();
    for (const Location& l : f.locations) {
      const Span& s = l.span;
      if (s.start.byte < 0 || s.end.byte < s.start.byte || static_cast<std::size_t>(s.end.byte) > text.size())
        __builtin_trap();
      if (s.start.line < 1 || s.start.offset > s.start.byte || s.end.offset < s.start.offset) __builtin_trap();
      (void)l.pointer();
    }
    if (f.fix) {
      std::string fixed = apply_fix(text, f);
      if (f.fix->span.end.byte <= static_cast<int>(text.size()) && fixed.find(f.fix->replacement) == std::string::npos)
        __builtin_trap();  // a fix that fits the text is applied
    }
  }
  if (findings_to_json(findings).rfind("{", 0) != 0) __builtin_trap();
  (void)has_blocking(findings);
  return 0;
}
