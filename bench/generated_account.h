// A generated `aws iam get-account-authorization-details` output for the
// import benchmark (bench/import.cpp) and the runner's account view test
// (tests/unit/test_ui_null.cpp): the same large account in both.
#pragma once

#include <string>

namespace rolelab::bench {

inline constexpr const char* kGeneratedAccount = "123456789012";

inline std::string generated_doc(const std::string& statements) { return R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}"; }

// A plausible large account: each group may assume its team's roles
// (team-G-*); every role trusts the account (so every user and role session
// is a candidate for every role); one role in ten may chain into the next
// team's roles; managed policies shared by ten roles each.
inline std::string generated_account(int users, int groups, int roles) {
  const std::string acct = kGeneratedAccount;
  std::string out = "{\"GroupDetailList\": [";
  for (int g = 0; g < groups; ++g) {
    out += std::string(g ? "," : "") + R"({"Path": "/teams/", "GroupName": "team-)" + std::to_string(g) +
           R"(", "Arn": "arn:aws:iam::)" + acct + ":group/teams/team-" + std::to_string(g) +
           R"(", "CreateDate": "2025-01-01T00:00:00Z", "GroupPolicyList": [{"PolicyName": "AssumeTeamRoles", "PolicyDocument": )" +
           generated_doc(R"({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::)" + acct + ":role/team-" +
               std::to_string(g) + R"(-*"})") +
           R"(}], "AttachedManagedPolicies": [{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]})";
  }
  out += "], \"UserDetailList\": [";
  for (int u = 0; u < users; ++u) {
    out += std::string(u ? "," : "") + R"({"Path": "/", "UserName": "user-)" + std::to_string(u) + R"(", "Arn": "arn:aws:iam::)" +
           acct + ":user/user-" + std::to_string(u) + R"(", "CreateDate": "2025-01-02T00:00:00Z", "UserPolicyList": [], "GroupList": ["team-)" +
           std::to_string(u % groups) + R"("], "AttachedManagedPolicies": [], "Tags": [{"Key": "team", "Value": ")" +
           std::to_string(u % groups) + R"("}]})";
  }
  out += "], \"RoleDetailList\": [";
  for (int r = 0; r < roles; ++r) {
    const int team = r % groups;
    std::string name = "team-" + std::to_string(team) + "-role-" + std::to_string(r);
    std::string inline_policy = generated_doc(R"({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::team-)" +
                                    std::to_string(team) + R"(/*"})");
    if (r % 10 == 0) {
      inline_policy = generated_doc(R"({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::)" + acct + ":role/team-" +
                          std::to_string((team + 1) % groups) + R"(-*"})");
    }
    out += std::string(r ? "," : "") + R"({"Path": "/", "RoleName": ")" + name + R"(", "Arn": "arn:aws:iam::)" + acct + ":role/" + name +
           R"(", "CreateDate": "2025-01-03T00:00:00Z", "AssumeRolePolicyDocument": )" +
           generated_doc(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::)" + acct + R"(:root"}, "Action": "sts:AssumeRole"})") +
           R"(, "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "Data", "PolicyDocument": )" + inline_policy +
           R"(}], "AttachedManagedPolicies": [{"PolicyName": "shared-)" + std::to_string(r / 10) +
           R"(", "PolicyArn": "arn:aws:iam::)" + acct + ":policy/shared-" + std::to_string(r / 10) + R"("}], "Tags": []})";
  }
  out += "], \"Policies\": [";
  for (int p = 0; p * 10 < roles; ++p) {
    out += std::string(p ? "," : "") + R"({"PolicyName": "shared-)" + std::to_string(p) + R"(", "Arn": "arn:aws:iam::)" + acct +
           ":policy/shared-" + std::to_string(p) + R"(", "Path": "/", "DefaultVersionId": "v1", "PolicyVersionList": [{"Document": )" +
           generated_doc(R"({"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"})") +
           R"(, "VersionId": "v1", "IsDefaultVersion": true}]})";
  }
  out += "], \"IsTruncated\": false}";
  return out;
}

}  // namespace rolelab::bench
