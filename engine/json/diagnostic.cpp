#include "json/diagnostic.h"

namespace rolelab {

std::string to_string(const Diagnostic& d) {
  std::string out;
  if (d.line > 0) {
    out += "line " + std::to_string(d.line) + ", column " + std::to_string(d.column) + ": ";
  }
  out += d.code;
  if (!d.message.empty()) out += ": " + d.message;
  if (!d.path.empty()) out += " (at " + d.path + ")";
  if (!d.help.empty()) out += " " + d.help;
  return out;
}

}  // namespace rolelab
