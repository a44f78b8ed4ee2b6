#include "policy/policy.h"

#include "policy/validator.h"

namespace rolelab {

// Keys compared as string_views: a length check first, no strlen (validation runs per batch line).
using namespace std::string_view_literals;
using json::text_is;

const char* policy_kind_name(PolicyKind k) {
  switch (k) {
    case PolicyKind::Identity:
      return "identity-based policy";
    case PolicyKind::Resource:
      return "resource-based policy";
    case PolicyKind::Trust:
      return "trust policy";
    case PolicyKind::Boundary:
      return "permissions boundary";
    case PolicyKind::Session:
      return "session policy";
    case PolicyKind::ServiceControl:
      return "service control policy";
    case PolicyKind::ResourceControl:
      return "resource control policy";
  }
  return "?";
}

int default_size_limit(PolicyKind k) {
  switch (k) {
    case PolicyKind::Trust:
      return 2048;  // role trust policy (quota up to 4,096)
    case PolicyKind::Identity:
      return 10240;  // inline role policies (users: 2,048)
    case PolicyKind::Boundary:
      return 6144;  // a managed policy
    case PolicyKind::Session:
      return 2048;  // inline session policy
    case PolicyKind::ServiceControl:
      return 5120;
    case PolicyKind::ResourceControl:
      return 5120;
    case PolicyKind::Resource:
      return 20480;  // S3 bucket policies: 20 KB
  }
  return 10240;
}

std::string policy_name(const Policy& p) {
  std::string out;
  policy_name_parts(p, [&](std::string_view s) { out.append(s.data(), s.size()); });
  return out;
}

int policy_size(std::string_view text) {
  int n = 0;
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') ++n;
  }
  return n;
}

std::string statement_path(const Policy& p, const Statement& s) {
  std::string out;
  statement_path_parts(p, s, [&](std::string_view part) { out.append(part.data(), part.size()); });
  return out;
}

std::string located_path(const std::string& element_path, const Located& l) {
  return l.index < 0 ? element_path : json::pointer_append(element_path, static_cast<std::size_t>(l.index));
}

using policy_detail::kSyntax;
using policy_detail::Validator;

namespace {

// AWS's size quota for the kind (whitespace not counted).
void check_size(Diagnostics& errors, int size, const ParseOptions& opt, json::Pos pos) {
  int limit = opt.size_limit.value_or(default_size_limit(opt.kind));
  if (size <= limit) return;
  Diagnostic d;
  d.code = "LimitExceeded";
  d.message = opt.kind == PolicyKind::Trust ? "Cannot exceed quota for ACLSizePerRole: " + std::to_string(limit)
                                            : "Cannot exceed quota for PolicySize: " + std::to_string(limit);
  d.path = opt.path_prefix;
  d.line = pos.line;
  d.column = pos.column;
  d.help = "This " + std::string(policy_kind_name(opt.kind)) + " has " + std::to_string(size) +
           " characters (whitespace not counted); the limit is " + std::to_string(limit) + ".";
  errors.push_back(std::move(d));
}

}  // namespace

namespace {

bool validate(const json::Value& doc, const ParseOptions& opt, bool consume, Policy& policy, Diagnostics& errors,
              Diagnostics& warnings) {
  const std::size_t errors_before = errors.size();
  // Documents given as JSON objects (world and lesson files) meet the same
  // quotas as text when strict: the compact text is what IAM would count
  // (measured before validation, which may move the document's strings).
  const bool sized = opt.strict && opt.check_limits;
  const int size = sized ? policy_size(json::to_compact_string(doc)) : 0;
  Validator(opt, policy, errors, warnings, consume).run(doc);
  if (sized) check_size(errors, size, opt, doc.pos);
  return errors.size() == errors_before;
}

ParsedPolicy validate(const json::Value& doc, const ParseOptions& opt, bool consume) {
  ParsedPolicy out;
  out.ok = validate(doc, opt, consume, out.policy, out.errors, out.warnings);
  return out;
}

}  // namespace

ParsedPolicy parse_policy(const json::Value& doc, const ParseOptions& opt) { return validate(doc, opt, false); }

ParsedPolicy parse_policy(json::Value&& doc, const ParseOptions& opt) { return validate(doc, opt, true); }

bool parse_policy_into(const json::Value& doc, const ParseOptions& opt, Policy& policy, Diagnostics& errors,
                       Diagnostics& warnings) {
  return validate(doc, opt, false, policy, errors, warnings);
}

ParsedPolicy parse_policy(std::string_view text, const ParseOptions& opt) {
  ParsedPolicy out;
  out.policy.kind = opt.kind;
  out.policy.name = opt.name;
  json::ParseResult r = json::parse(text);
  if (!r.ok) {
    Diagnostic d = r.error;
    d.help = d.message;
    d.code = "MalformedPolicyDocument";
    d.message = kSyntax;
    d.path = opt.path_prefix;
    out.errors.push_back(std::move(d));
    return out;
  }
  ParseOptions value_opt = opt;
  value_opt.check_limits = false;  // counted on the text as typed, below
  const json::Pos pos = r.value.pos;
  out = parse_policy(std::move(r.value), value_opt);  // the document was read for this alone
  if (opt.check_limits) {
    const std::size_t before = out.errors.size();
    check_size(out.errors, policy_size(text), opt, pos);
    if (out.errors.size() != before) out.ok = false;
  }
  return out;
}

}  // namespace rolelab
