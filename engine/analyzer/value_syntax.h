// Value syntax the condition checks test values against: numbers, ISO 8601
// dates, IPv4/IPv6 addresses and CIDR ranges, private IPv4 ranges. Pure
// functions, shared by checks_conditions.cpp and its tests.
#pragma once

#include <string_view>

namespace rolelab::analyzer::detail {

bool is_number_text(std::string_view s);
// ISO 8601 as IAM takes it (2026-01-31, 2026-01-31T12:00:00Z, with fractions or
// offsets), or a number of seconds since the epoch.
bool is_date_text(std::string_view s);
bool parse_ipv4(std::string_view s, unsigned& out);
// An IPv4 or IPv6 address, optionally with a /prefix (CIDR); v4 and prefix are
// set for IPv4 (prefix -1 for IPv6).
bool is_ip_text(std::string_view s, unsigned* v4 = nullptr, int* prefix = nullptr);
// RFC 1918 ranges and the other non-routable ones AWS treats as private.
bool is_private_v4(unsigned v, int bits);

}  // namespace rolelab::analyzer::detail
