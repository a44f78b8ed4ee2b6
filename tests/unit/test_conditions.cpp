// Value parsers behind the condition operators, and pattern intersection.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "policy/condition.h"
#include "policy/variables.h"
#include "policy/wildcard.h"

using namespace rolelab;

TEST_CASE("dates: ISO 8601 forms and epoch seconds agree") {
  auto iso = parse_date("2026-11-28T09:00:00Z");
  REQUIRE(iso);
  CHECK(*iso == 1795856400000LL);
  CHECK(parse_date("1795856400") == iso);
  CHECK(parse_date("2026-11-28T10:00:00+01:00") == iso);
  CHECK(parse_date("2026-11-28T09:00:00.500Z") == *iso + 500);
  CHECK(parse_date("2026-11-28T09:00Z") == iso);
  CHECK(parse_date("2026-11-28") == *iso - 9 * 3600 * 1000LL);
  for (const char* bad : {"", "2026-13-01", "2026-11-28T25:00:00Z", "tomorrow", "2026-11-28T09:00:00Q", "1e400"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_date(bad));
  }
}

TEST_CASE("ip: IPv4, IPv6 and CIDR blocks") {
  auto block = parse_ip("10.1.0.0/16");
  REQUIRE(block);
  CHECK(ip_in_block(*parse_ip("10.1.200.3"), *block));
  CHECK_FALSE(ip_in_block(*parse_ip("10.2.0.1"), *block));
  auto v6 = parse_ip("2001:db8::/32");
  REQUIRE(v6);
  CHECK(ip_in_block(*parse_ip("2001:db8:ffff::1"), *v6));
  CHECK(ip_in_block(*parse_ip("::1"), *parse_ip("::1/128")));
  CHECK(ip_in_block(*parse_ip("fe80::1:2:3:4"), *parse_ip("fe80::/10")));
  for (const char* bad : {"", "1.2.3", "1.2.3.256", "1.2.3.4/33", "1::2::3", "12345::", "2001:db8::/129", "a.b.c.d"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_ip(bad));
  }
}

TEST_CASE("operators: qualifiers and IfExists are parsed") {
  ConditionOperator o = parse_operator("ForAllValues:StringNotLikeIfExists");
  CHECK(o.known);
  CHECK(o.qualifier == SetQualifier::ForAllValues);
  CHECK(o.if_exists);
  CHECK(o.negated);
  CHECK(o.base == "StringNotLike");
  CHECK_FALSE(parse_operator("StringEqualz").known);
}

TEST_CASE("variables: substitution, defaults and literal escapes") {
  Context ctx;
  ctx.set("aws:username", "alice");
  ctx.set("aws:TagKeys", {"a", "b"}, true);
  CHECK(substitute_variables("home/${aws:username}/", ctx, false) == "home/alice/");
  CHECK(substitute_variables("${AWS:USERNAME}", ctx, false) == "alice");
  CHECK(substitute_variables("${aws:PrincipalTag/x, 'none'}", ctx, false) == "none");
  CHECK_FALSE(substitute_variables("${aws:PrincipalTag/x}", ctx, false));
  CHECK_FALSE(substitute_variables("${aws:TagKeys}", ctx, false));  // multivalued keys are not variables
  CHECK(substitute_variables("${*}${?}${$}", ctx, false) == "*?$");
  CHECK(wildcard_match(*substitute_variables("a${*}", ctx, true), "a*"));
  CHECK_FALSE(wildcard_match(*substitute_variables("a${*}", ctx, true), "ab"));
  CHECK(substitute_variables("unterminated ${aws:username", ctx, false) == "unterminated ${aws:username");
}

TEST_CASE("patterns: intersection and coverage for request wildcards") {
  CHECK(wildcard_intersects("arn:aws:s3:::bucket/*", "*"));
  CHECK(wildcard_intersects("arn:aws:s3:::bucket/AWSLogs/*", "arn:aws:s3:::bucket/*"));
  CHECK(wildcard_intersects("a?c", "*c"));
  CHECK_FALSE(wildcard_intersects("arn:aws:s3:::a/*", "arn:aws:s3:::b/*"));
  CHECK(wildcard_covers("*", "arn:aws:s3:::bucket/*"));
  CHECK(wildcard_covers("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/logs/*"));
  CHECK_FALSE(wildcard_covers("arn:aws:s3:::bucket/logs/*", "arn:aws:s3:::bucket/*"));
  CHECK_FALSE(wildcard_covers("a?c", "a*c"));
  CHECK(wildcard_covers("a*c", "a?c"));
}

// ARN matching part by part (IAM User Guide,
// reference_policies_elements_condition_operators.html#Conditions_ARN: the
// wildcards * and ? match within one of the ARN's colon-delimited parts,
// never across them).
TEST_CASE("patterns: ArnLike's shortcut (the literal text before the first wildcard) decides as matching part by part") {
  const std::string mark(1, kLiteralMark);
  const std::vector<std::string> patterns = {
      "arn:aws:s3:::logs/*", "arn:aws:s3:::logs", "arn:aws:s3:::log?", "arn:aws:dynamodb:*:111122223333:table/orders",
      "arn:aws:dynamodb:us-east-1:111122223333:table/*", "arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/A*",
      "arn:aws:*", "arn:*", "*", "?", "arn:aws:s3", "arn:aws:s3:::", "arn:aws:s3:::*", "arn:aws:s3:::a" + mark + "*",
      "arn:aws:s3:::a" + mark + "?b", "arn:aws:sqs:us-east-1:111122223333:queue-*", "arn:aws:s3:::logs/*:x", "",
      "arn:aws:iam::111122223333:root", "ARN:aws:s3:::logs", "arn:aws:s3:::logs/a*b*c", "arn:aws:s3:::*/*"};
  const std::vector<std::string> values = {
      "arn:aws:s3:::logs/2026/a", "arn:aws:s3:::logs", "arn:aws:s3:::logz", "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",
      "arn:aws:dynamodb:us-east-1:111122223333:table/users", "arn:aws:iam::111122223333:role/Admin", "arn:aws:s3",
      "arn:aws:s3:::", "arn:aws:s3:::a*", "arn:aws:s3:::a?b", "arn:aws:s3:::axb", "arn:aws:sqs:us-east-1:111122223333:queue-1",
      "arn:aws:s3:::logs/x:y", "", "a", "arn", "arn:aws:iam::111122223333:root", "arn:aws:s3:::logs/a-b-c",
      "arn:aws:s3:::logs/abc", "arn:aws:s3:::b/c"};
  int matches = 0;
  for (const std::string& p : patterns) {
    for (const std::string& v : values) {
      const bool want = arn_like_by_parts(p, v);
      CHECK_MESSAGE(arn_like(p, v) == want, "pattern '" << p << "' value '" << v << "'");
      matches += want;
    }
  }
  CHECK(matches > 20);
}
