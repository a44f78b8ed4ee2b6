// Reading typed fields out of a positioned JSON value, for data files with a
// schema (lessons, worlds): the first error wins and carries the JSON path and
// line:column; unknown keys are errors.
#pragma once

#include <initializer_list>
#include <string>

#include "json/diagnostic.h"
#include "json/json.h"

namespace rolelab {

class SchemaReader {
 public:
  explicit SchemaReader(std::string code) : code_(std::move(code)) {}

  bool failed() const { return failed_; }
  const Diagnostic& error() const { return error_; }

  bool fail(const std::string& path, json::Pos pos, const std::string& msg);
  bool fail(const Diagnostic& d);  // an error found by another stage (a policy's own diagnostic)
  // The object has only these keys.
  bool keys(const json::Value& obj, const std::string& path, std::initializer_list<const char*> allowed);
  bool str(const json::Value& obj, const std::string& path, const char* key, std::string& out, bool required);
  bool integer(const json::Value& obj, const std::string& path, const char* key, long long& out, bool required);
  bool boolean(const json::Value& obj, const std::string& path, const char* key, bool& out);
  // The member if present and of that type (else an error, or nullptr when absent and optional).
  const json::Value* array(const json::Value& obj, const std::string& path, const char* key, bool required);
  const json::Value* object(const json::Value& obj, const std::string& path, const char* key, bool required);
  bool expect(const json::Value& v, json::Type type, const std::string& path);

 private:
  const json::Value* member(const json::Value& obj, const std::string& path, const char* key, bool required, json::Type type);
  std::string code_;
  bool failed_ = false;
  Diagnostic error_;
};

}  // namespace rolelab
