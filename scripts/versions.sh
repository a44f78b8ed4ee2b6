# The one place where RoleLab's dependency versions are recorded.
# Sourced by scripts/deps.sh (which installs them) and by the build.
# Debian 12 "bookworm" packages (versions as shipped by bookworm):
DEB_PACKAGES="emscripten nlohmann-json3-dev doctest-dev libglfw3-dev xvfb xauth imagemagick chromium fonts-roboto-unhinted fonts-jetbrains-mono xz-utils clang-14 libclang-rt-14-dev"
#   emscripten 3.1.6, nlohmann-json3-dev 3.11.2, doctest-dev 2.4.9, libglfw3-dev 3.3.8
# Dear ImGui sources: Debian 13 "trixie" source package (1.86 from bookworm
# builds but its GLFW backend throws in the browser).
IMGUI_SRC_VERSION="1.90.1+ds-1"
IMGUI_ORIG_TARBALL="imgui_1.90.1+ds.orig.tar.xz"
IMGUI_SUITE="trixie"
# npm packages for browser tests only, installed into build/deps/node.
PLAYWRIGHT_CORE_VERSION="1.64.1"
