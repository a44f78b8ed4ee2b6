# Release packaging (scripts/package.sh runs it):
#  - native build: install rules for everything but the two programs (those
#    sit next to their targets in cli/ and web/) and CPack's DEB generator,
#    giving build/dist/rolelab_VERSION_ARCH.deb;
#  - web build: the offline files beside index.html (cmake/WebBundle.cmake).
# The version everywhere is the CMake project version (PROJECT_VERSION).
if(EMSCRIPTEN)
  include(${CMAKE_CURRENT_LIST_DIR}/WebBundle.cmake)
  return()
endif()

include(GNUInstallDirs)
set(ROLELAB_SHARE "${CMAKE_INSTALL_DATADIR}/rolelab")  # paths/data_dir.cpp looks in <bin>/../share/rolelab

# The course. Fonts are not copied: the package depends on Debian's font
# packages and ships links to their files (the build tree's fonts/ folder),
# as Debian policy asks of packages that use a packaged font.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/lessons/ DESTINATION ${ROLELAB_SHARE}/lessons FILES_MATCHING PATTERN "*.json")
install(DIRECTORY ${CMAKE_SOURCE_DIR}/worlds/ DESTINATION ${ROLELAB_SHARE}/worlds FILES_MATCHING PATTERN "*.json")
install(DIRECTORY ${CMAKE_BINARY_DIR}/fonts/ DESTINATION ${ROLELAB_SHARE}/fonts)

# Made at build time: the icon as PNG (from the SVG) and the man page with
# the version filled in, gzipped (-n: no time stamp, the same bytes each time).
set(pkg ${CMAKE_BINARY_DIR}/packaging)
configure_file(${CMAKE_SOURCE_DIR}/docs/rolelab-cli.1 ${pkg}/rolelab-cli.1 @ONLY)
add_custom_command(OUTPUT ${pkg}/rolelab.png
  COMMAND ${CMAKE_COMMAND} -DSVG=${CMAKE_SOURCE_DIR}/packaging/rolelab.svg -DPNG=${pkg}/rolelab.png -DSIZE=256
    -P ${CMAKE_SOURCE_DIR}/cmake/RenderIcon.cmake
  DEPENDS ${CMAKE_SOURCE_DIR}/packaging/rolelab.svg ${CMAKE_SOURCE_DIR}/cmake/RenderIcon.cmake
  COMMENT "Drawing the 256x256 icon")
add_custom_command(OUTPUT ${pkg}/rolelab-cli.1.gz
  COMMAND sh -c "gzip -9n -c rolelab-cli.1 > rolelab-cli.1.gz"
  WORKING_DIRECTORY ${pkg} DEPENDS ${pkg}/rolelab-cli.1 VERBATIM)
add_custom_target(rolelab_package_files ALL DEPENDS ${pkg}/rolelab.png ${pkg}/rolelab-cli.1.gz)

install(FILES ${CMAKE_SOURCE_DIR}/packaging/rolelab.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/rolelab.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${pkg}/rolelab.png DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps)
install(FILES ${pkg}/rolelab-cli.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The .deb (CPack's DEB generator). CPack installs without building `all`
# first: scripts/package.sh builds just the packaged targets.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME rolelab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CONTACT "RoleLab maintainers <rolelab@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "interactive tutorial for AWS IAM roles (desktop app and CLI)")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "interactive tutorial for AWS IAM roles (desktop app and CLI)
 RoleLab teaches AWS IAM roles and delegation by doing: trust policies,
 permissions policies, sessions, cross-account access. rolelab-desktop is the
 lesson runner; rolelab-cli runs the same IAM engine headless (assume,
 simulate, validate, lessons, console).")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # rolelab_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Libraries (libglfw3, libgl1, libstdc++6, libc6, ...) from the binaries
# themselves when dpkg-shlibdeps is there (dpkg-dev); else named by hand.
find_program(DPKG_SHLIBDEPS dpkg-shlibdeps)
set(fonts "fonts-roboto-unhinted, fonts-jetbrains-mono")
if(DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "${fonts}")
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libglfw3 (>= 3.3), libgl1, libstdc++6 (>= 12), libgcc-s1, libc6 (>= 2.34), ${fonts}")
endif()
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xdg-utils")  # links in lessons open with xdg-open
include(CPack)
