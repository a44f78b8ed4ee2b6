#include "world/sim_time.h"

#include <cstdio>

#include "policy/condition.h"

namespace rolelab {

namespace {

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2));
}

std::string format(TimeMs t, const char* zone) {
  std::int64_t secs = t >= 0 ? t / 1000 : (t - 999) / 1000;
  std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  std::int64_t rem = secs - days * 86400;
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%s", y, m, d, static_cast<int>(rem / 3600),
                static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60), zone);
  return buf;
}

}  // namespace

std::string format_iso8601(TimeMs t) { return format(t, "Z"); }
std::string format_aws_cli_time(TimeMs t) { return format(t, "+00:00"); }

std::optional<TimeMs> parse_duration(std::string_view text, std::string& why) {
  if (text.empty()) {
    why = "a duration is needed, such as 90m, 2h or 3600s";
    return std::nullopt;
  }
  if (text[0] == '-') {
    why = "'" + std::string(text) + "' is negative: the clock only moves forward";
    return std::nullopt;
  }
  const TimeMs max_ms = 100LL * 365 * 24 * 3600 * 1000;  // 100 years
  TimeMs total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t n = 0;
    std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      n = n * 10 + (text[i] - '0');
      if (n > max_ms) {
        why = "'" + std::string(text) + "' is too long: at most 100 years at a time";
        return std::nullopt;
      }
      ++i;
    }
    if (i == start) {
      why = "'" + std::string(text) + "' is not a duration such as 90m, 2h, 1h30m or 3600s";
      return std::nullopt;
    }
    TimeMs unit = 1000;
    if (i < text.size()) {
      switch (text[i]) {
        case 's':
          unit = 1000;
          break;
        case 'm':
          unit = 60 * 1000;
          break;
        case 'h':
          unit = 3600 * 1000;
          break;
        case 'd':
          unit = 24 * 3600 * 1000;
          break;
        default:
          why = "'" + std::string(text) + "' has an unknown unit '" + std::string(1, text[i]) + "' (use s, m, h or d)";
          return std::nullopt;
      }
      ++i;
    } else if (start != 0) {
      why = "'" + std::string(text) + "' needs a unit after the last number (s, m, h or d)";
      return std::nullopt;
    }
    if (n > max_ms / unit || total + n * unit > max_ms) {
      why = "'" + std::string(text) + "' is too long: at most 100 years at a time";
      return std::nullopt;
    }
    total += n * unit;
  }
  if (total == 0) {
    why = "'" + std::string(text) + "' is zero: advance by at least one second";
    return std::nullopt;
  }
  return total;
}

std::string format_duration(TimeMs ms) {
  TimeMs s = ms / 1000;
  std::string out;
  if (s >= 86400) out += std::to_string(s / 86400) + "d ";
  if (s % 86400 >= 3600) out += std::to_string(s % 86400 / 3600) + "h ";
  if (s % 3600 >= 60) out += std::to_string(s % 3600 / 60) + "m ";
  if (s % 60 || out.empty()) out += std::to_string(s % 60) + "s ";
  out.pop_back();
  return out;
}

}  // namespace rolelab
