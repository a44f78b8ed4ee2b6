// Importing a real account: the output of `aws iam
// get-account-authorization-details` (one file per account, the AWS CLI's
// JSON with policy documents as objects, or the API's form with URL-encoded
// documents) becomes a world (docs/world.md, docs/import.md). Nothing the
// world cannot model is dropped silently: every skipped entity, policy,
// membership or attachment gets a note saying what and why. A file holding
// access keys or other secrets is refused. Pure: no file access, never throws
// except std::bad_alloc.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "json/diagnostic.h"
#include "world/world.h"

namespace rolelab {

struct ImportFile {
  std::string name;  // how messages name it (the file name)
  std::string text;
};

struct ImportOptions {
  std::map<std::string, std::string> aliases;  // account id -> alias (--account-alias)
  // --organization: {"serviceControlPolicies": {"ACCOUNT": [[<doc>, ...], ...]}},
  // the world's "organization" object (one array of SCPs per level, root first).
  const ImportFile* organization = nullptr;
};

// Something imported differently from the account, or not at all.
struct ImportNote {
  std::string file;
  std::string path;     // JSON pointer in that file
  std::string subject;  // "user alice", "role Deploy", "policy ReadLogs", "file"
  std::string message;  // what happened and why
};

struct ImportResult {
  bool ok = false;
  std::string error_file;  // which input the error is in
  Diagnostic error;        // InvalidAccountDetails / InvalidJson / SecretsInFile, with path and line:column
  std::string world_text;  // the world, pretty JSON (2-space indents)
  World world;             // the same, loaded (with the imported-world limits)
  std::vector<ImportNote> notes;
  std::size_t accounts = 0, users = 0, groups = 0, roles = 0, managed_policies = 0;
};

ImportResult import_account_details(const std::vector<ImportFile>& files, const ImportOptions& options);

// "file: path: subject: message" lines, then a summary line.
std::string import_notes_text(const ImportResult& r);

}  // namespace rolelab
