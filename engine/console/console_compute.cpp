// The `aws ec2 ...` and `aws lambda ...` commands of the console: giving a
// role to a compute service. Whoever hands a role to EC2 or Lambda needs
// iam:PassRole on it (with iam:PassedToService saying which service), or
// anyone allowed to launch an instance could wear any role in the account
// (id_roles_use_passrole.html). Lambda also checks that it may assume the
// role: its trust policy must name lambda.amazonaws.com.
#include "console/console.h"
#include "console/console_util.h"

namespace rolelab {

using console_util::denial_reason;
using console_util::pretty;

namespace {

const char* const kRegion = "us-east-1";

// One IamInstanceProfileAssociation, in EC2's output shape. Each role has an
// instance profile of the same name.
nlohmann::ordered_json association_json(const Instance& inst, const char* state) {
  return {{"AssociationId", "iip-assoc-" + inst.association},
          {"InstanceId", inst.id},
          {"IamInstanceProfile",
           {{"Arn", "arn:aws:iam::" + inst.account + ":instance-profile/" + inst.role}, {"Id", inst.profile_id}}},
          {"State", state}};
}

// EC2 words a denial as UnauthorizedOperation, before IAM's own sentence.
void ec2_unauthorized(StsError& err) {
  if (err.code != "AccessDenied") return;
  err.code = "UnauthorizedOperation";
  err.message = "You are not authorized to perform this operation. " + err.message;
}

std::string role_name_of(const std::string& role_arn) {
  std::size_t slash = role_arn.rfind('/');
  return slash == std::string::npos ? role_arn : role_arn.substr(slash + 1);
}

}  // namespace

// Instances that start with a profile (from the world file) get their
// association ids when first shown, so worlds need not spell them.
void Console::ensure_association(Instance& inst) {
  if (inst.role.empty() || !inst.association.empty()) return;
  inst.association = sim_.ids.hex(17);
  inst.profile_id = sim_.ids.key_id("AIPA", 17);
}

// Checks iam:PassRole for handing `role` to `service` for `resource_arn`;
// on denial `err` holds "User: X is not authorized to perform: iam:PassRole on
// resource: ROLE ..." as IAM words it.
bool Console::pass_role(const Role& role, const std::string& service, const std::string& resource_arn, StsError& err) {
  Context ctx;
  ctx.set("iam:PassedToService", service);
  ctx.set("iam:AssociatedResourceArn", resource_arn);
  if (sim_.authorize(caller_, "iam:PassRole", role.arn, role.account, nullptr, ctx, err)) return true;
  if (err.code == "AccessDenied") {
    err.message = "User: " + who() + " is not authorized to perform: iam:PassRole on resource: " + role.arn +
                  denial_reason(sim_, "iam:PassRole");
  }
  return false;
}

std::string Console::ec2(const Words& w) {
  static const std::vector<std::string> ops = {"associate-iam-instance-profile", "describe-iam-instance-profile-associations",
                                               "disassociate-iam-instance-profile"};
  if (w.size() < 3) return invalid_choice("operation", "", ops);
  const std::string& op = w[2];
  if (op == "describe-iam-instance-profile-associations") {
    ParsedOptions o = parse_options(w, 3, {});
    if (!o.error.empty()) return o.error + "\n";
    const Principal me = parse_principal(who());
    Account* acct = sim_.world.account(me.account);
    StsError err;
    if (acct && !sim_.authorize(caller_, "ec2:DescribeIamInstanceProfileAssociations", "*", acct->id, nullptr, Context{}, err)) {
      if (err.code == "AccessDenied") {
        err.message = "User: " + who() + " is not authorized to perform: ec2:DescribeIamInstanceProfileAssociations" +
                      denial_reason(sim_, "ec2:DescribeIamInstanceProfileAssociations");
      }
      ec2_unauthorized(err);
      return aws_error("DescribeIamInstanceProfileAssociations", err);
    }
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    if (acct) {
      for (auto& [id, inst] : acct->instances) {
        if (inst.role.empty()) continue;
        ensure_association(inst);
        list.push_back(association_json(inst, "associated"));
      }
    }
    return pretty({{"IamInstanceProfileAssociations", list}});
  }
  if (op != "associate-iam-instance-profile" && op != "disassociate-iam-instance-profile") return invalid_choice("operation", op, ops);
  const bool associate = op == "associate-iam-instance-profile";
  const std::string operation = associate ? "AssociateIamInstanceProfile" : "DisassociateIamInstanceProfile";
  OptionSpec spec;
  if (associate) {
    spec.single = {"--instance-id", "--iam-instance-profile"};
    spec.required = spec.single;
  } else {
    spec.single = {"--association-id"};
    spec.required = spec.single;
  }
  ParsedOptions o = parse_options(w, 3, spec);
  if (!o.error.empty()) return o.error + "\n";

  // EC2 looks instances up in the caller's own account only.
  const Principal me = parse_principal(who());
  Account* acct = sim_.world.account(me.account);
  if (!acct) return aws_error(operation, {"AuthFailure", "AWS was not able to validate the provided access credentials"});
  Instance* inst = nullptr;
  if (associate) {
    auto it = acct->instances.find(o.single["--instance-id"]);
    if (it == acct->instances.end()) {
      return aws_error(operation,
                       {"InvalidInstanceID.NotFound", "The instance ID '" + o.single["--instance-id"] + "' does not exist"});
    }
    inst = &it->second;
  } else {
    for (auto& [id, i] : acct->instances) {
      ensure_association(i);
      if (!i.role.empty() && "iip-assoc-" + i.association == o.single["--association-id"]) inst = &i;
    }
    if (!inst) {
      return aws_error(operation, {"InvalidAssociationID.NotFound",
                                   "An association ID '" + o.single["--association-id"] + "' does not exist"});
    }
  }
  const std::string instance_arn = std::string("arn:aws:ec2:") + kRegion + ":" + acct->id + ":instance/" + inst->id;
  StsError err;
  if (!sim_.authorize(caller_, "ec2:" + operation, instance_arn, acct->id, nullptr, Context{}, err)) {
    if (err.code == "AccessDenied") {
      err.message = "User: " + who() + " is not authorized to perform: ec2:" + operation + " on resource: " + instance_arn +
                    denial_reason(sim_, "ec2:" + operation);
    }
    ec2_unauthorized(err);
    return aws_error(operation, err);
  }
  if (!associate) {
    nlohmann::ordered_json out = {{"IamInstanceProfileAssociation", association_json(*inst, "disassociating")}};
    inst->role.clear();
    return pretty(out);
  }

  // --iam-instance-profile Name=NAME or Arn=ARN. Each role has an instance
  // profile of the same name, as the IAM console creates for EC2 roles.
  const std::string& spec_text = o.single["--iam-instance-profile"];
  std::string profile;
  if (spec_text.rfind("Name=", 0) == 0) {
    profile = spec_text.substr(5);
  } else if (spec_text.rfind("Arn=", 0) == 0) {
    const std::string prefix = "arn:aws:iam::" + acct->id + ":instance-profile/";
    profile = spec_text.substr(4).rfind(prefix, 0) == 0 ? role_name_of(spec_text.substr(4)) : "";
  } else {
    return "Error parsing parameter '--iam-instance-profile': Expected: 'Name=NAME' or 'Arn=ARN', received: '" + spec_text + "'\n";
  }
  auto role_it = acct->roles.find(profile);
  if (profile.empty() || role_it == acct->roles.end()) {
    return aws_error(operation, {"InvalidParameterValue", "Value (" + spec_text.substr(spec_text.find('=') + 1) +
                                                              ") for parameter iamInstanceProfile.name is invalid. Invalid IAM "
                                                              "Instance Profile name"});
  }
  if (!inst->role.empty()) {
    return aws_error(operation, {"IncorrectState", "There is an existing association for instance " + inst->id});
  }
  const Role& role = role_it->second;
  if (!pass_role(role, "ec2.amazonaws.com", instance_arn, err)) {
    ec2_unauthorized(err);
    return aws_error(operation, err);
  }
  inst->role = role.name;
  inst->association = sim_.ids.hex(17);
  inst->profile_id = sim_.ids.key_id("AIPA", 17);
  return pretty({{"IamInstanceProfileAssociation", association_json(*inst, "associating")}});
}

std::string Console::lambda(const Words& w) {
  static const std::vector<std::string> ops = {"create-function", "get-function-configuration", "update-function-configuration"};
  if (w.size() < 3) return invalid_choice("operation", "", ops);
  const std::string& op = w[2];
  if (op != "create-function" && op != "get-function-configuration" && op != "update-function-configuration")
    return invalid_choice("operation", op, ops);
  const bool create = op == "create-function", update = op == "update-function-configuration";
  const std::string operation =
      create ? "CreateFunction" : update ? "UpdateFunctionConfiguration" : "GetFunctionConfiguration";
  OptionSpec spec;
  spec.single = {"--function-name"};
  spec.required = {"--function-name"};
  if (create || update) spec.single.insert(spec.single.end(), {"--role", "--runtime", "--handler", "--description"});
  if (create) {
    spec.single.push_back("--zip-file");
    spec.required.push_back("--role");
  }
  ParsedOptions o = parse_options(w, 3, spec);
  if (!o.error.empty()) return o.error + "\n";

  const Principal me = parse_principal(who());
  Account* acct = sim_.world.account(me.account);
  if (!acct) return aws_error(operation, {"UnrecognizedClientException", "The security token included in the request is invalid."});
  const std::string name = o.single["--function-name"];
  const std::string fn_arn = std::string("arn:aws:lambda:") + kRegion + ":" + acct->id + ":function:" + name;
  auto fn_it = acct->functions.find(name);
  StsError err;
  if (!sim_.authorize(caller_, "lambda:" + operation, fn_arn, acct->id, nullptr, Context{}, err)) {
    if (err.code == "AccessDenied") {
      err.code = "AccessDeniedException";
      err.message = "User: " + who() + " is not authorized to perform: lambda:" + operation + " on resource: " + fn_arn +
                    denial_reason(sim_, "lambda:" + operation);
    }
    return aws_error(operation, err);
  }
  if (create && fn_it != acct->functions.end())
    return aws_error(operation, {"ResourceConflictException", "Function already exist: " + name});
  if (!create && fn_it == acct->functions.end())
    return aws_error(operation, {"ResourceNotFoundException", "Function not found: " + fn_arn});

  Function next;
  if (create) {
    next.name = name;
    next.account = acct->id;
  } else {
    next = fn_it->second;
  }
  if (o.single.count("--runtime")) next.runtime = o.single["--runtime"];
  if (o.single.count("--handler")) next.handler = o.single["--handler"];
  if (o.single.count("--description")) next.description = o.single["--description"];
  if (o.single.count("--role")) {
    const std::string& role_arn = o.single["--role"];
    Role* role = sim_.world.find_role(role_arn);
    if (role && role->arn != role_arn) role = nullptr;  // a role's ARN includes its path
    const bool same_account = role_arn.find(":role/") != std::string::npos && parse_principal(role_arn).account == acct->id;
    if (!same_account) {
      // iam:PassRole only passes a role to a service in the role's own account
      // (IAM User Guide, id_roles_use_passrole.html); Lambda refuses any other
      // with this message, whatever the caller's policies say.
      return aws_error(operation, {"AccessDeniedException", "Cross-account pass role is not allowed."});
    }
    if (!role) {
      return aws_error(operation,
                       {"InvalidParameterValueException", "The role defined for the function cannot be assumed by Lambda."});
    }
    if (!pass_role(*role, "lambda.amazonaws.com", fn_arn, err)) {
      if (err.code == "AccessDenied") err.code = "AccessDeniedException";
      return aws_error(operation, err);
    }
    // Lambda tries the role's trust policy as the service would at run time.
    Context ctx;
    ctx.set("aws:SourceAccount", acct->id);
    ctx.set("aws:SourceArn", fn_arn);
    Caller lambda_service{Caller::Kind::Service, "lambda.amazonaws.com", ""};
    StsError trust_err;
    if (!sim_.authorize(lambda_service, "sts:AssumeRole", role->arn, role->account, &role->trust.policy, ctx, trust_err))
      return aws_error(operation, {"InvalidParameterValueException", "The role defined for the function cannot be assumed by Lambda."});
    next.role = role->name;
  }
  if (create) {
    next.modified = sim_.clock.now();
    acct->log_groups.push_back("/aws/lambda/" + name);
  } else if (update) {
    next.modified = sim_.clock.now();
  }
  Function& fn = acct->functions[name] = next;
  nlohmann::ordered_json out;
  out["FunctionName"] = fn.name;
  out["FunctionArn"] = fn_arn;
  out["Runtime"] = fn.runtime;
  out["Role"] = "arn:aws:iam::" + acct->id + ":role" + (acct->roles.count(fn.role) ? acct->roles.at(fn.role).path : "/") + fn.role;
  out["Handler"] = fn.handler;
  out["Description"] = fn.description;
  out["Timeout"] = 3;
  out["MemorySize"] = 128;
  out["LastModified"] = format_iso8601(fn.modified ? fn.modified : sim_.world.start_time).substr(0, 19) + ".000+0000";
  out["Version"] = "$LATEST";
  out["State"] = "Active";
  out["PackageType"] = "Zip";
  out["Architectures"] = {"x86_64"};
  return pretty(out);
}

}  // namespace rolelab
