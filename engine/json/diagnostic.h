// One diagnostic type used everywhere in RoleLab (parse, validate, evaluate,
// lesson and CLI errors), in the spirit of Cedar: a code a program can match,
// a message a person can read, where it happened, and what to do about it.
#pragma once

#include <string>
#include <vector>

namespace rolelab {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;     // AWS error code where AWS has one (MalformedPolicyDocument, ...)
  std::string message;  // AWS's message word for word where AWS has one
  std::string path;     // JSON pointer into the input ("/Statement/0/Effect"), may be empty
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string help;     // a hint a learner can act on; may be empty
};

using Diagnostics = std::vector<Diagnostic>;

// "line 3, column 7: MalformedPolicyDocument: Syntax errors in policy. (/Statement/0)"
std::string to_string(const Diagnostic& d);

}  // namespace rolelab
