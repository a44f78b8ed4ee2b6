#include "conformance_case.h"

#include <utility>

namespace rolelab::cli {

namespace {

void put(json::Value& obj, const std::string& key, json::Value v) { obj.members.push_back({key, v.pos, std::move(v)}); }

}  // namespace

json::Value to_contract(const json::Value& c) {
  json::Value out;
  out.type = json::Type::Object;
  out.pos = c.pos;
  json::Value req;
  req.type = json::Type::Object;
  if (const json::Value* r = c.find("request")) {
    req.pos = r->pos;
    if (const json::Value* v = r->find("action")) put(req, "action", *v);
    // {"type": "Anonymous"} is an unauthenticated caller: no principal.
    if (const json::Value* v = r->find("principal"); v && v->is_string()) put(req, "principal", *v);
    if (const json::Value* res = r->find("resource")) {
      if (res->is_object()) {
        if (const json::Value* v = res->find("resource")) put(req, "resource", *v);
        if (const json::Value* v = res->find("accountId")) put(req, "resourceAccount", *v);
      } else {
        put(req, "resource", *res);
      }
    }
    if (const json::Value* v = r->find("context")) put(req, "context", *v);
    if (const json::Value* v = r->find("wildcardOnlyAction")) put(req, "wildcardOnlyAction", *v);
  }
  put(out, "request", req);
  if (const json::Value* v = c.find("identityPolicies")) put(out, "identityPolicies", *v);
  if (const json::Value* v = c.find("resourcePolicy")) put(out, "resourcePolicy", *v);
  if (const json::Value* v = c.find("permissionBoundaries"); v && v->is_array() && !v->items.empty())
    put(out, "permissionsBoundary", v->items.front());
  if (const json::Value* v = c.find("sessionPolicy")) put(out, "sessionPolicy", *v);
  for (const auto& [from, to] : {std::pair<const char*, const char*>{"serviceControlPolicies", "serviceControlPolicies"},
                                 {"resourceControlPolicies", "resourceControlPolicies"}}) {
    const json::Value* v = c.find(from);
    if (!v || !v->is_array()) continue;
    json::Value levels;
    levels.type = json::Type::Array;
    for (const json::Value& lvl : v->items) {
      const json::Value* pols = lvl.find("policies");
      json::Value arr;
      arr.type = json::Type::Array;
      if (pols && pols->is_array()) arr = *pols;
      levels.items.push_back(arr);
    }
    put(out, to, levels);
  }
  return out;
}

bool is_tool_specific_case(const json::Value& c) {
  const json::Value* sim = c.find("simulation");
  const json::Value* mode = sim ? sim->find("mode") : nullptr;
  return (mode && mode->is_string() && mode->text == "Discovery") || c.find("endpointPolicies") != nullptr;
}

}  // namespace rolelab::cli
