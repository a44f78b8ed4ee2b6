// Condition: operators (known, IfExists and set qualifiers that cannot work),
// keys (global keys and the simulated services' keys from the catalogue, with
// "Did you mean"), the operator against the key's type, the values against the
// operator (numbers, dates, Booleans, IP ranges, private addresses in
// aws:SourceIp), and RoleLab's CONDITION_KEY_NOT_SET_BY_ACTION.
#include "analyzer/checker.h"

#include "analyzer/value_syntax.h"

namespace rolelab::analyzer::detail {

std::vector<Checker::CondUse> Checker::condition_uses(const StatementInfo& st) {
  std::vector<CondUse> uses;
  if (!st.condition || !st.condition->is_object()) return uses;
  for (const NodeMember& opm : st.condition->members) {
    if (!opm.value.is_object()) continue;
    for (const NodeMember& km : opm.value.members)
      uses.push_back({opm.key, parse_operator(opm.key), km.key, &km.value, st.condition_path + val(opm.key) + val(km.key)});
  }
  return uses;
}

void Checker::conditions(StatementInfo& st) {
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

const KeyInfo* Checker::known_key(const std::string& k, bool& key_reported, const Path& kp, const Span& span) {
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

const char* Checker::family(OpKind k) {
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

void Checker::condition_key(StatementInfo& st, const ConditionOperator& op, const std::string& op_name, const NodeMember& km,
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

std::string Checker::value_text(const Node& n) { return n.is_string() ? n.text : n.text.empty() ? "true" : n.text; }

// ---- RoleLab: a condition key the actions never set ----

void Checker::condition_keys_set_by_actions(const StatementInfo& st) {
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

}  // namespace rolelab::analyzer::detail
