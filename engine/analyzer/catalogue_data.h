// The generated service catalogue text (catalogue_data.cpp, scripts/gen-catalogue.mjs).
#pragma once

namespace rolelab::analyzer {
extern const char kCatalogueText[];
extern const unsigned kCatalogueSize;
}  // namespace rolelab::analyzer
