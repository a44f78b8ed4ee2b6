// Base64 and base64url decoding (JWT segments, SAML assertions). Never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rolelab {

// Accepts both alphabets (+/ and -_), with or without '=' padding.
std::optional<std::string> base64_decode(std::string_view in);
std::string base64_encode(std::string_view in);

}  // namespace rolelab
