// The generated service catalogue (catalogue_data.cpp): bytes in the format
// described at the top of scripts/gen-catalogue.mjs, read by catalogue.cpp.
#pragma once

namespace rolelab::analyzer {
extern const unsigned char kCatalogueData[];
extern const unsigned kCatalogueSize;
}  // namespace rolelab::analyzer
