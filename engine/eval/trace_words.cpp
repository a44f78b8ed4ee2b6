#include "eval/trace_words.h"

#include <string_view>
#include <type_traits>

namespace rolelab {

namespace {

using P = json::Plain;  // a word of a sentence, checked when compiled to need no escaping

// Each sentence is said once, to a sink with add(P) for its own words and
// add(std::string_view) for everything else. Views of
// the request's and the policy's strings are always separated by ASCII
// words, so a JSON sink that escapes piece by piece writes what escaping the
// whole sentence would (no UTF-8 sequence is split; json_writer.h).
template <typename Add>
void say(const ElementTrace& e, Add&& add) {
  const std::string_view who = e.subject, listed = e.listed;
  switch (e.why) {
    case ElementWhy::NotPrincipalWithBoundary:
      add(P("NotPrincipal with Deny always applies to a principal with a permissions boundary, whatever it lists."));
      return;
    case ElementWhy::NotPrincipalUnlisted:
      add(P("NotPrincipal does not list ")), add(who), add(P(", so the statement applies to it."));
      return;
    case ElementWhy::NotPrincipalListed:
      add(P("NotPrincipal lists ")), add(who), add(P(" (as ")), add(listed), add(P("), so the statement does not apply to it."));
      return;
    case ElementWhy::PrincipalNone:
      add(P("Principal does not name ")), add(who), add(P(" or its account."));
      return;
    case ElementWhy::PrincipalDirect:
      add(P("Principal names ")), add(who), add(P(" directly."));
      return;
    case ElementWhy::PrincipalRoleOfSession:
      add(P("Principal names role ")), add(listed), add(P(", whose session ")), add(who), add(P(" is."));
      return;
    case ElementWhy::PrincipalAccount:
      add(P("Principal names account ")), add(listed), add(P(", which ")), add(who), add(P(" belongs to."));
      return;
    case ElementWhy::PrincipalWildcard:
      add(std::string_view("Principal \"*\" matches ")), add(who), add(P("."));
      return;
    case ElementWhy::PrincipalService:
      add(P("Principal names the service ")), add(who), add(P("."));
      return;
    case ElementWhy::PrincipalFederated:
      add(P("Principal names the identity provider ")), add(who), add(P("."));
      return;
    case ElementWhy::ActionNotListedCovers:
      add(P("NotAction lists ")), add(listed), add(P(", which covers ")), add(who), add(P("."));
      return;
    case ElementWhy::ActionNotListed:
      add(P("NotAction does not list ")), add(who), add(P(", so the statement covers it."));
      return;
    case ElementWhy::ActionCovers:
      add(P("Action ")), add(listed), add(P(" covers ")), add(who), add(P("."));
      return;
    case ElementWhy::ActionNone:
      add(P("No Action entry covers ")), add(who), add(P("."));
      return;
    case ElementWhy::ResourceNotListedCovers:
      add(P("NotResource lists ")), add(listed), add(P(", which covers ")), add(who), add(P("."));
      return;
    case ElementWhy::ResourceNotListed:
      add(P("NotResource does not list ")), add(who), add(P(", so the statement covers it."));
      return;
    case ElementWhy::ResourceCovers:
      add(P("Resource ")), add(listed), add(P(" covers ")), add(who), add(P("."));
      return;
    case ElementWhy::ResourceNone:
      add(P("No Resource entry covers ")), add(who), add(P("."));
      return;
  }
}

// "\"a\", \"b\"": the values quoted, comma-separated.
template <typename Add, typename List, typename Text>
void quoted_list(const List& list, Text&& text, Add&& add) {
  bool first = true;
  for (const auto& v : list) {
    add(first ? std::string_view("\"") : std::string_view(", \""));
    add(text(v));
    add(std::string_view("\""));
    first = false;
  }
}

template <typename Add>
void say(const ConditionTrace& c, Add&& add) {
  auto request_values = [&] {
    if (c.request_values) quoted_list(*c.request_values, [](const std::string& s) { return std::string_view(s); }, add);
  };
  // The values compared: after variables were replaced, when some were.
  auto policy_values = [&] {
    if (c.uses_substituted)
      quoted_list(c.substituted, [](const std::string& s) { return std::string_view(s); }, add);
    else if (c.policy_values)
      quoted_list(*c.policy_values, [](const Located& l) { return std::string_view(l.value); }, add);
  };
  switch (c.why) {
    case ConditionWhy::UnknownOperator:
      add(P("Unknown condition operator ")), add(c.op), add(P(": the condition never matches."));
      return;
    case ConditionWhy::Null:
      add(P("Key ")), add(c.key), c.key_absent ? add(P(" is absent")) : add(P(" is present"));
      add(P(" and the policy wants it "));
      c.want_absent ? add(P("absent.")) : add(P("present."));
      return;
    case ConditionWhy::MissingIfExists:
      add(P("Key ")), add(c.key), add(P(" is not in the request, and ...IfExists makes a missing key match."));
      return;
    case ConditionWhy::MissingForAll:
      add(P("Key ")), add(c.key), add(P(" is not in the request; ForAllValues over no values is true."));
      return;
    case ConditionWhy::MissingForAny:
      add(P("Key ")), add(c.key), add(P(" is not in the request; ForAnyValue over no values is false."));
      return;
    case ConditionWhy::MissingNegated:
      add(P("Key ")), add(c.key), add(P(" is not in the request, so the negated operator ")), add(c.base), add(P(" matches."));
      return;
    case ConditionWhy::Missing:
      add(P("Key ")), add(c.key), add(P(" is not in the request, so ")), add(c.base), add(P(" cannot match."));
      return;
    case ConditionWhy::ForAll:
      if (c.result) {
        add(P("Every request value of ")), add(c.key);
      } else {
        add(P("Not every request value of ")), add(c.key), add(P(" ("));
        request_values();
        add(P(")"));
      }
      add(P(" satisfies ")), add(c.base), add(P(" against "));
      policy_values();
      add(P("."));
      return;
    case ConditionWhy::ForAny:
      if (c.result) {
        add(P("At least one request value of ")), add(c.key);
      } else {
        add(P("No request value of ")), add(c.key), add(P(" ("));
        request_values();
        add(P(")"));
      }
      add(P(" satisfies ")), add(c.base), add(P(" against "));
      policy_values();
      add(P("."));
      return;
    case ConditionWhy::Single: {
      add(P("Request value "));
      request_values();
      add(P(" of ")), add(c.key), c.any ? add(P(" matches ")) : add(P(" does not match "));
      if (c.negated) {
        // The positive form: StringNotEquals -> StringEquals, NotIpAddress -> IpAddress.
        const std::size_t at = c.base.find("Not");
        if (at == std::string_view::npos)
          add(c.base);
        else
          add(c.base.substr(0, at)), add(c.base.substr(at + 3));
      } else {
        add(c.base);
      }
      add(P(" "));
      policy_values();
      if (c.negated)
        add(P(", so ")), add(c.base), c.result ? add(P(" holds.")) : add(P(" fails."));
      else
        add(P("."));
      return;
    }
  }
}

template <typename Trace>
void write_sentence(json::Writer& w, const Trace& t) {
  w.begin_string();
  say(t, [&](auto part) {
    if constexpr (std::is_same_v<decltype(part), P>)
      w.string_plain(part);
    else
      w.string_part(part);
  });
  w.end_string();
}

template <typename Trace>
void append_sentence(std::string& out, const Trace& t) {
  say(t, [&](auto part) { out.append(part.data(), part.size()); });
}

}  // namespace

void write_why(json::Writer& w, const ElementTrace& e) { write_sentence(w, e); }
void write_why(json::Writer& w, const ConditionTrace& c) { write_sentence(w, c); }

void write_policy_name(json::Writer& w, const Policy* p) {
  w.begin_string();
  if (p) policy_name_parts(*p, [&](std::string_view s) { w.string_part(s); });
  w.end_string();
}

void append_why(std::string& out, const ElementTrace& e) { append_sentence(out, e); }
void append_why(std::string& out, const ConditionTrace& c) { append_sentence(out, c); }

std::string why_text(const ElementTrace& e) {
  std::string out;
  append_why(out, e);
  return out;
}

std::string why_text(const ConditionTrace& c) {
  std::string out;
  append_why(out, c);
  return out;
}

std::size_t step_count(const TraceCollector& trace) { return trace.steps.size() + (trace.summary_last ? 1 : 0); }

}  // namespace rolelab
