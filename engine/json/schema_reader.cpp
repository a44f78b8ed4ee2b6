#include "json/schema_reader.h"

#include <cmath>

namespace rolelab {

bool SchemaReader::fail(const std::string& path, json::Pos pos, const std::string& msg) {
  if (!failed_) {
    failed_ = true;
    error_.code = code_;
    error_.message = msg;
    error_.path = path;
    error_.line = pos.line;
    error_.column = pos.column;
  }
  return false;
}

bool SchemaReader::fail(const Diagnostic& d) {
  if (!failed_) {
    failed_ = true;
    error_ = d;
  }
  return false;
}

bool SchemaReader::expect(const json::Value& v, json::Type type, const std::string& path) {
  if (v.type == type) return true;
  return fail(path, v.pos, "Expected " + std::string(json::type_name(type)) + ", found " + json::type_name(v.type) + ".");
}

bool SchemaReader::keys(const json::Value& obj, const std::string& path, std::initializer_list<const char*> allowed) {
  if (!expect(obj, json::Type::Object, path)) return false;
  for (const json::Member& m : obj.members) {
    bool ok = false;
    std::string list;
    for (const char* a : allowed) {
      ok = ok || m.key == a;
      list += list.empty() ? a : std::string(", ") + a;
    }
    if (!ok)
      return fail(json::pointer_append(path, m.key), m.key_pos, "Unknown key '" + m.key + "'; expected one of: " + list + ".");
  }
  return true;
}

const json::Value* SchemaReader::member(const json::Value& obj, const std::string& path, const char* key, bool required,
                                        json::Type type) {
  const json::Value* v = obj.find(key);
  if (!v) {
    if (required) fail(path, obj.pos, std::string("Missing required key '") + key + "'.");
    return nullptr;
  }
  if (v->type != type) {
    fail(json::pointer_append(path, key), v->pos,
         std::string("'") + key + "' must be " + (type == json::Type::Array || type == json::Type::Object ? "an " : "a ") +
             json::type_name(type) + ", not " + json::type_name(v->type) + ".");
    return nullptr;
  }
  return v;
}

bool SchemaReader::str(const json::Value& obj, const std::string& path, const char* key, std::string& out, bool required) {
  const json::Value* v = member(obj, path, key, required, json::Type::String);
  if (v) out = v->text;
  return !failed_;
}

bool SchemaReader::integer(const json::Value& obj, const std::string& path, const char* key, long long& out, bool required) {
  const json::Value* v = member(obj, path, key, required, json::Type::Number);
  if (!v) return !failed_;
  if (v->number != std::floor(v->number) || std::fabs(v->number) > 9e15) {
    return fail(json::pointer_append(path, key), v->pos, std::string("'") + key + "' must be a whole number.");
  }
  out = static_cast<long long>(v->number);
  return true;
}

bool SchemaReader::boolean(const json::Value& obj, const std::string& path, const char* key, bool& out) {
  const json::Value* v = member(obj, path, key, false, json::Type::Bool);
  if (v) out = v->boolean;
  return !failed_;
}

const json::Value* SchemaReader::array(const json::Value& obj, const std::string& path, const char* key, bool required) {
  return member(obj, path, key, required, json::Type::Array);
}

const json::Value* SchemaReader::object(const json::Value& obj, const std::string& path, const char* key, bool required) {
  return member(obj, path, key, required, json::Type::Object);
}

}  // namespace rolelab
