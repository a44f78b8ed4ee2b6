// libFuzzer target: any bytes as `aws iam get-account-authorization-details`
// output (world import, issue 13): an error that says where (file, JSON path)
// and why (code, message), or a world whose report (who can assume which
// role, wide trust, admin-equivalent principals, every policy's findings) can
// be printed as text and JSON; every note names its file and subject. The
// first 0x01 byte, if any, splits the input: the account file before it, an
// --organization file (SCPs per account) after it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/account_report.h"
#include "world/import_details.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = in.find('\x01');
  rolelab::ImportFile account{"account.json", std::string(in.substr(0, cut))};
  rolelab::ImportFile org{"scps.json", cut == std::string_view::npos ? std::string() : std::string(in.substr(cut + 1))};
  rolelab::ImportOptions options;
  if (cut != std::string_view::npos) options.organization = &org;
  rolelab::ImportResult r = rolelab::import_account_details({account}, options);
  if (!r.ok) {
    if (r.error.code.empty() || r.error.message.empty() || r.error_file.empty()) __builtin_trap();
    return 0;
  }
  for (const rolelab::ImportNote& n : r.notes)
    if (n.file.empty() || n.subject.empty() || n.message.empty()) __builtin_trap();
  (void)rolelab::import_notes_text(r);
  rolelab::AccountReport report = rolelab::account_report(r.world);
  (void)rolelab::to_text(report);
  (void)rolelab::to_json(report).dump();
  return 0;
}
