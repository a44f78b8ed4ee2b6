// Parameter checks shared by the STS operations: botocore's STS model
// constraints, reported together with AWS's wording.
#pragma once

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "sts/sts.h"

namespace rolelab {

// botocore's STS model constraints, with AWS's validation messages:
// "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: ..."
class Validation {
 public:
  void add(const std::string& value, const char* field, const std::string& constraint) {
    errors_.push_back("Value '" + value + "' at '" + field + "' failed to satisfy constraint: " + constraint);
  }
  void length(const std::string& value, const char* field, std::size_t min, std::size_t max) {
    if (value.size() < min)
      add(value, field, "Member must have length greater than or equal to " + std::to_string(min));
    else if (value.size() > max)
      add(value, field, "Member must have length less than or equal to " + std::to_string(max));
  }
  void pattern(const std::string& value, const char* field, const char* pattern, const std::string& extra) {
    for (char c : value) {
      bool word = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
      if (!word && extra.find(c) == std::string::npos) {
        add(value, field, std::string("Member must satisfy regular expression pattern: ") + pattern);
        return;
      }
    }
  }
  void range(const std::optional<long long>& value, const char* field, long long min, long long max) {
    if (!value) return;
    if (*value < min)
      add(std::to_string(*value), field, "Member must have a value greater than or equal to " + std::to_string(min));
    if (*value > max) add(std::to_string(*value), field, "Member must have a value less than or equal to " + std::to_string(max));
  }
  // RoleSessionName: 2-64 characters of [\w+=,.@-].
  void session_name(const std::string& name) {
    length(name, "roleSessionName", 2, 64);
    pattern(name, "roleSessionName", "[\\w+=,.@-]*", "+=,.@-");
  }
  bool failed() const { return !errors_.empty(); }
  StsError error() const {
    std::string msg =
        std::to_string(errors_.size()) + (errors_.size() == 1 ? " validation error detected: " : " validation errors detected: ");
    for (std::size_t k = 0; k < errors_.size(); ++k) msg += (k ? "; " : "") + errors_[k];
    return {"ValidationError", msg};
  }

 private:
  std::vector<std::string> errors_;
};

}  // namespace rolelab
