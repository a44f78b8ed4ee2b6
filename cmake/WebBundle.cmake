# The files that make the browser app work offline, written next to
# index.html in the web build (so build/web/web is the whole static site that
# scripts/package.sh archives, and scripts/run.sh serves it the same way):
# web/sw.js with its cache name filled in, web/manifest.webmanifest, the icon
# as SVG and as 192/512 PNGs (drawn from packaging/rolelab.svg).
# Included from cmake/Packaging.cmake for the Emscripten build.
if(NOT TARGET rolelab-web)
  return()
endif()
set(site ${CMAKE_BINARY_DIR}/web)  # where rolelab-web writes index.html/.js/.wasm
set(icon ${CMAKE_SOURCE_DIR}/packaging/rolelab.svg)
set(outputs ${site}/sw.js ${site}/manifest.webmanifest ${site}/icon.svg)
foreach(size 192 512)
  add_custom_command(OUTPUT ${site}/icon-${size}.png
    COMMAND ${CMAKE_COMMAND} -DSVG=${icon} -DPNG=${site}/icon-${size}.png -DSIZE=${size} -P ${CMAKE_SOURCE_DIR}/cmake/RenderIcon.cmake
    DEPENDS ${icon} ${CMAKE_SOURCE_DIR}/cmake/RenderIcon.cmake)
  list(APPEND outputs ${site}/icon-${size}.png)
endforeach()
add_custom_command(OUTPUT ${site}/manifest.webmanifest ${site}/icon.svg
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/web/manifest.webmanifest ${site}/manifest.webmanifest
  COMMAND ${CMAKE_COMMAND} -E copy ${icon} ${site}/icon.svg
  DEPENDS ${CMAKE_SOURCE_DIR}/web/manifest.webmanifest ${icon})
# Re-stamped whenever the page is relinked (index.html is the target's file;
# index.js and index.wasm are written by the same link).
add_custom_command(OUTPUT ${site}/sw.js
  COMMAND ${CMAKE_COMMAND} -DSRC=${CMAKE_SOURCE_DIR}/web/sw.js -DOUT=${site}/sw.js -DSITE=${site}
    -DVERSION=${PROJECT_VERSION} -P ${CMAKE_SOURCE_DIR}/cmake/StampServiceWorker.cmake
  DEPENDS rolelab-web ${CMAKE_SOURCE_DIR}/web/sw.js ${CMAKE_SOURCE_DIR}/cmake/StampServiceWorker.cmake
    ${site}/manifest.webmanifest ${site}/icon.svg)
add_custom_target(rolelab_web_offline ALL DEPENDS ${outputs})
