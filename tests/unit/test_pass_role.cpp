// Giving a role to a service: iam:PassRole with iam:PassedToService
// (IAM User Guide, id_roles_use_passrole.html; re:Post iam-passrole-error),
// Lambda's trust check ("The role defined for the function cannot be assumed
// by Lambda.", Lambda API CreateFunction), and the AWS managed policies
// RoleLab ships (AWS Managed Policy Reference).
#include <doctest/doctest.h>

#include "console/console.h"
#include "sts/sts.h"
#include "world/world.h"

using namespace rolelab;

namespace {

const char* kWorld = R"({
  "startTime": "2026-11-28T09:00:00Z",
  "accounts": {"333333333333": {
    "users": {
      "ops": {"policies": [{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["ec2:AssociateIamInstanceProfile", "lambda:CreateFunction"], "Resource": "*"},
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::333333333333:role/App*",
         "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}},
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::333333333333:role/Fn*",
         "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}]}]},
      "reader": {"attachedPolicies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]},
      "iamreader": {"attachedPolicies": ["arn:aws:iam::aws:policy/IAMReadOnlyAccess"]},
      "admin": {"attachedPolicies": ["arn:aws:iam::aws:policy/AdministratorAccess"]}
    },
    "roles": {
      "AppRole": {"trustPolicy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}},
      "AppForLambda": {"trustPolicy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}},
      "FnRole": {"trustPolicy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole",
         "Condition": {"StringEquals": {"aws:SourceAccount": "333333333333"}}}]}},
      "FnEc2Only": {"trustPolicy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}
    },
    "instances": {"i-1": {}, "i-2": {}},
    "buckets": {"b": {"objects": {"k": "v"}}}
  }}
})";

struct Fixture {
  Simulator sim;
  Console console;
  Fixture() : sim(load()), console(sim) {}
  static World load() {
    WorldLoad w = load_world(kWorld);
    REQUIRE_MESSAGE(w.ok, to_string(w.error));
    return std::move(w.world);
  }
  std::string run(const std::string& line) { return console.execute(line); }
};

bool allowed(Simulator& sim, const std::string& user, const std::string& action, const std::string& resource) {
  StsError err;
  return sim.authorize({Caller::Kind::User, "arn:aws:iam::333333333333:user/" + user, ""}, action, resource, "333333333333",
                       nullptr, Context{}, err);
}

}  // namespace

TEST_CASE("iam:PassRole: EC2 needs it for the role, for ec2.amazonaws.com") {
  Fixture f;
  f.run("as ops");
  // PassedToService is lambda for Fn*: ec2 may not receive it.
  std::string out = f.run("aws ec2 associate-iam-instance-profile --instance-id i-1 --iam-instance-profile Name=FnRole");
  CHECK(out ==
        "An error occurred (UnauthorizedOperation) when calling the AssociateIamInstanceProfile operation: You are not "
        "authorized to perform this operation. User: arn:aws:iam::333333333333:user/ops is not authorized to perform: "
        "iam:PassRole on resource: arn:aws:iam::333333333333:role/FnRole because no identity-based policy allows the "
        "iam:PassRole action\n");
  out = f.run("aws ec2 associate-iam-instance-profile --instance-id i-1 --iam-instance-profile Name=AppRole");
  CHECK(out.find("\"State\": \"associating\"") != std::string::npos);
  CHECK(out.find("\"Arn\": \"arn:aws:iam::333333333333:instance-profile/AppRole\"") != std::string::npos);
  CHECK(f.sim.world.account("333333333333")->instances.at("i-1").role == "AppRole");
  CHECK(f.run("aws ec2 associate-iam-instance-profile --instance-id i-1 --iam-instance-profile Name=AppRole") ==
        "An error occurred (IncorrectState) when calling the AssociateIamInstanceProfile operation: There is an existing "
        "association for instance i-1\n");
  // The instance now gets the role's credentials.
  CHECK(f.run("as i-1").find("assumed-role/AppRole/i-1") != std::string::npos);
  // Without a profile there are no credentials.
  CHECK(f.run("as i-2").find("has no instance profile") != std::string::npos);
}

TEST_CASE("iam:PassRole: Lambda needs it, and the role must trust lambda.amazonaws.com") {
  Fixture f;
  f.run("as ops");
  const std::string create = "aws lambda create-function --function-name f --role arn:aws:iam::333333333333:role/";
  // PassedToService is ec2 for App*: Lambda may not receive it.
  CHECK(f.run(create + "AppForLambda") ==
        "An error occurred (AccessDeniedException) when calling the CreateFunction operation: User: "
        "arn:aws:iam::333333333333:user/ops is not authorized to perform: iam:PassRole on resource: "
        "arn:aws:iam::333333333333:role/AppForLambda because no identity-based policy allows the iam:PassRole action\n");
  CHECK(f.run(create + "FnEc2Only") ==
        "An error occurred (InvalidParameterValueException) when calling the CreateFunction operation: The role defined for "
        "the function cannot be assumed by Lambda.\n");
  CHECK(f.run(create + "FnRole").find("\"Role\": \"arn:aws:iam::333333333333:role/FnRole\"") != std::string::npos);
  CHECK(f.run(create + "FnRole") ==
        "An error occurred (ResourceConflictException) when calling the CreateFunction operation: Function already exist: f\n");
  CHECK(f.run("as function:f").find("assumed-role/FnRole/f") != std::string::npos);
  // Every attempt is in the event log, denied ones with AWS's code.
  int lambda_events = 0;
  for (const auto& e : f.sim.events) lambda_events += e["eventSource"] == "lambda.amazonaws.com";
  CHECK(lambda_events == 4);
}

TEST_CASE("AWS managed policies: ReadOnlyAccess reads but never writes or passes roles") {
  Fixture f;
  CHECK(allowed(f.sim, "reader", "s3:GetObject", "arn:aws:s3:::b/k"));
  CHECK(allowed(f.sim, "reader", "iam:GetRole", "arn:aws:iam::333333333333:role/AppRole"));
  CHECK(allowed(f.sim, "reader", "ec2:DescribeInstances", "*"));
  CHECK(allowed(f.sim, "reader", "lambda:GetFunctionConfiguration", "arn:aws:lambda:us-east-1:333333333333:function:f"));
  CHECK_FALSE(allowed(f.sim, "reader", "s3:PutObject", "arn:aws:s3:::b/k"));
  CHECK_FALSE(allowed(f.sim, "reader", "iam:PassRole", "arn:aws:iam::333333333333:role/AppRole"));
  CHECK_FALSE(allowed(f.sim, "reader", "iam:UpdateAssumeRolePolicy", "arn:aws:iam::333333333333:role/AppRole"));
  CHECK(allowed(f.sim, "iamreader", "iam:ListRoles", "*"));
  CHECK_FALSE(allowed(f.sim, "iamreader", "s3:GetObject", "arn:aws:s3:::b/k"));
  CHECK(allowed(f.sim, "admin", "iam:PassRole", "arn:aws:iam::333333333333:role/AppRole"));
  const ManagedPolicy& ro = f.sim.world.aws_managed.at("arn:aws:iam::aws:policy/ReadOnlyAccess");
  CHECK(ro.abridged);
  CHECK_FALSE(f.sim.world.aws_managed.at("arn:aws:iam::aws:policy/AdministratorAccess").abridged);
  CHECK(f.sim.world.aws_managed.count("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole") == 1);
}
