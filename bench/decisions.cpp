// Decision speed: pre-parsed decisions per second and median nanoseconds per
// decision for a 10-statement policy set, and parse + validate + evaluate per
// simulation. A benchmark, not a test: it prints a table.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "evaluate.h"

using namespace rolelab;
using Clock = std::chrono::steady_clock;

namespace {

const char* kTrust = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Ci", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole",
   "Condition": {"StringEquals": {"sts:ExternalId": "ext-123"}}},
  {"Sid": "Tag", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:TagSession"},
  {"Sid": "NoGuests", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
   "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:user/guest-*"}}}]})";

const char* kIdentity = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::logs/*"},
  {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
  {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/Auditor",
   "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
  {"Effect": "Deny", "Action": "iam:*", "Resource": "*"},
  {"Effect": "Allow", "Action": "logs:*", "Resource": "arn:aws:logs:*:444455556666:log-group:/app/*"},
  {"Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:dynamodb:*:*:table/${aws:username}"},
  {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]})";

Policy parse(PolicyKind kind, const char* text) {
  ParseOptions o;
  o.kind = kind;
  return parse_policy(text, o).policy;
}

double median(std::vector<double>& v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  PolicySet ps;
  ps.resource = parse(PolicyKind::Trust, kTrust);
  ps.identity.push_back(parse(PolicyKind::Identity, kIdentity));
  Request base;
  base.principal = "arn:aws:iam::444455556666:user/alice";
  base.action = "sts:AssumeRole";
  base.resource = "arn:aws:iam::111122223333:role/Auditor";
  base.context.set("sts:ExternalId", "ext-123");
  base.context.set("aws:MultiFactorAuthPresent", "true");
  prepare(base);

  const int batches = 201, per_batch = 2000;
  std::vector<double> ns;
  int allowed = 0;
  auto all_start = Clock::now();
  for (int b = 0; b < batches; ++b) {
    auto t0 = Clock::now();
    for (int k = 0; k < per_batch; ++k) {
      Request r = base;
      allowed += evaluate(r, ps).decision == Decision::Allowed;
    }
    ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / per_batch);
  }
  double total_s = std::chrono::duration<double>(Clock::now() - all_start).count();
  double decisions = double(batches) * per_batch;

  std::vector<double> sim_us;
  for (int k = 0; k < 2001; ++k) {
    auto t0 = Clock::now();
    PolicySet p2;
    p2.resource = parse(PolicyKind::Trust, kTrust);
    p2.identity.push_back(parse(PolicyKind::Identity, kIdentity));
    Request r = base;
    r.prepared = false;
    allowed += evaluate(r, p2).decision == Decision::Allowed;
    sim_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::printf("%-52s %14s %14s\n", "benchmark", "per second", "median");
  std::printf("%-52s %14.0f %11.0f ns\n", "pre-parsed decision (10 statements, 2 policies)", decisions / total_s, median(ns));
  std::printf("%-52s %14.0f %11.2f us\n", "parse + validate + evaluate (same policies)", 1e6 / median(sim_us), median(sim_us));
  std::printf("(allowed: %d)\n", allowed);
  return allowed > 0 ? 0 : 1;
}
