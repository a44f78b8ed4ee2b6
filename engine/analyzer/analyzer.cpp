// The checks, one function per policy element. Messages follow the wording of
// the IAM Access Analyzer policy check reference
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// docs/policy-checks.md lists them with RoleLab's two additions.
#include "analyzer/analyzer.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "analyzer/catalogue.h"
#include "policy/condition_operator.h"

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

namespace {

const char* kPage = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html";

std::string anchor_link(FindingType t, const std::string& code) {
  std::string a = "access-analyzer-reference-policy-checks-";
  a += t == FindingType::Error             ? "error-"
       : t == FindingType::SecurityWarning ? "security-warning-"
       : t == FindingType::Warning         ? "general-warning-"
                                           : "suggestion-";
  for (char c : code) a += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::string(kPage) + "#" + a;
}

using Path = std::vector<PathElement>;

PathElement val(std::string s) { return {PathElement::Kind::Value, std::move(s), 0, 0}; }
PathElement idx(std::size_t i) { return {PathElement::Kind::Index, {}, static_cast<int>(i), 0}; }
PathElement key(std::string s) { return {PathElement::Kind::Key, std::move(s), 0, 0}; }

Path operator+(Path p, PathElement e) {
  p.push_back(std::move(e));
  return p;
}

std::string quote(std::string_view s) { return nlohmann::json(std::string(s)).dump(); }

// A string or an array of values, with each value's path.
struct Item {
  const Node* node;
  Path path;
};

std::vector<Item> items_of(const Node& n, const Path& path) {
  std::vector<Item> out;
  if (n.is_array()) {
    for (std::size_t i = 0; i < n.items.size(); ++i) out.push_back({&n.items[i], path + idx(i)});
  } else {
    out.push_back({&n, path});
  }
  return out;
}

bool has_wildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// ---- value syntax ----

bool is_number_text(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  if (s[0] == '-' || s[0] == '+') ++i;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i])))
      digits = true;
    else if (s[i] == '.' && !dot)
      dot = true;
    else
      return false;
  }
  return digits;
}

// ISO 8601 as IAM takes it (2026-01-31, 2026-01-31T12:00:00Z, with fractions or
// offsets), or a number of seconds since the epoch.
bool is_date_text(std::string_view s) {
  if (is_number_text(s)) return true;
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t k = at; k < at + n; ++k)
      if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
    return true;
  };
  if (!digits(0, 4) || s.size() < 10 || s[4] != '-' || !digits(5, 2) || s[7] != '-' || !digits(8, 2)) return false;
  int month = std::atoi(std::string(s.substr(5, 2)).c_str()), day = std::atoi(std::string(s.substr(8, 2)).c_str());
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (s.size() == 10) return true;
  if (s[10] != 'T' && s[10] != 't') return false;
  if (!digits(11, 2) || s.size() < 16 || s[13] != ':' || !digits(14, 2)) return false;
  std::size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!digits(i + 1, 2)) return false;
    i += 3;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    }
  }
  if (i == s.size()) return true;
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return true;
  if ((s[i] == '+' || s[i] == '-') && digits(i + 1, 2)) {
    std::size_t j = i + 3;
    if (j < s.size() && s[j] == ':') ++j;
    return j == s.size() || (digits(j, 2) && j + 2 == s.size());
  }
  return false;
}

bool parse_ipv4(std::string_view s, unsigned& out) {
  unsigned v = 0;
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    unsigned octet = 0;
    int n = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && n < 4) octet = octet * 10 + (s[i++] - '0'), ++n;
    if (octet > 255 || n > 3) return false;
    v = (v << 8) | octet;
    ++parts;
    if (parts < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  if (i != s.size()) return false;
  out = v;
  return true;
}

// An IPv4 or IPv6 address, optionally with a /prefix (CIDR).
bool is_ip_text(std::string_view s, unsigned* v4 = nullptr, int* prefix = nullptr) {
  std::string_view addr = s;
  int bits = -1;
  std::size_t slash = s.find('/');
  if (slash != std::string_view::npos) {
    std::string_view p = s.substr(slash + 1);
    if (p.empty() || p.size() > 3) return false;
    for (char c : p)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    bits = std::atoi(std::string(p).c_str());
    addr = s.substr(0, slash);
  }
  unsigned v = 0;
  if (parse_ipv4(addr, v)) {
    if (bits > 32) return false;
    if (v4) *v4 = v;
    if (prefix) *prefix = bits < 0 ? 32 : bits;
    return true;
  }
  if (addr.find(':') == std::string_view::npos || bits > 128) return false;
  int groups = 0;
  bool gap = false;
  std::size_t i = 0;
  while (i <= addr.size()) {
    std::size_t j = addr.find(':', i);
    if (j == std::string_view::npos) j = addr.size();
    std::string_view g = addr.substr(i, j - i);
    if (!g.empty()) {
      if (g.size() > 4) return false;
      for (char c : g)
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
      ++groups;
    }
    if (j == addr.size()) break;
    i = j + 1;
  }
  std::size_t dbl = addr.find("::");
  gap = dbl != std::string_view::npos;
  if (gap && addr.find("::", dbl + 1) != std::string_view::npos) return false;
  if (prefix) *prefix = -1;
  return groups <= 8 && (gap || groups == 8);
}

// RFC 1918 ranges and the other non-routable ones AWS treats as private.
bool is_private_v4(unsigned v, int bits) {
  struct R {
    unsigned base;
    int bits;
  };
  static const R ranges[] = {{0x0A000000u, 8}, {0xAC100000u, 12}, {0xC0A80000u, 16}, {0x7F000000u, 8}, {0xA9FE0000u, 16}};
  for (const R& r : ranges) {
    if (bits < r.bits) continue;
    unsigned mask = r.bits == 0 ? 0 : ~0u << (32 - r.bits);
    if ((v & mask) == r.base) return true;
  }
  return false;
}

// ---- the checker ----

bool is_detailed_simulated(std::string_view prefix) {
  const ServiceInfo* s = Catalogue::get().service(prefix);
  return s && s->detailed;
}

// Services that assume their role in the role's own account (service roles):
// aws:SourceArn / aws:SourceAccount are not expected there.
bool service_role_principal(std::string_view p) {
  static const char* exempt[] = {"ec2.amazonaws.com",       "lambda.amazonaws.com", "edgelambda.amazonaws.com",
                                 "ecs-tasks.amazonaws.com", "eks.amazonaws.com",    "eks-fargate-pods.amazonaws.com",
                                 "build.apprunner.amazonaws.com", "tasks.apprunner.amazonaws.com"};
  for (const char* e : exempt)
    if (iequals(p, e)) return true;
  return false;
}

// API names that differ from their IAM action (Access Analyzer adds a sentence for them).
const char* api_authorizes_as(std::string_view action) {
  struct M {
    const char* api;
    const char* action;
  };
  static const M map[] = {{"s3:ListBuckets", "s3:ListAllMyBuckets"}, {"s3:HeadBucket", "s3:ListBucket"},
                          {"s3:ListObjects", "s3:ListBucket"},       {"s3:ListObjectsV2", "s3:ListBucket"},
                          {"s3:HeadObject", "s3:GetObject"},         {"s3:DeleteObjects", "s3:DeleteObject"},
                          {"s3:CopyObject", "s3:PutObject"},         {"s3:UploadPart", "s3:PutObject"}};
  for (const M& m : map)
    if (iequals(action, m.api)) return m.action;
  return nullptr;
}

struct StatementInfo {
  const Node* node = nullptr;
  Path path;
  bool allow = true;
  bool effect_known = false;
  bool not_action = false;
  std::vector<Item> actions;
  const Node* principal = nullptr;
  Path principal_path;
  std::vector<std::pair<std::string, Item>> principals;  // (type, value)
  const Node* condition = nullptr;
  Path condition_path;
  bool has_resource = false, not_resource = false;
  std::vector<Item> resources;
};

class Checker {
 public:
  Checker(std::string_view text, PolicyType type, std::optional<ResourceType> rt, const ValidateOptions& opt)
      : text_(text), type_(type), rt_(rt), opt_(opt), cat_(Catalogue::get()) {
    trust_ = type == PolicyType::Resource && rt == ResourceType::AssumeRolePolicyDocument;
  }

  std::vector<Finding> run() {
    SpanParse parsed = parse_with_spans(text_);
    if (!parsed.ok) {
      add(FindingType::Error, "JSON_SYNTAX_ERROR", "Fix the JSON syntax error: " + parsed.error, {}, parsed.error_span);
      return std::move(out_);
    }
    const Node& root = parsed.root;
    if (!root.is_object()) {
      add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type Object.", {}, root.span);
      return std::move(out_);
    }
    size_check(root);
    duplicate_case_keys(root, {});
    const NodeMember* version = root.find_member("Version");
    if (!version) {
      add(FindingType::Warning, "MISSING_VERSION",
          "We recommend that you specify the Version element to help you with debugging permission issues. Add "
          "\"Version\": \"2012-10-17\"; without it, policy variables such as ${aws:username} are not replaced.",
          {}, brace_span(root));
    } else if (!version->value.is_string() ||
               (version->value.text != "2012-10-17" && version->value.text != "2008-10-17")) {
      add(FindingType::Error, "INVALID_VERSION",
          "The version " + (version->value.is_string() ? version->value.text : std::string("value")) +
              " is not supported. Use \"2012-10-17\", the current version of the policy language.",
          {val("Version")}, version->value.span);
    } else {
      variables_enabled_ = version->value.text == "2012-10-17";
    }
    for (const NodeMember& m : root.members) {
      if (m.key != "Version" && m.key != "Id" && m.key != "Statement")
        add(FindingType::Error, "INVALID_POLICY_ELEMENT",
            "The policy element " + m.key + " is not supported. A policy has Version, Id and Statement.", {key(m.key)},
            m.key_span);
    }
    const NodeMember* st = root.find_member("Statement");
    if (!st) {
      add(FindingType::Error, "MISSING_STATEMENT", "Add a statement to the policy: a policy has at least one statement.", {},
          brace_span(root));
    } else if (st->value.is_object()) {
      statement(st->value, {val("Statement")});
    } else if (st->value.is_array()) {
      if (st->value.items.empty())
        add(FindingType::Error, "MISSING_STATEMENT", "Add a statement to the policy: the Statement array is empty.",
            {val("Statement")}, st->value.span);
      for (std::size_t i = 0; i < st->value.items.size(); ++i) {
        const Node& s = st->value.items[i];
        if (!s.is_object()) {
          add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type Object.",
              {val("Statement"), idx(i)}, s.span);
          continue;
        }
        statement(s, {val("Statement"), idx(i)});
      }
    } else {
      add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type Array.",
          {val("Statement")}, st->value.span);
    }
    unique_sids();
    std::stable_sort(out_.begin(), out_.end(), [](const Finding& a, const Finding& b) {
      int oa = a.locations.empty() ? 0 : a.locations[0].span.start.offset;
      int ob = b.locations.empty() ? 0 : b.locations[0].span.start.offset;
      return oa < ob;
    });
    return std::move(out_);
  }

 private:
  std::string_view text_;
  PolicyType type_;
  std::optional<ResourceType> rt_;
  const ValidateOptions& opt_;
  const Catalogue& cat_;
  bool trust_ = false;
  bool variables_enabled_ = false;
  std::vector<Finding> out_;
  std::vector<std::pair<std::string, Item>> sids_;

  Finding& add(FindingType t, const char* code, std::string details, Path path, Span span) {
    Finding f;
    f.type = t;
    f.issue_code = code;
    f.details = std::move(details);
    f.link = anchor_link(t, code);
    f.locations.push_back({std::move(path), span});
    out_.push_back(std::move(f));
    return out_.back();
  }

  // RoleLab's own checks link to the IAM page that explains the rule.
  Finding& add_own(FindingType t, const char* code, std::string details, Path path, Span span, const char* link) {
    Finding& f = add(t, code, std::move(details), std::move(path), span);
    f.link = link;
    return f;
  }

  static Span brace_span(const Node& n) {
    Span s;
    s.start = n.span.start;
    s.end = n.span.start;
    ++s.end.column, ++s.end.offset, ++s.end.byte;
    return s;
  }

  void size_check(const Node& root) {
    (void)root;
    int size = 0;
    for (char c : text_)
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') ++size;
    const char* code = nullptr;
    int limit = 0;
    FindingType t = FindingType::Warning;
    std::string what;
    switch (type_) {
      case PolicyType::Identity:
        code = "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", limit = 6144, what = "identity policy (managed policy)";
        break;
      case PolicyType::Resource:
        if (trust_)
          code = "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", limit = 2048, what = "role trust policy";
        else
          code = "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", limit = 20480, what = "resource policy";
        break;
      case PolicyType::ServiceControl:
      case PolicyType::ResourceControl:
        code = "POLICY_SIZE_EXCEEDS_SCP_QUOTA", limit = 5120, t = FindingType::Error,
        what = type_ == PolicyType::ServiceControl ? "service control policy" : "resource control policy";
        break;
    }
    if (opt_.size_limit) limit = *opt_.size_limit;
    if (size > limit)
      add(t, code,
          "The " + what + " has " + std::to_string(size) + " characters (whitespace not counted), more than its quota of " +
              std::to_string(limit) + " characters. Shorten it, or split it into several policies.",
          {}, brace_span(root));
  }

  void duplicate_case_keys(const Node& n, const Path& path) {
    if (n.is_object()) {
      for (std::size_t i = 0; i < n.members.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (n.members[i].key != n.members[j].key && iequals(n.members[i].key, n.members[j].key)) {
            add(FindingType::Error, "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
                "The keys " + n.members[j].key + " and " + n.members[i].key +
                    " differ only in case; policy keys are case-insensitive here. Merge them into one.",
                path + key(n.members[i].key), n.members[i].key_span);
            break;
          }
        }
      }
      for (const NodeMember& m : n.members) duplicate_case_keys(m.value, path + val(m.key));
    } else if (n.is_array()) {
      for (std::size_t i = 0; i < n.items.size(); ++i) duplicate_case_keys(n.items[i], path + idx(i));
    }
  }

  void unique_sids() {
    for (std::size_t i = 0; i < sids_.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (sids_[i].first == sids_[j].first) {
          bool required = type_ == PolicyType::ServiceControl || type_ == PolicyType::ResourceControl;
          add(required ? FindingType::Error : FindingType::Warning, required ? "UNIQUE_SIDS_REQUIRED" : "UNIQUE_SIDS_RECOMMENDED",
              "Duplicate statement IDs are " + std::string(required ? "not supported for this policy type" : "not recommended") +
                  ": the Sid " + sids_[i].first + " is used by another statement. Use unique values for Sid.",
              sids_[i].second.path, sids_[i].second.node->span);
          break;
        }
      }
    }
  }

  // ---- statements ----

  void statement(const Node& s, const Path& path) {
    StatementInfo st;
    st.node = &s;
    st.path = path;
    static const char* allowed[] = {"Sid",      "Effect",      "Principal",   "NotPrincipal", "Action",
                                    "NotAction", "Resource",   "NotResource", "Condition"};
    for (const NodeMember& m : s.members) {
      bool ok = false;
      for (const char* a : allowed) ok = ok || m.key == a;
      if (!ok)
        add(FindingType::Error, "INVALID_POLICY_ELEMENT",
            "The policy element " + m.key + " is not supported in a statement. Use Sid, Effect, Principal, NotPrincipal, "
                                            "Action, NotAction, Resource, NotResource or Condition.",
            path + key(m.key), m.key_span);
    }
    if (const Node* sid = s.find("Sid")) {
      if (sid->is_string() && sid->text.empty())
        add(FindingType::Suggestion, "EMPTY_SID_VALUE", "Add a value to the empty string in the Sid element.", path + val("Sid"),
            sid->span);
      else if (sid->is_string())
        sids_.push_back({sid->text, {sid, path + val("Sid")}});
    }
    effect(s, path, st);
    actions(s, path, st);
    principal(s, path, st);
    resources(s, path, st);
    if (const Node* c = s.find("Condition")) {
      st.condition = c;
      st.condition_path = path + val("Condition");
    }
    conditions(st);
    if (trust_) trust_checks(st);
    if (type_ == PolicyType::Resource) service_principal_checks(st);
    pass_role(st);
    resource_mismatch(st);
    if (type_ == PolicyType::Identity && !st.not_action) condition_keys_set_by_actions(st);
  }

  void effect(const Node& s, const Path& path, StatementInfo& st) {
    const Node* e = s.find("Effect");
    if (!e) {
      add(FindingType::Error, "MISSING_EFFECT", "Add an Effect element to the statement with a value of Allow or Deny.", path,
          brace_span(s));
      return;
    }
    if (e->is_string() && (e->text == "Allow" || e->text == "Deny")) {
      st.allow = e->text == "Allow";
      st.effect_known = true;
      return;
    }
    Finding& f = add(FindingType::Error, "INVALID_EFFECT",
                     "The effect " + (e->is_string() ? e->text : std::string("value")) +
                         " is not valid. Use Allow or Deny (the values are case-sensitive).",
                     path + val("Effect"), e->span);
    if (e->is_string() && (iequals(e->text, "Allow") || iequals(e->text, "Deny"))) {
      std::string fixed = iequals(e->text, "Allow") ? "Allow" : "Deny";
      f.fix = Fix{e->span, quote(fixed), "Replace with " + fixed};
      st.allow = fixed == "Allow";
    }
  }

  bool empty_array(const Node& n, const Path& path, const char* code, const char* element) {
    if (n.is_array() && n.items.empty()) {
      add(FindingType::Suggestion, code,
          std::string("This statement includes no ") + element + " and does not affect the policy. Specify a value.", path,
          n.span);
      return true;
    }
    return false;
  }

  bool strings_only(const std::vector<Item>& items) {
    bool ok = true;
    for (const Item& it : items) {
      if (!it.node->is_string()) {
        add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type String.", it.path,
            it.node->span);
        ok = false;
      }
    }
    return ok;
  }

  // ---- Action / NotAction ----

  void actions(const Node& s, const Path& path, StatementInfo& st) {
    const NodeMember* a = s.find_member("Action");
    const NodeMember* na = s.find_member("NotAction");
    if (!a && !na) {
      add(FindingType::Error, "MISSING_ACTION", "Add an Action or NotAction element to the statement.", path, brace_span(s));
      return;
    }
    const NodeMember* m = a ? a : na;
    st.not_action = !a;
    Path p = path + val(m->key);
    if (empty_array(m->value, p, "EMPTY_ARRAY_ACTION", "actions")) return;
    std::vector<Item> items = items_of(m->value, p);
    strings_only(items);
    for (const Item& it : items)
      if (it.node->is_string()) st.actions.push_back(it);
    if (type_ == PolicyType::ServiceControl && st.not_action && st.allow && st.effect_known)
      add(FindingType::Error, "SCP_SYNTAX_ERROR_ALLOW_NOTACTION",
          "NotAction with Allow is not supported in a service control policy. Use Action, or Deny with NotAction.", p,
          m->key_span);
    for (const Item& it : st.actions) action_value(it);
    redundant_actions(st);
  }

  void action_value(const Item& it) {
    const std::string& a = it.node->text;
    if (a == "*") return;
    std::size_t colon = a.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == a.size()) {
      add(FindingType::Error, "INVALID_ACTION",
          "The action " + a + " does not exist. Write an action as service:ActionName, for example s3:GetObject.", it.path,
          it.node->span);
      return;
    }
    std::string svc = a.substr(0, colon), name = a.substr(colon + 1);
    if (has_wildcard(svc)) {
      add(FindingType::Suggestion, "WILDCARD_IN_SERVICE_NAME",
          "Avoid using wildcards (*, ?) in the service name " + svc +
              " because it might grant unintended access to other AWS services with similar names.",
          it.path, it.node->span);
      return;
    }
    if (type_ == PolicyType::ServiceControl) {
      std::size_t star = name.find_first_of("*?");
      if (star != std::string::npos && star + 1 != name.size())
        add(FindingType::Error, "SCP_SYNTAX_ERROR_ACTION_WILDCARD",
            "Service control policies support a wildcard (*) only at the end of an action name: " + a + ".", it.path,
            it.node->span);
    }
    const ServiceInfo* info = cat_.service(svc);
    if (!info) {
      std::string best;
      int best_d = 3;
      for (const ServiceInfo& s : cat_.services()) {
        int d = edit_distance(svc, s.prefix, 2);
        if (d < best_d) best_d = d, best = s.prefix;
      }
      Finding& f = add(FindingType::Error, "INVALID_SERVICE",
                       "The service " + svc + " does not exist." + (best.empty() ? "" : " Did you mean " + best + "?"),
                       it.path, it.node->span);
      if (!best.empty()) f.fix = Fix{it.node->span, quote(best + ":" + name), "Replace with " + best + ":" + name};
      return;
    }
    if (has_wildcard(name)) {
      for (const std::string& n : info->actions)
        if (wild_match(name, n)) return;
      add(FindingType::Error, "INVALID_ACTION",
          "The action " + a + " does not exist: the pattern matches no action of " + info->prefix + ".", it.path,
          it.node->span);
      return;
    }
    if (info->find_action(name) >= 0) return;
    std::string suggestion;
    std::string api_note;
    if (const char* real = api_authorizes_as(a)) {
      suggestion = real;
      api_note = " The API called " + name + " authorizes against the IAM action " + suggestion + ".";
    } else {
      int best_d = std::max(2, static_cast<int>(name.size()) / 4) + 1;
      for (const std::string& n : info->actions) {
        int d = edit_distance(name, n, best_d - 1);
        if (d < best_d) best_d = d, suggestion = info->prefix + ":" + n;
      }
    }
    Finding& f = add(FindingType::Error, "INVALID_ACTION",
                     "The action " + a + " does not exist." + (suggestion.empty() ? "" : " Did you mean " + suggestion + "?") +
                         api_note,
                     it.path, it.node->span);
    if (!suggestion.empty()) f.fix = Fix{it.node->span, quote(suggestion), "Replace with " + suggestion};
  }

  void redundant_actions(const StatementInfo& st) {
    for (std::size_t i = 0; i < st.actions.size(); ++i) {
      const std::string& a = st.actions[i].node->text;
      for (std::size_t j = 0; j < st.actions.size(); ++j) {
        if (i == j) continue;
        const std::string& b = st.actions[j].node->text;
        bool same = iequals(a, b);
        // a is covered by pattern b (b broader), or an exact duplicate listed earlier.
        if ((same && j < i) || (!same && has_wildcard(b) && wild_match(b, a))) {
          add(FindingType::Suggestion, "REDUNDANT_ACTION",
              "The action " + a + " is redundant because it provides similar permissions to the action " + b + ". Remove " +
                  a + ".",
              st.actions[i].path, st.actions[i].node->span);
          break;
        }
      }
    }
  }

  // ---- Principal / NotPrincipal ----

  void principal(const Node& s, const Path& path, StatementInfo& st) {
    const NodeMember* p = s.find_member("Principal");
    const NodeMember* np = s.find_member("NotPrincipal");
    const NodeMember* m = p ? p : np;
    if (type_ == PolicyType::Identity) {
      if (m)
        add(FindingType::Error, "UNSUPPORTED_PRINCIPAL",
            "The policy type IDENTITY_POLICY does not support the " + m->key +
                " element: an identity policy applies to the identity it is attached to. Remove it.",
            path + key(m->key), m->key_span);
      return;
    }
    if (type_ == PolicyType::ServiceControl) {
      if (m)
        add(FindingType::Error, "SCP_SYNTAX_ERROR_PRINCIPAL",
            "The " + m->key + " element is not supported in a service control policy. Remove it.", path + key(m->key),
            m->key_span);
      return;
    }
    if (!m) {
      if (type_ == PolicyType::Resource)
        add(FindingType::Error, "MISSING_PRINCIPAL",
            "Add a Principal element to the policy statement: a resource policy must say who it applies to.", path,
            brace_span(s));
      return;
    }
    Path pp = path + val(m->key);
    st.principal = &m->value;
    st.principal_path = pp;
    if (np) {
      if (trust_) {
        add(FindingType::Error, "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
            "Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.",
            path + key("NotPrincipal"), np->key_span);
      } else if (st.allow && st.effect_known) {
        add(FindingType::SecurityWarning, "ALLOW_WITH_NOT_PRINCIPAL",
            "Using Allow with NotPrincipal can be overly permissive: it allows every principal except the ones listed. "
            "We recommend that you use Principal instead.",
            path + key("NotPrincipal"), np->key_span);
      }
    }
    const Node& v = m->value;
    if (v.is_string()) {
      if (v.text != "*") {
        add(FindingType::Error, "INVALID_PRINCIPAL_FORMAT",
            "The Principal element value " + v.text + " is not valid: use \"*\" or an object such as {\"AWS\": \"...\"}.", pp,
            v.span);
      } else if (trust_ && p) {
        add(FindingType::Error, "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
            "\"Principal\": \"*\" is not supported in the principal element of a role trust policy. Replace the wildcard "
            "with a valid principal value.",
            pp, v.span);
      }
      st.principals.push_back({"*", {&v, pp}});
      return;
    }
    if (!v.is_object()) {
      add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type Object.", pp, v.span);
      return;
    }
    if (v.members.empty()) {
      add(FindingType::Suggestion, "EMPTY_OBJECT_PRINCIPAL",
          "This statement includes no principals and does not affect the policy. Specify principals.", pp, v.span);
      return;
    }
    for (const NodeMember& e : v.members) {
      Path ep = pp + val(e.key);
      if (e.key != "AWS" && e.key != "Service" && e.key != "Federated" && e.key != "CanonicalUser") {
        add(FindingType::Error, "INVALID_PRINCIPAL_KEY",
            "The principal key " + e.key + " is not valid. Use AWS, Service, Federated or CanonicalUser.", pp + key(e.key),
            e.key_span);
        continue;
      }
      if (empty_array(e.value, ep, "EMPTY_ARRAY_PRINCIPAL", "principals")) continue;
      std::vector<Item> items = items_of(e.value, ep);
      if (!strings_only(items)) continue;
      for (const Item& it : items) {
        principal_value(e.key, it);
        st.principals.push_back({e.key, it});
      }
    }
    if (trust_) redundant_principals(st);
  }

  static bool is_account_id(std::string_view s) {
    return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

  void principal_value(const std::string& type, const Item& it) {
    const std::string& v = it.node->text;
    if (type == "AWS") {
      if (v == "*" || is_account_id(v)) return;
      bool ok = false;
      if (starts_with_ci(v, "arn:")) {
        std::vector<std::string> parts;
        std::size_t from = 0;
        for (int k = 0; k < 5; ++k) {
          std::size_t c = v.find(':', from);
          if (c == std::string::npos) break;
          parts.push_back(v.substr(from, c - from));
          from = c + 1;
        }
        ok = parts.size() == 5 && (parts[2] == "iam" || parts[2] == "sts") && (is_account_id(parts[4]) || parts[4] == "*" ||
                                                                               has_wildcard(parts[4]));
      }
      if (!ok)
        add(FindingType::Error, "INVALID_PRINCIPAL_FORMAT",
            "The AWS principal " + v +
                " is not valid. Use an account ID, an account root ARN (arn:aws:iam::111122223333:root), or an IAM user, "
                "role or assumed-role session ARN.",
            it.path, it.node->span);
    } else if (type == "Service") {
      bool ok = !v.empty() && v.find(':') == std::string::npos && v.find('/') == std::string::npos &&
                v.find('.') != std::string::npos && !has_wildcard(v);
      if (!ok)
        add(FindingType::Error, "INVALID_SERVICE_PRINCIPAL_FORMAT",
            "The service principal " + v + " is not valid. A service principal looks like service.amazonaws.com.", it.path,
            it.node->span);
    } else if (type == "Federated" && trust_) {
      static const char* bare[] = {"cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com",
                                   "www.amazon.com"};
      bool ok = false;
      for (const char* b : bare) ok = ok || v == b;
      if (!ok && starts_with_ci(v, "arn:")) {
        std::size_t provider = v.find(":saml-provider/");
        if (provider == std::string::npos) provider = v.find(":oidc-provider/");
        ok = provider != std::string::npos && v.find(":iam::") != std::string::npos;
      }
      if (!ok)
        add(FindingType::Error, "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
            "The federated principal " + v +
                " is not valid in a role trust policy. Use arn:aws:iam::ACCOUNT:saml-provider/NAME, "
                "arn:aws:iam::ACCOUNT:oidc-provider/HOST, or cognito-identity.amazonaws.com, accounts.google.com, "
                "graph.facebook.com or www.amazon.com.",
            it.path, it.node->span);
    }
  }

  void redundant_principals(const StatementInfo& st) {
    for (const auto& [type, it] : st.principals) {
      if (type != "AWS") continue;
      const std::string& v = it.node->text;
      std::size_t at = v.find(":assumed-role/");
      if (!starts_with_ci(v, "arn:") || at == std::string::npos) continue;
      std::size_t sts = v.find(":sts::");
      if (sts == std::string::npos) continue;
      std::string account = v.substr(sts + 6, at - (sts + 6));
      std::string rest = v.substr(at + 14);
      std::string role = rest.substr(0, rest.find('/'));
      for (const auto& [t2, other] : st.principals) {
        if (t2 != "AWS") continue;
        const std::string& o = other.node->text;
        std::string prefix = "arn:aws:iam::" + account + ":role/";
        if (starts_with_ci(o, prefix) && (o.size() > prefix.size()) &&
            iequals(o.substr(o.rfind('/') + 1), role)) {
          add(FindingType::Suggestion, "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
              "The assumed-role principal " + v + " is redundant with its parent role " + o +
                  ". Remove the assumed-role principal.",
              it.path, it.node->span);
          break;
        }
      }
    }
  }

  // ---- Resource / NotResource ----

  void resources(const Node& s, const Path& path, StatementInfo& st) {
    const NodeMember* r = s.find_member("Resource");
    const NodeMember* nr = s.find_member("NotResource");
    const NodeMember* m = r ? r : nr;
    if (trust_) {
      if (m)
        add(FindingType::Error, "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE",
            "Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the " +
                m->key + " element.",
            path + key(m->key), m->key_span);
      return;
    }
    if (!m) {
      if (type_ == PolicyType::Identity || type_ == PolicyType::Resource || type_ == PolicyType::ResourceControl)
        add(FindingType::Error, "MISSING_RESOURCE",
            "Add a Resource or NotResource element to the policy statement.", path, brace_span(s));
      return;
    }
    st.has_resource = true;
    st.not_resource = !r;
    Path p = path + val(m->key);
    if (type_ == PolicyType::ServiceControl && nr && st.allow && st.effect_known)
      add(FindingType::Error, "SCP_SYNTAX_ERROR_NOTRESOURCE",
          "NotResource with Allow is not supported in a service control policy. Use Resource.", p, m->key_span);
    if (empty_array(m->value, p, "EMPTY_ARRAY_RESOURCE", "resources")) return;
    std::vector<Item> items = items_of(m->value, p);
    strings_only(items);
    for (const Item& it : items) {
      if (!it.node->is_string()) continue;
      st.resources.push_back(it);
      const std::string& v = it.node->text;
      variables(it);
      if (v == "*") continue;
      if (v.rfind("${", 0) == 0) continue;  // a policy variable standing for a whole ARN
      if (!starts_with_ci(v, "arn:")) {
        add(FindingType::Error, "INVALID_ARN_PREFIX",
            "The resource " + v + " is not valid. Resource ARNs start with arn:, or use \"*\" for all resources.", it.path,
            it.node->span);
        continue;
      }
      std::size_t colons = static_cast<std::size_t>(std::count(v.begin(), v.end(), ':'));
      if (colons < 5) {
        add(FindingType::Error, "MISSING_ARN_FIELD",
            "The resource ARN " + v +
                " is missing a field. An ARN has six fields: arn:partition:service:region:account-id:resource.",
            it.path, it.node->span);
        continue;
      }
      std::string partition = v.substr(4, v.find(':', 4) - 4);
      if (!has_wildcard(partition) && partition.find("${") == std::string::npos && partition != "aws" &&
          partition != "aws-cn" && partition != "aws-us-gov")
        add(FindingType::Error, "INVALID_PARTITION",
            "The partition " + partition + " is not valid. Use aws, aws-cn or aws-us-gov.", it.path, it.node->span);
    }
  }

  // ---- policy variables (Resource and Condition values) ----

  void variables(const Item& it) {
    const std::string& v = it.node->text;
    std::size_t at = 0;
    while ((at = v.find("${", at)) != std::string::npos) {
      std::size_t close = v.find('}', at);
      std::size_t next = v.find("${", at + 2);
      if (close == std::string::npos || (next != std::string::npos && next < close)) {
        Finding& f = add(FindingType::Error, "MISSING_BRACE_IN_VARIABLE",
                         "The policy variable in " + v + " is missing its closing brace. Add } at the end of the variable.",
                         it.path + PathElement{PathElement::Kind::Substring, {}, static_cast<int>(at), 0}, it.node->span);
        f.locations[0].path.back().length = static_cast<int>((next == std::string::npos ? v.size() : next) - at);
        return;
      }
      std::string_view inner(v.data() + at + 2, close - at - 2);
      if (inner.empty())
        add(FindingType::Error, "EMPTY_VARIABLE", "The policy variable ${} is empty. Add a variable name, e.g. ${aws:username}.",
            it.path, it.node->span);
      else if (inner.find(' ') != std::string_view::npos && inner.find(", '") == std::string_view::npos)
        add(FindingType::Error, "UNSUPPORTED_SPACE_IN_VARIABLE",
            "Spaces are not supported inside the policy variable ${" + std::string(inner) + "}. Remove them.", it.path,
            it.node->span);
      at = close + 1;
    }
  }

  // ---- Condition ----

  void conditions(StatementInfo& st) {
    if (!st.condition) return;
    const Node& c = *st.condition;
    const Path& cp = st.condition_path;
    if (!c.is_object()) {
      add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type Object.", cp, c.span);
      return;
    }
    if (c.members.empty()) {
      add(FindingType::Suggestion, "EMPTY_OBJECT_CONDITION",
          "This condition block is empty and does not affect the policy. Specify conditions or remove it.", cp, c.span);
      return;
    }
    for (const NodeMember& opm : c.members) {
      ConditionOperator op = parse_operator(opm.key);
      Path op_path = cp + val(opm.key);
      if (!op.known) {
        add(FindingType::Error, "INVALID_CONDITION_OPERATOR",
            "The condition operator " + opm.key + " is not valid. Use a valid condition operator, such as StringEquals, "
                                                  "StringLike, ArnLike, NumericLessThan, DateGreaterThan, Bool or IpAddress.",
            cp + key(opm.key), opm.key_span);
        continue;
      }
      // parse_operator drops IfExists on Null (it has no effect there): look at the name.
      if (op.kind == OpKind::Null && opm.key.size() > 8 && opm.key.compare(opm.key.size() - 8, 8, "IfExists") == 0)
        add(FindingType::Error, "NULL_WITH_IF_EXISTS",
            "The IfExists suffix is not supported with the Null operator: Null already tests whether the key exists. Remove "
            "IfExists.",
            cp + key(opm.key), opm.key_span);
      if (op.kind == OpKind::Null && op.qualifier != SetQualifier::None)
        add(FindingType::Suggestion, "NULL_WITH_QUALIFIER",
            "Avoid ForAllValues and ForAnyValue with the Null operator: Null tests whether a key exists, not its values.",
            cp + key(opm.key), opm.key_span);
      if (!opm.value.is_object()) {
        add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type Object.", op_path,
            opm.value.span);
        continue;
      }
      if (opm.value.members.empty()) {
        add(FindingType::Suggestion, "EMPTY_OBJECT_CONDITION",
            "This condition block is empty and does not affect the policy. Specify conditions or remove it.", op_path,
            opm.value.span);
        continue;
      }
      for (const NodeMember& km : opm.value.members) condition_key(st, op, opm.key, km, op_path);
    }
  }

  const KeyInfo* known_key(const std::string& k, bool& key_reported, const Path& kp, const Span& span) {
    key_reported = false;
    std::size_t colon = k.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == k.size()) {
      add(FindingType::Error, "INVALID_CONDITION_KEY_FORMAT",
          "The condition key format " + k + " is not valid. Write a condition key as prefix:KeyName, e.g. aws:SourceIp.", kp,
          span);
      key_reported = true;
      return nullptr;
    }
    std::string prefix = k.substr(0, colon);
    if (iequals(prefix, "aws")) {
      if (const KeyInfo* g = cat_.global_key(k)) return g;
      std::string best;
      int best_d = 3;
      // Suggest the closest global key (tag keys compared by their prefix).
      Catalogue const& c = cat_;
      for (const char* probe : {"aws:SourceIp", "aws:SourceArn", "aws:SourceAccount", "aws:PrincipalArn", "aws:PrincipalAccount",
                                "aws:PrincipalOrgID", "aws:SourceVpc", "aws:SourceVpce", "aws:SecureTransport",
                                "aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:CurrentTime", "aws:EpochTime",
                                "aws:RequestedRegion", "aws:PrincipalType", "aws:userid", "aws:username", "aws:TagKeys",
                                "aws:CalledVia", "aws:ViaAWSService", "aws:SourceOrgID", "aws:ResourceAccount",
                                "aws:ResourceOrgID", "aws:TokenIssueTime", "aws:SourceIdentity", "aws:PrincipalIsAWSService",
                                "aws:PrincipalServiceName", "aws:FederatedProvider", "aws:UserAgent", "aws:Referer"}) {
        if (!c.global_key(probe)) continue;
        int d = edit_distance(k, probe, 2);
        if (d < best_d) best_d = d, best = probe;
      }
      Finding& f = add(FindingType::Error, "INVALID_GLOBAL_CONDITION_KEY",
                       "The condition key " + k + " does not exist. Use a valid global condition key." +
                           (best.empty() ? "" : " Did you mean " + best + "?"),
                       kp, span);
      if (!best.empty()) f.fix = Fix{span, quote(best), "Replace with " + best};
      key_reported = true;
      return nullptr;
    }
    if (const KeyInfo* s = cat_.service_key(k)) return s;
    if (is_detailed_simulated(prefix) && !iequals(prefix, "sts")) {
      add(FindingType::Error, "INVALID_SERVICE_CONDITION_KEY",
          "The condition key " + k + " does not exist in the service " + prefix + ". Use a valid condition key.", kp, span);
      key_reported = true;
    }
    return nullptr;
  }

  static const char* family(OpKind k) {
    switch (k) {
      case OpKind::StringEquals:
      case OpKind::StringEqualsIgnoreCase:
      case OpKind::StringLike:
        return "String";
      case OpKind::NumericEquals:
      case OpKind::NumericLessThan:
      case OpKind::NumericLessThanEquals:
      case OpKind::NumericGreaterThan:
      case OpKind::NumericGreaterThanEquals:
        return "Numeric";
      case OpKind::DateEquals:
      case OpKind::DateLessThan:
      case OpKind::DateLessThanEquals:
      case OpKind::DateGreaterThan:
      case OpKind::DateGreaterThanEquals:
        return "Date";
      case OpKind::Bool:
        return "Bool";
      case OpKind::BinaryEquals:
        return "Binary";
      case OpKind::IpAddress:
        return "IPAddress";
      case OpKind::ArnLike:
        return "ARN";
      case OpKind::Null:
      case OpKind::Unknown:
        return "";
    }
    return "";
  }

  void condition_key(StatementInfo& st, const ConditionOperator& op, const std::string& op_name, const NodeMember& km,
                     const Path& op_path) {
    const std::string& k = km.key;
    Path kp = op_path + key(k);
    Path vp = op_path + val(k);
    bool reported = false;
    const KeyInfo* info = known_key(k, reported, kp, km.key_span);
    const Node& v = km.value;
    if (v.is_array() && v.items.empty()) {
      const char* code = op.qualifier == SetQualifier::ForAllValues   ? "EMPTY_ARRAY_CONDITION_FORALLVALUES"
                         : op.qualifier == SetQualifier::ForAnyValue ? "EMPTY_ARRAY_CONDITION_FORANYVALUE"
                         : op.if_exists                              ? "EMPTY_ARRAY_CONDITION_IFEXISTS"
                                                                     : "EMPTY_ARRAY_CONDITION";
      add(FindingType::Suggestion, code,
          "The condition key " + k + " has an empty array of values, so the condition " +
              (op.qualifier == SetQualifier::ForAllValues ? "matches whenever the key is missing" : "never matches") +
              ". Specify values.",
          vp, v.span);
      return;
    }
    std::vector<Item> values = items_of(v, vp);
    for (const Item& it : values) {
      if (it.node->is_array() || it.node->is_object() || it.node->type == NodeType::Null)
        add(FindingType::Error, "DATA_TYPE_MISMATCH", "The text does not match the expected JSON data type String.", it.path,
            it.node->span);
    }
    // Operator against the key's type.
    if (info && op.kind != OpKind::Null) {
      std::string kt = info->type.rfind("ArrayOf", 0) == 0 ? info->type.substr(7) : info->type;
      std::string of = family(op.kind);
      bool compatible = of.empty() || kt == of || (kt == "ARN" && of == "String");
      if (!compatible && !of.empty()) {
        add(FindingType::Warning, "TYPE_MISMATCH",
            "The condition operator " + op_name + " is not compatible with the condition key " + k + " of type " + info->type +
                ". Use a " + kt + " condition operator.",
            kp, km.key_span);
      }
      if (op.qualifier == SetQualifier::ForAllValues && !info->multivalued()) {
        add(FindingType::SecurityWarning, "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
            "Using ForAllValues qualifier with the single-valued condition key " + k +
                " can be overly permissive: the condition matches when the key is missing. Remove ForAllValues:.",
            kp, km.key_span);
      }
    }
    // Values against the operator.
    for (const Item& it : values) {
      const Node& n = *it.node;
      if (n.is_array() || n.is_object() || n.type == NodeType::Null) continue;
      const std::string& t = n.text;
      bool is_var = n.is_string() && t.find("${") != std::string::npos;
      if (n.is_string()) variables(it);
      if (is_var) continue;
      switch (op.kind) {
        case OpKind::NumericEquals:
        case OpKind::NumericLessThan:
        case OpKind::NumericLessThanEquals:
        case OpKind::NumericGreaterThan:
        case OpKind::NumericGreaterThanEquals:
          if (!(n.type == NodeType::Number || is_number_text(t)))
            add(FindingType::Warning, "TYPE_MISMATCH_NUMBER",
                "The numeric condition operator " + op_name + " is used with a value that is not a number: " + value_text(n) +
                    ". Use a number.",
                it.path, n.span);
          break;
        case OpKind::DateEquals:
        case OpKind::DateLessThan:
        case OpKind::DateLessThanEquals:
        case OpKind::DateGreaterThan:
        case OpKind::DateGreaterThanEquals:
          if (!(n.type == NodeType::Number || is_date_text(t)))
            add(FindingType::Warning, "TYPE_MISMATCH_DATE",
                "The date condition operator " + op_name + " is used with an invalid value: " + value_text(n) +
                    ". Specify a date in ISO 8601 format (2026-01-31T00:00:00Z) or epoch seconds.",
                it.path, n.span);
          break;
        case OpKind::Bool:
        case OpKind::Null:
          if (!(n.type == NodeType::Bool || iequals(t, "true") || iequals(t, "false")))
            add(FindingType::Warning, "TYPE_MISMATCH_BOOLEAN",
                "The condition operator " + op_name + " is used with a value that is not a Boolean: " + value_text(n) +
                    ". Use true or false.",
                it.path, n.span);
          break;
        case OpKind::IpAddress: {
          unsigned v4 = 0;
          int bits = 0;
          if (!n.is_string() || !is_ip_text(t, &v4, &bits)) {
            add(FindingType::Warning, "TYPE_MISMATCH_IP_RANGE",
                "The condition operator " + op_name + " is used with an invalid IP address or range: " + value_text(n) +
                    ". Specify an IPv4 or IPv6 address or CIDR range.",
                it.path, n.span);
          } else if (bits >= 0 && iequals(k, "aws:SourceIp") && is_private_v4(v4, bits)) {
            add(FindingType::Error, op.negated ? "PRIVATE_NOT_IP_ADDRESS" : "PRIVATE_IP_ADDRESS",
                "aws:SourceIp never holds a private IP address such as " + t +
                    ": requests through a VPC endpoint carry aws:VpcSourceIp instead, so this condition " +
                    (op.negated ? "always matches" : "never matches") + ". Use aws:VpcSourceIp or aws:SourceVpce.",
                it.path, n.span);
          }
          break;
        }
        case OpKind::StringEquals:
        case OpKind::StringEqualsIgnoreCase:
          if (n.is_string() && has_wildcard(t) && t != "*")
            add(FindingType::Warning, "WILDCARD_WITHOUT_LIKE_OPERATOR",
                "The wildcard in " + t + " is compared literally by " + op_name +
                    ". To match a pattern, use StringLike (or StringNotLike).",
                it.path, n.span);
          break;
        default:
          break;
      }
    }
    (void)st;
    (void)reported;
  }

  static std::string value_text(const Node& n) { return n.is_string() ? n.text : n.text.empty() ? "true" : n.text; }

  // ---- trust-policy checks ----

  static std::string provider_of(const std::string& federated) {
    std::size_t at = federated.find(":oidc-provider/");
    if (at != std::string::npos) return federated.substr(at + 15);
    return federated;  // bare web identity providers: accounts.google.com, ...
  }

  // Every (key, operator, value item) in the statement's conditions.
  struct CondUse {
    std::string op;
    ConditionOperator parsed;
    std::string key;
    const Node* values;
    Path path;
  };
  std::vector<CondUse> condition_uses(const StatementInfo& st) {
    std::vector<CondUse> uses;
    if (!st.condition || !st.condition->is_object()) return uses;
    for (const NodeMember& opm : st.condition->members) {
      if (!opm.value.is_object()) continue;
      for (const NodeMember& km : opm.value.members)
        uses.push_back({opm.key, parse_operator(opm.key), km.key, &km.value, st.condition_path + val(opm.key) + val(km.key)});
    }
    return uses;
  }

  bool statement_allows_action(const StatementInfo& st, std::string_view action) {
    if (st.not_action) {
      for (const Item& a : st.actions)
        if (wild_match(a.node->text, action)) return false;
      return true;
    }
    for (const Item& a : st.actions)
      if (wild_match(a.node->text, action)) return true;
    return false;
  }

  void trust_checks(const StatementInfo& st) {
    if (!st.allow || !st.effect_known) return;
    std::vector<CondUse> uses = condition_uses(st);
    for (const auto& [type, it] : st.principals) {
      if (type != "Federated") continue;
      const std::string& fed = it.node->text;
      bool saml = fed.find(":saml-provider/") != std::string::npos;
      const char* needed = saml ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
      if (!statement_allows_action(st, needed)) {
        std::string listed;
        for (const Item& a : st.actions) listed += (listed.empty() ? "" : ", ") + a.node->text;
        add(FindingType::Error, "MISMATCHED_ACTION_FOR_PRINCIPAL",
            "The action " + (listed.empty() ? std::string("in the statement") : listed) +
                " does not match the principal " + fed + ". A " + (saml ? "SAML" : "web identity (OIDC)") +
                " provider is trusted with " + needed + ".",
            it.path, it.node->span);
      }
      if (saml) continue;
      std::string provider = provider_of(fed);
      bool github = iequals(provider, "token.actions.githubusercontent.com");
      if (github) {
        bool repo_key = false;
        for (const CondUse& u : uses) {
          if (!iequals(u.key, "token.actions.githubusercontent.com:sub") &&
              !iequals(u.key, "token.actions.githubusercontent.com:job_workflow_ref"))
            continue;
          repo_key = true;
          // Wildcards in the repository or branch: a specific one is recommended.
          // The environment and pull_request forms are specific (no finding).
          for (const Item& v : items_of(*u.values, u.path)) {
            if (!v.node->is_string() || !has_wildcard(v.node->text)) continue;
            if (u.parsed.kind != OpKind::StringLike) continue;
            add(FindingType::Warning, "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
                "Using a wildcard (*) in " + u.key + " (" + v.node->text +
                    ") can grant access to more repositories or branches than intended. We recommend that you specify the "
                    "repository and branch, e.g. repo:ORG/REPO:ref:refs/heads/main.",
                v.path, v.node->span);
          }
        }
        if (!repo_key)
          add(FindingType::SecurityWarning, "MISSING_GITHUB_REPO_CONDITION_KEY",
              "Granting a federated GitHub principal permissions without a condition key can allow more sources to assume "
              "the role than you intended. Add the token.actions.githubusercontent.com:sub condition key with a value "
              "such as repo:ORG/REPO:ref:refs/heads/BRANCH.",
              it.path, it.node->span);
        continue;
      }
      bool cognito = iequals(provider, "cognito-identity.amazonaws.com");
      bool has_key = false;
      for (const CondUse& u : uses) {
        std::string want = provider + ":";
        if (cognito ? iequals(u.key, "cognito-identity.amazonaws.com:aud") : starts_with_ci(u.key, want)) has_key = true;
      }
      if (!has_key)
        add(FindingType::SecurityWarning, "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
            "Granting a federated OIDC principal permissions without a condition key can allow more identities to assume "
            "the role than you intended. Add a condition on " +
                provider + (cognito ? ":aud (the identity pool ID)." : ":aud (and :sub) to name the audience and subject."),
            it.path, it.node->span);
    }
  }

  void service_principal_checks(const StatementInfo& st) {
    if (!st.allow || !st.effect_known) return;
    std::vector<CondUse> uses = condition_uses(st);
    bool restricted = false;
    for (const CondUse& u : uses) {
      for (const char* k : {"aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths"})
        if (iequals(u.key, k)) restricted = true;
    }
    if (restricted) return;
    for (const auto& [type, it] : st.principals) {
      if (type != "Service") continue;
      if (trust_ && service_role_principal(it.node->text)) continue;
      add(FindingType::SecurityWarning, "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
          "Granting access to the service principal " + it.node->text +
              " without specifying a source is overly permissive (the confused deputy problem). Use the aws:SourceArn, "
              "aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths condition key to grant fine-grained access.",
          it.path, it.node->span);
    }
  }

  // ---- iam:PassRole ----

  void pass_role(const StatementInfo& st) {
    if (type_ != PolicyType::Identity || !st.allow || !st.effect_known || !st.has_resource) return;
    bool star_action = false, named = false;
    if (st.not_action) {
      if (!statement_allows_action(st, "iam:PassRole")) return;
    } else {
      for (const Item& a : st.actions) {
        if (!wild_match(a.node->text, "iam:PassRole")) continue;
        if (iequals(a.node->text, "iam:PassRole") || iequals(a.node->text, "iam:Pass*") || iequals(a.node->text, "iam:PassRol*"))
          named = true;
        else
          star_action = true;
      }
      if (!named && !star_action) return;
    }
    bool star_resource = false;
    for (const Item& r : st.resources)
      if (r.node->text == "*" || iequals(r.node->text, "arn:aws:iam::*:role/*")) star_resource = true;
    const char* code = nullptr;
    std::string what;
    if (st.not_resource) {
      code = st.not_action ? "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE"
             : named       ? "PASS_ROLE_WITH_NOT_RESOURCE"
                           : "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE";
      what = "NotResource";
    } else if (star_resource) {
      code = st.not_action ? "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"
             : named       ? "PASS_ROLE_WITH_STAR_IN_RESOURCE"
                           : "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE";
      what = "a wildcard (*) in the resource";
    } else {
      return;
    }
    // Located at the "*" resource, or at the NotResource key.
    Span where = brace_span(*st.node);
    Path where_path = st.path;
    if (st.not_resource) {
      if (const NodeMember* m = st.node->find_member("NotResource")) where = m->key_span, where_path = st.path + key("NotResource");
    } else {
      for (const Item& r : st.resources)
        if (r.node->text == "*" || iequals(r.node->text, "arn:aws:iam::*:role/*")) where = r.node->span, where_path = r.path;
    }
    add(FindingType::SecurityWarning, code,
        "Using the iam:PassRole action with " + what +
            " can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that "
            "you specify resource ARNs or add the iam:PassedToService condition key to your statement.",
        where_path, where);
  }

  // ---- RoleLab: resources that can never match an action ----

  static std::string format_glob(const std::string& arn) {
    std::string g;
    for (std::size_t i = 0; i < arn.size(); ++i) {
      if (arn[i] == '$' && i + 1 < arn.size() && arn[i + 1] == '{') {
        std::size_t close = arn.find('}', i);
        if (close == std::string::npos) break;
        g += '*';
        i = close;
      } else {
        g += arn[i];
      }
    }
    return g;
  }

  static bool arn_fits(const std::string& glob, const std::string& resource) {
    if (!has_wildcard(resource) && resource.find("${") == std::string::npos) return wild_match(glob, resource);
    for (const char* fill : {"x", "x/x", "x/x/x", "x:x", "x:x/x"}) {
      std::string r;
      for (std::size_t i = 0; i < resource.size(); ++i) {
        if (resource[i] == '*' || resource[i] == '?') {
          r += fill;
        } else if (resource[i] == '$' && i + 1 < resource.size() && resource[i + 1] == '{') {
          std::size_t close = resource.find('}', i);
          if (close == std::string::npos) break;
          r += fill;
          i = close;
        } else {
          r += resource[i];
        }
      }
      if (wild_match(glob, r)) return true;
    }
    return false;
  }

  void resource_mismatch(const StatementInfo& st) {
    if (type_ != PolicyType::Identity || st.not_action || st.not_resource || st.resources.empty()) return;
    for (const Item& r : st.resources)
      if (r.node->text == "*" || !starts_with_ci(r.node->text, "arn:")) return;
    for (const Item& a : st.actions) {
      const std::string& name = a.node->text;
      if (has_wildcard(name)) continue;
      std::size_t colon = name.find(':');
      if (colon == std::string::npos) continue;
      const ServiceInfo* svc = cat_.service(name.substr(0, colon));
      if (!svc || !svc->detailed) continue;
      int ai = svc->find_action(name.substr(colon + 1));
      if (ai < 0) continue;
      const ActionDetail& d = svc->details[static_cast<std::size_t>(ai)];
      std::string formats;
      bool fits = false;
      for (const ActionDetail::Rt& rt : d.resource_types) {
        if (rt.index < 0 || static_cast<std::size_t>(rt.index) >= svc->resource_types.size()) continue;
        const std::string& arn = svc->resource_types[static_cast<std::size_t>(rt.index)].arn;
        formats += (formats.empty() ? "" : ", ") + arn;
        std::string glob = format_glob(arn);
        for (const Item& r : st.resources) fits = fits || arn_fits(glob, r.node->text);
      }
      if (fits) continue;
      if (d.resource_types.empty()) {
        add_own(FindingType::Warning, "RESOURCE_MISMATCH",
                "The action " + name +
                    " does not support resource-level permissions, so no Resource of this statement can match it. Use "
                    "\"Resource\": \"*\" for this action (in a statement of its own).",
                a.path, a.node->span,
                "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html");
      } else {
        add_own(FindingType::Warning, "RESOURCE_MISMATCH",
                "No Resource of this statement can match the action " + name + ": it acts on " + formats +
                    ". The statement never allows or denies " + name + ".",
                a.path, a.node->span,
                "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html");
      }
    }
  }

  // ---- RoleLab: a condition key the actions never set ----

  void condition_keys_set_by_actions(const StatementInfo& st) {
    for (const CondUse& u : condition_uses(st)) {
      if (u.parsed.if_exists || u.parsed.kind == OpKind::Null || (u.parsed.negated)) continue;
      std::size_t colon = u.key.find(':');
      if (colon == std::string::npos) continue;
      std::string prefix = u.key.substr(0, colon);
      const ServiceInfo* ksvc = cat_.service(prefix);
      if (!ksvc || !ksvc->detailed || iequals(prefix, "sts")) continue;
      std::string missing;
      for (const Item& a : st.actions) {
        const std::string& name = a.node->text;
        if (has_wildcard(name)) continue;
        std::size_t c2 = name.find(':');
        if (c2 == std::string::npos) continue;
        const ServiceInfo* svc = cat_.service(name.substr(0, c2));
        if (svc != ksvc) continue;
        int ai = svc->find_action(name.substr(c2 + 1));
        if (ai < 0) continue;
        const ActionDetail& d = svc->details[static_cast<std::size_t>(ai)];
        bool sets = false;
        for (int ki : d.keys)
          if (ki >= 0 && static_cast<std::size_t>(ki) < svc->keys.size() && key_matches(svc->keys[static_cast<std::size_t>(ki)].name, u.key))
            sets = true;
        if (!sets) missing += (missing.empty() ? "" : ", ") + name;
      }
      if (!missing.empty()) {
        Path kp = u.path;
        kp.back().kind = PathElement::Kind::Key;
        const NodeMember* km = nullptr;
        for (const NodeMember& opm : st.condition->members)
          if (opm.key == u.op && opm.value.is_object())
            for (const NodeMember& m : opm.value.members)
              if (m.key == u.key) km = &m;
        add_own(FindingType::Warning, "CONDITION_KEY_NOT_SET_BY_ACTION",
                "The condition key " + u.key + " is never present in requests for " + missing +
                    ", so this condition never matches them and the statement never applies to them. Move those actions to "
                    "a statement without this condition, or use ...IfExists.",
                kp, km ? km->key_span : st.condition->span,
                "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html");
      }
    }
  }
};

}  // namespace

std::vector<Finding> validate_policy(std::string_view text, PolicyType type, std::optional<ResourceType> resource_type,
                                     const ValidateOptions& options) {
  if (type != PolicyType::Resource) resource_type.reset();
  return Checker(text, type, resource_type, options).run();
}

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
  return out.dump(indent);
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
