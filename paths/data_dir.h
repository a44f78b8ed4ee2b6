#pragma once
// Where the programs find the course's data (lessons/, worlds/, fonts/):
// the same binaries run from a build (data in the source tree, fonts in the
// build tree) and installed (data in <prefix>/share/rolelab, found relative
// to the executable so that a package extracted anywhere, e.g. with
// `dpkg -x` into a scratch root, finds its own copy and nothing else).
#include <string>

namespace rolelab::paths {

struct DataDir {
  std::string dir;     // holds lessons/ and worlds/ (and fonts/ when installed)
  std::string origin;  // "ROLELAB_DATA_DIR", "installed" or "source tree": said by --version
};

// In order: $ROLELAB_DATA_DIR when set and non-empty (used as given, even when
// it lacks lessons/, so that a wrong value shows up as an error instead of
// silently falling back); <dir of executable>/../share/rolelab when it holds
// lessons/; else the source tree the binary was built from.
DataDir data_dir();

// TrueType fonts for the desktop app: <data dir>/fonts when it exists (the
// package ships links to Debian's font files there), else the build tree's
// folder of links (ROLELAB_FONTS_DIR at compile time), else empty.
std::string fonts_dir();

// The running executable's folder ("" when unknown, e.g. under node).
std::string executable_dir();

}  // namespace rolelab::paths
