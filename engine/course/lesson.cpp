#include "course/lesson.h"

#include "policy/arn.h"
#include "json/schema_reader.h"

namespace rolelab {

std::string pretty_json(const json::Value& v, int indent) {
  std::string pad(static_cast<std::size_t>(indent) + 2, ' ');
  std::string end_pad(static_cast<std::size_t>(indent), ' ');
  if (v.is_array() && !v.items.empty()) {
    bool scalars = true;
    for (const json::Value& i : v.items) scalars = scalars && !i.is_array() && !i.is_object();
    if (scalars && v.items.size() <= 3) return json::to_compact_string(v);
    std::string out = "[\n";
    for (std::size_t k = 0; k < v.items.size(); ++k) {
      out += pad + pretty_json(v.items[k], indent + 2) + (k + 1 < v.items.size() ? ",\n" : "\n");
    }
    return out + end_pad + "]";
  }
  if (v.is_object() && !v.members.empty()) {
    std::string out = "{\n";
    for (std::size_t k = 0; k < v.members.size(); ++k) {
      json::Value key;
      key.type = json::Type::String;
      key.text = v.members[k].key;
      out += pad + json::to_compact_string(key) + ": " + pretty_json(v.members[k].value, indent + 2) +
             (k + 1 < v.members.size() ? ",\n" : "\n");
    }
    return out + end_pad + "}";
  }
  return json::to_compact_string(v);
}

LessonParse parse_lesson(std::string_view text) {
  LessonParse out;
  json::ParseResult r = json::parse(text, json::Limits{1u << 20, 64});
  if (!r.ok) {
    out.error = r.error;
    return out;
  }
  SchemaReader rd("InvalidLesson");
  Lesson& l = out.lesson;
  const json::Value& root = r.value;
  auto finish = [&]() {
    out.ok = !rd.failed();
    out.error = rd.error();
    return std::move(out);
  };
  if (!rd.keys(root, "", {"id", "title", "intro", "source", "role", "trustPolicy", "principals", "steps"})) return finish();
  rd.str(root, "", "id", l.id, true) && rd.str(root, "", "title", l.title, true) && rd.str(root, "", "intro", l.intro, true) &&
      rd.str(root, "", "source", l.source, false) && rd.str(root, "", "role", l.role_arn, true);
  if (rd.failed()) return finish();
  Principal role = parse_principal(l.role_arn);
  if (role.kind != PrincipalKind::Role) {
    rd.fail("/role", root.find("role")->pos, "'role' must be an IAM role ARN such as arn:aws:iam::111122223333:role/Auditor.");
    return finish();
  }
  const json::Value* trust = root.find("trustPolicy");
  if (!trust) {
    rd.fail("", root.pos, "Missing required key 'trustPolicy'.");
    return finish();
  }
  // The starting trust policy may be invalid on purpose (a lesson about
  // errors); it is kept as text and validated when the learner assumes.
  l.trust_policy = trust->is_string() ? trust->text : pretty_json(*trust);

  const json::Value* principals = rd.array(root, "", "principals", true);
  if (!principals) return finish();
  for (std::size_t k = 0; k < principals->items.size(); ++k) {
    const json::Value& p = principals->items[k];
    std::string path = json::pointer_append("/principals", k);
    if (!rd.keys(p, path, {"label", "arn", "identityPolicies"})) return finish();
    LessonPrincipal lp;
    if (!rd.str(p, path, "label", lp.label, true) || !rd.str(p, path, "arn", lp.arn, true)) return finish();
    Principal parsed = parse_principal(lp.arn);
    if (parsed.kind == PrincipalKind::Invalid) {
      rd.fail(json::pointer_append(path, "arn"), p.find("arn")->pos, parsed.error);
      return finish();
    }
    if (const json::Value* pols = rd.array(p, path, "identityPolicies", false)) {
      for (std::size_t j = 0; j < pols->items.size(); ++j) {
        const json::Value& doc = pols->items[j];
        lp.identity_policies.push_back(doc.is_string() ? doc.text : json::to_compact_string(doc));
      }
    }
    if (rd.failed()) return finish();
    l.principals.push_back(std::move(lp));
  }
  if (l.principals.empty()) {
    rd.fail("/principals", principals->pos, "A lesson needs at least one principal to try.");
    return finish();
  }
  if (const json::Value* steps = rd.array(root, "", "steps", false)) {
    for (std::size_t k = 0; k < steps->items.size(); ++k) {
      const json::Value& s = steps->items[k];
      std::string path = json::pointer_append("/steps", k);
      if (!rd.keys(s, path, {"text", "goals"})) return finish();
      LessonStep step;
      if (!rd.str(s, path, "text", step.text, true)) return finish();
      if (const json::Value* goals = rd.array(s, path, "goals", false)) {
        for (std::size_t j = 0; j < goals->items.size(); ++j) {
          const json::Value& g = goals->items[j];
          std::string gpath = json::pointer_append(json::pointer_append(path, "goals"), j);
          if (!rd.keys(g, gpath, {"principal", "decision"})) return finish();
          std::string who, decision;
          if (!rd.str(g, gpath, "principal", who, true) || !rd.str(g, gpath, "decision", decision, true)) return finish();
          LessonGoal goal;
          bool found = false;
          for (std::size_t i = 0; i < l.principals.size(); ++i) {
            if (l.principals[i].label == who || l.principals[i].arn == who) goal.principal = i, found = true;
          }
          if (!found) {
            rd.fail(json::pointer_append(gpath, "principal"), g.find("principal")->pos,
                    "Goal principal '" + who + "' is not one of the lesson's principals (by label or ARN).");
            return finish();
          }
          if (decision == "Allowed")
            goal.decision = Decision::Allowed;
          else if (decision == "ImplicitlyDenied")
            goal.decision = Decision::ImplicitlyDenied;
          else if (decision == "ExplicitlyDenied")
            goal.decision = Decision::ExplicitlyDenied;
          else {
            rd.fail(json::pointer_append(gpath, "decision"), g.find("decision")->pos,
                    "Goal decision must be Allowed, ImplicitlyDenied or ExplicitlyDenied.");
            return finish();
          }
          step.goals.push_back(goal);
        }
      }
      if (rd.failed()) return finish();
      l.steps.push_back(std::move(step));
    }
  }
  return finish();
}

}  // namespace rolelab

namespace rolelab {

AssumeAttempt attempt_assume(const Lesson& lesson, std::string_view trust_text, std::size_t principal_index) {
  AssumeAttempt a;
  Principal role = parse_principal(lesson.role_arn);
  ParseOptions opt;
  opt.kind = PolicyKind::Trust;
  opt.name = "trust policy of role " + role.name;
  opt.owner_account = role.account;
  ParsedPolicy trust = parse_policy(trust_text, opt);
  a.errors = std::move(trust.errors);
  a.warnings = std::move(trust.warnings);
  a.policy_ok = trust.ok;
  if (!trust.ok || principal_index >= lesson.principals.size()) return a;
  const LessonPrincipal& who = lesson.principals[principal_index];
  PolicySet ps;
  ps.resource = std::move(trust.policy);
  for (std::size_t k = 0; k < who.identity_policies.size(); ++k) {
    ParseOptions io;
    io.kind = PolicyKind::Identity;
    io.name = "identity policy " + std::to_string(k + 1) + " of " + who.label;
    ParsedPolicy p = parse_policy(who.identity_policies[k], io);
    if (p.ok) ps.identity.push_back(std::move(p.policy));
  }
  Request r;
  r.principal = who.arn;
  r.action = "sts:AssumeRole";
  r.resource = lesson.role_arn;
  r.resource_account = role.account;
  a.result = evaluate(r, ps, &a.trace);
  return a;
}

bool step_goals_met(const LessonStep& step, const std::vector<std::optional<Decision>>& last) {
  if (step.goals.empty()) return false;
  for (const LessonGoal& g : step.goals) {
    if (g.principal >= last.size() || !last[g.principal] || *last[g.principal] != g.decision) return false;
  }
  return true;
}

}  // namespace rolelab
