// The AWS-CLI-like console, the same code for `rolelab-cli console` and the
// lesson runner: one line in, what the AWS CLI would print out (its JSON
// shapes, or "An error occurred (CODE) when calling the OPERATION operation:
// MESSAGE"), plus console-only commands (as, use, clock, whoami, explain,
// events, cat, help).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "console/console_args.h"
#include "sts/sts.h"

namespace rolelab {

inline constexpr std::size_t kMaxConsoleLine = 64 * 1024;

class Console {
 public:
  explicit Console(Simulator& sim);

  // Runs one line; returns the text to print (empty for blank lines and comments).
  std::string execute(std::string_view line);

  const Caller& caller() const { return caller_; }
  std::string prompt() const;

 private:
  using Words = std::vector<std::string>;
  std::string aws(const Words& w);
  std::string sts(const Words& w);
  std::string iam(const Words& w);
  std::string iam_call(const Words& w);
  // detach-role-policy, detach-user-policy, delete-role-policy and the lists
  // (console_iam_policies.cpp); empty when w is not one of them.
  std::string iam_policies(const Words& w);
  static const std::vector<std::string>& iam_policy_commands();
  // create-group, get-group, add-user-to-group, remove-user-from-group, put-group-policy,
  // attach-group-policy, list-groups-for-user (console_iam_groups.cpp); empty when w is not one of them.
  std::string iam_groups(const Words& w);
  static const std::vector<std::string>& iam_group_commands();
  // Records an IAM or S3 call in the event log from what the console printed.
  std::string recorded(const std::string& source, const std::string& operation, const Words& w, std::string output);
  std::string s3api(const Words& w);
  std::string s3api_call(const Words& w);
  std::string s3(const Words& w);
  std::string ec2(const Words& w);
  std::string lambda(const Words& w);
  std::string accessanalyzer(const Words& w);  // console_analyzer.cpp
  // iam:PassRole for handing `role` to a service (console_compute.cpp).
  void ensure_association(Instance& inst);
  bool pass_role(const Role& role, const std::string& service, const std::string& resource_arn, StsError& err);
  std::string as(const Words& w);
  bool instance_credentials(const Instance& inst, std::string& error);
  void renew_instance_credentials();
  std::string use(const Words& w);
  std::string clock(const Words& w);
  std::string whoami();
  std::string revoke_sessions(const Words& w);
  std::string explain();
  std::string help();
  std::string token(const Words& w);

  std::string who() const;  // the caller's ARN
  // IAM calls go to the caller's own account: the caller (ARN from who())
  // parsed into me, and its account, or null when the world has no such
  // account (the call then fails as AWS fails a token it cannot place:
  // iam_no_account).
  Account* iam_account(const std::string& caller_arn, Principal& me);
  static std::string iam_no_account(const std::string& operation);
  static std::string aws_error(const std::string& operation, const StsError& e);
  static std::string invalid_choice(const std::string& what, const std::string& word, const std::vector<std::string>& choices);

  Simulator& sim_;
  Caller caller_;
  std::string caller_label_;
  std::string instance_;  // the EC2 instance acted as (its credentials are renewed), or empty
  std::map<std::string, std::string> files_;  // OUTFILEs written by s3api get-object
  std::map<std::string, std::string> vars_;   // $TOKEN, $SAML: made by `token`, expanded in later commands
};

}  // namespace rolelab
