// Simulated time: the clock the learner controls (nothing in the engine reads
// the wall clock), ISO 8601 formatting, and durations such as "90m", "2h",
// "3600s" for `clock advance`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rolelab {

// Milliseconds since the Unix epoch.
using TimeMs = std::int64_t;

class SimClock {
 public:
  explicit SimClock(TimeMs start = 0) : now_(start) {}
  TimeMs now() const { return now_; }
  void advance(TimeMs ms) { now_ += ms; }

 private:
  TimeMs now_;
};

// "2026-11-28T09:00:00Z" (AWS CLI prints Expiration with "+00:00"; see format_aws_cli_time).
std::string format_iso8601(TimeMs t);
// "2026-11-28T10:00:00+00:00", as the AWS CLI prints credential expirations.
std::string format_aws_cli_time(TimeMs t);

// Parses "90m", "2h", "3600s", "1h30m", "45" (seconds). Positive, at most
// 100 years. On failure returns nothing and sets why.
std::optional<TimeMs> parse_duration(std::string_view text, std::string& why);

// "1h 30m", "15m", "45s": for messages.
std::string format_duration(TimeMs ms);

}  // namespace rolelab
