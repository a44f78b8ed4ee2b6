#include "world/import_details.h"

#include <set>

#include <nlohmann/json.hpp>

#include "policy/arn.h"
#include "world/import_documents.h"

namespace rolelab {

namespace {

using OJ = nlohmann::ordered_json;
using import_detail::document_text;

constexpr const char* kShapeError = "InvalidAccountDetails";
constexpr const char* kAwsPolicyPrefix = "arn:aws:iam::aws:policy/";

// The keys of get-account-authorization-details' output
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html).
// The AWS CLI adds NextToken when --max-items cut the output short.
const std::set<std::string, std::less<>> kTopKeys = {"UserDetailList", "GroupDetailList", "RoleDetailList",
                                                     "Policies",       "IsTruncated",     "Marker",
                                                     "NextToken"};

// One account being built from one or more files.
struct AccountOut {
  OJ users = OJ::object(), groups = OJ::object(), roles = OJ::object(), managed = OJ::object();
  std::set<std::string> managed_names;
  std::map<std::string, std::string> managed_by_arn;  // customer managed ARN -> default version's JSON text
};

class FileImporter {
 public:
  FileImporter(const ImportFile& file, ImportResult& res, const World& shipped, std::map<std::string, AccountOut>& accounts,
               std::string& latest_date)
      : file_(file), res_(res), shipped_(shipped), accounts_(accounts), latest_date_(latest_date) {}

  bool run() {
    json::ParseResult parsed = json::parse(file_.text, json::Limits{kImportedWorldLimits.max_bytes, 64});
    if (!parsed.ok) return fail_with(parsed.error);
    const json::Value& root = parsed.value;
    if (auto secret = import_detail::find_secret(root)) {
      Diagnostic d;
      d.code = "SecretsInFile";
      d.message = "The file holds " + (secret->what == "an access key id" ? secret->what : "'" + secret->what + "'") +
                  ": RoleLab refuses files with access keys or other secrets and keeps none.";
      d.help = "Import the output of `aws iam get-account-authorization-details`, which holds none, as it is.";
      d.path = secret->path;
      d.line = secret->pos.line;
      d.column = secret->pos.column;
      return fail_with(d);
    }
    if (!root.is_object())
      return fail("", root.pos, "Not the output of `aws iam get-account-authorization-details`: expected a JSON object.");
    bool any = false;
    for (const json::Member& m : root.members) {
      if (kTopKeys.count(m.key)) {
        any = any || m.key.find("List") != std::string::npos || m.key == "Policies";
      } else {
        note(json::pointer_append("", m.key), "file", "Unknown key '" + m.key + "' ignored.");
      }
    }
    if (!any)
      return fail("", root.pos,
                  "Not the output of `aws iam get-account-authorization-details`: none of UserDetailList, "
                  "GroupDetailList, RoleDetailList or Policies is present.");
    truncation(root);
    if (!find_account(root)) return false;
    AccountOut& out = accounts_[account_];
    return list(root, "Policies", [&](const json::Value& v, const std::string& p) { return managed_policy(out, v, p); }) &&
           list(root, "GroupDetailList", [&](const json::Value& v, const std::string& p) { return group(out, v, p); }) &&
           list(root, "UserDetailList", [&](const json::Value& v, const std::string& p) { return user(out, v, p); }) &&
           list(root, "RoleDetailList", [&](const json::Value& v, const std::string& p) { return role(out, v, p); });
  }

 private:
  const ImportFile& file_;
  ImportResult& res_;
  const World& shipped_;
  std::map<std::string, AccountOut>& accounts_;
  std::string& latest_date_;
  std::string account_;

  bool fail_with(const Diagnostic& d) {
    res_.error = d;
    res_.error_file = file_.name;
    return false;
  }
  bool fail(const std::string& path, json::Pos pos, const std::string& message) {
    Diagnostic d;
    d.code = kShapeError;
    d.message = message;
    d.path = path;
    d.line = pos.line;
    d.column = pos.column;
    return fail_with(d);
  }
  void note(const std::string& path, const std::string& subject, const std::string& message) {
    res_.notes.push_back({file_.name, path, subject, message});
  }

  void truncation(const json::Value& root) {
    const json::Value* t = root.find("IsTruncated");
    const json::Value* token = root.find("NextToken");
    if ((t && t->is_bool() && t->boolean) || token) {
      note(t ? "/IsTruncated" : "/NextToken", "file",
           "This is one page of a paged output (IsTruncated / NextToken): the users, groups, roles and policies on "
           "later pages are missing. Run the command without --max-items (the AWS CLI then fetches every page), or "
           "import every page's file.");
    }
  }

  // The account is in every entity's ARN; all must agree.
  bool find_account(const json::Value& root) {
    for (const char* key : {"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"}) {
      const json::Value* l = root.find(key);
      if (!l || !l->is_array()) continue;
      for (std::size_t k = 0; k < l->items.size(); ++k) {
        const json::Value* arn = l->items[k].find("Arn");
        if (!arn || !arn->is_string() || arn->text.rfind(kAwsPolicyPrefix, 0) == 0) continue;
        std::optional<Arn> parsed = parse_arn(arn->text);
        std::string path = json::pointer_append(json::pointer_append(json::pointer_append("", key), k), "Arn");
        if (!parsed || parsed->service != "iam" || !is_account_id(parsed->account))
          return fail(path, arn->pos, "'" + arn->text + "' is not the ARN of an IAM entity (arn:aws:iam::ACCOUNT:...).");
        if (account_.empty()) account_ = parsed->account;
        if (parsed->account != account_)
          return fail(path, arn->pos,
                      "This file mixes accounts " + account_ + " and " + parsed->account +
                          ": give one file per account (the output of the command in each account).");
      }
    }
    if (account_.empty())
      return fail("", root.pos, "The file has no user, group, role or customer managed policy: its account cannot be told.");
    return true;
  }

  template <class F>
  bool list(const json::Value& root, const char* key, F each) {
    const json::Value* l = root.find(key);
    if (!l) return true;
    const std::string path = json::pointer_append("", key);
    if (!l->is_array()) return fail(path, l->pos, std::string(key) + " must be an array.");
    for (std::size_t k = 0; k < l->items.size(); ++k) {
      const std::string ipath = json::pointer_append(path, k);
      if (!l->items[k].is_object()) return fail(ipath, l->items[k].pos, "Each entry of " + std::string(key) + " is an object.");
      if (!each(l->items[k], ipath)) return false;
    }
    return true;
  }

  bool str(const json::Value& obj, const std::string& path, const char* key, std::string& out, bool required = true) {
    const json::Value* v = obj.find(key);
    if (!v) return required ? fail(path, obj.pos, std::string("Missing required key '") + key + "'.") : true;
    if (!v->is_string())
      return fail(json::pointer_append(path, key), v->pos, std::string("'") + key + "' must be a string, not " + json::type_name(v->type) + ".");
    out = v->text;
    return true;
  }

  const json::Value* array(const json::Value& obj, const std::string& path, const char* key, bool& ok) {
    const json::Value* v = obj.find(key);
    ok = true;
    if (!v) return nullptr;
    if (!v->is_array()) ok = fail(json::pointer_append(path, key), v->pos, std::string("'") + key + "' must be an array.");
    return ok ? v : nullptr;
  }

  void saw_date(const json::Value& obj) {
    // "2014-07-30T17:09:20Z" (API) or "2014-07-30T17:09:20+00:00" (AWS CLI v2): keep the first 19 characters.
    const json::Value* d = obj.find("CreateDate");
    if (d && d->is_string() && d->text.size() >= 19 && d->text[10] == 'T') {
      std::string t = d->text.substr(0, 19) + "Z";
      if (t > latest_date_) latest_date_ = t;
    }
  }

  // A policy document, validated as IAM stores it; false (with a note) when RoleLab cannot read it.
  bool document(const json::Value& v, const std::string& path, PolicyKind kind, const std::string& name,
                const std::string& subject, OJ& out, std::string* text_out = nullptr) {
    std::string why;
    auto text = document_text(v, why);
    if (!text) {
      note(path, subject, "Skipped: " + why);
      return false;
    }
    ParseOptions opt;
    opt.kind = kind;
    opt.name = name;
    opt.owner_account = account_;
    opt.path_prefix = path;
    ParsedPolicy p = v.is_object() ? parse_policy(v, opt) : parse_policy(*text, opt);
    if (!p.ok) {
      const Diagnostic& d = p.errors.front();
      std::string where = v.is_object() ? "line " + std::to_string(d.line) + ", column " + std::to_string(d.column)
                                        : "the decoded document's line " + std::to_string(d.line) + ", column " +
                                              std::to_string(d.column);
      note(d.path.empty() ? path : d.path, subject,
           "Skipped: RoleLab cannot model this policy (" + d.code + ": " + d.message + ", " + where + ").");
      return false;
    }
    out = OJ::parse(*text, nullptr, false);
    if (out.is_discarded()) {  // cannot happen after a successful parse; never silently
      note(path, subject, "Skipped: the document is not JSON.");
      return false;
    }
    if (text_out) *text_out = std::move(*text);
    return true;
  }

  bool managed_policy(AccountOut& out, const json::Value& v, const std::string& path) {
    std::string name, arn, default_id;
    if (!str(v, path, "PolicyName", name) || !str(v, path, "Arn", arn) || !str(v, path, "DefaultVersionId", default_id, false))
      return false;
    saw_date(v);
    if (arn.rfind(kAwsPolicyPrefix, 0) == 0) {
      if (!shipped_.aws_managed.count(arn))
        note(path, "policy " + name,
             "AWS managed policy " + arn + " is not one RoleLab ships: users, groups and roles attaching it are "
             "imported without it (noted for each).");
      return true;  // RoleLab's own copy (or none) is used, not the file's
    }
    bool ok = true;
    const json::Value* versions = array(v, path, "PolicyVersionList", ok);
    if (!ok) return false;
    // Only the default version is in force (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html).
    std::size_t others = 0;
    const json::Value* chosen = nullptr;
    std::string chosen_path;
    for (std::size_t k = 0; versions && k < versions->items.size(); ++k) {
      const json::Value& ver = versions->items[k];
      const json::Value* is_default = ver.find("IsDefaultVersion");
      const json::Value* id = ver.find("VersionId");
      bool def = (is_default && is_default->is_bool() && is_default->boolean) ||
                 (!is_default && id && id->is_string() && id->text == default_id);
      if (def && !chosen) {
        chosen = &ver;
        chosen_path = json::pointer_append(path + "/PolicyVersionList", k);
      } else {
        ++others;
      }
    }
    if (!chosen || !chosen->find("Document")) {
      note(path, "policy " + name, "Skipped: no default version with a Document in PolicyVersionList.");
      return true;
    }
    if (others) {
      note(path, "policy " + name,
           std::to_string(others) + " non-default version(s) left out: only the default version is in force.");
    }
    OJ doc;
    std::string text;
    if (!document(*chosen->find("Document"), chosen_path + "/Document", PolicyKind::Identity, name, "policy " + name, doc, &text))
      return true;
    if (out.managed_names.count(name)) note(path, "policy " + name, "Listed twice: the last one is kept.");
    out.managed[name] = std::move(doc);
    out.managed_names.insert(name);
    out.managed_by_arn[arn] = std::move(text);
    return true;
  }

  // Inline policies: [{"PolicyName", "PolicyDocument"}] -> {"NAME": doc}.
  bool inline_policies(const json::Value& v, const std::string& path, const char* key, const std::string& subject, OJ& out) {
    bool ok = true;
    const json::Value* l = array(v, path, key, ok);
    if (!ok) return false;
    for (std::size_t k = 0; l && k < l->items.size(); ++k) {
      const std::string ppath = json::pointer_append(json::pointer_append(path, key), k);
      std::string name;
      if (!str(l->items[k], ppath, "PolicyName", name)) return false;
      const json::Value* d = l->items[k].find("PolicyDocument");
      if (!d) return fail(ppath, l->items[k].pos, "Missing required key 'PolicyDocument'.");
      OJ doc;
      if (document(*d, json::pointer_append(ppath, "PolicyDocument"), PolicyKind::Identity, name,
                   subject + " inline policy " + name, doc))
        out[name] = std::move(doc);
    }
    return true;
  }

  // AttachedManagedPolicies: [{"PolicyName", "PolicyArn"}] -> names (customer managed) or ARNs (AWS managed RoleLab ships).
  bool attached(const AccountOut& acct, const json::Value& v, const std::string& path, const std::string& subject, OJ& out) {
    bool ok = true;
    const json::Value* l = array(v, path, "AttachedManagedPolicies", ok);
    if (!ok) return false;
    out = OJ::array();
    for (std::size_t k = 0; l && k < l->items.size(); ++k) {
      const std::string ppath = json::pointer_append(path + "/AttachedManagedPolicies", k);
      std::string name, arn;
      if (!str(l->items[k], ppath, "PolicyName", name) || !str(l->items[k], ppath, "PolicyArn", arn)) return false;
      if (arn.rfind(kAwsPolicyPrefix, 0) == 0) {
        if (shipped_.aws_managed.count(arn)) {
          out.push_back(arn);
        } else {
          note(ppath, subject,
               "AWS managed policy " + arn + " left out: RoleLab does not ship it, so what it allows is missing here.");
        }
      } else if (acct.managed_by_arn.count(arn)) {
        out.push_back(name);
      } else {
        note(ppath, subject,
             "Customer managed policy " + arn + " left out: the file's Policies list does not have it (or it could not be read).");
      }
    }
    return true;
  }

  // PermissionsBoundary: {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn"} -> the policy's document.
  bool boundary(const AccountOut& acct, const json::Value& v, const std::string& path, const std::string& subject, OJ& entity) {
    const json::Value* b = v.find("PermissionsBoundary");
    if (!b) return true;
    const std::string bpath = json::pointer_append(path, "PermissionsBoundary");
    if (!b->is_object()) return fail(bpath, b->pos, "'PermissionsBoundary' must be an object.");
    std::string arn;
    if (!str(*b, bpath, "PermissionsBoundaryArn", arn)) return false;
    std::string text;
    if (auto it = acct.managed_by_arn.find(arn); it != acct.managed_by_arn.end()) {
      text = it->second;
    } else if (auto aws = shipped_.aws_managed.find(arn); aws != shipped_.aws_managed.end()) {
      text = aws->second.doc.text;
    } else {
      note(bpath, subject,
           "Permissions boundary " + arn + " left out (unknown policy): here the " + subject.substr(0, subject.find(' ')) +
               " may do more than in AWS.");
      return true;
    }
    ParseOptions opt;
    opt.kind = PolicyKind::Boundary;
    opt.name = subject + " boundary";
    ParsedPolicy p = parse_policy(text, opt);
    if (!p.ok) {
      note(bpath, subject, "Permissions boundary " + arn + " left out: " + p.errors.front().message);
      return true;
    }
    entity["permissionsBoundary"] = OJ::parse(text, nullptr, false);
    return true;
  }

  bool tags(const json::Value& v, const std::string& path, OJ& entity) {
    bool ok = true;
    const json::Value* l = array(v, path, "Tags", ok);
    if (!ok) return false;
    if (!l || l->items.empty()) return true;
    OJ t = OJ::object();
    for (std::size_t k = 0; k < l->items.size(); ++k) {
      const std::string tpath = json::pointer_append(path + "/Tags", k);
      std::string key, value;
      if (!str(l->items[k], tpath, "Key", key) || !str(l->items[k], tpath, "Value", value)) return false;
      t[key] = value;
    }
    entity["tags"] = std::move(t);
    return true;
  }

  bool group(AccountOut& out, const json::Value& v, const std::string& path) {
    std::string name, p = "/";
    if (!str(v, path, "GroupName", name) || !str(v, path, "Path", p, false)) return false;
    saw_date(v);
    const std::string subject = "group " + name;
    OJ g = OJ::object(), pols = OJ::object(), att;
    g["path"] = p;
    if (!inline_policies(v, path, "GroupPolicyList", subject, pols) || !attached(out, v, path, subject, att)) return false;
    if (!pols.empty()) g["policies"] = std::move(pols);
    if (!att.empty()) g["attachedPolicies"] = std::move(att);
    out.groups[name] = std::move(g);
    return true;
  }

  bool user(AccountOut& out, const json::Value& v, const std::string& path) {
    std::string name, p = "/";
    if (!str(v, path, "UserName", name) || !str(v, path, "Path", p, false)) return false;
    saw_date(v);
    const std::string subject = "user " + name;
    OJ u = OJ::object(), pols = OJ::object(), att, groups = OJ::array();
    u["path"] = p;
    if (!inline_policies(v, path, "UserPolicyList", subject, pols) || !attached(out, v, path, subject, att)) return false;
    if (!pols.empty()) u["policies"] = std::move(pols);
    if (!att.empty()) u["attachedPolicies"] = std::move(att);
    if (!boundary(out, v, path, subject, u) || !tags(v, path, u)) return false;
    bool ok = true;
    const json::Value* gl = array(v, path, "GroupList", ok);
    if (!ok) return false;
    for (std::size_t k = 0; gl && k < gl->items.size(); ++k) {
      const std::string gpath = json::pointer_append(path + "/GroupList", k);
      if (!gl->items[k].is_string()) return fail(gpath, gl->items[k].pos, "GroupList holds group names (strings).");
      if (out.groups.contains(gl->items[k].text)) {
        groups.push_back(gl->items[k].text);
      } else {
        note(gpath, subject, "Membership of group " + gl->items[k].text + " left out: GroupDetailList does not have it.");
      }
    }
    if (!groups.empty()) u["groups"] = std::move(groups);
    out.users[name] = std::move(u);
    return true;
  }

  bool role(AccountOut& out, const json::Value& v, const std::string& path) {
    std::string name, p = "/";
    if (!str(v, path, "RoleName", name) || !str(v, path, "Path", p, false)) return false;
    saw_date(v);
    const std::string subject = "role " + name;
    const std::string slr_prefix = "/aws-service-role/";
    if (p.rfind(slr_prefix, 0) == 0 && p.size() > slr_prefix.size()) {
      // AWS defines a service-linked role; RoleLab models those of the services it knows.
      std::string service = p.substr(slr_prefix.size(), p.size() - slr_prefix.size() - 1);
      Role known;
      if (build_service_linked_role(account_, service, known) && known.name == name) {
        out.roles[name] = OJ{{"serviceLinked", service}};
        note(path, subject,
             "Service-linked role of " + service + ": modelled with the trust and permissions AWS defines for it "
             "(RoleLab's copy, abridged to the actions lessons use); the file's policies for it are not used.");
        return true;
      }
      note(path, subject,
           "Service-linked role of " + service + ", which RoleLab does not model as such: imported as an ordinary "
           "role with its trust and permissions (AWS would refuse edits to it).");
    }
    const json::Value* trust = v.find("AssumeRolePolicyDocument");
    if (!trust) return fail(path, v.pos, "Missing required key 'AssumeRolePolicyDocument'.");
    OJ r = OJ::object(), doc, pols = OJ::object(), att;
    r["path"] = p;
    if (!document(*trust, path + "/AssumeRolePolicyDocument", PolicyKind::Trust, "trust policy of role " + name, subject, doc)) {
      note(path, subject, "Skipped: without its trust policy the role cannot be modelled (see the note before).");
      return true;
    }
    r["trustPolicy"] = std::move(doc);
    if (!inline_policies(v, path, "RolePolicyList", subject, pols) || !attached(out, v, path, subject, att)) return false;
    if (!pols.empty()) r["policies"] = std::move(pols);
    if (!att.empty()) r["attachedPolicies"] = std::move(att);
    if (!boundary(out, v, path, subject, r) || !tags(v, path, r)) return false;
    bool ok = true;
    const json::Value* profiles = array(v, path, "InstanceProfileList", ok);
    if (!ok) return false;
    for (std::size_t k = 0; profiles && k < profiles->items.size(); ++k) {
      const json::Value* pn = profiles->items[k].find("InstanceProfileName");
      if (pn && pn->is_string() && pn->text != name) {
        note(json::pointer_append(path + "/InstanceProfileList", k), subject,
             "Instance profile " + pn->text + " holds this role: RoleLab gives each role one instance profile named as the role.");
      }
    }
    out.roles[name] = std::move(r);
    return true;
  }
};

// --organization: the world's "organization" object, checked here so that
// errors point into that file.
bool organization(const ImportFile& f, const std::map<std::string, AccountOut>& accounts, ImportResult& res, OJ& out) {
  auto fail = [&](const std::string& path, json::Pos pos, const std::string& message) {
    res.error_file = f.name;
    res.error = Diagnostic{};
    res.error.code = "InvalidOrganization";
    res.error.message = message;
    res.error.path = path;
    res.error.line = pos.line;
    res.error.column = pos.column;
    return false;
  };
  json::ParseResult parsed = json::parse(f.text, json::Limits{kMaxWorldBytes, 64});
  if (!parsed.ok) {
    res.error_file = f.name;
    res.error = parsed.error;
    return false;
  }
  const json::Value& root = parsed.value;
  const json::Value* scps = root.find("serviceControlPolicies");
  if (!root.is_object() || !scps || !scps->is_object() || root.members.size() != 1)
    return fail("", root.pos,
                "An organization file is {\"serviceControlPolicies\": {\"ACCOUNT\": [[<SCP>, ...], ...]}}: one array of "
                "SCPs per level, root first (docs/import.md).");
  out = OJ::object();
  for (const json::Member& m : scps->members) {
    const std::string apath = json::pointer_append("/serviceControlPolicies", m.key);
    if (!accounts.count(m.key)) return fail(apath, m.key_pos, "SCPs for account " + m.key + ", which no imported file holds.");
    if (!m.value.is_array()) return fail(apath, m.value.pos, "Each account has an array of levels.");
    OJ levels = OJ::array();
    for (std::size_t l = 0; l < m.value.items.size(); ++l) {
      const json::Value& level = m.value.items[l];
      const std::string lpath = json::pointer_append(apath, l);
      if (!level.is_array()) return fail(lpath, level.pos, "Each level is an array of SCP documents.");
      OJ docs = OJ::array();
      for (std::size_t k = 0; k < level.items.size(); ++k) {
        const std::string dpath = json::pointer_append(lpath, k);
        std::string why;
        auto text = document_text(level.items[k], why);
        if (!text) return fail(dpath, level.items[k].pos, "An SCP: " + why);
        ParseOptions opt;
        opt.kind = PolicyKind::ServiceControl;
        opt.name = "SCP " + std::to_string(k + 1) + " at level " + std::to_string(l);
        opt.path_prefix = dpath;
        ParsedPolicy p = level.items[k].is_object() ? parse_policy(level.items[k], opt) : parse_policy(*text, opt);
        if (!p.ok) {
          res.error_file = f.name;
          res.error = p.errors.front();
          return false;
        }
        docs.push_back(OJ::parse(*text, nullptr, false));
      }
      levels.push_back(std::move(docs));
    }
    out[m.key] = std::move(levels);
  }
  return true;
}

}  // namespace

ImportResult import_account_details(const std::vector<ImportFile>& files, const ImportOptions& options) {
  ImportResult res;
  World shipped;
  add_aws_managed_policies(shipped);
  std::map<std::string, AccountOut> accounts;
  std::string latest_date;
  if (files.empty()) {
    res.error.code = kShapeError;
    res.error.message = "No file to import.";
    return res;
  }
  for (const ImportFile& f : files) {
    FileImporter fi(f, res, shipped, accounts, latest_date);
    if (!fi.run()) return res;
  }
  OJ world = OJ::object();
  // The clock starts at the newest CreateDate in the files (the account as exported, give or take).
  world["startTime"] = latest_date.empty() ? "2026-01-01T00:00:00Z" : latest_date;
  OJ accts = OJ::object();
  for (auto& [id, a] : accounts) {
    OJ acct = OJ::object();
    if (auto al = options.aliases.find(id); al != options.aliases.end()) acct["alias"] = al->second;
    if (!a.users.empty()) acct["users"] = std::move(a.users);
    if (!a.groups.empty()) acct["groups"] = std::move(a.groups);
    if (!a.roles.empty()) acct["roles"] = std::move(a.roles);
    if (!a.managed.empty()) acct["managedPolicies"] = std::move(a.managed);
    accts[id] = std::move(acct);
  }
  for (const auto& [id, alias] : options.aliases) {
    if (!accounts.count(id)) {
      res.error.code = "InvalidAccountAlias";
      res.error.message = "--account-alias names account " + id + ", which no imported file holds.";
      return res;
    }
  }
  world["accounts"] = std::move(accts);
  if (options.organization) {
    OJ scps;
    if (!organization(*options.organization, accounts, res, scps)) return res;
    world["organization"] = OJ{{"serviceControlPolicies", std::move(scps)}};
  }
  res.world_text = world.dump(2, ' ', false, OJ::error_handler_t::replace) + "\n";
  // The import only writes what it has validated; loading proves it (and applies the imported-world limits).
  WorldLoad wl = load_world(res.world_text, kImportedWorldLimits);
  if (!wl.ok) {
    res.error = wl.error;
    res.error_file = "(the imported world)";
    res.world_text.clear();
    return res;
  }
  res.accounts = wl.world.accounts.size();
  for (const auto& [id, a] : wl.world.accounts) {
    res.users += a.users.size();
    res.groups += a.groups.size();
    res.roles += a.roles.size();
    res.managed_policies += a.managed.size();
  }
  res.world = std::move(wl.world);
  res.ok = true;
  return res;
}

std::string import_notes_text(const ImportResult& r) {
  std::string out;
  for (const ImportNote& n : r.notes) {
    out += n.file + ": " + (n.path.empty() ? "" : n.path + ": ") + n.subject + ": " + n.message + "\n";
  }
  out += "Imported " + std::to_string(r.accounts) + " account(s): " + std::to_string(r.users) + " users, " +
         std::to_string(r.groups) + " groups, " + std::to_string(r.roles) + " roles, " +
         std::to_string(r.managed_policies) + " customer managed policies; " + std::to_string(r.notes.size()) +
         " note(s).\n";
  return out;
}

}  // namespace rolelab
