// Command-line handling for the console: shell-like words, AWS-CLI-style
// --options, and "did you mean" suggestions for typos.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolelab {

// Splits a line into words: whitespace separates; '...' and "..." quote;
// backslash escapes outside single quotes. Returns nothing (and sets error)
// for an unterminated quote.
std::optional<std::vector<std::string>> split_words(std::string_view line, std::string& error);

// The closest candidate by edit distance, if it is close enough to be a typo.
std::optional<std::string> suggest(const std::string& word, const std::vector<std::string>& candidates);

// Options of one AWS CLI operation: which take one value, which take a list.
struct OptionSpec {
  std::vector<std::string> single;  // --role-arn X
  std::vector<std::string> multi;   // --tags A B C
  std::vector<std::string> required;
  int positional = 0;  // s3api get-object's OUTFILE
};

struct ParsedOptions {
  std::map<std::string, std::string> single;
  std::map<std::string, std::vector<std::string>> multi;
  std::vector<std::string> positional;
  std::string error;  // the AWS CLI's usage error text, when the words do not fit
};

ParsedOptions parse_options(const std::vector<std::string>& words, std::size_t start, const OptionSpec& spec);

}  // namespace rolelab
